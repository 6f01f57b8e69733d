#!/usr/bin/env bash
# Farm view benchmark: the runtime with a farm of N phones registered with its embedded call server,
# the panel's farm view in headless Chromium (Debian's chromium and chromium-driver, through Selenium),
# all phones started, then rounds of M calls (rung, answered, ended) driven from the console. Prints the
# event-to-screen p50/p99 and the frame intervals and long tasks measured in the browser, the JS heap,
# the page weight, and the runtime's RSS and CPU (see PanelFarmBench), with the load average before and after.
# Builds nothing but the runtime module's tests: mvn -pl runtime -am install first. Opens fixed RTP ports
# (17000 up): run it in a network namespace of its own (unshare -n bash -c 'ip link set lo up; bench/panel-farm.sh').
# Usage: bench/panel-farm.sh [--phones N] [--calls M] [--rounds R]   (50 phones, 25 calls, 2 rounds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo "command: $0 $*"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
BENCH_JAVA_OPTS="-Dvtgoconnect.home=$root/runtime ${BENCH_JAVA_OPTS:-}" \
  "$root/bench/sip-bench.sh" --module runtime io.vtgoconnect.runtime.PanelFarmBench "$@"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
