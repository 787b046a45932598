#!/usr/bin/env bash
# b2bua-vs-kamailio.sh - load benchmark: Switchboard (B2BUA) vs Kamailio (tm stateful proxy), same SIPp scenario,
# same machine, same run. Loopback only; bounded in time (BUDGET); stops only the processes it started, by PID.
#
# Basic call: INVITE/100/180/200/ACK/BYE/200, the SIPp uas answers at once, 0 ms hold (sipp -d 0).
# Steps the offered call rate (DUR=20 s per step) and stops a phase at its first step with a failed (or
# unfinished) call. Prints the highest rate with no failed call for each, the ratio ours/kamailio, and the setup
# latency (INVITE sent -> 200 OK received, SIPp ResponseTime1) p50/p90/p99 of every step, plus one extra step of
# ours at half its best rate.
#
#   bench/scripts/b2bua-vs-kamailio.sh                 # defaults below, ~10 min
#   RATES=500,1000 KAM_RATES=1000 DUR=10 bench/scripts/b2bua-vs-kamailio.sh
#
# Environment:
#   RATES=250,500,1000,1500,2000,2500,3000   offered cps steps for our server (the first is the JVM warm-up)
#   KAM_RATES=$RATES  KAM_CHILDREN=2         the Kamailio phase (kamailio -n 2, -m 1024 as in the kit)
#   DUR=20 DRAIN=8 SETTLE=3                  passed to bench/sipp/run-anchor.sh
#   BUDGET=1200                              seconds for the whole run (steps that would not fit are skipped)
#   JAVA_OPTS="-Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch"   (1 GB: full-GC thrash from ~1000 cps, see RESULTS.md)
#   JFR=1 JFR_SETTINGS=default               record the server with JFR -> $OUT/server.jfr and print its top sampled
#                                            methods (jdk.ExecutionSample) and GC pauses. Use "default": "profile"
#                                            also records every object promotion (~500,000 events, GC overhead)
#   KAM=1                                    0 = skip the Kamailio phase (tuning runs of our server only)
#   HALF=1                                   run the extra step at half our best rate
#   BUILD=auto                               auto = build (mvn -DskipTests install) only if the jar is missing
#   OUT=/tmp/switchboard-bench-<date>
#
# The stepping, CPU and drop accounting are bench/sipp/run-anchor.sh, a copy of the Kamailio anchor kit
# (shared/anchors/kamailio, see bench/sipp/README.md) with the changes listed there.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
. "$ROOT/bench/scripts/api.sh"
RATES=${RATES:-250,500,1000,1500,2000,2500,3000}
KAM_RATES=${KAM_RATES:-$RATES}
KAM_CHILDREN=${KAM_CHILDREN:-2}
export DUR=${DUR:-20} DRAIN=${DRAIN:-8} SETTLE=${SETTLE:-3}
BUDGET=${BUDGET:-1200}
JAVA_OPTS=${JAVA_OPTS:-"-Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch"}
JFR=${JFR:-1}
JFR_SETTINGS=${JFR_SETTINGS:-default}
KAM=${KAM:-1}
HALF=${HALF:-1}
BUILD=${BUILD:-auto}
OUT=${OUT:-/tmp/switchboard-bench-$(date +%Y%m%d-%H%M%S)}
CONF=${CONF:-$ROOT/bench/conf/bench.conf}
ANCHOR=$ROOT/bench/sipp/run-anchor.sh
HTTP=http://127.0.0.1:8089
T0=$(date +%s)
log() { echo "# $*" >&2; }
left() { echo $((BUDGET - ($(date +%s) - T0))); }

need_pkg() { # binary package
	command -v "$1" >/dev/null 2>&1 && return 0
	log "installing $2"
	if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || { log "cannot install $2"; exit 1; }
}
need_pkg kamailio kamailio
need_pkg sipp sip-tester
need_pkg curl curl
need_pkg ss iproute2
command -v java >/dev/null && command -v jcmd >/dev/null || { log "needs a JDK 17 (java, jcmd, jfr)"; exit 1; }

