# Settings shared by the benchmark scripts (sourced, not run): where the app, the tenant generator and the work folder
# are, and the environment variables both scripts take.
root=$(cd "$(dirname "$0")/.." && pwd -P)
app=$root/distribution/target/lensix
classes=$root/inputs/snapshot/target/test-classes
work=${LENSIX_BENCH_DIR:-/tmp/lensix-bench}
heap=${LENSIX_BENCH_HEAP:--Xmx512m}
niceness=${LENSIX_BENCH_NICE:-19}
runs=${LENSIX_BENCH_RUNS:-3}
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

# Stops with what to build when the app or a generator's classes are missing: preflight NAME MODULE CLASS_FILE, the
# generator's class file under MODULE's target/test-classes (inputs/terraform, dev/lensix/.../SyntheticPlan.class).
# With GNU_TIME=1 in the environment of the call, also GNU time, which the timed runs need.
preflight() {
  [ -x "$app/bin/lensix" ] || { echo "$1: no $app/bin/lensix; build it: mvn -B -q -DskipTests install" >&2; exit 2; }
  [ -f "$root/$2/target/test-classes/$3" ] \
    || { echo "$1: compile the generator first: mvn -B -q -pl $2 test-compile" >&2; exit 2; }
  [ "${GNU_TIME:-0}" = 0 ] || [ -x /usr/bin/time ] \
    || { echo "$1: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }
}

# Runs "$@" (a whole lensix scan) $runs times under GNU time from the folder $1, and sets best (the fastest wall time
# in seconds), rss (that run's peak RSS in MB) and results (FAIL + PASS + ERROR from the summary's second line).
best_of_runs() {
  from=$1
  shift
  best= rss=
  i=0
  while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    (cd "$from" && nice -n "$niceness" /usr/bin/time -f "%e %M" -o "$work/run-time" "$@" >"$work/run-summary" 2>&1) || true
    read -r wall kb <<EOT
$(tail -n 1 "$work/run-time")
EOT
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall rss=$((kb / 1024)); fi
  done
  results=$(sed -n 2p "$work/run-summary" | tr -cs '0-9' ' ' | awk '{print $1 + $2 + $3}')
}
