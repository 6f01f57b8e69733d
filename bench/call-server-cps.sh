#!/usr/bin/env bash
# Call server throughput: full calls per second (INVITE, 200, ACK, BYE) from a SIPp UAC through the
# embedded call server to a SIPp UAS registered as a line, and through Kamailio 5.6 as a stateful
# proxy to the same UAS, in the same run; the rate rises until a call fails. Prints each step, the
# highest rate with no failed call, the ratio ours/Kamailio and the CPU per call (see
# CallServerCpsBench). Needs kamailio and sipp; compiles the call server's tests first.
# Usage: bench/call-server-cps.sh [--seconds S] [--rates R1,R2,...]   (5 s per rate unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bench/sip-bench.sh" --module bundles/callmanager io.vtgoconnect.callmanager.internal.CallServerCpsBench "$@"
