#!/usr/bin/env bash
# heap.sh - live heap per registered contact and per active (held) call, measured once.
#
#   bench/scripts/heap.sh                  # 10,000 registrations, then 2,000 held calls; ~3 min
#   CONTACTS=2000 CALLS=500 bench/scripts/heap.sh
#
# Live heap = the "Total" bytes of `jcmd <pid> GC.class_histogram` (which runs a full GC first), so the figures are
# live objects only, independent of the collector's headroom. Steps:
#   H0  server up, 1002 registered (the SIPp uas that answers the calls)
#   H1a 2 s after CONTACTS registrations (extensions 100000.., password pw-N, one digest-authenticated REGISTER
#       each, by bench/scripts/register_many.py), H1 SETTLE0=40 s later (REGISTER transactions gone, Timer J 32 s)
#       -> (H1 - H0) / CONTACTS = bytes per registered contact (binding + whatever the registrar keeps per AOR)
#   H2  CALLS calls answered and held (sipp -d HOLD_MS), measured SETTLE1 s after the last was answered (their
#       INVITE transactions still in memory), H3 again after SETTLE2 s (>= 32 s: RFC 6026 Timer L / RFC 3261
#       Timer J/K gone, dialog state only) -> (H2 - H1) / CALLS and (H3 - H1) / CALLS
# The difference of the two class histograms (top classes) is written to $OUT.
# Loopback only; uses UDP 5060/5061/5070/5072 and HTTP 8089; stops only what it started, by PID.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
CONTACTS=${CONTACTS:-10000}
CALLS=${CALLS:-2000}
CALL_RATE=${CALL_RATE:-200}
REG_RATE=${REG_RATE:-500}
HOLD_MS=${HOLD_MS:-120000}
SETTLE0=${SETTLE0:-40}
SETTLE1=${SETTLE1:-5}
SETTLE2=${SETTLE2:-40}
JAVA_OPTS=${JAVA_OPTS:-"-Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch"}
OUT=${OUT:-/tmp/switchboard-heap-$(date +%Y%m%d-%H%M%S)}
CONF=$ROOT/bench/conf/heap.conf
HTTP=http://127.0.0.1:8089
log() { echo "# $*" >&2; }

command -v sipp >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sip-tester >/dev/null || exit 1; }
[ -f core/target/switchboard.jar ] || mvn -B -q -DskipTests install || exit 1
for port in 5060 5061 5070 5072; do
	ss -Hlun "sport = :$port" | grep -q . && { log "UDP port $port is busy"; exit 1; }
done
mkdir -p "$OUT"; cd "$OUT" || exit 1

