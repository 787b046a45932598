#!/usr/bin/env bash
# Runs every test. Installs what the tests need from Debian's packages when missing (sipp from sip-tester, the
# baresip softphone from baresip-core, espeak-ng for IVR speech, chromium and its chromedriver for the workbench's
# browser test, a Chinese font so that the screenshots show the Chinese text), then builds and runs all modules' tests with Maven, and ends with scripts/smoke-run.sh: the README's
# run command on a copy of the checkout with the project's own artifacts absent from the Maven repository.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
command -v curl >/dev/null 2>&1 || need+=(curl)                   # smoke-run.sh asks /api/health
command -v baresip >/dev/null 2>&1 || need+=(baresip-core)   # a real softphone for the interop test
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)     # text to speech for IVR prompts
{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || need+=(chromium chromium-driver)  # browser test
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)  # Chinese in the screenshots
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
mvn -B verify "$@"
exec scripts/smoke-run.sh
