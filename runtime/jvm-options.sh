# The JVM's options for the runtime as jvm.options gives them (see its head), for the Java that runs it.
# Sourced by ./vtgoconnect, the release's bin/vtgoconnect (shipped as lib/jvm-options.sh, beside lib/jvm.options)
# and the benchmarks; run as a command, it prints the options for the java it is given, one a line:
#   runtime/jvm-options.sh /usr/lib/jvm/java-17-openjdk-amd64/bin/java
# Shell builtins only but readlink, on the launchers' start path: a process started costs a few ms on a loaded machine.
# shellcheck shell=bash

# Sets java_version to the version of the Java that runs the java command $1 (17.0.15; 8.0.392 for 1.8.0_392), and
# java_major to its first number; both empty when it cannot be told. Its JDK's or JRE's release file names it;
# asking the JVM itself costs a start of its own.
java_version() {
  local home line pattern='^JAVA_VERSION="([0-9][0-9.]*)'
  java_version=""
  home="$(readlink -f "$1")"
  home="${home%/bin/*}"
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      if [[ "$line" =~ $pattern ]]; then
        java_version="${BASH_REMATCH[1]}"
      fi
    done <"$home/release"
  else
    pattern='^ *java.version = ([0-9][0-9.]*)'
    while IFS= read -r line; do
      if [[ "$line" =~ $pattern ]]; then
        java_version="${BASH_REMATCH[1]}"
      fi
    done < <("$1" -XshowSettings:properties -version 2>&1)
  fi
  # 1.8 and older name themselves 1.x.
  java_version="${java_version#1.}"
  # shellcheck disable=SC2034 # the launchers' to read
  java_major="${java_version%%.*}"
}

# Sets order to -1, 0 or 1 as the version $1 comes before, with or after the version $2, on $2's numbers: 17.0.8 comes
# before 17.0.9, and 17.0.15 with 17.
version_order() {
  local -a numbers bounds
  local i
  IFS=. read -ra numbers <<<"$1"
  IFS=. read -ra bounds <<<"$2"
  order=0
  for ((i = 0; i < ${#bounds[@]}; i++)); do
    if ((10#${numbers[i]:-0} != 10#${bounds[i]})); then
      order=$((10#${numbers[i]:-0} < 10#${bounds[i]} ? -1 : 1))
      return
    fi
  done
}

# True when the version $1 is in one of the ranges that follow it: FROM..TO (both included, each on its own numbers:
# 17.0.9..17 is every 17 from 17.0.9 on) or FROM.. (FROM and every version after it).
version_in() {
  local version="$1" range order pattern='^[0-9]+(\.[0-9]+)*\.\.([0-9]+(\.[0-9]+)*)?$'
  shift
  for range in "$@"; do
    if ! [[ "$range" =~ $pattern ]]; then
      echo "jvm.options: $range is not a version range (FROM..TO or FROM..); its option is left out." >&2
    elif [ -n "$version" ]; then
      version_order "$version" "${range%%..*}"
      if ((order >= 0)); then
        [ -z "${range#*..}" ] && return 0
        version_order "$version" "${range#*..}"
        ((order <= 0)) && return 0
      fi
    fi
  done
  return 1
}

# Adds to the array flags the options of the file $1 for the Java version $2: every line but comments and blank ones,
# and a line that begins with version ranges in brackets only for a version in one of them (none for an unknown one).
jvm_options() {
  local line pattern='^\[([^]]*)\][[:space:]]+(.*)$'
  local -a ranges
  while IFS= read -r line || [ -n "$line" ]; do
    if [ -z "$line" ] || [[ "$line" == \#* ]]; then
      continue
    elif [[ "$line" =~ $pattern ]]; then
      read -ra ranges <<<"${BASH_REMATCH[1]}"
      line="${BASH_REMATCH[2]}"
      if version_in "$2" "${ranges[@]}"; then
        flags+=("$line")
      fi
    else
      flags+=("$line")
    fi
  done <"$1"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  java_version "${1:?usage: jvm-options.sh JAVA}"
  flags=()
  jvm_options "$(dirname "$0")/jvm.options" "$java_version"
  printf '%s\n' "${flags[@]}"
fi
