#!/usr/bin/env bash
# IPCC benchmark: N agents logged in on the embedded call server's ACD, each changing state in a loop
# (Ready, Not Ready with a reason) through the IPCC client with the push channel; prints the state
# changes per second and the latency from the command to the agent-state event (see AgentStateBench).
# Builds the modules it needs (offline) first.
# Usage: bench/ipcc-agents.sh [--seconds S] [--warmup S] [agents ...]   (10 s after 3 s of warm-up, 500 agents)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bundles/ipcc"

mvn -B -q -o -f "$root/pom.xml" -pl bundles/ipcc -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2
# Two connections per agent (its push channel and its requests), each with two ends here.
ulimit -n 8192 2>/dev/null || true

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java)}"
cd "$module"
# The reactor's classes first: bnd copies the library packages a bundle embeds (io.vtgoconnect.sipstack)
# into the bundle's target/classes, and does not copy them again when only the library changed.
exec "$java" -Xmx512m -cp "$(cat target/bench.classpath):target/classes:target/test-classes" \
  io.vtgoconnect.ipcc.internal.AgentStateBench "$@"
