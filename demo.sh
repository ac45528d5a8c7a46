#!/usr/bin/env bash
# Builds zprof and runs the demo: every rule fires in turn, evidence lands in ./dumps (about a minute).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package -pl zprof-demo -am
exec java -Xmx512m -jar zprof-demo/target/zprof-demo.jar "$@"
