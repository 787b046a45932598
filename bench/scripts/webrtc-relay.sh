#!/usr/bin/env bash
# WebRTC legs against plain RTP, same run (issue 14: "SRTP adds at most 50 % CPU per packet over plain RTP"). For each
# number of calls in CALLS, runs io.switchboard.bench.media.RelayLoad in ORDER (default plain, webrtc, plain, webrtc,
# so that a drift of the machine during the sweep touches both modes alike): plain bridges two plain PCMU phones,
# webrtc makes the first leg of every call a browser's (ICE-lite, DTLS-SRTP, SRTP per packet; the generator plays the
# browser). Writes the raw output to bench/results/webrtc-relay-<date>.txt and prints a Markdown table of every run,
# then per number of calls the engine's µs of CPU per relayed packet in each mode and the webrtc/plain ratio.
# Builds bench/target/benchmarks.jar first if it is missing.
#   CALLS="250 500"  SECONDS_PER_RUN=30  WARMUP=5  ENGINE_THREADS=2  GENERATOR_THREADS=1
#   ORDER="plain webrtc plain webrtc"  RUN_LIMIT=60 (recorded: every call recorded, RelayLoad --record) (seconds; a run still going then is killed, exit 124)
#   JAVA_OPTS="-Xms1g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch"  EXTRA_ARGS=""  (more RelayLoad options)
#   QUIET_PCT=25  QUIET_WAIT=120: before each run, wait up to QUIET_WAIT s for the machine to be under QUIET_PCT %
#   busy (other processes, e.g. a test run, would otherwise share the cores); the run goes ahead anyway after that,
#   and the busy % it started with is in the raw output and the table.
#   OTHERS_MAX=0.25: the summary also averages only the runs during which other processes used less CPU than this
#   (cores; machine busy minus this process, over the window).
#   bench/scripts/webrtc-relay.sh --table FILE prints the tables again from a raw output file.
# Extra Maven flags (e.g. -o) in MVN_FLAGS. Needs jq for the tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
CALLS=${CALLS:-"250 500"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
WARMUP=${WARMUP:-5}
ENGINE_THREADS=${ENGINE_THREADS:-2}
GENERATOR_THREADS=${GENERATOR_THREADS:-1}
ORDER=${ORDER:-"plain webrtc plain webrtc"}
RUN_LIMIT=${RUN_LIMIT:-60}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
EXTRA_ARGS=${EXTRA_ARGS:-}
QUIET_PCT=${QUIET_PCT:-25}
QUIET_WAIT=${QUIET_WAIT:-120}
. bench/scripts/quiet.sh
OTHERS_MAX=${OTHERS_MAX:-0.25}
# The tables of a raw output file: every run, then per number of calls the µs per packet and the ratio, over all
# runs and over the runs that others left alone (their CPU in the window, machine busy minus this process, under
# OTHERS_MAX cores).
print_tables() {
  local raw=$1 cores
  cores=$(nproc)
  echo
  echo "| run | calls | mode | busy before % | offered % | loss % A→B / B→A | added jitter p50 / p99 / p99.9 (µs) |" \
    "transit p50 / p99 (µs) | engine cores | µs CPU / pkt | generator cores | process cores | machine busy % |" \
    "others' cores | GC n / ms |"
  echo "|--:|--:|:--|--:|--:|:--|:--|:--|--:|--:|--:|--:|--:|--:|--:|"
  grep '^RUN ' "$raw" | sed 's/^RUN //' | jq -r --argjson cores "$cores" '
    "| \(.run) | \(.calls) | \(.mode) | \(.busy_before_pct) | \(.offered_pct) | \(.loss_ab_pct) / \(.loss_ba_pct) |" +
    " \(.jitter_p50_us) / \(.jitter_p99_us) / \(.jitter_p999_us) | \(.transit_p50_us) / \(.transit_p99_us) |" +
    " \(.engine_cores) | \(.engine_us_per_packet) | \(.generator_cores) | \(.process_cores) |" +
    " \(.machine_busy_pct) | \(.machine_busy_pct / 100 * $cores - .process_cores | . * 100 | round / 100) |" +
    " \(.gc_count) / \(.gc_ms) |"'
  echo
  echo "| calls | runs | plain µs CPU / pkt (each run) | webrtc µs CPU / pkt (each run) | plain mean | webrtc mean |" \
    "webrtc / plain |"
  echo "|--:|:--|:--|:--|--:|--:|--:|"
  grep '^RUN ' "$raw" | sed 's/^RUN //' | jq -rs --argjson cores "$cores" --argjson quiet "$OTHERS_MAX" '
    def mean: if length == 0 then null else add / length end;
    def r2: if . == null then "–" else (. * 100 | round / 100 | tostring) end;
    def row($which):
      (map(select(.mode == "plain") | .engine_us_per_packet)) as $p |
      (map(select(.mode == "webrtc") | .engine_us_per_packet)) as $w |
      "| \(.[0].calls // "–") | \($which) | \($p | map(r2) | join(", ")) | \($w | map(r2) | join(", ")) |" +
      " \($p | mean | r2) | \($w | mean | r2) | \(if ($p | mean) == null or ($w | mean) == null then "–"
        else (($w | mean) / ($p | mean) | r2) end) |";
    group_by(.calls)[] |
    row("all"),
    (map(select(.machine_busy_pct / 100 * $cores - .process_cores < $quiet)) | if length == 0 then empty
      else row("others < \($quiet) cores: " + (map(.run | tostring) | join(", "))) end)'
}

