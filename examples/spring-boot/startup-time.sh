#!/usr/bin/env bash
# What zprof-spring-boot-starter adds to a Spring Boot application's start-up: starts this example N times with the
# starter and N times without it (the same class path minus zprof's jars), alternating, and prints Spring Boot's own
# "Started ... in X seconds (process running for Y)" figures. Usage: examples/spring-boot/startup-time.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
mvn -B -q -o -pl examples/spring-boot -am package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip=true \
    -Dmaven.source.skip=true -Dmdep.outputFile=target/classpath.txt
with="examples/spring-boot/target/classes:$(cat examples/spring-boot/target/classpath.txt)"
# zprof's jars are the reactor's: <module>/target/zprof-*.jar
without=$(tr ':' '\n' <<<"$with" | grep -v '/target/zprof-' | paste -sd: -)
echo "class path: $(tr ':' '\n' <<<"$with" | wc -l) entries with the starter, $(tr ':' '\n' <<<"$without" | wc -l) without"
run() { # $1 = label, $2 = class path
    java -XX:TieredStopAtLevel=1 -cp "$2" io.zprof.examples.springboot.ExampleApplication --server.port=0 \
        --example.exit-when-ready=true --logging.level.root=WARN --logging.level.io.zprof.examples=INFO \
        --spring.main.log-startup-info=true --zprof.dump.path="$(mktemp -d)/dumps" 2>&1 \
      | sed -n "s/.*Started ExampleApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/$1 \1 \2/p"
}
results=$(for i in $(seq "$runs"); do run with "$with"; run without "$without"; done)
echo "$results"
awk '{ n[$1]++; s[$1]+=$2; p[$1]+=$3; ss[$1]+=$2*$2 }
     END { for (k in n) printf "%-8s n=%d  started in %.3f s (sd %.3f)  process running for %.3f s\n",
                                k, n[k], s[k]/n[k], sqrt(ss[k]/n[k]-(s[k]/n[k])^2), p[k]/n[k] }' <<<"$results"
