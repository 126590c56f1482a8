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
