#!/usr/bin/env bash
# Where the start-up's time goes: one `-c help` run of runtime/target/vtgoconnect.jar with
# ./vtgoconnect's flags and kept framework cache, sampled every millisecond of CPU by async-profiler, drawn as a flame graph
# (the JIT compiler's threads and the framework's main thread side by side). Writes OUT.svg and
# OUT.collapsed. Builds nothing; run it inside its own network namespace (unshare -n) like the tests,
# since the runtime binds its ports.
# Usage: bench/startup-profile.sh [OUT.svg]   (bench/results/startup-help.svg)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/bench/results/startup-help.svg}")"
mkdir -p "$(dirname "$out")"
agent="$("$root/bench/async-profiler.sh")"
stacks="${out%.svg}.collapsed"
source "$root/bench/help-runtime.sh"
java -agentpath:"$agent"=start,event=itimer,interval=1ms,collapsed,file="$stacks" "${runtime[@]}" >/dev/null
python3 "$root/bench/flamegraph.py" "$stacks" "$out" "./vtgoconnect -c help: CPU samples of the whole start, help and stop (load $(cut -d' ' -f1 /proc/loadavg))"
echo "Flame graph: $out"
