#!/usr/bin/env bash
# run-anchor.sh - SIP performance anchor on loopback:
#   * SIPp uac -> SIPp uas directly (load-generator ceiling), and
#   * SIPp uac -> Kamailio (tm stateful proxy, record_route, t_relay) -> SIPp uas
# stepping the call rate and printing one line per step.
#
# Everything is bound to 127.0.0.1. Every step is bounded in call count
# (sipp -m) and in time (sipp -timeout + a watchdog in this script). Only
# processes started by this script are stopped, by PID.
#
# Usage:  ./run-anchor.sh                       # default plan, ~6.5 min (BUDGET caps at 8)
#         PLAN="kam:4:0:1000,2000" DUR=10 ./run-anchor.sh
#         EXT_PIDS="$(pgrep -d' ' -f our-server)" PLAN="ext:0:0:1000,2000,3000" ./run-anchor.sh
# Output: one table line per step on stdout, a summary per phase, and
#         $OUT/steps.csv (same data + full response-time repartition).
# See RESULTS.md next to this script for the measured figures and pitfalls.
#
# PLAN is a space separated list of phases  MODE:CHILDREN:HOLD_MS:RATE,RATE,...
#   MODE     direct | kam | ext
#            direct = no proxy (uac -> uas), CHILDREN ignored
#            kam    = kamailio started by this script on 127.0.0.1:5060
#            ext    = an external SUT (e.g. our own server) that is ALREADY
#                     listening on 127.0.0.1:$EXT_PORT and forwards to the
#                     uas on 127.0.0.1:5070; its CPU is measured from
#                     EXT_PIDS; it is never started or stopped by this script
#   CHILDREN kamailio UDP worker processes (-n)
#   HOLD_MS  sipp -d (pause between ACK and BYE); 0 = no hold
#   RATES    offered calls per second, stepped upwards; with STOP_ON_FAIL=1
#            a phase stops at its first failing rate.
# Other knobs (environment):
#   DUR=20            seconds of offered load per step (calls = rate*DUR)
#   DRAIN=8           seconds allowed after the last call was started for the
#                     calls in flight to finish (unfinished calls = failures)
#   SETTLE=3          idle seconds between steps
#   SHM_MB=1024 PKG_MB=16   kamailio -m / -M (the default 64 MB shm runs out at
#                     ~450 CPS: tm keeps every transaction 5 s after it ends,
#                     ~140 MB of shm per 1000 CPS)
#   BUFF=4194304      sipp -buff_size (socket buffers) for uac and uas; with the
#                     sipp default (65535) datagrams are dropped from ~4000 CPS
#   KAM_BIGBUF=1      1 = kamailio maxbuffer=4 MB (cfg: -A BIGBUF), i.e. the same
#                     receive buffer as the sipp sockets; 0 = stock kamailio
#                     (256 KB probe limit, 512 KB in the kernel = ~25 ms of
#                     traffic at 3000 CPS; any longer stall drops datagrams)
#   SCEN=anchor       uac scenario: anchor (uac-anchor.xml, = sipp -sd uac but
#                     tolerant of a 180 that arrives after the 200 OK) |
#                     strict (uac-strict.xml, = sipp -sd uac) | a path
#   BUDGET=480        total seconds; steps that would not fit are skipped
#   STOP_ON_FAIL=1    stop a phase at its first failing rate
#   SIPP_EXTRA=""     extra sipp uac options
#   OUT=/tmp/kamailio-anchor-<date>   per-step logs and sipp csv files
#   NOISY_PCT=30 RETRY_NOISY=1   a failed step during which other processes used
#                     more than NOISY_PCT % of a core in some second is retried once
#   EXT_PORT=5060 EXT_PIDS="pid ..."  for MODE ext (e.g. EXT_PIDS=$(pgrep -d' ' -f myserver.jar))
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
CFG=$HERE/kamailio-anchor.cfg

