#!/usr/bin/env bash
# SIP server location times: NAPTR, SRV and A lookups against dnsmasq on loopback, cold and
# cached, and an IP literal (see SipDnsBench). Builds the module's classes first; run it inside
# its own network namespace (unshare -n) like the tests.
# Usage: bench/dns.sh [rounds]   (200 unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mvn -B -q -o -f "$root/pom.xml" -pl lib/sip-dns test-compile
mvn -B -q -o -f "$root/pom.xml" -pl lib/sip-dns dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/lib/sip-dns/target/bench.classpath"
classpath="$(cat "$root/lib/sip-dns/target/bench.classpath")"

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
module="$root/lib/sip-dns/target"
exec "$java" -cp "$module/classes:$module/test-classes:$classpath" io.vtgoconnect.sipdns.bench.SipDnsBench "$@"
