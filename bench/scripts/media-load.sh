#!/usr/bin/env bash
# Media relay load: runs io.switchboard.bench.media.RelayLoad (engine and simulated phones in one JVM, over
# 127.0.0.1) for each number of calls in CALLS, writes the raw output to bench/results/media-<date>.txt and prints a
# Markdown table. Builds bench/target/benchmarks.jar first if it is missing.
# (SECONDS_PER_RUN, not SECONDS: bash keeps its own SECONDS counter.)
#   CALLS="250 500 1000 2000"  SECONDS_PER_RUN=30  WARMUP=5  ENGINE_THREADS=2  GENERATOR_THREADS=1
#   JAVA_OPTS="-Xms1g -Xmx2g -XX:+UseParallelGC"  EXTRA_ARGS=""  (more RelayLoad options)
#   QUIET_PCT=25  QUIET_WAIT=120: before each run, wait up to QUIET_WAIT s for the machine to be under QUIET_PCT %
#   busy (other processes, e.g. a test run, would otherwise share the cores); the run goes ahead anyway after that.
# Extra Maven flags (e.g. -o) in MVN_FLAGS. Needs jq for the table.
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLS=${CALLS:-"250 500 1000 2000"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
WARMUP=${WARMUP:-5}
ENGINE_THREADS=${ENGINE_THREADS:-2}
GENERATOR_THREADS=${GENERATOR_THREADS:-1}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
EXTRA_ARGS=${EXTRA_ARGS:-}
QUIET_PCT=${QUIET_PCT:-25}
QUIET_WAIT=${QUIET_WAIT:-120}
. bench/scripts/quiet.sh
JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
fi
mkdir -p bench/results
OUT=bench/results/media-$(date -u +%Y%m%d-%H%M%S).txt

{
  echo "# media-load $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "# nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s\+/ /g'); $(uname -r)"
  echo "# $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "# JAVA_OPTS=$JAVA_OPTS CALLS=$CALLS SECONDS=$SECONDS_PER_RUN WARMUP=$WARMUP ENGINE_THREADS=$ENGINE_THREADS" \
    "GENERATOR_THREADS=$GENERATOR_THREADS EXTRA_ARGS=$EXTRA_ARGS"
} | tee "$OUT"

for n in $CALLS; do
  read -r busy waited < <(wait_quiet)
  cmd="java $JAVA_OPTS -cp $JAR io.switchboard.bench.media.RelayLoad --calls $n --seconds $SECONDS_PER_RUN"
  cmd="$cmd --warmup $WARMUP --engine-threads $ENGINE_THREADS --generator-threads $GENERATOR_THREADS $EXTRA_ARGS"
  echo "## $(date -u +%H:%M:%S) machine busy before run: ${busy} % (waited ${waited} s); $cmd" | tee -a "$OUT"
  from=$(($(wc -l <"$OUT") + 1))
  status=0
  timeout $((SECONDS_PER_RUN + WARMUP + 180)) $cmd >>"$OUT" 2>&1 || status=$?
  echo "## exit status $status" | tee -a "$OUT"
  tail -n +"$from" "$OUT" | grep -v '^RESULT\|^SLF4J' || true
done

echo
echo "| calls | pkts/s relayed | loss % | jitter p50 / p99 / p99.9 / max (µs) | transit p50 / p99 / max (µs) |" \
  "engine cores | % core / call | µs CPU / pkt | generator cores | machine busy % | GC n / ms |"
echo "|------:|------:|------:|:------|:------|------:|------:|------:|------:|------:|------:|"
grep '^RESULT ' "$OUT" | sed 's/^RESULT //' | jq -r '"| \(.calls) | \(.calls * 100) | \(.loss_pct) |" +
  " \(.jitter_p50_us) / \(.jitter_p99_us) / \(.jitter_p999_us) / \(.jitter_max_us) |" +
  " \(.transit_p50_us) / \(.transit_p99_us) / \(.transit_max_us) | \(.engine_cores) |" +
  " \(.engine_pct_core_per_call) | \(.engine_us_per_packet) | \(.generator_cores) | \(.machine_busy_pct) |" +
  " \(.gc_count) / \(.gc_ms) |"'
echo
echo "raw output: $OUT"
