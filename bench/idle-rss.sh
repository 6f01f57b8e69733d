#!/usr/bin/env bash
# Idle memory benchmark: RSS (VmRSS) of the default runtime (the embedded call server, and the phone
# registered with it) after it sat idle (target: 100 MB or less), since a phone mostly waits; for the
# console and for batch mode. Runs runtime/target/vtgoconnect.jar as ./vtgoconnect does (its JVM flags
# and class-data archive) with a copy of runtime/etc on free ports, so that two run side by side and
# runtime/etc is left untouched. Builds nothing (run ./vtgoconnect or mvn -pl runtime -am install first).
# Usage: bench/idle-rss.sh [idle-seconds]      (30 unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
idle="${1:-30}"
jar="$root/runtime/target/vtgoconnect.jar"
archive="$root/runtime/target/vtgoconnect.jsa"

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java || echo java)}"
if ! "$java" -XshowSettings:properties -version 2>&1 | grep -q 'java.specification.version = 17$'; then
  echo "idle-rss.sh: $java is not Java 17; set JAVA_HOME to a Java 17." >&2
  exit 2
fi
[ -f "$jar" ] || { echo "idle-rss.sh: $jar is missing; build it with mvn -pl runtime -am install." >&2; exit 2; }
# The same test as ./vtgoconnect's: a main source, pom or bnd file newer than the jar.
if [ -n "$(find "$root/pom.xml" "$root/bnd.bnd" "$root/bundles" "$root/features" "$root/runtime" -type f -newer "$jar" \
    -not -path '*/target/*' \( -path '*/src/main/*' -o -name pom.xml -o -name '*.bnd' -o -name '*.bndrun' \) -print -quit)" ]; then
  echo "idle-rss.sh: warning: runtime/target/vtgoconnect.jar is older than its sources; measuring it as it is." >&2
fi

tmp="$(mktemp -d)"
pids=()
cleanup() {
  exec 3>&- 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Waits up to 30 s for the command to succeed.
await() { for _ in $(seq 300); do if "$@"; then return 0; fi; sleep 0.1; done; echo "idle-rss.sh: timed out: $*" >&2; return 1; }

# ./vtgoconnect's flags (runtime/jvm.options, those for this Java); its archive only when it belongs to this jar.
# shellcheck source=runtime/jvm-options.sh source-path=SCRIPTDIR/..
. "$root/runtime/jvm-options.sh"
java_version "$java"
flags=()
jvm_options "$root/runtime/jvm.options" "$java_version"
flags+=(-Duser.home="$tmp" -Dvtgoconnect.home="$root/runtime")
if [ -f "$archive" ] && [ ! "$archive" -ot "$jar" ]; then
  flags=(-XX:SharedArchiveFile="$archive" "${flags[@]}")
fi
# The java command line, quoted, for a runtime named $1 with a copy of etc/ of its own on free ports.
runtime() {
  local etc="$tmp/etc-$1" http
  http="$(free_port)"
  mkdir "$etc"
  cp "$root/runtime/etc/"* "$etc/"
  printf '%s\n' "sip.port=$(free_port)" "voicemail.folder=$tmp/voicemail-$1" > "$etc/io.vtgoconnect.callmanager.cfg"
  printf '%s\n' "org.osgi.service.http.port=$http" "org.ops4j.pax.web.listening.addresses=127.0.0.1" > "$etc/org.ops4j.pax.web.cfg"
  printf '%s\n' "device.name=SEP001122334455" "provisioning.url=http://127.0.0.1:$http" "sip.port=$(free_port)" \
    "device.password.file=$etc/io.vtgoconnect.transport.sip.phone.password" > "$etc/io.vtgoconnect.transport.sip.phone.cfg"
  echo "service.url=http://127.0.0.1:$http/emservice/EMServiceServlet" > "$etc/io.vtgoconnect.em.cfg"
  printf '%q ' "$java" "${flags[@]}" -Dfelix.fileinstall.dir="$etc" -jar "$jar"
}

# Both ways a user runs it, side by side. Batch: left waiting for a line that never comes.
eval "exec $(runtime batch) -c 'runprogram; waitfor \"Connected to CallManager\"; waitfor idle-rss-never-printed 86400'" \
  > "$tmp/batch.out" 2>&1 &
batch_pid=$!
pids+=("$batch_pid")
# Console: on a 200x50 pseudo-terminal (script), runprogram typed through a FIFO kept open once
# JLine reads (it turns bracketed paste on).
mkfifo "$tmp/console.in"
script -qfec "stty cols 200 rows 50; exec $(runtime console)" /dev/null < "$tmp/console.in" > "$tmp/console.out" 2>&1 &
pids+=($!)
exec 3> "$tmp/console.in"
await grep -qF '[?2004h' "$tmp/console.out"
console_pid="$(pgrep -P "${pids[-1]}" java)"
pids+=("$console_pid")
echo runprogram >&3
for out in batch console; do
  await grep -q "Connected to CallManager" "$tmp/$out.out" || { cat "$tmp/$out.out" >&2; exit 1; }
done
echo "Both registered; idle for $idle s..." >&2
sleep "$idle"

# VmRSS now and VmHWM (peak) from /proc, in MB.
report() {
  kill -0 "$2" 2>/dev/null || { echo "idle-rss.sh: the $1 runtime exited:" >&2; cat "$tmp/$1.out" >&2; exit 1; }
  awk -v mode="$1" -v idle="$idle" '/^VmRSS/ {rss = $2} /^VmHWM/ {hwm = $2} END {
    printf "%-8s idle RSS after %d s registered: %6.1f MB (peak %.1f MB); target <= 100 MB: %s\n",
      mode, idle, rss / 1024, hwm / 1024, rss <= 100 * 1024 ? "met" : "MISSED" }' "/proc/$2/status"
}
report console "$console_pid"
report batch "$batch_pid"
