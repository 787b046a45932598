#!/usr/bin/env bash
# chat-load.sh - chat load benchmark: N visitor sessions open at once, M visitor messages a second in all, message
# latency from the visitor's send to the agent's receive, and the server's live heap per open session.
#
#   bench/scripts/chat-load.sh                      # the targets: 10,000 sessions, 1,000 messages/s, 60 s (~5 min)
#   bench/scripts/chat-load.sh 2000 400 30          # SESSIONS RATE SECONDS
#   bench/scripts/chat-load.sh --smoke              # 200 sessions, 100 messages/s, 10 s (~1 min)
#
# The server runs as its own process (core/target/switchboard.jar) with a generated tenant: AGENTS agents B001..
# (accounts b001@demo.switchboard.., extensions 20001.., one skill group "load" of concurrency CONCURRENCY,
# tenant.acd.chatAutoAccept on), channel "load" (Origin http://127.0.0.1) running bench/conf/chat-flows/chatload.json
# (straight to the group). Their phones are registered by bench/scripts/register_many.py, then the load generator
# (io.switchboard.bench.chat.ChatLoad, another JVM) signs the agents in, opens their events sockets (/api/events),
# sets them idle, opens the visitors' widget sockets (/chat/ws) from 127.1.x.y, 20 per source address (the server's
# per-address limit), measures the live heap (jcmd GC.class_histogram) before and after, then sends the messages.
# Each widget sends RATE / SESSIONS messages a second (the server allows 2 a second per widget).
# Loopback only; bounded in time; stops only what it started, by PID. Exit status: ChatLoad's (0 = every session
# served, every message received once, no error frame; 2 = not so; 1 = set-up failed).
#
# Environment: AGENTS (default SESSIONS / CONCURRENCY rounded up, at most 999) CONCURRENCY=100 WARMUP=10 (smoke 3)
# TRANSFERS=0 (served sessions transferred a second during the load, to the group: give AGENTS room for them)
# POOL=0 (visitors a second who open channel "pool" and wait in group "pool"'s unassigned pool (chatPool on) while
#   its two agents P001, P002 are busy; both race to pick each one, the winner ends and finishes it: PoolPicks)
#   JAVA_OPTS="-Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch" (server)  CLIENT_OPTS="-Xms1g -Xmx1g" (generator)
#   HTTP_PORT=8093 SIP_PORT=5260 (and SIP_PORT + 2 for the registering phones)  QUIET_PCT=25 QUIET_WAIT=120  MVN_FLAGS (for the build when a jar is missing)
# Raw output in bench/results/chat-<date>/ (git-ignored).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
if [ "${1:-}" = "--smoke" ]; then
	set -- 200 100 10
	WARMUP=${WARMUP:-3}
fi
SESSIONS=${1:-10000}
RATE=${2:-1000}
SECONDS_=${3:-60}
CONCURRENCY=${CONCURRENCY:-100}
AGENTS=${AGENTS:-$(( (SESSIONS + CONCURRENCY - 1) / CONCURRENCY ))}
WARMUP=${WARMUP:-10}
JAVA_OPTS=${JAVA_OPTS:-"-Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch"}
CLIENT_OPTS=${CLIENT_OPTS:-"-Xms1g -Xmx1g"}
HTTP_PORT=${HTTP_PORT:-8093}
SIP_PORT=${SIP_PORT:-5260}
QUIET_PCT=${QUIET_PCT:-25}
QUIET_WAIT=${QUIET_WAIT:-120}
. "$ROOT/bench/scripts/quiet.sh"
WORK=/tmp/switchboard-chat-bench
CONF=$WORK/chat.conf
HTTP=http://127.0.0.1:$HTTP_PORT
OUT=$ROOT/bench/results/chat-$(date -u +%Y%m%d-%H%M%S)
log() { echo "# $(date -u +%H:%M:%S) $*" >&2; }

for b in curl jq python3 java jcmd; do command -v $b >/dev/null || { log "needs $b"; exit 1; }; done
[ "$AGENTS" -ge 1 ] && [ "$AGENTS" -le 999 ] || { log "AGENTS must be 1..999"; exit 1; }
[ $((AGENTS * CONCURRENCY)) -ge "$SESSIONS" ] || { log "AGENTS x CONCURRENCY < SESSIONS: not all can be served"; exit 1; }
# each JVM holds a socket per session (the server its accepted ones, the generator its own) plus its jars and files
ulimit -n "$(ulimit -Hn)" 2>/dev/null
[ "$(ulimit -n)" -ge $((SESSIONS + 1000)) ] || { log "ulimit -n $(ulimit -n) is too low for $SESSIONS sessions"; exit 1; }
if [ ! -f core/target/switchboard.jar ] || [ ! -f bench/target/benchmarks.jar ]; then
	# shellcheck disable=SC2086
	mvn -B -q ${MVN_FLAGS:-} -DskipTests package || exit 1