if [ "$BUILD" = 1 ] || { [ "$BUILD" = auto ] && [ ! -f core/target/switchboard.jar ]; }; then
	log "building: mvn -B -q -DskipTests install"
	mvn -B -q -DskipTests install || exit 1
fi
for port in 5060 5061 5070; do
	ss -Hlun "sport = :$port" | grep -q . && { log "UDP port $port is busy:"; ss -lunp "sport = :$port" >&2; exit 1; }
done
ss -Hltn "sport = :8089" | grep -q . && { log "TCP port 8089 is busy"; exit 1; }
mkdir -p "$OUT"

# ------------------------------------------------------------------ our server
SPID=""
server_is_ours() { [ -n "$SPID" ] && tr '\0' ' ' < "/proc/$SPID/cmdline" 2>/dev/null | grep -q "switchboard.jar --config $CONF"; }
stop_server() {
	server_is_ours || { SPID=""; return 0; }
	kill "$SPID" 2>/dev/null
	local i
	for i in $(seq 1 100); do server_is_ours || { SPID=""; return 0; }; sleep 0.1; done
	log "server $SPID did not stop in 10 s: SIGKILL"; kill -9 "$SPID" 2>/dev/null; SPID=""
}
trap 'stop_server; exit 130' INT TERM
trap 'stop_server' EXIT

start_server() { # fresh data dir, JVM, registration of 1002 from the SIPp uas port
rm -rf /tmp/switchboard-bench-data
jfr_opt=""
[ "$JFR" = 1 ] && jfr_opt="-XX:StartFlightRecording=filename=$OUT/server$1.jfr,settings=$JFR_SETTINGS,dumponexit=true"
# shellcheck disable=SC2086
java $JAVA_OPTS $jfr_opt -Dlogback.configurationFile=conf/logback.xml -jar core/target/switchboard.jar --config "$CONF" \
	> "$OUT/server$1.log" 2>&1 &
SPID=$!
for i in $(seq 1 150); do curl -sf "$HTTP/api/health" > /dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$HTTP/api/health" > /dev/null || { log "server did not come up:"; tail -20 "$OUT/server$1.log" >&2; exit 1; }
log "server pid $SPID: $(curl -s "$HTTP/api/health")"
api_login || { log "cannot sign in to the API"; exit 1; }

# register 1002 -> contact 127.0.0.1:5070 (the SIPp uas), from port 5070
printf 'SEQUENTIAL\n1002;3600;\n' > "$OUT/reg.csv"
( cd "$OUT" && sipp -sf "$ROOT/scripts/sipp/register/register.xml" -inf reg.csv -au 1002 -ap demo-1002 -key caller 1002 \
	-i 127.0.0.1 -p 5070 -m 1 -nostdin -timeout 10s 127.0.0.1:5060 > reg.out 2>&1 ) \
	|| { log "registering 1002 failed"; cat "$OUT/reg.out" >&2; exit 1; }
log "registered: $(api /api/registrations)"
}
start_server ""

{
	echo "date -u: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "machine: $(nproc) cpus, $(lscpu | awk -F': +' '/Model name/ {print $2; exit}'), kernel $(uname -r)"
	echo "java: $(java -version 2>&1 | head -1); JAVA_OPTS=$JAVA_OPTS; JFR=$JFR"
	echo "jfr: $JFR_SETTINGS"
	echo "rates: ours $RATES, kamailio n=$KAM_CHILDREN $KAM_RATES; DUR=$DUR s DRAIN=$DRAIN s"
} | tee "$OUT/machine.txt"

anchor() { # plan [extra env...]
	local b; b=$(left)
	[ "$b" -lt 40 ] && { log "BUDGET exhausted, skipping $1"; return 1; }
	env PLAN="$1" SCEN=bench SIPP_EXTRA="-s 1002" OUT="$OUT/steps" BUDGET="$b" RETRY_NOISY=1 "${@:2}" "$ANCHOR" \
		| tee -a "$OUT/table.txt"
}
best_of() { # mode hold -> highest rate with no failed call (OK or OK-retrans), "-" if none
	awk -F, -v m="$1" -v h="$2" 'NR > 1 && $1 == m && $3 == h && ($NF == "OK" || $NF == "OK-retrans") && $4 > b { b = $4 }
		END { print (b ? b : "-") }' "$OUT/steps/steps.csv" 2>/dev/null
}

