#!/usr/bin/env bash
# The README's run command as a newcomer types it (issue 12): a copy of this checkout without build output, a Maven
# local repository without the project's own artifacts (io/switchboard), `scripts/run.sh` started in the background;
# the server must answer SIP OPTIONS on UDP 5060 and GET /api/health within SMOKE_TIMEOUT seconds, then it is stopped
# by its process id. Fails (exit 1, with the run's output) otherwise. scripts/test.sh ends with it.
#
# The scratch repository is a hard-linked copy of ~/.m2/repository (no extra disk, seconds to make) minus
# io/switchboard, given to Maven by MAVEN_OPTS=-Dmaven.repo.local: run.sh itself is not changed for the test.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TIMEOUT=${SMOKE_TIMEOUT:-420}
REAL_REPO=${SMOKE_M2:-$HOME/.m2/repository}
WORK=$(mktemp -d /tmp/switchboard-smoke.XXXXXX)
PID=""
log() { echo "smoke-run: $*" >&2; }

stop() {
  [ -n "$PID" ] || return 0
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    # still up after 10 s: the whole process group (run.sh, mvn or java) goes
    kill -0 "$PID" 2>/dev/null && { log "not stopped by SIGTERM after 10 s: SIGKILL"; kill -KILL -- "-$PID" 2>/dev/null || true; }
  fi
  wait "$PID" 2>/dev/null || true
  PID=""
}
cleanup() { stop; rm -rf "$WORK"; }
trap cleanup EXIT

for port in 5060 8080; do
  if ss -Hlnut "sport = :$port" 2>/dev/null | grep -q .; then log "port $port is in use: cannot start the demo"; exit 1; fi
done

# The sources as they are (tracked and untracked, not ignored), without target/ or data/: what a clone holds.
mkdir -p "$WORK/clone"
(cd "$ROOT" && git ls-files -z -co --exclude-standard | xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$WORK/clone"
mkdir -p "$WORK/m2"
if [ -d "$REAL_REPO" ]; then cp -al "$REAL_REPO/." "$WORK/m2/"; fi
rm -rf "$WORK/m2/io/switchboard"
log "copy in $WORK/clone, Maven repository $WORK/m2 without io/switchboard"

cd "$WORK/clone"
# setsid: its own process group, so a stop that has to force takes mvn or java with it
MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$WORK/m2" setsid scripts/run.sh >"$WORK/run.log" 2>&1 &
PID=$!
log "scripts/run.sh started, pid $PID; waiting up to ${TIMEOUT}s for SIP OPTIONS and /api/health"

sip_ok=false; http_ok=false
deadline=$((SECONDS + TIMEOUT))
while [ $SECONDS -lt $deadline ]; do
  if ! kill -0 "$PID" 2>/dev/null; then
    wait "$PID" && rc=0 || rc=$?
    PID=""
    log "scripts/run.sh ended (exit $rc) before the server answered; its output:"
    cat "$WORK/run.log" >&2
    exit 1
  fi
  if ! $http_ok && curl -fsS -m 2 http://127.0.0.1:8080/api/health >"$WORK/health.json" 2>/dev/null; then
    http_ok=true; log "GET /api/health: $(head -c 200 "$WORK/health.json")"
  fi
  if $http_ok && ! $sip_ok && (cd "$WORK" && timeout 10 sipp -sf "$WORK/clone/scripts/sipp/options/options.xml" \
      -i 127.0.0.1 -p $((20000 + RANDOM % 20000)) -m 1 -timeout 5s -nostdin 127.0.0.1:5060 >"$WORK/sipp.log" 2>&1); then
    sip_ok=true; log "SIP OPTIONS on udp 5060: 200 OK"
  fi
  $sip_ok && $http_ok && break
  sleep 2
done

if ! $sip_ok || ! $http_ok; then
  log "the server did not answer within ${TIMEOUT}s (SIP OPTIONS: $sip_ok, /api/health: $http_ok); run.sh's output:"
  cat "$WORK/run.log" >&2
  [ -f "$WORK/sipp.log" ] && { log "sipp:"; tail -20 "$WORK/sipp.log" >&2; }
  exit 1
fi
stop
log "passed: scripts/run.sh built and started the demo from a repository without io/switchboard"
