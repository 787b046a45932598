#!/usr/bin/env bash
# Fuzzes the Jazzer targets (issue 19) one at a time, each for MINUTES minutes (default 30, the issue's figure), with
# jazzer-junit's fuzzing mode (JAZZER_FUZZ=1; libFuzzer's -max_total_time passed after the annotation's own, so it
# wins). New coverage goes to <module>/.cifuzz-corpus/<class>/<method>/ (not committed); a crash is written as
# crash-<sha1> into the target's seed directory under src/test/resources, where the normal build replays it: fix
# the cause and commit the file. The summary (target, seconds, executions, corpus size, crash or not) goes to
# bench/results/fuzz-<UTC date>.txt; libFuzzer's own output to one log per target beside it.
# Coverage is taken from INSTRUMENT's classes: jazzer-junit's default is the module's own class directories only,
# which leaves out the other modules' jars and JAIN-SIP's parsers (SIP and SDP), where most of the parsing happens.
#   MINUTES=30  TARGETS="sip-stack:io.switchboard.sip.message.SipParserFuzzTest#parseAnswersMessageOrMalformed ..."
#   INSTRUMENT="io.switchboard.**:gov.nist.**"  MVN_FLAGS=-o
set -uo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${MINUTES:-30}
INSTRUMENT=${INSTRUMENT:-"io.switchboard.**:gov.nist.**"}
TARGETS=${TARGETS:-"
sip-stack:io.switchboard.sip.message.SipParserFuzzTest#parseAnswersMessageOrMalformed
sip-stack:io.switchboard.sip.transport.SipFramingFuzzTest#datagramDecoderMakesAtMostOneMessage
sip-stack:io.switchboard.sip.transport.SipFramingFuzzTest#streamFramerIsIndependentOfFragmentation
sip-stack:io.switchboard.sip.transport.SipFramingFuzzTest#webSocketFramesAreIndependentOfFragmentation
sip-stack:io.switchboard.sip.transport.SipFramingFuzzTest#streamFramerKeepsSyncAfterFramedGarbage
media:io.switchboard.media.sdp.SdpFuzzTest#readsOrRefusesWithSdpException
media:io.switchboard.media.rtp.RtpPacketsFuzzTest#readsDatagramWithinItsBytes
media:io.switchboard.media.ice.StunMessageFuzzTest#parsesOrRefusesWithinItsBytes
core:io.switchboard.core.journal.JournalSnapshotFuzzTest#snapshotReadsOrIsRefused
core:io.switchboard.core.api.JsonBodyFuzzTest#voiceFlowBodyReadsOrIs400
core:io.switchboard.core.api.JsonBodyFuzzTest#chatFlowBodyReadsOrIs400
"}
mkdir -p bench/results
STAMP=$(date -u +%Y%m%d-%H%M%S)
SUMMARY=bench/results/fuzz-$STAMP.txt
echo "# fuzz run $STAMP, $MINUTES min per target, $(nproc) cores" | tee "$SUMMARY"
mvn -B -q ${MVN_FLAGS:-} install -DskipTests -Dcheckstyle.skip -pl sip-stack,media,acd,ivr,chat -am
for target in $TARGETS; do
  module=${target%%:*}; test=${target#*:}
  log=bench/results/fuzz-$STAMP-${test##*.}.log
  start=$(date +%s)
  JAZZER_FUZZ=1 mvn -B ${MVN_FLAGS:-} -pl "$module" test-compile surefire:test -Dcheckstyle.skip \
    -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.instrumentation_includes="$INSTRUMENT" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$((MINUTES * 60)) > "$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  execs=$(grep -oE '^#[0-9]+' "$log" | tail -1)
  corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
  verdict=$([ $rc -eq 0 ] && echo "no finding" || echo "FINDING or failure (rc $rc), see $log")
  echo "$test: ${secs}s, executions ${execs:-?}, ${corpus:-corp ?}, $verdict" | tee -a "$SUMMARY"
done
