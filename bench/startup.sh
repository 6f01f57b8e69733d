#!/usr/bin/env bash
# Start-up benchmark: runtime/target/vtgoconnect.jar against runtime/target/bare.jar (a bare Felix +
# Gogo), both with ./vtgoconnect's JVM flags on Java 17. Prints a table; see startup.py for how each
# figure is taken. Builds nothing: run `mvn -pl runtime -am package` (or ./vtgoconnect) first.
# Usage: bench/startup.sh [--no-options | --variant NAME=ARGUMENTS ... | --jar NAME=PATH ...] [runs]   (10 runs unless told; about 20 s a run on 2 CPUs)
#   --no-options: only the comparison with the bare jar, not the start-up options after it
#   --variant NAME=ARGUMENTS: instead of the start-up options, ./vtgoconnect with these JVM arguments added, against
#     today's in the same rounds; for instance --variant 'no call server settings=-Dfelix.fileinstall.dir=/tmp/etc'
#   --jar NAME=PATH: instead of the start-up options, ./vtgoconnect run from another build's vtgoconnect.jar (a copy
#     kept before a change), against today's in the same rounds; may be mixed with --variant
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-options) only+=(--no-options); shift ;;
    --variant) only+=(--variant "${2:?--variant needs NAME=ARGUMENTS}"); shift 2 ;;
    --jar) only+=(--jar "${2:?--jar needs NAME=PATH}"); shift 2 ;;
    *) break ;;
  esac
done
runs="${1:-10}"

java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
java="${java:-$(command -v java || echo java)}"
# java_version (from the JDK's release file) and ./vtgoconnect's JVM options (runtime/jvm.options, those for this
# Java); its -D properties are added for vtgoconnect.jar only.
# shellcheck source=runtime/jvm-options.sh source-path=SCRIPTDIR/..
. "$root/runtime/jvm-options.sh"
java_version "$java"
if [ "$java_major" != 17 ]; then
  echo "startup.sh: $java is not Java 17; set JAVA_HOME to a Java 17." >&2
  exit 2
fi
flags=()
jvm_options "$root/runtime/jvm.options" "$java_version"
for jar in vtgoconnect bare; do
  if [ ! -f "$root/runtime/target/$jar.jar" ]; then
    echo "startup.sh: runtime/target/$jar.jar is missing; build it with mvn -pl runtime -am package." >&2
    exit 2
  fi
done

exec python3 "$root/bench/startup.py" --java "$java" --root "$root" --runs "$runs" "${only[@]}" -- "${flags[@]}"
