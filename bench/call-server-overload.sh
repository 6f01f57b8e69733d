#!/usr/bin/env bash
# Call server overload: full calls offered at 2 and 4 times its capacity for 30 s each, from SIPp
# through the embedded call server (its own JVM, ./vtgoconnect's flags and 192 MB heap) to a SIPp UAS.
# Prints for each load the calls completed per second (lowest second, mean), the 503s sent, the
# calls that failed (INVITEs unanswered), datagrams dropped unread, peak RSS with what made it up as the
# flood ended (the heap committed; the memory no file backs, heap included, and the memory files back), the
# times until the server answers OPTIONS and until a normal call goes through
# after the flood, the server's CPU and bytes allocated for each call completed, and the share of the
# flood's time its garbage collections paused it, with how many collected the whole heap, and the
# heap the flood's calls still hold live as it ends, per call completed
# (see CallServerOverloadBench). Give it the capacity call-server-cps.sh measured, best with steps as long as the
# flood (--seconds 30): a rate that held for 5 s may not hold for 30. A load of 1
# (--loads 1,2,4) runs the capacity itself first: how far its seconds spread with no flood. Also printed: the UAC's
# lowest second of calls offered, the UAS's lowest second of calls put through to it, the lowest three seconds
# running, the rig's CPU (SIPp and the harness),
# and the time the host stole.
# --cpus 0 --rig-cpus 1: the server on processor 0, the rig on 1, so that the flood's extra work for the rig does not
# take the server's processor (give it the capacity call-server-cps.sh measured the same way).
# --calls-per-second N: the server with overload.calls.per.second N (new calls past that rate refused).
# --refusal-cost: instead, the server's CPU for each new call it refuses (all of them, at 2 x C).
# Usage: bench/call-server-overload.sh [--capacity C] [--loads 2,4] [--seconds S] [--cpus 0|0,1] [--rig-cpus 1]
#        [--calls-per-second N] [--refusal-cost]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bench/sip-bench.sh" --module bundles/callmanager io.vtgoconnect.callmanager.internal.CallServerOverloadBench "$@"
