#!/usr/bin/env bash
# Call server capacity: full calls per second with audio (INVITE, 180, 200, ACK, 300 ms of RTP echoed,
# BYE) from a SIPp UAC through the embedded call server (its own JVM, ./vtgoconnect's flags), through
# Kamailio 5.6 as a stateful proxy, and through Kamailio with rtpengine relaying the media in
# userspace, to a SIPp UAS, in one run. Prints each step, then a table: the highest rate with no
# failed call and the CPU per call at a rate all three hold (see CallServerCpsBench). Needs
# kamailio, sipp and rtpengine-daemon; compiles the call server's tests first.
# Usage: bench/call-server-cps.sh [--seconds S] [--rates R1,...] [--fixed-rate R] [--rounds N] [--cpus 0|0,1] [--rig-cpus 1] [--servers ours,kamailio,rtpengine]
# --rounds N: the fixed rate N times to each server in turn (the servers run side by side), for the median CPU per call
# and the median of our server's to Kamailio with rtpengine's, round by round: a single run's ratio moves with the machine.
# Speed-up from one core to two: run it with --cpus 0 and with --cpus 0,1 --servers ours. --rig-cpus pins SIPp, the
# harness, Kamailio and rtpengine; --servers ours --cpus 0 --rig-cpus 1 keeps our server and the rig apart.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bench/sip-bench.sh" --module bundles/callmanager io.vtgoconnect.callmanager.internal.CallServerCpsBench "$@"
