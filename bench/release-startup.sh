#!/usr/bin/env bash
# Release start-up: seconds from start to exit of `-c help` and the CPU seconds it took (medians of
# N runs, after a first run that writes the class-data archive; on a busy machine the CPU time is
# the steadier figure), for ./vtgoconnect from the source tree (Java 17, bnd's
# launcher) and the release's bin/vtgoconnect (our launcher) on Java 17 and on Java 25 when
# installed. Builds nothing: run `mvn -pl dist -am package -DskipTests` first.
# Usage: bench/release-startup.sh [runs]    (10 runs unless told)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
archive="$(find "$root/dist/target" -maxdepth 1 -name 'vtgoconnect-*.tar.gz' 2>/dev/null | head -n 1)"
if [ -z "$archive" ]; then
  echo "release-startup.sh: no release archive in dist/target; build it with mvn -pl dist -am package -DskipTests." >&2
  exit 2
fi
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
tar xzf "$archive" -C "$unpacked"
release="$(find "$unpacked" -mindepth 1 -maxdepth 1 -type d)"

median() {
  sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# One line: the label, the median wall and CPU seconds (user + system, the JVM's and the script's).
measure() {
  local label="$1" times
  shift
  times="$(mktemp)"
  "$@" -c help >/dev/null 2>&1
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -a -o "$times" "$@" -c help >/dev/null 2>&1
  done
  printf "%-44s %8.2f %8.2f\n" "$label" "$(cut -d' ' -f1 "$times" | median)" \
    "$(awk '{ print $2 + $3 }' "$times" | median)"
  rm -f "$times"
}

printf "%-44s %8s %8s\n" "-c help, median of $runs runs" "wall s" "CPU s"
measure "./vtgoconnect (source tree, Java 17)" "$root/vtgoconnect"
java17="$(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -name '*17*' | sort | head -n 1)"
measure "release bin/vtgoconnect, Java 17" env JAVA_HOME="$java17" "$release/bin/vtgoconnect"
for java in /usr/lib/jvm/*21* /usr/lib/jvm/*25*; do
  if [ -x "$java/bin/java" ]; then
    measure "release bin/vtgoconnect, $(basename "$java")" env JAVA_HOME="$java" "$release/bin/vtgoconnect"
  fi
done
