#!/usr/bin/env bash
# Codec and SRTP cost: microseconds to encode and decode one 20 ms frame of each codec, and to
# protect and check one SRTP packet of each suite, on one thread, with each call's share of a
# processor (see CodecCostBench). Builds the media module's classes first.
# Usage: bench/codec-cost.sh [--seconds S]   (5 s an item after 5 s of warm-up, unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mvn -B -q -o -f "$root/pom.xml" -pl bundles/media test-compile

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
module="$root/bundles/media/target"
exec "$java" -Xmx256m -cp "$module/classes:$module/test-classes" \
  io.vtgoconnect.media.bench.CodecCostBench "$@"
