#!/usr/bin/env bash
# Bytes the SIP stack allocates for each UDP datagram, with JAIN-SIP's stock reader and with the
# bounded intake (see UdpIntakeAllocationBench). Builds the module's classes first; run it inside
# its own network namespace (unshare -n) like the tests.
# Usage: bench/udp-intake.sh [datagrams]   (20000 unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mvn -B -q -o -f "$root/pom.xml" -pl lib/sip-stack test-compile
mvn -B -q -o -f "$root/pom.xml" -pl lib/sip-stack dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/lib/sip-stack/target/bench.classpath"
classpath="$(cat "$root/lib/sip-stack/target/bench.classpath")"

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
module="$root/lib/sip-stack/target"
exec "$java" -cp "$module/classes:$module/test-classes:$classpath" io.vtgoconnect.sipstack.bench.UdpIntakeAllocationBench "$@"
