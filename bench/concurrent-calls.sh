#!/usr/bin/env bash
# Concurrent-calls benchmark: one SipSoftphone holding N G.711 calls through Kamailio to a SIPp UAS
# that echoes RTP, to see whether the media clock keeps 20 ms under SIP-level load; prints the send
# interval p50/p99/max, CPU and whether every call's audio flowed both ways (see ConcurrentCallsBench).
# Needs kamailio and sipp; compiles the transport-sip tests against the installed bundles first.
# Usage: bench/concurrent-calls.sh [--seconds S] [--warmup S] [calls ...]   (10 s after 3 s, 100 250 500)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bench/sip-bench.sh" io.vtgoconnect.transport.sip.bench.ConcurrentCallsBench "$@"
