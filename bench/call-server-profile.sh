#!/usr/bin/env bash
# Where the call server's CPU per call goes: the calls of call-server-cps.sh at one rate through the
# embedded call server only (its own JVM, ./vtgoconnect's flags), sampled every millisecond of CPU by
# async-profiler (tools.profiler:async-profiler from Maven Central), drawn as a flame graph.
# Writes OUT.svg and OUT.collapsed (the stacks), and prints the CPU per call of that run.
# Usage: bench/call-server-profile.sh [OUT.svg] [rate] [seconds]   (bench/results/call-server.svg, 100 cps, 10 s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/bench/results/call-server.svg}")"
rate="${2:-100}"
seconds="${3:-10}"
mkdir -p "$(dirname "$out")"
agent="$("$root/bench/async-profiler.sh")"
stacks="${out%.svg}.collapsed"
# Sampled by CPU time (itimer): what a loaded machine's other processes do is not counted.
BENCH_SERVER_JAVA_OPTS="-agentpath:$agent=start,event=itimer,interval=1ms,collapsed,file=$stacks" \
  "$root/bench/call-server-cps.sh" --servers ours --fixed-rate "$rate" --rates "$rate" --seconds "$seconds"
python3 "$root/bench/flamegraph.py" "$stacks" "$out" "Embedded call server, $rate calls/s with audio, CPU samples (warm-up included)"
echo "Flame graph: $out"
