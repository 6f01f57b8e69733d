#!/usr/bin/env bash
# Prints the path of async-profiler's agent (tools.profiler:async-profiler 3.0 from Maven Central),
# fetched into bundles/callmanager/target/async-profiler the first time.
# Usage: agent="$(bench/async-profiler.sh)"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profiler="$root/bundles/callmanager/target/async-profiler"
if [ ! -f "$profiler/linux-x64/libasyncProfiler.so" ]; then
  mvn -B -q -f "$root/pom.xml" dependency:copy -Dartifact=tools.profiler:async-profiler:3.0 \
    -DoutputDirectory="$profiler" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2
  (cd "$profiler" && unzip -q -o async-profiler-3.0.jar 'linux-x64/*')
fi
echo "$profiler/linux-x64/libasyncProfiler.so"
