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