PLAN=${PLAN:-"direct:0:0:5000,10000,15000,20000 kam:2:0:1000,2000,3000,3500,4000 kam:4:0:3000,3500,4000 kam:2:2000:1000,3000"}
DUR=${DUR:-20}
DRAIN=${DRAIN:-8}
SETTLE=${SETTLE:-3}
SHM_MB=${SHM_MB:-1024}
PKG_MB=${PKG_MB:-16}
BUFF=${BUFF:-4194304}
KAM_BIGBUF=${KAM_BIGBUF:-1}
SCEN=${SCEN:-anchor}
BUDGET=${BUDGET:-480}
STOP_ON_FAIL=${STOP_ON_FAIL:-1}
SIPP_EXTRA=${SIPP_EXTRA:-}
EXT_PORT=${EXT_PORT:-5060}
NOISY_PCT=${NOISY_PCT:-30}
RETRY_NOISY=${RETRY_NOISY:-1}
EXT_PIDS=${EXT_PIDS:-}
OUT=${OUT:-/tmp/switchboard-bench-$(date +%Y%m%d-%H%M%S)}
case "$SCEN" in
	anchor) SCEN=$HERE/uac-anchor.xml ;;
	bench) SCEN=$HERE/uac-bench.xml ;;   # Switchboard bench: uac-anchor.xml with finer response-time buckets
	strict) SCEN=$HERE/uac-strict.xml ;;
	*) SCEN=$(readlink -f "$SCEN") ;;
esac

IP=127.0.0.1
KAM_PORT=5060
UAC_PORT=5061
UAS_PORT=5070
CTL=/tmp/kamailio-anchor.ctl          # must match modparam("ctl","binrpc",...) in the cfg
PIDFILE=/tmp/switchboard-bench-anchor.pids     # PIDs this script started (for safe reruns)
HZ=$(getconf CLK_TCK)
T0=$(date +%s)

log() { echo "# $*" >&2; }
now() { date +%s.%N; }

# ---------------------------------------------------------------- install
need_pkg() { # binary package
	command -v "$1" >/dev/null 2>&1 && return 0
	log "installing $2"
	if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || { log "cannot install $2"; exit 1; }
}
need_pkg kamailio kamailio
need_pkg kamcmd kamailio
need_pkg sipp sip-tester
need_pkg ss iproute2
need_pkg ps procps

mkdir -p "$OUT"
cd "$OUT" || exit 1     # sipp writes its auxiliary files (-trace_err, ...) into the cwd

# ---------------------------------------------------------------- process bookkeeping
KPID="" KPIDS="" UPID="" CPID="" SUTPIDS=""

is_ours() { # pid -> true if its cmdline is one of the processes this script starts
	local cl
	cl=$(tr '\0' ' ' 2>/dev/null < "/proc/$1/cmdline") || return 1
	case "$cl" in
		*kamailio*kamailio-anchor.cfg*) return 0 ;;
		*sipp*-p\ $UAS_PORT*|*sipp*-p\ $UAC_PORT*) return 0 ;;
	esac
	return 1
}

stop_pids() { # pids... : TERM, wait up to 5 s, then KILL the survivors
	local p alive="" i
	for p in "$@"; do is_ours "$p" && kill "$p" 2>/dev/null; done
	for i in $(seq 1 50); do
		alive=""
		for p in "$@"; do is_ours "$p" && alive="$alive $p"; done
		[ -z "$alive" ] && return 0
		sleep 0.1
	done
	for p in $alive; do is_ours "$p" && kill -9 "$p" 2>/dev/null; done
	return 0
}

stop_all() {
	local kids=""
	[ -n "$CPID" ] && stop_pids $CPID
	[ -n "$KPID" ] && kids=$(ps -o pid= --ppid "$KPID" 2>/dev/null)
	# kamailio main process first (it terminates its children), then stragglers
	[ -n "$KPID" ] && stop_pids $KPID
	[ -n "$KPIDS$kids" ] && stop_pids $KPIDS $kids
	[ -n "$UPID" ] && stop_pids $UPID
	KPID="" KPIDS="" UPID="" CPID=""
	: > "$PIDFILE"
}
trap 'stop_all; exit 130' INT TERM
trap 'stop_all' EXIT

# leftovers of a previous (killed) run of this script: only PIDs we recorded
if [ -s "$PIDFILE" ]; then
	log "stopping leftovers from a previous run: $(tr '\n' ' ' < "$PIDFILE")"
	stop_pids $(cat "$PIDFILE")
	: > "$PIDFILE"
fi
ports="$UAC_PORT $UAS_PORT"
case " $PLAN" in *" kam:"*) ports="$KAM_PORT $ports" ;; esac
for port in $ports; do
	if ss -Hlun "sport = :$port" | grep -q .; then
		log "UDP port $port is busy (not started by this script?):"; ss -lunp "sport = :$port" >&2
		exit 1
	fi
done

