#!/usr/bin/env bash
# Runs a SIP benchmark main class of bundles/transport-sip's tests (package ...transport.sip.bench)
# after compiling them; shared by call-setup.sh and concurrent-calls.sh. Peer logs: target/peers.
# Usage: bench/sip-bench.sh main-class [arguments ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bundles/transport-sip"

# Offline, this module only: the other bundles come from the local repository (mvn install them first).
mvn -B -q -o -f "$root/pom.xml" -pl bundles/transport-sip test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2
# Two sockets per call: 500 calls need more than 1000 descriptors.
ulimit -n 8192 2>/dev/null || true

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
cd "$module"
exec "$java" -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" "$@"