# ------------------------------------------------------------------ phase 1: ours, stepping
anchor "ext:0:0:$RATES" EXT_PIDS="$SPID" EXT_PORT=5060
api /api/counters > "$OUT/counters-after-steps.json"; echo >> "$OUT/counters-after-steps.json"
OURS=$(best_of ext 0)

# ------------------------------------------------------------------ phase 2: ours at half the best rate
# On a fresh server (the stepping phase ended in an overload whose leftovers would still be in the heap), after one
# warm-up step at the same rate for the JIT: the second step is the figure.
if [ "$HALF" = 1 ] && [ "$OURS" != - ]; then
	half=$((OURS / 2))
	log "half of our best rate: $half cps (fresh server, warm-up step first)"
	api /api/counters > "$OUT/counters-after-steps.json"; echo >> "$OUT/counters-after-steps.json"
	stop_server
	start_server "-half"
	anchor "ext:0:0:$half,$half" EXT_PIDS="$SPID" EXT_PORT=5060 STOP_ON_FAIL=0
fi
api /api/counters > "$OUT/counters-end.json"; echo >> "$OUT/counters-end.json"
curl -s "$HTTP/api/health" > "$OUT/health-end.json"
# CPU seconds per server thread over the whole run (JFR samples only Java frames: GC threads are invisible there)
if server_is_ours; then
	for t in /proc/$SPID/task/*; do
		awk -v hz="$(getconf CLK_TCK)" '{ c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\) .*/, "", c); r = $0; sub(/^.*\) /, "", r)
			split(r, a, " "); printf "%s\t%.2f\n", c, (a[12] + a[13]) / hz }' "$t/stat" 2>/dev/null
	done | awk -F'\t' '{ n = $1; gsub(/[0-9]+$/, "#", n); s[n] += $2; tot += $2 } END { for (k in s) if (s[k] >= 0.05) printf "%8.2f s %5.1f%%  %s\n", s[k], 100 * s[k] / tot, k; printf "%8.2f s total\n", tot }' \
		| sort -rn > "$OUT/thread-cpu.txt"
fi
stop_server

# ------------------------------------------------------------------ phase 3: kamailio, same scenario
KAMBEST=-
if [ "$KAM" = 1 ]; then
	anchor "kam:$KAM_CHILDREN:0:$KAM_RATES"
	KAMBEST=$(best_of kam 0)
fi