# ---------------------------------------------------------------- helpers
ticks() { # sum of utime+stime (clock ticks) of the given pids (missing pids count 0)
	local f="" p
	for p in "$@"; do [ -r "/proc/$p/stat" ] && f="$f /proc/$p/stat"; done
	[ -z "$f" ] && { echo 0; return; }
	# strip "pid (comm) " so that field 1 is the state; utime/stime = fields 12/13
	awk '{ sub(/^.*\) /, ""); split($0, a, " "); t += a[12] + a[13] } END { print t + 0 }' $f 2>/dev/null || echo 0
}
all_ticks() { # CPU ticks of every process on the machine except this script (incl. reaped
	# children via cutime/cstime). /proc/stat is not used: in this VM its tick-sampled
	# busy time misses most of the short bursts of a SIP workload.
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v self=$$ '{ pid = $1; sub(/^.*\) /, ""); split($0, a, " ")
		if (pid != self) t += a[12] + a[13] + a[14] + a[15] } END { print t + 0 }'
}
udp_rcvbuf_errors() { awk '/^Udp:/ { if (h) { print $6; exit } h=1 }' /proc/net/snmp; }
sock_drops() { # $1 = local UDP port -> kernel drop counter of that socket (0 if none)
	ss -Huanm "sport = :$1" 2>/dev/null | grep -o 'skmem:([^)]*' | sed 's/.*,d//' | head -1 | grep . || echo 0
}
# snapshot: "epoch kam uas uac machine rcvbuf"
snap() { echo "$(now) $(ticks $SUTPIDS) $(ticks $UPID) $(ticks $CPID) $(all_ticks) $(udp_rcvbuf_errors)"; }

start_uas() { # $1 = logdir
	sipp -sn uas -i $IP -bind_local -ci $IP -p $UAS_PORT -nostdin -buff_size "$BUFF" \
		-trace_stat -stf "$1/uas-stat.csv" -fd 5 > "$1/uas.out" 2>&1 &
	UPID=$!
	echo "$UPID" >> "$PIDFILE"
	sleep 0.5
	kill -0 "$UPID" 2>/dev/null || { log "sipp uas failed to start:"; cat "$1/uas.out" >&2; exit 1; }
}

start_kam() { # $1 = children, $2 = logdir
	local defs=""
	[ "$KAM_BIGBUF" = 1 ] && defs="-A BIGBUF"
	kamailio -f "$CFG" -DD -E -n "$1" -m "$SHM_MB" -M "$PKG_MB" $defs > "$2/kamailio.log" 2>&1 &
	KPID=$!
	echo "$KPID" >> "$PIDFILE"
	local i
	for i in $(seq 1 50); do
		[ -S "$CTL" ] && kamcmd -s "unix:$CTL" core.uptime >/dev/null 2>&1 && break
		sleep 0.1
	done
	kill -0 "$KPID" 2>/dev/null || { log "kamailio failed to start:"; tail -20 "$2/kamailio.log" >&2; exit 1; }
	KPIDS="$KPID $(ps -o pid= --ppid "$KPID" | tr '\n' ' ')"
	echo "$KPIDS" | tr ' ' '\n' | grep . >> "$PIDFILE"
}

kam_shm_max_mb() {
	kamcmd -s "unix:$CTL" core.shmmem 2>/dev/null | awk '/max_used/ { printf "%.0f", $2/1048576 }'
}

# ms from sipp "HH:MM:SS:uuuuuu"
hms2ms() { echo "$1" | awk -F: '{ printf "%.1f", (($1*3600+$2*60+$3)*1e6+$4)/1000 }'; }

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC') $(uname -r) $(nproc) cpus $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "# $(kamailio -v 2>/dev/null | head -1) | $(sipp -v 2>/dev/null | grep -o 'SIPp v[^ ]*' | head -1) | DUR=${DUR}s DRAIN=${DRAIN}s SHM=${SHM_MB}MB PKG=${PKG_MB}MB sipp-buff=${BUFF} kam-bigbuf=${KAM_BIGBUF} scen=$(basename "$SCEN")"
FMT='%-6s %2s %5s %5s %7s %7s %6s %6s %5s %7s %7s %6s %6s %6s %7s %6s %6s %7s %14s  %s\n'
printf "$FMT" mode ch hold rate attempt success failed f_unex f_tmo ach_cps retrans rt_avg rt_p99 sutCPU sippCPU uacCPU uasCPU othCPU drops:k/c/s result
cat >&2 <<NOTE
# rate = offered calls/s; attempt/success/failed = sipp uac cumulative counters; f_unex = failed on
#   unexpected message, f_tmo = failed on max UDP retrans / recv timeout; unfinished calls (still
#   running DRAIN=${DRAIN}s after the last call was started) count as failures in the verdict;
#   ach_cps = call-creation rate sipp really achieved; retrans = sipp retransmissions (packet loss);
#   rt_avg / rt_p99 = INVITE->200 OK seen by the uac in ms (sipp has 1 ms resolution, p99 = bucket);
#   *CPU = % of ONE core, averaged over the loaded part of the step (machine max = $(nproc)00%);
#   sutCPU = system under test: all kamailio processes (kam) or EXT_PIDS (ext);
#   sippCPU = uac+uas; othCPU = all other processes and kernel threads (not softirq/steal), as
#   average/peak-second;
#   drops:k/c/s = datagrams the kernel dropped on a full socket receive buffer during the step, at
#   kamailio or ext SUT / sipp uac (+ any other socket on the machine) / sipp uas.
NOTE

