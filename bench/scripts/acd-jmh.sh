#!/usr/bin/env bash
# ACD decision benchmarks (bench/src/main/java/io/switchboard/bench/acd): the engine with most agents idle, the
# naive scan-all-agents selector in the same state, and the engine with every agent busy and calls waiting.
# Builds bench/target/benchmarks.jar if it is missing (MVN_FLAGS=-o for offline), then runs one JMH invocation per
# class (one fork; WI warm-up iterations of W, I measured iterations of R; -prof gc), each after waiting up to
# QUIET_WAIT s for the machine to be under QUIET_PCT % busy. While JMH runs, the CPU used by everything else on the
# machine is sampled every 2 s ("others" lines: % of one core, average and peak per invocation).
# Raw output: bench/results/acd-<UTC date>.txt (JMH text, [latency] lines) and one JMH JSON per class.
#   POLICIES="LONGEST_IDLE,FEWEST_CALLS"  WI=3 W=1s I=5 R=2s  JVM_ARGS="-Xms1g -Xmx1g -XX:+AlwaysPreTouch"
#   CLASSES="AcdEngineBenchmark NaiveSelectorBenchmark AcdQueuedBenchmark"  QUIET_PCT=25 QUIET_WAIT=120
set -euo pipefail
cd "$(dirname "$0")/../.."
POLICIES=${POLICIES:-LONGEST_IDLE,FEWEST_CALLS}
WI=${WI:-3}; W=${W:-1s}; I=${I:-5}; R=${R:-2s}
JVM_ARGS=${JVM_ARGS:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}
CLASSES=${CLASSES:-"AcdEngineBenchmark NaiveSelectorBenchmark AcdQueuedBenchmark"}
QUIET_PCT=${QUIET_PCT:-25}
QUIET_WAIT=${QUIET_WAIT:-120}
. bench/scripts/quiet.sh
JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
fi
mkdir -p bench/results
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=bench/results/acd-$STAMP.txt

snapshot() { # "pid jiffies" (utime+stime) for each given pid still alive
  local p f
  for p in "$@"; do
    f=($(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null)) || continue
    [ ${#f[@]} -gt 12 ] && echo "$p $((f[11] + f[12]))"
  done
}

tree() { # a pid and all its descendants
  local c
  echo "$1"
  for c in $(pgrep -P "$1"); do tree "$c"; done
}

watch_others() { # every 2 s: CPU of everything but the JMH JVMs under pid $1, in % of one core
  local hz a b ma mb before after ours
  hz=$(getconf CLK_TCK)
  while true; do
    before=$(snapshot $(tree "$1"))
    a=($(head -1 /proc/stat))
    sleep 2
    b=($(head -1 /proc/stat))
    after=$(snapshot $(tree "$1"))
    # ours = growth of each JVM alive at both ends, plus all of one started in the window; a JVM that ended in
    # the window (JMH starts a fork per benchmark and parameter) makes the sample unknown: skipped
    ours=$(awk 'NR == FNR { a[$1] = $2; next } { b[$1] = $2 }
      END { for (p in a) if (!(p in b)) { print "gone"; exit } s = 0; for (p in b) s += b[p] - a[p]; print s }' \
      <(echo "$before") <(echo "$after"))
    [ "$ours" = gone ] && continue
    ma=$((a[1] + a[2] + a[3] + a[6] + a[7] + a[8])); mb=$((b[1] + b[2] + b[3] + b[6] + b[7] + b[8]))
    echo "others $(( (100 * ((mb - ma) - ours) / hz) / 2 ))"
  done
}

{
  echo "# acd-jmh $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "# nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s\+/ /g'); $(uname -r)"
  echo "# $(java -version 2>&1 | head -2 | tr '\n' ' ')"
} | tee "$OUT"

for cls in $CLASSES; do
  read -r busy waited < <(wait_quiet)
  cmd="java -jar $JAR io.switchboard.bench.acd.$cls -p policy=$POLICIES -f 1 -wi $WI -w $W -i $I -r $R -prof gc"
  cmd="$cmd -jvmArgsAppend \"$JVM_ARGS\" -rf json -rff bench/results/acd-$STAMP-$cls.json"
  echo "## $(date -u +%H:%M:%S) machine busy before: ${busy} % (waited ${waited} s); $cmd" | tee -a "$OUT"
  eval "$cmd" >>"$OUT" 2>&1 &
  jmh=$!
  watch_others "$jmh" > "$OUT.others" &
  watcher=$!
  status=0
  wait "$jmh" || status=$?
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  awk '{ s += $2; if ($2 > m) m = $2; n++ } END { if (n) printf "## others (%% of one core, %d samples of 2 s): avg %d, peak %d\n", n, s / n, m }' \
    "$OUT.others" | tee -a "$OUT"
  cat "$OUT.others" >> "$OUT"; rm -f "$OUT.others"
  echo "## $(date -u +%H:%M:%S) exit status $status" | tee -a "$OUT"
done

echo
grep -E '^\[(latency|queued)\]|^(Benchmark|AcdEngine|AcdQueued|NaiveSelector)' "$OUT" | grep -v 'gc.count\|gc.time' || true
echo "raw output: $OUT"
