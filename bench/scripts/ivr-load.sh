#!/usr/bin/env bash
# ivr-load.sh - IVR load benchmark: calls per second into a flow that plays a prompt and collects a digit, and
# callers held in a flow with paced prompts. Loopback only; bounded in time; stops only what it started, by PID.
#
# Part 1 (calls per second): SIPp (bench/sipp/ivr-caller.xml) calls 4100 (flow ivrload: welcome 1.5 s, menu 1.5 s,
#   press 1, goodbye 0.5 s, the server hangs up) at each rate of RATES for DUR s; a caller listens PAUSE ms, presses
#   1 by SIP INFO and waits for the server's BYE. The server's RTP goes to a closed port (nobody listens).
#   Per step: calls completed/failed, setup time (rtd 1) and key -> BYE (rtd 2), server CPU.
# Part 2 (callers held): for each N in HOLD, SIPp (bench/sipp/ivr-hold.xml) brings N callers at HOLD_RATE cps into
#   4101 (flow ivrhold: a 120 s prompt), each pointing its RTP at one socket of PromptListener, which measures the
#   inter-arrival gaps of every stream for WINDOW s once all N hear the prompt; then the callers hang up.
# After each part the server's counters must show media portsInUse 0 and no active call.
#
#   bench/scripts/ivr-load.sh                      # defaults, about 5 minutes
#   RATES="50 100" HOLD="250" bench/scripts/ivr-load.sh
#
# Environment: RATES="50 100 200 300 400" DUR=20 PAUSE=2000  HOLD="250 500 1000" HOLD_RATE=100 WINDOW=20
#   JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"  QUIET_PCT=25 QUIET_WAIT=120
#   PARTS="cps hold"
# Raw output in bench/results/ivr-<date>/ (git-ignored).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
RATES=${RATES:-"50 100 200 300 400"}
DUR=${DUR:-20}
PAUSE=${PAUSE:-2000}
HOLD=${HOLD:-"250 500 1000"}
HOLD_RATE=${HOLD_RATE:-100}
WINDOW=${WINDOW:-20}
PARTS=${PARTS:-"cps hold"}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
QUIET_PCT=${QUIET_PCT:-25}
QUIET_WAIT=${QUIET_WAIT:-120}
. "$ROOT/bench/scripts/quiet.sh"
CONF=$ROOT/bench/conf/ivr.conf
WORK=/tmp/switchboard-ivr-bench
HTTP=http://127.0.0.1:8089
OUT=$ROOT/bench/results/ivr-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
log() { echo "# $(date -u +%H:%M:%S) $*" >&2; }

for b in sipp curl jq python3 java; do command -v $b >/dev/null || { log "needs $b"; exit 1; }; done
if [ ! -f core/target/switchboard.jar ] || [ ! -f bench/target/benchmarks.jar ]; then
	mvn -B -q ${MVN_FLAGS:-} -DskipTests package || exit 1
fi
for port in 5060 5080; do
	ss -Hlun "sport = :$port" | grep -q . && { log "UDP port $port is busy"; exit 1; }
done
ss -Hltn "sport = :8089" | grep -q . && { log "TCP port 8089 is busy"; exit 1; }

