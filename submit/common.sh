# Sourced by the scripts in submit/: where things are, and building what they need.
# shellcheck shell=bash

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/sparkprop.jar"
classpath_file="$root/target/classpath.txt"
java_options_file="$root/conf/java17-options"
# The Hadoop cluster of submit/hadoop-start: its directory (conf/ is its HADOOP_CONF_DIR) and its daemons' jars.
hadoop_dir="${SPARKPROP_HADOOP_DIR:-$root/work/hadoop}"
hadoop_classpath_file="$root/target/hadoop-classpath.txt"
# Hadoop's own Java 17 option, apart from Spark's list (conf/java17-options): its web apps generate
# code with Guice (the ResourceManager and NodeManager need it; the NameNode for WebHDFS).
hadoop_java_options=(--add-opens=java.base/java.lang=ALL-UNNAMED)

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

# Writes target/hadoop-classpath.txt (the Hadoop daemons' and tools' jars) if it is missing.
ensure_hadoop_classpath() {
  if [[ ! -f "$hadoop_classpath_file" ]]; then
    build_quietly generate-resources
  fi
}

# Links every jar of target/classpath.txt into directory $1 (a SPARK_HOME's jars/ for the Workers'
# executors, spark.yarn.jars for YARN's containers), unless its marker .linked is newer than the
# list already. Links of an older list go first: two Spark versions on one class path would break
# the executors.
link_classpath_jars() {
  local dir="$1" entry
  [[ -f "$dir/.linked" && "$dir/.linked" -nt "$classpath_file" ]] && return 0
  mkdir -p "$dir"
  find "$dir" -maxdepth 1 -type l -name '*.jar' -delete
  for entry in $(tr ':' ' ' < "$classpath_file"); do
    ln -sfn "$entry" "$dir/$(basename "$entry")"
  done
  touch "$dir/.linked"
}

# The daemons of cluster-start and hadoop-start: each has $work/logs/NAME.log and $work/pids/NAME.pid
# ($work is the calling script's directory).
running() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Starts the command after $2 in the background as daemon $1, in network namespace $2 unless it is
# empty, and records the pid of the process itself (ip netns exec and env exec it in their place).
launch_daemon() {
  local name="$1" namespace="$2"; shift 2
  local in_host=()
  [[ -n "$namespace" ]] && in_host=(ip netns exec "$namespace")
  : > "$work/logs/$name.log"
  nohup "${in_host[@]}" "$@" >> "$work/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$work/pids/$name.pid"
}

# Waits up to $3 seconds for daemon $1's log to say $2; ends the script with its log's tail if it exits first.
wait_for() {
  local name="$1" pattern="$2" seconds="$3"
  for _ in $(seq $((seconds * 10))); do
    grep -q "$pattern" "$work/logs/$name.log" 2>/dev/null && return 0
    running "$work/pids/$name.pid" || { echo "${0##*/}: $name exited; its log:" >&2; tail -20 "$work/logs/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "${0##*/}: $name did not say '$pattern' within $seconds s; see $work/logs/$name.log" >&2
  exit 1
}

# Runs one of Hadoop's command-line tools (a class with a main) against the cluster of
# submit/hadoop-start, whose conf/ it reads, as Hadoop's own hdfs and yarn scripts do.
run_hadoop_tool() {
  local tool="$1"; shift
  [[ -f "$hadoop_dir/conf/core-site.xml" ]] || { echo "${0##*/}: expected the Hadoop cluster of submit/hadoop-start, found no configuration in $hadoop_dir/conf (start it first)" >&2; exit 2; }
  ensure_hadoop_classpath
  # A tool that talks to a web UI (fsck asks the NameNode's) runs on the master host of a cluster
  # of hosts (hadoop-start --hosts), where the UIs are on its loopback.
  local in_host=()
  if [[ "${in_master_host:-false}" == true && -f "$hadoop_dir/hosts" ]]; then
    in_host=(ip netns exec "$(awk '$1 == "master" {print $2}' "$hadoop_dir/hosts")")
  fi
  HADOOP_CONF_DIR="$hadoop_dir/conf" exec "${in_host[@]}" java "${hadoop_java_options[@]}" -Xmx256m \
    "-Dlog4j2.configurationFile=$root/conf/log4j2.properties" -cp "$hadoop_dir/conf:$(cat "$hadoop_classpath_file")" "$tool" "$@"
}

# Spark binds to the loopback address when the master is local or on this machine (its hostname
# resolves to 127.0.0.1 here, and Spark would otherwise pick another interface).
use_loopback_for() {
  case "$1" in
    # local mode too: the driver's web UI binds to SPARK_LOCAL_IP, else to every interface.
    spark://127.0.0.1:*|spark://localhost:*|local|local\[*) export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}" ;;
  esac
}

# The compiler directives that keep C2 to the kernel (src/main/resources/sparkprop/cli, as built).
kernel_directives="$root/target/classes/sparkprop/cli/kernel-only-c2.json"

# Whether training options $@ ask for local SGD (--sync-every K, K other than 1) or the sequential
# trainer: the runs of few Spark jobs of sparkprop.cli.KernelOnlyC2.suits, read from the command line.
few_spark_jobs() {
  local previous="" option
  for option in "$@"; do
    case "$previous" in
      --trainer) [[ "$option" == sequential ]] && return 0 ;;
      --sync-every) [[ "$option" != 1 ]] && return 0 ;;
    esac
    previous="$option"
  done
  return 1
}

# The driver's class-data-sharing archive (set_cds_options, below).
cds_archive="$root/target/sparkprop.jsa"

# Whether the archive is in place and no older than the jar, the class path it was written for, and
# submit/spark-submit, which lays that class path out (an archive of another layout maps nothing).
cds_archive_current() {
  cds_archive_fresh "$cds_archive"
}

cds_archive_fresh() {
  [[ -f "$1" && ! "$1" -ot "$jar" && ! "$1" -ot "$classpath_file" && ! "$1" -ot "$root/submit/spark-submit" ]]
}

# Class-data sharing for the driver's JVM: the classes a run loads (Spark's, Scala's, ours) are
# mapped from an archive instead of being loaded and verified again, which saves about 1.5 s of
# start-up here. The first run after a build writes the archive when it exits (about 5 s more, once),
# under a name of its own; a later run renames a finished one into place (a rename is atomic, so no
# run maps a half-written archive) and uses it. A stale or mismatched archive is ignored by the JVM.
# Sets the array cds_options to the JVM options to use (the JVM's notes on classes it cannot
# archive, Spark's generated ones, are not shown).
set_cds_options() {
  local archive="$cds_archive" dir="$root/target/cds" pending pid
  if cds_archive_current; then
    cds_options=(-Xlog:cds*=off "-XX:SharedArchiveFile=$archive")
    return
  fi
  mkdir -p "$dir"
  for pending in "$dir"/sparkprop-*.jsa; do
    [[ -f "$pending" ]] || continue
    pid="${pending##*/sparkprop-}"; pid="${pid%.jsa}"
    if ! kill -0 "$pid" 2>/dev/null; then
      if cds_archive_fresh "$pending"; then
        mv -f "$pending" "$archive"
        cds_options=(-Xlog:cds*=off "-XX:SharedArchiveFile=$archive")
        return
      fi
      rm -f "$pending"
    fi
  done
  # $$ is the pid the exec'd java keeps.
  cds_options=(-Xlog:cds*=off "-XX:ArchiveClassesAtExit=$dir/sparkprop-$$.jsa")
}