fi
for port in "$SIP_PORT" $((SIP_PORT + 2)); do
	ss -Hlun "sport = :$port" | grep -q . && { log "UDP port $port is busy"; exit 1; }
done
ss -Hltn "sport = :$HTTP_PORT" | grep -q . && { log "TCP port $HTTP_PORT is busy"; exit 1; }
mkdir -p "$OUT"

# ------------------------------------------------------------------ the generated tenant
rm -rf "$WORK"; mkdir -p "$WORK/chat-flows" "$WORK/flows" "$WORK/audio" "$WORK/tts" "$WORK/data"
cp bench/conf/chat-flows/chatload.json bench/conf/chat-flows/chatpool.json "$WORK/chat-flows/"
python3 - "$WORK" "$AGENTS" "$CONCURRENCY" "$HTTP_PORT" "$SIP_PORT" > "$CONF" <<'EOF'
import json, sys
work, agents, concurrency, http, sip = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
# Admin#demo1 (the demo administrator's hash, see bench/conf/ivr.conf), used by every account: no hashing at start
pw = "pbkdf2-sha256$210000$N/+q4DAMz+cplLqwHvLEuQ$0Htc4fGjm6a/YuQ3UcmBrs3MxR/foqvzL0W6O92DoXA"
n = range(1, agents + 1)
# the pool mix's two pickers (PoolPicks): members of group "pool" only, extensions after the load agents'
pickers = [(f"P{i:03d}", f"p{i:03d}@demo.switchboard", str(20000 + agents + i)) for i in (1, 2)]
print(json.dumps({
    "sip": {"bindAddress": "127.0.0.1", "udpPort": sip, "tcpPort": -1, "workers": 0},
    "http": {"bindAddress": "127.0.0.1", "port": http},
    "dataDir": work + "/data",
    # the ACD runs only with anchored media (queues play music); no call is made, so a few ports do
    "media": {"anchor": True, "bindAddress": "127.0.0.1", "firstPort": 41000, "lastPort": 41099},
    "trustedAddresses": ["127.0.0.1"],
    "auth": {"failuresBeforeBlock": 1000000},
    "registrar": {"maxExpires": 3600, "defaultExpires": 3600},
    "tenant": {
        "name": "demo", "domain": "demo.switchboard",
        "extensionRange": {"first": 20001, "last": 20000 + agents + 2, "passwordPattern": "pw-{n}"},
        "accounts": [{"email": "admin@demo.switchboard", "role": "admin", "passwordHash": pw}]
                    + [{"email": f"b{i:03d}@demo.switchboard", "role": "agent", "staffNo": f"B{i:03d}",
                        "passwordHash": pw} for i in n]
                    + [{"email": e, "role": "agent", "staffNo": s, "passwordHash": pw} for s, e, _ in pickers],
        "acd": {"chatAutoAccept": True, "groups": [{"name": "load", "concurrency": concurrency},
                                                   {"name": "pool", "concurrency": 10, "chatPool": True}],
                "agents": [{"staffNo": f"B{i:03d}", "extension": str(20000 + i), "groups": ["load"]} for i in n]
                          + [{"staffNo": s, "extension": x, "groups": ["pool"]} for s, _, x in pickers]},
        "ivr": {"flowsDir": work + "/flows", "audioDir": work + "/audio", "speechCacheDir": work + "/tts"},
        "chat": {"flowsDir": work + "/chat-flows",
                 "channels": [{"name": "load", "domain": "127.0.0.1", "flow": "chatload"},
                              {"name": "pool", "domain": "127.0.0.1", "flow": "chatpool"}]}}}, indent=1))
EOF

# ------------------------------------------------------------------ server
SPID=""
GPID=""
server_is_ours() { [ -n "$SPID" ] && { tr "\0" " " < "/proc/$SPID/cmdline"; } 2>/dev/null | grep -q "switchboard.jar --config $CONF"; }
stop_all() {
	[ -n "$GPID" ] && kill "$GPID" 2>/dev/null
	server_is_ours || return 0
	kill "$SPID" 2>/dev/null
	for _ in $(seq 1 100); do server_is_ours || return 0; sleep 0.1; done
	kill -9 "$SPID" 2>/dev/null
}
trap 'stop_all; exit 130' INT TERM
trap 'stop_all' EXIT
# shellcheck disable=SC2086
java $JAVA_OPTS -Dlogback.configurationFile=conf/logback.xml -jar core/target/switchboard.jar --config "$CONF" \
	> "$OUT/server.log" 2>&1 &
