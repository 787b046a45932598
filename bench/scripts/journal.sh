#!/usr/bin/env bash
# The journal's figures (bench/src/main/java/io/switchboard/bench/journal/JournalBenchmark.java), each step in a
# fresh JVM: appends per second from one thread; the append-to-written latency at fixed rates (through
# ChronicleJournal.append's future); then RECORDS service records written to a journal, replayed (raw, then into the
# store as at start), and the whole server started on that data directory (and, for comparison, on an empty one),
# then started again, from the snapshot the first start wrote.
# Builds bench/target/benchmarks.jar if it is missing (MVN_FLAGS=-o for offline). Waits up to QUIET_WAIT s for the
# machine to be under QUIET_PCT % busy before each step. Data goes to a temporary directory, removed at the end.
# Raw output: bench/results/journal-<UTC date>.txt.
#   COUNT=1000000 EACH_SECONDS=5 RATES=1000,10000,50000 RECORDS=1000000 JVM_ARGS="-Xms2g -Xmx2g -XX:+UseParallelGC"
#   QUIET_PCT=25 QUIET_WAIT=120
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${COUNT:-1000000}
EACH_SECONDS=${EACH_SECONDS:-5}
RATES=${RATES:-1000,10000,50000}
RECORDS=${RECORDS:-1000000}
JVM_ARGS=${JVM_ARGS:-"-Xms2g -Xmx2g -XX:+UseParallelGC"}
QUIET_PCT=${QUIET_PCT:-25}
QUIET_WAIT=${QUIET_WAIT:-120}
# Chronicle Queue's opens/exports on Java 17 (the same list as chronicle.jvmArgs in the root pom)
CHRONICLE="--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED"
. bench/scripts/quiet.sh
JAR=bench/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
fi
mkdir -p bench/results
OUT=bench/results/journal-$(date -u +%Y%m%d-%H%M%S).txt
DATA=$(mktemp -d /tmp/journal-bench.XXXXXX)
trap 'rm -rf "$DATA"' EXIT
{
  echo "# journal $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "# nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | sed 's/\s\+/ /g'); $(uname -r)"
  echo "# $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "# JVM_ARGS=$JVM_ARGS; data in $DATA ($(df -T "$DATA" | awk 'NR == 2 { print $2 }'))"
} | tee "$OUT"

step() {
  read -r busy waited < <(wait_quiet)
  local cmd="java $JVM_ARGS $CHRONICLE -Dlogback.configurationFile=conf/logback.xml -cp $JAR"
  cmd="$cmd io.switchboard.bench.journal.JournalBenchmark $*"
  echo "## $(date -u +%H:%M:%S) machine busy before: ${busy} % (waited ${waited} s); JournalBenchmark $*" | tee -a "$OUT"
  $cmd 2>&1 | grep -v '^[0-9:,]* |-\|^SLF4J' | tee -a "$OUT"
}

step append "$DATA" "$COUNT"
step latency "$DATA" "$EACH_SECONDS" "$RATES"
mkdir -p "$DATA/empty"
step start "$DATA/empty"
step fill "$DATA" "$RECORDS"
step replay "$DATA"
step start "$DATA"
# Again: the first start wrote a snapshot of the records (DATA/journal/snapshot-*.bin); this one starts from it.
step start "$DATA"
echo "raw output: $OUT"
