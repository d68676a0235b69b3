# Sourced by the scripts in submit/: where things are, and building what they need.
# shellcheck shell=bash

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/sparkprop.jar"
classpath_file="$root/target/classpath.txt"
java_options_file="$root/conf/java17-options"

# Runs Maven with the given goals; its output is shown only when it fails.
build_quietly() {
  local log
  log="$(mktemp)"
  if ! (cd "$root" && mvn -q -B "$@") > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "${0##*/}: the build failed (mvn $*)" >&2
    exit 1
  fi
  rm -f "$log"
}

# Builds the application jar and the list of Spark's jars (target/classpath.txt) if either is
# missing or older than a source file or the pom.
ensure_built() {
  if [[ ! -f "$jar" || ! -f "$classpath_file" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "${0##*/}: building $jar (mvn package)" >&2
    build_quietly -DskipTests package
  fi
}

# Writes target/classpath.txt (Spark's and ojalgo's jars in the Maven repository) if it is missing.
ensure_classpath() {
  if [[ ! -f "$classpath_file" ]]; then
    build_quietly generate-resources
  fi
}

# Spark binds to the loopback address when the master is on this machine (its hostname resolves
# to 127.0.0.1 here, and Spark would otherwise pick another interface).
use_loopback_for() {
  case "$1" in
    spark://127.0.0.1:*|spark://localhost:*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
  esac
}
