# Sourced by bench/startup-profile.sh and bench/startup-wall.sh: sets `runtime` to the arguments of a
# `-c help` run of runtime/target/vtgoconnect.jar as ./vtgoconnect runs it (its JVM flags, a kept framework
# cache in a temporary folder removed at exit), and makes one such run, which fills the cache as
# ./vtgoconnect's first run does. Needs $root.
storage="$(mktemp -d)"
trap 'rm -rf "$storage"' EXIT
# shellcheck source=runtime/jvm-options.sh source-path=SCRIPTDIR/..
. "$root/runtime/jvm-options.sh"
java_version "$(command -v java)"
flags=()
jvm_options "$root/runtime/jvm.options" "$java_version"
runtime=("${flags[@]}" -Dlaunch.keep=true -Dlaunch.storage.dir="$storage/framework"
  -Djava.util.logging.config.file="$root/runtime/logging.properties" -Dfelix.fileinstall.dir="$root/runtime/etc"
  -Dvtgoconnect.home="$root/runtime" -jar "$root/runtime/target/vtgoconnect.jar" -c help)
java "${runtime[@]}" >/dev/null
