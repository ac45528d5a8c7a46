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
    java -Dexample.startup-steps=true -cp "$2" io.zprof.examples.springboot.ExampleApplication --server.port=0 \
        --example.exit-when-ready=true --logging.level.root=WARN --logging.level.io.zprof.examples=INFO \
        --logging.level.io.zprof.spring.boot.ZprofLifecycle=DEBUG --spring.main.log-startup-info=true \
        --zprof.dump.path="$(mktemp -d)/dumps" > "$log" 2>&1
    started=$(sed -n 's/.*Started ExampleApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' "$log")
    beans=$(sed -n 's/^zprof beans created in \([0-9.]*\) ms/\1/p' "$log")
    start=$(sed -n 's/.*zprof: started with the application context in \([0-9]*\) ms.*/\1/p' "$log")
    echo "$1 $started ${beans:-0} ${start:-0}"
}
log=$(mktemp)
results=$(for i in $(seq "$runs"); do run with "$with"; run without "$without"; done)
echo "label started-s process-s zprof-beans-ms zprof-start-ms"
echo "$results"
# mean, and the median, which a run slowed by the machine's other work moves less
for k in with without; do
  rows=$(grep "^$k " <<<"$results" | sort -k2,2n)
  median=$(awk '{ v[NR]=$2 } END { print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2 }' <<<"$rows")
  awk -v k="$k" -v m="$median" '{ s+=$2; b+=$4; z+=$5 }
    END { printf "%-8s n=%d  started in: mean %.2f s, median %.2f s; zprof beans %.1f ms, zprof start %.1f ms\n",
                 k, NR, s/NR, m, b/NR, z/NR }' <<<"$rows"
done