run_step() { # mode children hold rate
	local mode=$1 ch=$2 hold=$3 rate=$4
	local calls=$((rate * DUR))
	local d="$OUT/$mode-n$ch-d$hold-r$rate" try=1
	while [ -e "$d" ]; do try=$((try + 1)); d="$OUT/$mode-n$ch-d$hold-r$rate-try$try"; done
	mkdir -p "$d"
	local port=$UAS_PORT
	[ "$mode" = kam ] && port=$KAM_PORT
	[ "$mode" = ext ] && port=$EXT_PORT
	local tlimit=$((DUR + (hold + 999) / 1000 + DRAIN))

	local e0 s0 s1 dk0 ds0
	e0=$(udp_rcvbuf_errors); dk0=$(sock_drops $port); ds0=$(sock_drops $UAS_PORT)
	sipp -sf "$SCEN" $IP:$port -i $IP -bind_local -ci $IP -p $UAC_PORT -buff_size "$BUFF" \
		-r "$rate" -m "$calls" -d "$hold" -nostdin \
		-timeout "${tlimit}s" -trace_stat -stf "$d/uac-stat.csv" -fd 1 \
		$SIPP_EXTRA > "$d/uac.out" 2>&1 &
	CPID=$!
	echo "$CPID" >> "$PIDFILE"
	local tstart
	tstart=$(now)
	# CPU window: from 1 s after start to ~0.5 s before the last call is started,
	# sampled every second (the per-second samples give the othCPU peak)
	sleep 1
	s0=$(snap)
	echo "$s0" > "$d/cpu.samples"
	local tw
	tw=$(awk -v t="$tstart" -v d="$DUR" 'BEGIN{ printf "%.3f", t + (d > 2 ? d - 0.5 : 1.5) }')
	while awk -v t="$tw" -v n="$(now)" 'BEGIN{ exit !(n + 1 <= t) }'; do
		sleep 1
		snap >> "$d/cpu.samples"
	done
	s1=$(tail -1 "$d/cpu.samples")
	# wait for sipp to finish (sipp -timeout makes it stop placing calls at tlimit);
	# watchdog at tlimit+2 s: 2x SIGUSR1 = sipp aborts the open calls, writes its
	# final statistics and exits; SIGTERM/SIGKILL (by PID) as a last resort
	local deadline
	deadline=$(awk -v t="$tstart" -v l="$tlimit" 'BEGIN{ printf "%d", t + l + 2 }')
	while kill -0 "$CPID" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
	local rc=0 i
	if kill -0 "$CPID" 2>/dev/null; then
		log "sipp uac still running after $((tlimit + 2))s: aborting its calls (SIGUSR1 x2)"
		kill -USR1 "$CPID" 2>/dev/null; sleep 0.2; kill -USR1 "$CPID" 2>/dev/null
		for i in $(seq 1 30); do kill -0 "$CPID" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$CPID" 2>/dev/null && stop_pids "$CPID"
		rc=137
	fi
	wait "$CPID" 2>/dev/null
	local wrc=$?
	[ "$rc" = 0 ] && rc=$wrc
	CPID=""
	local tend e1
	tend=$(now); e1=$(udp_rcvbuf_errors)
	local dk ds dc
	dk=$(( $(sock_drops $port) - dk0 )); ds=$(( $(sock_drops $UAS_PORT) - ds0 ))
	dc=$(( e1 - e0 - dk - ds )); [ "$dc" -lt 0 ] && dc=0
	[ "$mode" = direct ] && dk="-"
	local shm="-"
	[ "$mode" = kam ] && shm=$(kam_shm_max_mb)

	# CPU % of one core over the window s0..s1
	local kc sc uc mc oc
	read -r kc sc uc mc <<< "$(awk -v a="$s0" -v b="$s1" -v hz="$HZ" 'BEGIN{
		split(a, x, " "); split(b, y, " "); w = y[1] - x[1]; if (w <= 0) w = 1
		for (i = 2; i <= 5; i++) printf "%.0f ", (y[i] - x[i]) / hz / w * 100 }')"
	oc=$((mc - kc - uc - sc)); [ "$oc" -lt 0 ] && oc=0
	# highest 1-second share of the machine used by anything but our processes
	local om
	om=$(awk -v hz="$HZ" 'NR > 1 { w = $1 - t; if (w > 0.2) { o = (($5 - m) - ($2 - k) - ($3 - u) - ($4 - c)) / hz / w * 100; if (o > mx) mx = o } }
		{ t = $1; k = $2; u = $3; c = $4; m = $5 } END { printf "%.0f", mx }' "$d/cpu.samples")
	[ "$mode" = direct ] && kc="-"

	# sipp uac statistics: last csv line = cumulative counters at exit
	local last att succ fail fun ftmo retr rt rtp99 peak ach
	last=$(tail -1 "$d/uac-stat.csv" 2>/dev/null)
	att=$(echo "$last"  | awk -F';' '{print $12+0}')
	succ=$(echo "$last" | awk -F';' '{print $16+0}')
	fail=$(echo "$last" | awk -F';' '{print $18+0}')
	ftmo=$(echo "$last" | awk -F';' '{print $22+$42}')
	fun=$(echo "$last"  | awk -F';' '{print $28+0}')
	retr=$(echo "$last" | awk -F';' '{print $58+0}')
	rt=$(hms2ms "$(echo "$last" | awk -F';' '{print $70}')")
	# response-time repartition columns located by their header names (ResponseTimeRepartition1_<N ... _>=N),
	# so the scenario may define any buckets; RTH = "label:count ..." for steps.csv
	local hdr RTH
	hdr=$(head -1 "$d/uac-stat.csv" 2>/dev/null)
	RTH=$(awk -F';' -v h="$hdr" 'BEGIN{ n = split(h, H, ";") }
		{ o = ""; for (i = 1; i <= n; i++) if (H[i] ~ /^ResponseTimeRepartition1_/) { l = H[i]; sub(/^ResponseTimeRepartition1_/, "", l); o = o (o == "" ? "" : " ") l ":" ($i + 0) } print o }' <<< "$last")
	rtp99=$(echo "$RTH" | awk '{ n = 0; for (i = 1; i <= NF; i++) { split($i, a, ":"); n += a[2] } if (n == 0) { print "-"; exit }
		c = 0; for (i = 1; i <= NF; i++) { split($i, a, ":"); c += a[2]; if (c >= 0.99 * n) { print a[1]; exit } } }')
	peak=$(awk -F';' 'NR > 1 && $14 + 0 > m { m = $14 + 0 } END { print m + 0 }' "$d/uac-stat.csv" 2>/dev/null)
	# achieved creation rate: calls created / elapsed, at the last periodic row before all were created
	ach=$(awk -F';' -v n="$calls" 'NR > 1 { split($1, s, "\t"); split($3, c, "\t"); el = c[3] - s[3]
		if ($12 + 0 < n && el > 0.5) r = $12 / el; if ($12 + 0 >= n && !r && el > 0) r = $12 / el }
		END { printf "%.0f", r }' "$d/uac-stat.csv" 2>/dev/null)
	ach=${ach:-0}

	local res="OK" why=""
	[ "$rc" = 137 ] && why="$why aborted"
	[ "$att" -lt "$calls" ] && why="$why only-${att}-attempted"
	[ $((succ + fail)) -lt "$att" ] && why="$why $((att - succ - fail))-unfinished"
	[ "$succ" -lt "$att" ] && why="$why $((att - succ))-not-successful"   # failed + unfinished: no tolerance (kit: 0.1 %)
	awk -v a="$ach" -v r="$rate" 'BEGIN{ exit !(a < 0.97 * r) }' && why="$why rate-not-reached"
	[ -n "$why" ] && res="FAIL:${why# }"
	[ "$res" = OK ] && [ "$retr" -gt 0 ] && res="OK-retrans"    # completed, but packets were lost

	printf "$FMT" \
		"$mode" "$ch" "$hold" "$rate" "$att" "$succ" "$fail" "$fun" "$ftmo" "$ach" "$retr" "$rt" "$rtp99" \
		"$kc" "$((uc + sc))" "$uc" "$sc" "$oc/$om" "$dk/$dc/$ds" \
		"$res (sipp rc $rc, $(awk -v a="$tstart" -v b="$tend" 'BEGIN{printf "%.1f", b-a}')s, peak $peak calls, kam shm max ${shm} MB)"
	# machine-readable copy (with the full response-time repartition)
	[ -s "$OUT/steps.csv" ] || echo "mode,children,hold_ms,rate,attempted,successful,failed,failed_unexpected,failed_timeout,unfinished,achieved_cps,retransmissions,rt_avg_ms,rt_repartition_ms,sut_cpu_pct,uac_cpu_pct,uas_cpu_pct,other_cpu_avg_pct,other_cpu_peak_pct,drops_sut,drops_uac_other,drops_uas,kam_shm_max_mb,peak_calls,result" > "$OUT/steps.csv"
	echo "$mode,$ch,$hold,$rate,$att,$succ,$fail,$fun,$ftmo,$((att - succ - fail)),$ach,$retr,$rt,$RTH,$kc,$uc,$sc,$oc,$om,$dk,$dc,$ds,$shm,$peak,${res%%:*}" >> "$OUT/steps.csv"
	case "$res" in
		OK|OK-retrans)
			{ [ "$BEST_DONE" = - ] || [ "$rate" -gt "$BEST_DONE" ]; } && BEST_DONE=$rate
			[ "$res" = OK ] && { [ "$BEST_CLEAN" = - ] || [ "$rate" -gt "$BEST_CLEAN" ]; } && BEST_CLEAN=$rate
			return 0 ;;
	esac
	[ "$om" -gt "$NOISY_PCT" ] && return 2   # failed while something else was eating CPU
	return 1
}

