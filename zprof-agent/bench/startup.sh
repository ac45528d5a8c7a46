#!/usr/bin/env bash
# Start-up cost of -javaagent:zprof-agent.jar: runs a main that prints the JVM's uptime when main starts, then exits,
# N times without and N times with the agent (interleaved), and prints the median and mean of both the uptime at main
# and the whole run's wall time. Usage: zprof-agent/bench/startup.sh [runs] (after mvn package of zprof-agent).
set -euo pipefail
runs=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/../target/zprof-agent.jar"
[ -f "$jar" ] || { echo "build the agent first: mvn -B -pl zprof-agent -am package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/dumps"
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
JAVA
javac -d "$work" "$work/Hello.java"
agent="-javaagent:$jar=dump.path=$work/dumps/d"
: > "$work/without"; : > "$work/with"
for _ in $(seq "$runs"); do
  for mode in without with; do
    opts=(); [ "$mode" = with ] && opts=("$agent")
    start=$(date +%s%N)
    up=$(java "${opts[@]}" -Xshare:auto -cp "$work" Hello 2>/dev/null | tail -1)
    end=$(date +%s%N)
    echo "$up $(( (end - start) / 1000000 ))" >> "$work/$mode"
  done
done
stats() { # column of $1 in file $2: median and mean
  sort -n -k"$1" "$2" | awk -v c="$1" '{v[NR]=$c; s+=$c} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "median %6.1f ms  mean %6.1f ms", m, s/NR}'
}
echo "java $(java -version 2>&1 | head -1), $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in without with; do
  echo "$mode agent: uptime at main: $(stats 1 "$work/$mode") | whole run: $(stats 2 "$work/$mode")"
done