# ------------------------------------------------------------------ flows and prompts (tones: no TTS in the way)
rm -rf "$WORK"; mkdir -p "$WORK/flows" "$WORK/audio" "$WORK/tts" "$WORK/data"
cp bench/conf/ivr-flows/*.json "$WORK/flows/"
python3 - "$WORK/audio" <<'EOF'
import math, struct, sys, wave
def tone(name, seconds, hz):
    with wave.open(f"{sys.argv[1]}/{name}.wav", "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * hz * i / 8000)))
                               for i in range(int(seconds * 8000))))
tone("welcome", 1.5, 440); tone("menu", 1.5, 660); tone("bye", 0.5, 880); tone("long", 120, 520)
EOF

# ------------------------------------------------------------------ server
SPID=""
LPID=""
server_is_ours() { [ -n "$SPID" ] && { tr "\0" " " < "/proc/$SPID/cmdline"; } 2>/dev/null | grep -q "switchboard.jar --config $CONF"; }
stop_all() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null
	server_is_ours || return 0
	kill "$SPID" 2>/dev/null
	for _ in $(seq 1 100); do server_is_ours || return 0; sleep 0.1; done
	kill -9 "$SPID" 2>/dev/null
}
fds() { find "/proc/$SPID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
trap 'stop_all; exit 130' INT TERM
trap 'stop_all' EXIT
# shellcheck disable=SC2086
java $JAVA_OPTS -Dlogback.configurationFile=conf/logback.xml -jar core/target/switchboard.jar --config "$CONF" \
	> "$OUT/server.log" 2>&1 &
SPID=$!
for _ in $(seq 1 150); do curl -sf "$HTTP/api/health" > /dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$HTTP/api/health" > /dev/null || { log "server did not come up"; tail -20 "$OUT/server.log" >&2; exit 1; }
. "$ROOT/bench/scripts/api.sh"
api_login || { log "cannot sign in to the API"; exit 1; }
log "server pid $SPID; flows: $(api /api/flows | jq -c '[.[] | {name, state}]')"

{
	echo "date -u: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), kernel $(uname -r)"
	echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
	echo "sipp: $(sipp -v 2>&1 | grep -m1 -o 'SIPp v[0-9.]*')"
	echo "open files: ulimit -n $(ulimit -n); server $(grep 'Max open files' "/proc/$SPID/limits" | tr -s ' '); fds at start $(fds)"
	echo "JAVA_OPTS=$JAVA_OPTS RATES=$RATES DUR=$DUR PAUSE=$PAUSE HOLD=$HOLD HOLD_RATE=$HOLD_RATE WINDOW=$WINDOW"
} | tee "$OUT/machine.txt"

wait_quiet_line() { # the server idles at a few %: wait for the machine under QUIET_PCT %
	local busy waited
	read -r busy waited < <(wait_quiet)
	echo "machine busy before: ${busy} % (waited ${waited} s)"
}
server_ticks() { awk '{ sub(/^.*\) /, ""); split($0, a, " "); print a[12] + a[13] }' "/proc/$SPID/stat"; }
settled() { # wait up to 30 s for no active call and no port in use; prints the counters
	local c
	for _ in $(seq 1 60); do
		c=$(api /api/counters)
		[ "$(echo "$c" | jq '[.. | objects | (.portsInUse?, .active?) | numbers] | add')" = 0 ] && break
		sleep 0.5
	done
	echo "$c"
}
col() { # csv-line header-line name -> value of the column with that header
	awk -F';' -v n="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }' <(echo "$2"; echo "$1")
}
pct() { # "label:count ..." p -> upper bound of the bucket holding the p-th percentile
	echo "$1" | awk -v p="$2" '{ n = 0; for (i = 1; i <= NF; i++) { split($i, a, ":"); n += a[2] } if (!n) { print "-"; exit }
		c = 0; for (i = 1; i <= NF; i++) { split($i, a, ":"); c += a[2]; if (c >= p / 100 * n) { print a[1]; exit } } }'
}
hist() { # csv-line header-line k -> "<N:count ... >=N:count" of ResponseTimeRepartition<k>, in column order
	awk -F';' -v k="ResponseTimeRepartition$3_" 'NR == 1 { for (i = 1; i <= NF; i++) if (index($i, k) == 1) { c[i] = substr($i, length(k) + 1) }; next }
		{ o = ""; for (i = 1; i <= NF; i++) if (i in c) o = o (o == "" ? "" : " ") c[i] ":" ($i + 0); print o }' <(echo "$2"; echo "$1")
}

# ------------------------------------------------------------------ part 1: calls per second
CPS_ROWS=""
if [[ " $PARTS " == *" cps "* ]]; then
	printf 'SEQUENTIAL\n9;\n' > "$OUT/closed-port.csv"   # the discard port, nobody listens on 127.0.0.1:9
	for rate in $RATES; do
		q=$(wait_quiet_line)
		calls=$((rate * DUR))
		d="$OUT/cps-$rate"; mkdir -p "$d"
		t0=$(server_ticks); s0=$(date +%s.%N); read -ra m0 < /proc/stat
		log "cps $rate: $calls calls; $q"
		( cd "$d" && timeout $((DUR + 60)) /usr/bin/time -f "%e %U %S" -o time.txt sipp -sf "$ROOT/bench/sipp/ivr-caller.xml" -inf "$OUT/closed-port.csv" -s 4100 \
			-i 127.0.0.1 -p 5080 -r "$rate" -m "$calls" -l $((rate * 10)) -d "$PAUSE" -nostdin -buff_size 4194304 \
			-timeout $((DUR + 45))s -trace_stat -stf stat.csv -fd 1 -trace_err -error_file err.log \
			127.0.0.1:5060 > sipp.out 2>&1 ); rc=$?
		s1=$(date +%s.%N); t1=$(server_ticks); read -ra m1 < /proc/stat
		busy=$(awk -v a="${m0[*]}" -v b="${m1[*]}" 'BEGIN { split(a, x, " "); split(b, y, " "); for (i = 2; i <= 9; i++) t += y[i] - x[i]
			printf "%.0f", 100 * (t - (y[5] + y[6] - x[5] - x[6])) / t }')
		sippcpu=$(tail -1 "$d/time.txt" 2>/dev/null | awk '{ printf "%.0f", 100 * ($2 + $3) / $1 }')
		hdr=$(head -1 "$d/stat.csv"); last=$(tail -1 "$d/stat.csv")
		succ=$(col "$last" "$hdr" "SuccessfulCall(C)"); fail=$(col "$last" "$hdr" "FailedCall(C)")
		retr=$(col "$last" "$hdr" "Retransmissions(C)")
		el=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", b - a }')
		cpu=$(awk -v t="$((t1 - t0))" -v e="$el" 'BEGIN { printf "%.0f", t / e }')
		h1=$(hist "$last" "$hdr" 1); h2=$(hist "$last" "$hdr" 2)
		cnt=$(settled); echo "$cnt" > "$d/counters-after.json"
		ports=$(echo "$cnt" | jq '[.. | objects | .portsInUse? | numbers] | add')/$(fds)
		row="| $rate | $calls | $succ | $fail | $retr | $(pct "$h1" 50) / $(pct "$h1" 99) | $(pct "$h2" 50) / $(pct "$h2" 99) | $el | $cpu | $sippcpu | $busy | $ports | $rc |"
		echo "$row ($q)" | tee -a "$OUT/cps.txt"
		CPS_ROWS="$CPS_ROWS$row"$'\n'
	done
fi

# ------------------------------------------------------------------ part 2: callers held with paced prompts
HOLD_ROWS=""
if [[ " $PARTS " == *" hold "* ]]; then
	for n in $HOLD; do
		q=$(wait_quiet_line)
		d="$OUT/hold-$n"; mkdir -p "$d"
		{ echo SEQUENTIAL; for i in $(seq 0 $((n - 1))); do echo "$((50000 + 2 * i));"; done; } > "$d/ports.csv"
		ramp=$(( (n + HOLD_RATE - 1) / HOLD_RATE ))
		hold_ms=$(( (ramp + WINDOW + 12) * 1000 ))
		log "hold $n: ramp ${ramp} s at $HOLD_RATE cps, each caller stays $((hold_ms / 1000)) s; $q"
		java -Xms256m -Xmx256m -cp bench/target/benchmarks.jar io.switchboard.bench.ivr.PromptListener --streams "$n" \
			--base-port 50000 --wait-all $((ramp + 15)) --settle 3 --window "$WINDOW" --server-pid "$SPID" \
			> "$d/listener.out" 2>&1 &
		LPID=$!
		for _ in $(seq 1 50); do grep -q READY "$d/listener.out" && break; sleep 0.2; done
		( cd "$d" && timeout $((ramp + WINDOW + 80)) sipp -sf "$ROOT/bench/sipp/ivr-hold.xml" -inf "$d/ports.csv" -s 4101 \
			-i 127.0.0.1 -p 5080 -r "$HOLD_RATE" -m "$n" -l "$n" -d "$hold_ms" -nostdin -buff_size 4194304 \
			-timeout $((ramp + WINDOW + 60))s -trace_stat -stf stat.csv -fd 1 -trace_err -error_file err.log \
			127.0.0.1:5060 > sipp.out 2>&1 ); rc=$?
		wait "$LPID"; LPID=""
		hdr=$(head -1 "$d/stat.csv"); last=$(tail -1 "$d/stat.csv")
		succ=$(col "$last" "$hdr" "SuccessfulCall(C)"); fail=$(col "$last" "$hdr" "FailedCall(C)")
		cnt=$(settled); echo "$cnt" > "$d/counters-after.json"
		ports=$(echo "$cnt" | jq '[.. | objects | .portsInUse? | numbers] | add')/$(fds)
		res=$(grep '^RESULT ' "$d/listener.out" | sed 's/^RESULT //')
		[ -z "$res" ] && res='{}'
		row=$(echo "$res" | jq -r --arg n "$n" --arg s "$succ" --arg f "$fail" --arg p "$ports" --arg rc "$rc" \
			'"| \($n) | \(.alive_at_window) | \(.received) / \(.expected) (\(.received_pct) %) | \(.lost_by_seq) |" +
			 " \(.gap_p50_ms) / \(.gap_p99_ms) / \(.gap_p999_ms) / \(.gap_max_ms) | \(.d_p99_ms) / \(.d_max_ms) |" +
			 " \(.rfc3550_jitter_mean_ms) / \(.rfc3550_jitter_max_ms) | \(.server_cores) | \(.listener_cores) |" +
			 " \(.machine_busy_pct) | \($s) / \($f) | \($p) | \($rc) |"')
		echo "$row ($q)" | tee -a "$OUT/hold.txt"
		HOLD_ROWS="$HOLD_ROWS$row"$'\n'
	done
fi

api /api/counters > "$OUT/counters-end.json"
{
	echo
	cat "$OUT/machine.txt"
	if [ -n "$CPS_ROWS" ]; then
		echo
		echo "| cps offered | calls | completed | failed | retrans | setup p50 / p99 (ms, SIPp bucket) | key -> BYE p50 / p99 (ms) | step s | server CPU % of a core | SIPp CPU % | machine busy % | portsInUse / server fds after | sipp rc |"
		echo "|--:|--:|--:|--:|--:|:--|:--|--:|--:|--:|--:|--:|--:|"
		printf '%s' "$CPS_ROWS"
	fi
	if [ -n "$HOLD_ROWS" ]; then
		echo
		echo "| callers | streams at window | packets received / expected | lost (seq) | gap p50 / p99 / p99.9 / max (ms) | D p99 / max (ms) | RFC 3550 J mean / max (ms) | server cores | listener cores | machine busy % | calls ok / failed | portsInUse / server fds after | sipp rc |"
		echo "|--:|--:|:--|--:|:--|:--|:--|--:|--:|--:|:--|--:|--:|"
		printf '%s' "$HOLD_ROWS"
	fi
	echo
	echo "server log: $(grep -c -E 'ERROR|Exception' "$OUT/server.log") ERROR/Exception lines, $(grep -c WARN "$OUT/server.log") WARN lines"
	echo "counters at the end: $(cat "$OUT/counters-end.json")"
	echo "raw output: $OUT"
} | tee "$OUT/summary.md"