# ---------------------------------------------------------------- main loop
for phase in $PLAN; do
	IFS=: read -r mode ch hold rates <<< "$phase"
	[ "$mode" = direct ] && ch=0
	pd="$OUT/$mode-n$ch-d$hold"; mkdir -p "$pd"
	started=0 BEST_CLEAN=- BEST_DONE=-
	for rate in ${rates//,/ }; do
		need=$((DUR + hold / 1000 + DRAIN + SETTLE + 6))   # worst case of one step
		if [ $(( $(date +%s) - T0 + need )) -gt "$BUDGET" ]; then
			printf '%-6s %2s %5s %5s  skipped (BUDGET=%ss would be exceeded)\n' "$mode" "$ch" "$hold" "$rate" "$BUDGET"
			continue
		fi
		if [ "$started" = 0 ]; then
			start_uas "$pd"
			SUTPIDS=""
			[ "$mode" = kam ] && { start_kam "$ch" "$pd"; SUTPIDS=$KPIDS; }
			if [ "$mode" = ext ]; then
				SUTPIDS=$EXT_PIDS
				ss -Hlun "sport = :$EXT_PORT" | grep -q . || log "WARNING: nothing listens on UDP $EXT_PORT (ext mode)"
				[ -z "$EXT_PIDS" ] && log "WARNING: EXT_PIDS not set, sutCPU will read 0"
			fi
			started=1
		fi
		run_step "$mode" "$ch" "$hold" "$rate"; src=$?
		if [ "$src" = 2 ] && [ "$RETRY_NOISY" = 1 ] && [ $(( $(date +%s) - T0 + need )) -le "$BUDGET" ]; then
			log "step $mode n=$ch hold=$hold rate=$rate failed while other processes used up to ${NOISY_PCT}+% CPU: retrying once"
			sleep "$SETTLE"
			run_step "$mode" "$ch" "$hold" "$rate"; src=$?
		fi
		if [ "$src" != 0 ]; then
			[ "$STOP_ON_FAIL" = 1 ] && break
		fi
		sleep "$SETTLE"
	done
	stop_all
	SUMMARY="${SUMMARY:-}$(printf '%-6s n=%s hold=%sms: highest rate with 0 failed calls and 0 retransmissions: %s cps; with 0 failed: %s cps' "$mode" "$ch" "$hold" "$BEST_CLEAN" "$BEST_DONE")
"
	sleep 1
done
echo
printf '%s' "$SUMMARY"
log "logs, sipp csv files and steps.csv (one line per step) in $OUT ; total $(( $(date +%s) - T0 ))s"
