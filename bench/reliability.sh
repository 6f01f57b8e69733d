#!/usr/bin/env bash
# Reliability benchmark: the running runtime (the call server on its SIP port, the phone on its own,
# registered) under the attacks of ReliabilityIT made long: the RFC 4475 messages, N mutated messages
# to each SIP port, ten TCP connections announcing a gigabyte, an offer naming a host, then a soak of
# calls to test endpoint 2004 through the call server with SIPp (10 a second). Prints RSS before and
# after each attack, the answers by status code, the soak's outcome and the stack-trace lines seen.
# Run it alone on a quiet machine; it binds its ports in a network namespace of its own when root.
# Usage: bench/reliability.sh [messages] [soak-seconds]      (100000 and 600 unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
messages="${1:-100000}"
soak="${2:-600}"
run=(mvn -o -B -pl runtime verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
  -Dit.test='ReliabilityIT#bothSipPortsStayUpBoundedAndQuietUnderGarbageLiesAndHostileOffers'
  -Dreliability.messages="$messages" -Dreliability.soak.seconds="$soak")
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cd "$root"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  unshare -n bash -c 'ip link set lo up; "$@"' bash "${run[@]}" >"$log" 2>&1 || status=$?
else
  "${run[@]}" >"$log" 2>&1 || status=$?
fi
grep '^reliability: ' "$log" | sed 's/^reliability: //'
if [ "${status:-0}" != 0 ]; then
  echo "reliability.sh: the run failed (exit ${status}); its end:" >&2
  grep -E 'FAIL|ERROR|expected' "$log" | head -20 >&2
  exit 1
fi
