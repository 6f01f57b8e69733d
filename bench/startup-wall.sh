#!/usr/bin/env bash
# Where the wall-clock time of `-c help` goes: runs of runtime/target/vtgoconnect.jar with ./vtgoconnect's flags and
# a kept framework cache (as bench/startup-profile.sh), sampled by async-profiler's wall clock every millisecond on
# every thread. Prints, for each run, its time from start to exit, the start-level thread's time starting and
# stopping bundles, and the bundle activators it waited on longest while stopping (a watcher's sleep, a thread
# joined) and while starting: the waits a CPU profile does not show. Keeps the last run's stacks in OUT.
# Builds nothing; run it inside its own network namespace (unshare -n) like the tests.
# Usage: bench/startup-wall.sh [runs] [OUT.collapsed]   (5 runs; bench/results/startup-help-wall.collapsed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
out="$(realpath -m "${2:-$root/bench/results/startup-help-wall.collapsed}")"
mkdir -p "$(dirname "$out")"
agent="$("$root/bench/async-profiler.sh")"
source "$root/bench/help-runtime.sh"
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  java -agentpath:"$agent"=start,event=wall,interval=1ms,threads,collapsed,file="$out" "${runtime[@]}" >/dev/null
  end=$(date +%s%N)
  python3 - "$out" "$(( (end - start) / 1000000 ))" "$run" "$(cut -d' ' -f1 /proc/loadavg)" <<'PYTHON'
import collections, sys
stacks, total, run, load = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
phases = {"start": collections.Counter(), "stop": collections.Counter()}
for line in open(stacks):
    frames, samples = line.rsplit(" ", 1)
    frames = frames.split(";")
    if not frames[0].startswith("[FelixStartLevel"):
        continue
    phase = "stop" if "org/apache/felix/framework/Felix.stopBundle" in frames else \
        "start" if "org/apache/felix/framework/Felix.startBundle" in frames else None
    if phase is None:
        continue
    call = "stopActivator" if phase == "stop" else "startActivator"
    activator = next((frames[i + 1] for i, frame in enumerate(frames[:-1]) if frame.endswith("SecureAction." + call)),
                     "(the framework itself: resolving, events)")
    phases[phase][activator.replace("/", ".")] += int(samples)
print(f"run {run}: {total} ms start to exit (load {load}); start-level thread: "
      f"{sum(phases['start'].values())} ms starting bundles, {sum(phases['stop'].values())} ms stopping them")
for phase, counter in phases.items():
    for activator, ms in counter.most_common(3):
        print(f"    {phase:5} {ms:5} ms  {activator}")
PYTHON
done
echo "Stacks of the last run: $out"
