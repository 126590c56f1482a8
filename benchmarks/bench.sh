#!/bin/sh
# lensix scale benchmark: generates synthetic tenants and, for each size, times a full scan of the assembled
# bin/lensix (every check, every reporter installed) against a bare streaming Jackson parse of the same file.
#
#   mvn -B -q -DskipTests install && mvn -B -q -pl inputs/snapshot test-compile   # the app, and the generator's classes
#   benchmarks/bench.sh                      # 10k, 100k and 1M resources (about 1 GB on disk for 1M)
#   benchmarks/bench.sh 10000 100000         # other sizes
#
# Environment: LENSIX_BENCH_RUNS (default 3: each process is run this many times and its fastest run kept, on both
# sides of the ratio, since a shared machine's load comes and goes), LENSIX_BENCH_DIR (work folder, default
# /tmp/lensix-bench; tenants are kept there and reused),
# LENSIX_BENCH_HEAP (default -Xmx1g, for both processes), LENSIX_BENCH_NICE (default 19: the runs yield to other
# work on a shared machine), LENSIX_BENCH_FORMATS (default: whichever of sarif, junit, csv the app has).
# Prints a Markdown table: wall times, their ratio, peak RSS (from GNU time), resources per second. The floor is
# timed twice, with java's default JIT and with the quick C1 JIT alone that bin/lensix uses; the ratio is to the
# faster of the two.
set -eu

. "$(dirname "$0")/settings.sh"
timer=/usr/bin/time

[ -x "$app/bin/lensix" ] || { echo "bench: no $app/bin/lensix; build it: mvn -B -q -DskipTests install" >&2; exit 2; }
[ -f "$classes/dev/lensix/input/snapshot/bench/SyntheticTenant.class" ] \
  || { echo "bench: compile the generator first: mvn -B -q -pl inputs/snapshot test-compile" >&2; exit 2; }
[ -x "$timer" ] || { echo "bench: needs GNU time at $timer (Debian: apt-get install time)" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10000 100000 1000000
mkdir -p "$work"
cp="$classes:$app/lib/*"

tenant() {  # generates tenant-N.json once
  file=$work/tenant-$1.json
  [ -s "$file" ] || nice -n "$niceness" "$java_cmd" -cp "$cp" dev.lensix.input.snapshot.bench.SyntheticTenant "$1" "$file" >&2
  echo "$file"
}

formats=${LENSIX_BENCH_FORMATS:-}
if [ -z "$formats" ]; then
  probe=$(tenant 200)
  for format in sarif junit csv; do
    code=0
    "$app/bin/lensix" scan --input "$probe" --format "$format" --output-dir "$work/probe" --fail-on none --quiet \
      >/dev/null 2>&1 || code=$?
    [ "$code" -eq 2 ] || formats=${formats:+$formats,}$format
  done
fi

# measure VAR_PREFIX COMMAND...: wall seconds and peak RSS in MB of the fastest of $runs runs, via GNU time
measure() {
  prefix=$1
  shift
  best_wall=
  best_rss=
  run=0
  while [ "$run" -lt "$runs" ]; do
    run=$((run + 1))
    [ -z "${before_run:-}" ] || eval "$before_run"
    "$timer" -f "%e %M" -o "$work/time.txt" nice -n "$niceness" "$@" >"$work/out.txt" 2>"$work/err.txt" || {
      code=$?
      # lensix exits 1 or 3 when the tenant has findings or ERROR results: that is a finished scan
      if [ "$code" -ne 1 ] && [ "$code" -ne 3 ]; then
        echo "bench: '$*' failed with exit code $code:" >&2
        cat "$work/err.txt" >&2
        exit 1
      fi
    }
    read -r wall rss <<EOF_TIME
$(tail -n 1 "$work/time.txt")
EOF_TIME
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall
      best_rss=$rss
    fi
  done
  eval "${prefix}_wall=$best_wall ${prefix}_rss=$((best_rss / 1024))"
}

echo "lensix $("$app/bin/lensix" --version | head -n 1 | cut -d' ' -f2), $("$java_cmd" -version 2>&1 | head -n 1), $(nproc) CPUs, $heap, formats $formats, fastest of $runs runs"
echo
echo "| resources | file | bare parse | bare parse, C1 | full scan | scan / parse | scan peak RSS | parse peak RSS | resources/s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "$@"; do
  file=$(tenant "$n")
  size=$(($(wc -c <"$file") / 1048576))
  cat "$file" >/dev/null   # both runs read from the page cache
  measure parse "$java_cmd" $heap -cp "$cp" dev.lensix.input.snapshot.bench.BareParse "$file"
  measure quick "$java_cmd" -XX:TieredStopAtLevel=1 $heap -cp "$cp" dev.lensix.input.snapshot.bench.BareParse "$file"
  before_run='rm -rf "$work/reports"'
  JAVA_OPTS=$heap measure scan "$app/bin/lensix" scan --input "$file" --format "$formats" \
    --output-dir "$work/reports" --fail-on none --quiet
  before_run=
  awk -v n="$n" -v mb="$size" -v p="$parse_wall" -v q="$quick_wall" -v s="$scan_wall" -v sr="$scan_rss" \
      -v pr="$parse_rss" 'BEGIN { f = (q < p) ? q : p
    printf "| %d | %d MB | %.2f s | %.2f s | %.2f s | %.2f | %d MB | %d MB | %d |\n", n, mb, p, q, s, s / f, sr, pr, n / s }'
done

runs=5
measure list "$app/bin/lensix" checks list
echo
echo "lensix checks list: $list_wall s (fastest of 5), $(grep -c '_' "$work/out.txt") checks, peak RSS $list_rss MB"
