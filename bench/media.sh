#!/usr/bin/env bash
# Media benchmark: N pairs of RTP sessions in one JVM, each pair calling the other over loopback
# in the codecs named (G.711 unless told) both ways; prints the send-interval p50/p99/max, the process CPU and what the
# receivers counted (see ConcurrentSessionsBench). Builds the media module's classes first.
# Usage: bench/media.sh [--seconds S] [--warmup S] [--clock-threads K] [--codecs PCMU,G722,opus] [--srtp] [pairs ...]
#        (10 s after 3 s of warm-up, for 100 250 500 pairs, in PCMU over plain RTP, unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mvn -B -q -o -f "$root/pom.xml" -pl bundles/media test-compile
# Two sockets per session: 500 pairs need 2000 descriptors.
ulimit -n 8192 2>/dev/null || true

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
module="$root/bundles/media/target"
exec "$java" -Xmx512m -cp "$module/classes:$module/test-classes" \
  io.vtgoconnect.media.bench.ConcurrentSessionsBench "$@"
