#!/bin/sh
# lensix ARM template benchmark: generates a synthetic template (SyntheticTemplate says what it holds) and times a
# whole `bin/lensix scan` of it, every check and every reporter installed, fastest of the runs.
#
#   mvn -B -q -DskipTests install && mvn -B -q -pl inputs/template test-compile   # the app, and the generator's classes
#   benchmarks/template.sh             # a template of 1,000 resources
#   benchmarks/template.sh 200 5000    # other sizes
#
# Environment as for bench.sh: LENSIX_BENCH_RUNS (default 3), LENSIX_BENCH_DIR (default /tmp/lensix-bench),
# LENSIX_BENCH_NICE (default 19). Prints a Markdown table: resources, template size, results, wall time, peak RSS.
set -eu

. "$(dirname "$0")/settings.sh"
template_classes=$root/inputs/template/target/test-classes
GNU_TIME=1 preflight "template bench" inputs/template dev/lensix/input/template/bench/SyntheticTemplate.class
[ $# -gt 0 ] || set -- 1000

echo "| resources | main.json | results | wall (s) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|"
for n in "$@"; do
  dir=$work/template-$n
  [ -s "$dir/main.json" ] || nice -n "$niceness" "$java_cmd" -cp "$template_classes" \
    dev.lensix.input.template.bench.SyntheticTemplate "$n" "$dir" >&2
  best_of_runs "$dir" "$app/bin/lensix" scan --input main.json --format sarif,junit,csv --output-dir "$work/template-out-$n" --quiet
  echo "| $n | $(du -h "$dir/main.json" | cut -f1) | $results | $best | $rss |"
done