PIDS=""
is_ours() { tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline" | grep -q -e "switchboard.jar --config $CONF" -e "^sipp .*-p 50[67]" -e "register_many.py"; }
cleanup() {
	local p
	for p in $PIDS; do is_ours "$p" && kill "$p" 2>/dev/null; done
	sleep 1
	for p in $PIDS; do is_ours "$p" && kill -9 "$p" 2>/dev/null; done
	PIDS=""
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

rm -rf /tmp/switchboard-heap-data
# shellcheck disable=SC2086
java $JAVA_OPTS -Dlogback.configurationFile="$ROOT/conf/logback.xml" -jar "$ROOT/core/target/switchboard.jar" \
	--config "$CONF" > server.log 2>&1 &
SPID=$!; PIDS="$SPID"
for i in $(seq 1 150); do curl -sf "$HTTP/api/health" > /dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$HTTP/api/health" > /dev/null || { log "server did not start"; tail server.log >&2; exit 1; }
. "$ROOT/bench/scripts/api.sh"
api_login || { log "cannot sign in to the API"; exit 1; }

health() { curl -s "$HTTP/api/health"; }
field() { health | grep -o "\"$1\":[0-9]*" | cut -d: -f2; }
hist() { # name -> live bytes (full GC first); histogram kept in $OUT/hist-<name>.txt
	jcmd "$SPID" GC.class_histogram > "hist-$1.txt" 2>&1
	awk '/^Total/ { print $3 }' "hist-$1.txt"
}
diffhist() { # a b -> top 15 classes by growth in bytes
	awk 'FNR == NR && $1 ~ /^[0-9]+:$/ { a[$4] = $3; ai[$4] = $2; next }
		$1 ~ /^[0-9]+:$/ { d = $3 - a[$4]; if (d > 0) printf "%12d bytes %9d instances  %s\n", d, $2 - ai[$4], $4 }' \
		"hist-$1.txt" "hist-$2.txt" | sort -rn | head -15
}

# 1002 -> 127.0.0.1:5070 (the uas), as in b2bua-vs-kamailio.sh
printf 'SEQUENTIAL\n1002;3600;\n' > reg1002.csv
sipp -sf "$ROOT/scripts/sipp/register/register.xml" -inf reg1002.csv -au 1002 -ap demo-1002 -key caller 1002 \
	-i 127.0.0.1 -p 5070 -m 1 -nostdin -timeout 10s 127.0.0.1:5060 > reg1002.out 2>&1 || { log "register 1002 failed"; exit 1; }
sleep 2
H0=$(hist h0); log "H0 (server up, 1 contact) = $H0 bytes, $(health)"

# ------------------------------------------------------------------ registrations
t=$(date +%s)
python3 "$ROOT/bench/scripts/register_many.py" 127.0.0.1:5060 127.0.0.1:5072 100000 $((100000 + CONTACTS - 1)) 'pw-{n}' \
	"$REG_RATE" 3600 > reg.out 2>&1 &
RPID=$!; PIDS="$PIDS $RPID"; wait $RPID; rrc=$?
REG=$(field registeredContacts)
log "registration rc $rrc ($(tail -1 reg.out)) in $(( $(date +%s) - t )) s; registeredContacts = $REG"
sleep 2
H1a=$(hist h1a); log "H1a (2 s after the registrations, REGISTER transactions still in Timer J) = $H1a bytes"
sleep "$SETTLE0"
H1=$(hist h1); log "H1 (after registrations) = $H1 bytes"

# ------------------------------------------------------------------ held calls
sipp -sn uas -i 127.0.0.1 -bind_local -ci 127.0.0.1 -p 5070 -nostdin -buff_size 4194304 > uas.out 2>&1 &
UPID=$!; PIDS="$PIDS $UPID"; sleep 0.5
sipp -sf "$ROOT/bench/sipp/uac-bench.xml" 127.0.0.1:5060 -s 1002 -i 127.0.0.1 -bind_local -ci 127.0.0.1 -p 5061 \
	-buff_size 4194304 -r "$CALL_RATE" -l "$CALLS" -m "$CALLS" -d "$HOLD_MS" -nostdin \
	-timeout "$(( HOLD_MS / 1000 + 60 ))s" -trace_stat -stf uac-stat.csv -fd 5 > uac.out 2>&1 &
CPID=$!; PIDS="$PIDS $CPID"
deadline=$(( $(date +%s) + CALLS / CALL_RATE + 30 ))
while [ "$(field activeCalls)" -lt "$CALLS" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
ACT=$(field activeCalls); log "activeCalls = $ACT"
sleep "$SETTLE1"
H2=$(hist h2); A2=$(field activeCalls); log "H2 (+${SETTLE1}s, $A2 calls) = $H2 bytes"
sleep "$SETTLE2"
H3=$(hist h3); A3=$(field activeCalls); log "H3 (+$((SETTLE1 + SETTLE2))s, $A3 calls) = $H3 bytes"
api /api/counters > counters.json
cleanup

{
	echo "== heap ($(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(nproc) cpus $(lscpu | awk -F': +' '/Model name/ {print $2; exit}'), $(uname -r))"
	echo "JAVA_OPTS=$JAVA_OPTS; live heap = jcmd GC.class_histogram Total (after a full GC)"
	echo "H0 server up, 1 contact:                 $H0"
	echo "H1a + $((REG - 1)) contacts, 2 s later:      $H1a   -> $(( (H1a - H0) / (REG > 1 ? REG - 1 : 1) )) bytes per contact incl. its 2 REGISTER transactions (Timer J, 32 s)"
	echo "H1  + $((REG - 1)) contacts, $((SETTLE0 + 2)) s later:     $H1   -> $(( (H1 - H0) / (REG > 1 ? REG - 1 : 1) )) bytes per registered contact"
	echo "H2 + $A2 held calls, +${SETTLE1}s after setup:  $H2   -> $(( (H2 - H1) / (A2 > 0 ? A2 : 1) )) bytes per call (incl. transactions)"
	echo "H3 + $A3 held calls, +$((SETTLE1 + SETTLE2))s after setup: $H3   -> $(( (H3 - H1) / (A3 > 0 ? A3 : 1) )) bytes per call"
	echo "-- classes grown H0 -> H1 (registrations):"; diffhist h0 h1
	echo "-- classes grown H1 -> H1a (REGISTER transactions lingering):"; diffhist h1 h1a
	echo "-- classes grown H1 -> H3 (held calls):"; diffhist h1 h3
	echo "counters: $(cat counters.json)"
	echo "server log: $(grep -c -E 'ERROR|Exception' server.log) ERROR/Exception lines"
} | tee summary.txt
log "everything in $OUT"