if [ "${1:-}" = "--table" ]; then
  print_tables "$2"
  exit 0
fi

JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
fi
mkdir -p bench/results
OUT=bench/results/webrtc-relay-$(date -u +%Y%m%d-%H%M%S).txt

{
  echo "# webrtc-relay $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "# nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s\+/ /g'); $(uname -r)"
  echo "# $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "# JAVA_OPTS=$JAVA_OPTS CALLS=$CALLS ORDER=$ORDER SECONDS=$SECONDS_PER_RUN WARMUP=$WARMUP" \
    "ENGINE_THREADS=$ENGINE_THREADS GENERATOR_THREADS=$GENERATOR_THREADS RUN_LIMIT=$RUN_LIMIT EXTRA_ARGS=$EXTRA_ARGS"
} | tee "$OUT"

run=0
for n in $CALLS; do
  for mode in $ORDER; do
    run=$((run + 1))
    case "$mode" in
      plain) flag="" ;;
      webrtc) flag="--webrtc" ;;
      recorded) flag="--record" ;;
      *) echo "ORDER: plain, webrtc or recorded, not $mode" >&2; exit 64 ;;
    esac
    read -r busy waited < <(wait_quiet)
    cmd="java $JAVA_OPTS -cp $JAR io.switchboard.bench.media.RelayLoad --calls $n --seconds $SECONDS_PER_RUN"
    cmd="$cmd --warmup $WARMUP --engine-threads $ENGINE_THREADS --generator-threads $GENERATOR_THREADS $flag"
    cmd="$cmd $EXTRA_ARGS"
    echo "## run $run $(date -u +%H:%M:%S) machine busy before run: ${busy} % (waited ${waited} s); $cmd" \
      | tee -a "$OUT"
    from=$(($(wc -l <"$OUT") + 1))
    status=0
    timeout "$RUN_LIMIT" $cmd >>"$OUT" 2>&1 || status=$?
    echo "## exit status $status" | tee -a "$OUT"
    tail -n +"$from" "$OUT" | grep -v '^RESULT\|^SLF4J\|^## exit' || true
    # The RESULT line again with the run's number and the busy % before it, for the tables.
    result=$(tail -n +"$from" "$OUT" | grep '^RESULT ' || true)
    if [ -n "$result" ]; then
      echo "$result" | sed "s/^RESULT {/RUN {\"run\":$run,\"busy_before_pct\":$busy,/" >>"$OUT"
    else
      echo "## run $run left no RESULT" | tee -a "$OUT"
    fi
  done
done

print_tables "$OUT"
echo
echo "raw output: $OUT"
