#!/bin/sh
# lensix Terraform plan benchmark: generates synthetic plans beside their main.tf (SyntheticPlan says what each holds)
# and times a whole `bin/lensix scan` of each, every check and every reporter installed, fastest of the runs.
#
#   mvn -B -q -DskipTests install && mvn -B -q -pl inputs/terraform test-compile   # the app, and the generator's classes
#   benchmarks/plan.sh                 # plans of 1,000 and 10,000 resources
#   benchmarks/plan.sh 500 20000       # other sizes
#
# Environment as for bench.sh: LENSIX_BENCH_RUNS (default 3), LENSIX_BENCH_DIR (default /tmp/lensix-bench),
# LENSIX_BENCH_NICE (default 19). Prints a Markdown table: resources, plan and .tf sizes, results, wall time, peak RSS.
set -eu

. "$(dirname "$0")/settings.sh"
plan_classes=$root/inputs/terraform/target/test-classes
GNU_TIME=1 preflight "plan bench" inputs/terraform dev/lensix/input/terraform/bench/SyntheticPlan.class
[ $# -gt 0 ] || set -- 1000 10000

echo "| resources | plan.json | main.tf | results | wall (s) | peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in "$@"; do
  dir=$work/plan-$n
  [ -s "$dir/plan.json" ] || nice -n "$niceness" "$java_cmd" -cp "$plan_classes:$app/lib/*" \
    dev.lensix.input.terraform.bench.SyntheticPlan "$n" "$dir" >&2
  # run from the plan's folder, as a pipeline does: its main.tf is found beside it
  best_of_runs "$dir" "$app/bin/lensix" scan --input plan.json --format sarif,junit,csv --output-dir "$work/plan-out-$n" --quiet
  echo "| $n | $(du -h "$dir/plan.json" | cut -f1) | $(du -h "$dir/main.tf" | cut -f1) | $results | $best | $rss |"
done