SPID=$!
for _ in $(seq 1 150); do curl -sf "$HTTP/api/health" > /dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$HTTP/api/health" > /dev/null || { log "server did not come up"; tail -20 "$OUT/server.log" >&2; exit 1; }
log "server pid $SPID; registering $AGENTS agents' phones"
python3 bench/scripts/register_many.py "127.0.0.1:$SIP_PORT" "127.0.0.1:$((SIP_PORT + 2))" 20001 $((20000 + AGENTS)) 'pw-{n}' 200 3600 \
	> "$OUT/register.out" 2>&1 || { log "registrations failed: $(tail -1 "$OUT/register.out")"; exit 1; }

read -r busy waited < <(wait_quiet)
{
	echo "date -u: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), kernel $(uname -r)"
	echo "java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
	echo "SESSIONS=$SESSIONS RATE=$RATE SECONDS=$SECONDS_ WARMUP=$WARMUP AGENTS=$AGENTS CONCURRENCY=$CONCURRENCY TRANSFERS=${TRANSFERS:-0} POOL=${POOL:-0}"
	echo "server JAVA_OPTS=$JAVA_OPTS; generator CLIENT_OPTS=$CLIENT_OPTS; ulimit -n $(ulimit -n)"
	echo "machine busy before: $busy % (waited $waited s)"
} | tee "$OUT/machine.txt"

# ------------------------------------------------------------------ load
# shellcheck disable=SC2086
timeout $((SESSIONS / 50 + WARMUP + SECONDS_ + 240)) java $CLIENT_OPTS -cp bench/target/benchmarks.jar \
	io.switchboard.bench.chat.ChatLoad --pid "$SPID" --port "$HTTP_PORT" --sessions "$SESSIONS" --rate "$RATE" \
	--seconds "$SECONDS_" --warmup "$WARMUP" --agents "$AGENTS" --transfers "${TRANSFERS:-0}" --pool "${POOL:-0}" > "$OUT/load.out" 2>&1 &
GPID=$!
wait "$GPID"; rc=$?; GPID=""
cat "$OUT/load.out"
res=$(grep '^RESULT ' "$OUT/load.out" | sed 's/^RESULT //')
[ -z "$res" ] && res='{}'
{
	echo
	cat "$OUT/machine.txt"
	echo
	echo "| sessions open / served | msgs/s | sent / acked / at agents (lost) | p50 / p90 / p99 / p99.9 / max (ms) | heap per open session (bytes) | server CPU % of a core | generator CPU % | errors | rc |"
	echo "|:--|--:|:--|:--|--:|--:|--:|:--|--:|"
	echo "$res" | jq -r --arg rc "$rc" '"| \(.opened) / \(.served) | \(.rate) | \(.sent) / \(.acked) / \(.received) (\(.lost)) |" +
		" \(.p50_ms) / \(.p90_ms) / \(.p99_ms) / \(.["p99.9_ms"]) / \(.max_ms) | \(.heap_per_session_bytes) |" +
		" \(.server_cpu_pct_of_a_core) | \(.generator_cpu_pct_of_a_core) | \(.errors | tojson) | \($rc) |"'
	if [ "${POOL:-0}" -gt 0 ]; then
		echo
		echo "| pool visitors | picks won / refused / double wins / failed | still waiting | pick race p50 / p99 (ms) | wait in the pool p50 / p99 / max (ms) |"
		echo "|--:|:--|--:|:--|:--|"
		echo "$res" | jq -r '"| \(.pool_visitors) | \(.pool_picks_won) / \(.pool_picks_refused) / \(.pool_double_wins) / \(.pool_failed) |" +
			" \(.pool_still_waiting) | \(.pick_p50_ms) / \(.pick_p99_ms) | \(.pool_wait_p50_ms) / \(.pool_wait_p99_ms) / \(.pool_wait_max_ms) |"'
	fi
	echo
	echo "server log: $(grep -c -E 'ERROR|Exception' "$OUT/server.log") ERROR/Exception lines, $(grep -c WARN "$OUT/server.log") WARN lines"
	echo "raw output: $OUT"
} | tee "$OUT/summary.md"
exit "$rc"
