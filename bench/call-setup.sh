#!/usr/bin/env bash
# Call set-up benchmark: dial -> connected through Kamailio to an answering SIPp UAS, for our
# SipSoftphone and for baresip 1.0.0 in the same run, so the two can be compared on this machine;
# prints p50/p99/max of each and the ratio (see CallSetupBench). Needs kamailio, sipp and baresip
# (Debian packages); compiles the transport-sip tests against the installed bundles first.
# Usage: bench/call-setup.sh [--calls N] [--warmup W]      (500 calls each after 50, unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bench/sip-bench.sh" io.vtgoconnect.transport.sip.bench.CallSetupBench "$@"
