#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar (sip-stack and bench only) and runs JMH with settings sized for a 2-core box:
# one fork, 3 warm-up and 5 measured iterations of 2 s each. Arguments replace the default benchmark selection and
# settings, e.g.  bench/scripts/jmh.sh SipParserBenchmark.encode -p message=OK
# Extra Maven flags (e.g. -o for offline) can be given in MVN_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q ${MVN_FLAGS:-} -pl bench -am package -DskipTests
if [ $# -eq 0 ]; then
  set -- SipParserBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
fi
exec java -jar bench/target/benchmarks.jar "$@"
