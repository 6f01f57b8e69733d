#!/usr/bin/env bash
# Runs a SIP benchmark main class of a module's tests (bundles/transport-sip unless told) after
# compiling them; shared by call-setup.sh, concurrent-calls.sh and call-server-cps.sh. Peer logs:
# the module's target/peers.
# Usage: bench/sip-bench.sh [--module DIR] main-class [arguments ...]
# BENCH_JAVA_OPTS adds JVM options (a profiler's agent, say); the heap is 512 MB unless they say otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module_dir=bundles/transport-sip
if [ "${1:-}" = "--module" ]; then
  module_dir="$2"
  shift 2
fi
module="$root/$module_dir"

# Offline, with the modules it needs built in the same run (their classes, not the local repository's jars).
mvn -B -q -o -f "$root/pom.xml" -pl "$module_dir" -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2
# Two sockets per call: 500 calls need more than 1000 descriptors.
ulimit -n 8192 2>/dev/null || true

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
cd "$module"
# The reactor's classes first: bnd copies the library packages a bundle embeds (io.vtgoconnect.sipstack)
# into the bundle's target/classes, and does not copy them again when only the library changed.
# shellcheck disable=SC2086
exec "$java" -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "$(cat target/bench.classpath):target/classes:target/test-classes" "$@"
