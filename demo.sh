#!/usr/bin/env bash
# Builds zprof and runs the demo: every rule fires in turn, evidence lands in ./dumps (about a minute).
# ./demo.sh --agent [cpu,threads,...]: the same demo in an application that builds no engine and has no zprof class on
# its class path; zprof is started by -javaagent:zprof-agent.jar with the demo's settings file, and the demo watches it
# through the MBean io.zprof:type=Zprof and the dump directory, as an operator would.
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${1:-}" == --agent ]]; then
  shift
  mvn -B -q -DskipTests package -pl zprof-demo,zprof-agent -am
  version=$(sed -n 's|.*<artifactId>zprof-parent</artifactId><version>\([^<]*\)</version>.*|\1|p' zprof-demo/pom.xml)
  options=config=zprof-demo/src/main/resources/io/zprof/demo/demo.properties  # watched: edit it while the demo runs
  options+=,reporter.eventlog.path=$PWD/dumps/events.log
  options+=,plugins=examples/custom-reporter/target/custom-reporter-$version.jar
  exec java -Xmx512m -javaagent:zprof-agent/target/zprof-agent.jar="$options" \
    -cp "zprof-demo/target/zprof-demo-$version.jar" io.zprof.demo.AgentDemo "$@"
fi
mvn -B -q -DskipTests package -pl zprof-demo -am
exec java -Xmx512m -jar zprof-demo/target/zprof-demo.jar "$@"