# ------------------------------------------------------------------ summary
pct() { # "label:count ..." p -> bucket label (upper bound, ms) holding the p-th percentile
	echo "$1" | awk -v p="$2" '{ n = 0; for (i = 1; i <= NF; i++) { split($i, a, ":"); n += a[2] } if (!n) { print "-"; exit }
		c = 0; for (i = 1; i <= NF; i++) { split($i, a, ":"); c += a[2]; if (c >= p / 100 * n) { print a[1]; exit } } }'
}
{
	echo
	echo "== summary ($(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(( $(date +%s) - T0 )) s) =="
	cat "$OUT/machine.txt"
	echo "setup latency = INVITE sent -> 200 OK received at the SIPp uac; SIPp buckets (ms): '<3' = under 3 ms"
	printf '%-5s %6s %8s %8s %7s %7s %6s %6s %6s %7s %7s  %s\n' sut rate attempt success failed retrans p50 p90 p99 avg_ms sutCPU result
	tail -n +2 "$OUT/steps/steps.csv" | while IFS=, read -r mode ch hold rate att succ fail fun ftmo unf ach retr rt hist kc uc sc oc om dk dc ds shm peak res; do
		sut=$mode; [ "$mode" = ext ] && sut=ours
		printf '%-5s %6s %8s %8s %7s %7s %6s %6s %6s %7s %6s%% %s\n' "$sut" "$rate" "$att" "$succ" "$((fail + unf))" "$retr" \
			"$(pct "$hist" 50)" "$(pct "$hist" 90)" "$(pct "$hist" 99)" "$rt" "$kc" "$res"
	done
	echo "best rate with no failed call: ours $OURS cps, kamailio (n=$KAM_CHILDREN) $KAMBEST cps"
	if [ "$OURS" != - ] && [ "$KAMBEST" != - ]; then
		echo "ratio ours/kamailio: $(awk -v a="$OURS" -v b="$KAMBEST" 'BEGIN{ printf "%.2f", a / b }')"
		top=${KAM_RATES##*,}
		[ "$KAMBEST" = "$top" ] && echo "(kamailio passed the highest offered rate: its figure is a lower bound, the ratio an upper bound)"
	fi
	echo "server counters at the end: $(cat "$OUT/counters-end.json" 2>/dev/null)"
	echo "server log: $(grep -c -E 'ERROR|Exception' "$OUT/server.log") ERROR/Exception lines, $(grep -c WARN "$OUT/server.log") WARN lines"
} | tee "$OUT/summary.txt"

if [ "$JFR" = 1 ] && [ -s "$OUT/server.jfr" ]; then
	jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/server.jfr" > "$OUT/samples.txt" 2>/dev/null
	{
		echo
		echo "== JFR jdk.ExecutionSample over the whole server run: top 25 methods (top frame, self) =="
		awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); n[$0]++; t++ }
			END { for (m in n) printf "%6d %5.1f%%  %s\n", n[m], 100 * n[m] / t, m }' "$OUT/samples.txt" | sort -rn | head -25
		echo "== server CPU by thread (name with digits folded to #), whole run =="
		cat "$OUT/thread-cpu.txt" 2>/dev/null
		echo "== GC pauses (jdk.GarbageCollection): count, sum, max by collector; the 10 longest =="
		jfr print --events jdk.GarbageCollection "$OUT/server.jfr" 2>/dev/null | awk '/ name =/ { n = $3 } /startTime/ { t = $3 }
			/longestPause/ { v = $3; if ($4 == "s") v *= 1000; if ($4 == "us") v /= 1000; c[n]++; s[n] += v; if (v > m[n]) m[n] = v; print "P", t, n, v }
			END { for (k in c) printf "%-20s %5d pauses, %8.0f ms total, max %6.0f ms\n", k, c[k], s[k], m[k] }' > "$OUT/gc.txt"
		grep -v '^P ' "$OUT/gc.txt"; grep '^P ' "$OUT/gc.txt" | sort -k4 -rn | head -10 | awk '{ printf "  %s %s %.0f ms\n", $2, $3, $4 }'
		echo "== top 25 io.switchboard / gov.nist (JAIN-SIP) methods anywhere on the stack (inclusive) =="
		awk '/stackTrace = \[/ { inst = 1; t++; delete seen; next } inst && /^ +\]/ { inst = 0; next }
			inst { l = $0; sub(/^ +/, "", l); sub(/\(.*/, "", l); if (l ~ /^(io.switchboard|gov.nist)/ && !(l in seen)) { seen[l] = 1; n[l]++ } }
			END { for (m in n) printf "%6d %5.1f%%  %s\n", n[m], 100 * n[m] / t, m }' "$OUT/samples.txt" | sort -rn | head -25
		echo "== callers of samples in Netty's scheduled-task heap (DefaultPriorityQueue: timer schedule/cancel/poll) =="
		awk '/stackTrace = \[/ { inst = 1; top = ""; c = ""; next } inst && /^ +\]/ { inst = 0; if (top ~ /DefaultPriorityQueue/) k[c]++; next }
			inst { l = $0; sub(/^ +/, "", l); sub(/ +line:.*/, "", l); if (top == "") top = l
				if (c == "" && l ~ /^io.netty.util.concurrent.AbstractScheduledEventExecutor/) c = l }
			END { for (m in k) printf "%6d  %s\n", k[m], m }' "$OUT/samples.txt" | sort -rn
	} | tee "$OUT/profile.txt"
fi
log "everything in $OUT"
