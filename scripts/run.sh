#!/usr/bin/env bash
# Builds Switchboard and starts it on the default configuration (conf/switchboard.conf), or on --config FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v mvn >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
  echo "run.sh needs java 17 and maven (mvn) on the PATH" >&2
  exit 1
fi
# The demo IVR speaks its prompts with espeak-ng (Debian's package); without it those flows are not published.
if ! command -v espeak-ng >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "run.sh: installing espeak-ng for the IVR's text to speech" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq espeak-ng) \
    || echo "run.sh: could not install espeak-ng; flows that speak text will not be published" >&2
fi
# Only the server (core and the modules it needs), without compiling tests: nothing here may rely on the project's own
# artifacts being in the local Maven repository (a fresh machine has none; scripts/smoke-run.sh checks it in CI).
mvn -B -q -Dmaven.test.skip=true -pl core -am package
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--config conf/switchboard.conf)
# The journal's Chronicle Queue needs --add-opens/--add-exports on Java 17: switchboard.jar's manifest carries them
# (Add-Opens, Add-Exports), which java -jar honours, so none are given here.
# ParallelGC with a young generation half the heap: what survives a young collection is small (see
# bench/RESULTS.md), so pauses stay short and throughput high. Override with SWITCHBOARD_JAVA_OPTS.
exec java ${SWITCHBOARD_JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseParallelGC -XX:NewRatio=1} -Dlogback.configurationFile=conf/logback.xml \
  -jar core/target/switchboard.jar "${args[@]}"
