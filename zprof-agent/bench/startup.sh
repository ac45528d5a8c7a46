#!/usr/bin/env bash
# Start-up cost of -javaagent:zprof-agent.jar: runs a main that prints the wall clock when it begins (java.base only,
# so the measurement shares no class or lock with zprof's start; the script subtracts the clock at launch), then
# exits, N times each without an agent, with an empty agent (what any -javaagent costs the JVM) and with zprof's,
# interleaved, and prints the median and mean of that time to main and of the whole run's wall time. Usage: zprof-agent/bench/startup.sh [runs] (after mvn package of zprof-agent).
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
        System.out.println(System.currentTimeMillis());
    }
}
JAVA
cat > "$work/Empty.java" <<'JAVA'
public class Empty {
    public static void premain(String options, java.lang.instrument.Instrumentation inst) {
    }
}
JAVA
javac -d "$work" "$work/Hello.java" "$work/Empty.java"
printf 'Premain-Class: Empty\n' > "$work/empty.mf"
jar cfm "$work/empty.jar" "$work/empty.mf" -C "$work" Empty.class
modes=(no-agent empty-agent zprof-agent)
declare -A opt=([no-agent]="" [empty-agent]="-javaagent:$work/empty.jar" [zprof-agent]="-javaagent:$jar=dump.path=$work/dumps/d")
for mode in "${modes[@]}"; do : > "$work/$mode"; done
for _ in $(seq "$runs"); do
  for mode in "${modes[@]}"; do
    opts=(); [ -n "${opt[$mode]}" ] && opts=("${opt[$mode]}")
    start=$(date +%s%N)
    at_main=$(java "${opts[@]}" -Xshare:auto -cp "$work" Hello 2>/dev/null | tail -1)
    end=$(date +%s%N)
    echo "$(( at_main - start / 1000000 )) $(( (end - start) / 1000000 ))" >> "$work/$mode"
  done
done
stats() { # column of $1 in file $2: median and mean
  sort -n -k"$1" "$2" | awk -v c="$1" '{v[NR]=$c; s+=$c} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "median %6.1f ms  mean %6.1f ms", m, s/NR}'
}
echo "java $(java -version 2>&1 | head -1), $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in "${modes[@]}"; do
  echo "$mode: time to main: $(stats 1 "$work/$mode") | whole run: $(stats 2 "$work/$mode")"
done
