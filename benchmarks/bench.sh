#!/bin/sh
# lensix scale benchmark: generates synthetic tenants and, for each, times a full scan of the assembled bin/lensix
# (every check, every reporter installed) side by side with two floors on the same file: Python's json.load, and a
# bare streaming Jackson parse (every token read, nothing built). Then sizes the reports it wrote.
#
#   mvn -B -q -DskipTests install && mvn -B -q -pl inputs/snapshot test-compile   # the app, and the generator's classes
#   benchmarks/bench.sh                      # 10k, 100k, 300k, 1M resources, and the dense 300k (about 1.6 GB on disk)
#   benchmarks/bench.sh 10000 dense:100000   # other tenants: N resources, sparse (the default) or dense:N
#
# A sparse tenant is mostly compute, storage and networking (6% of what the checks read); a dense one is a third Key
# Vaults and backup vaults, with a result every two to three resources: there building and writing results, not
# reading, is the work (SyntheticTenant says what each holds).
#
# Environment: LENSIX_BENCH_RUNS (default 3: each process is run this many times and its fastest run kept, on every
# side of a ratio, since a shared machine's load comes and goes; the processes take turns, one run each a round),
# LENSIX_BENCH_DIR (work folder, default
# /tmp/lensix-bench; tenants are kept there and reused), LENSIX_BENCH_HEAP (default -Xmx512m, for the scan and the
# Jackson parse), LENSIX_BENCH_NICE (default 19: the runs yield to other work), LENSIX_BENCH_FORMATS (default: whichever
# of sarif, junit, csv the app has), LENSIX_BENCH_PYTHON (default python3; the Python columns say n/a without one).
# Prints two Markdown tables: times (wall, fastest of the runs), ratios and peak RSS (GNU time); report sizes and bytes
# per result. The Jackson floor is timed with java's default JIT and with the quick C1 JIT alone that bin/lensix uses,
# and the faster counts. Last, `lensix checks list` with and without the class data sharing archive.
set -eu

. "$(dirname "$0")/settings.sh"
timer=/usr/bin/time
python=${LENSIX_BENCH_PYTHON:-python3}
command -v "$python" >/dev/null 2>&1 || python=

GNU_TIME=1 preflight bench inputs/snapshot dev/lensix/input/snapshot/bench/SyntheticTenant.class
[ $# -gt 0 ] || set -- 10000 100000 300000 1000000 dense:300000
mkdir -p "$work"
cp="$classes:$app/lib/*"

tenant() {  # tenant [dense:]N: generates the file once, prints its path
  case $1 in
    dense:*) n=${1#dense:} mix=dense file=$work/tenant-dense-${1#dense:}.json ;;
    *) n=$1 mix=sparse file=$work/tenant-$1.json ;;
  esac
  [ -s "$file" ] || nice -n "$niceness" "$java_cmd" -cp "$cp" dev.lensix.input.snapshot.bench.SyntheticTenant "$n" "$file" 7 "$mix" >&2
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

# measure VAR_PREFIX COMMAND...: runs COMMAND once, via GNU time, and keeps in VAR_PREFIX_wall and VAR_PREFIX_rss (MB)
# the wall seconds and peak RSS of the fastest run so far; unset them to start again. The callers take turns, one run
# of each side of a ratio per round, so that a shared machine's load, which drifts over minutes, weighs on both alike.
measure() {
  prefix=$1
  shift
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
  eval "best_wall=\${${prefix}_wall:-}"
  if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
    eval "${prefix}_wall=$wall ${prefix}_rss=$((rss / 1024))"
  fi
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }
per() { awk -v b="$1" -v n="$2" 'BEGIN { if (n > 0) printf "%d", b / n; else printf "n/a" }'; }
csv_rows() {  # records of an RFC 4180 file less its header: a record ends on a line with an even count of quotes so far
  awk '{ q += gsub(/"/, "\""); if (q % 2 == 0) rows++ } END { print rows - 1 }' "$1"
}

echo "lensix $("$app/bin/lensix" --version | head -n 1 | cut -d' ' -f2), $("$java_cmd" -version 2>&1 | head -n 1), ${python:+$("$python" --version 2>&1), }$(nproc) CPUs, $heap, formats $formats, fastest of $runs runs"
echo
times="| tenant | file | Python json.load | Jackson parse | full scan | scan / Python | scan / Jackson | scan peak RSS | Python peak RSS | Jackson peak RSS |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
sizes="| tenant | results | SARIF | SARIF results | bytes / SARIF result | JUnit XML | bytes / test case | CSV | bytes / CSV row |
|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for t in "$@"; do
  file=$(tenant "$t")
  bytes=$(wc -c <"$file")
  cat "$file" >/dev/null   # every run reads from the page cache
  python_wall= parse_wall= quick_wall= scan_wall=
  [ -n "$python" ] || python_wall=0 python_rss=0
  round=0
  while [ "$round" -lt "$runs" ]; do
    round=$((round + 1))
    [ -z "$python" ] || measure python "$python" -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$file"
    before_run='rm -rf "$work/reports"'
    JAVA_OPTS=$heap measure scan "$app/bin/lensix" scan --input "$file" --format "$formats" \
      --output-dir "$work/reports" --fail-on none --quiet
    before_run=
    measure parse "$java_cmd" $heap -cp "$cp" dev.lensix.input.snapshot.bench.BareParse "$file"
    measure quick "$java_cmd" -XX:TieredStopAtLevel=1 $heap -cp "$cp" dev.lensix.input.snapshot.bench.BareParse "$file"
  done
  times="$times
$(awk -v t="$t" -v mb="$(mb "$bytes")" -v py="$python_wall" -v p="$parse_wall" -v q="$quick_wall" -v s="$scan_wall" \
      -v sr="$scan_rss" -v pyr="$python_rss" -v pr="$parse_rss" -v qr="$quick_rss" 'BEGIN { f = (q < p) ? q : p; fr = (q < p) ? qr : pr
    known = (py > 0); pys = known ? sprintf("%.2f s", py) : "n/a"; ratio = known ? sprintf("%.2f", s / py) : "n/a"
    pyrs = known ? sprintf("%d MB", pyr) : "n/a"
    printf "| %s | %s | %s | %.2f s | %.2f s | %s | %.2f | %d MB | %s | %d MB |", t, mb, pys, f, s, ratio, s / f, sr, pyrs, fr }')"
  reports=$work/reports
  rows=0 sarif_results=0 cases=0 sarif=0 junit=0 csv=0
  [ ! -f "$reports/lensix.csv" ] || { csv=$(wc -c <"$reports/lensix.csv"); rows=$(csv_rows "$reports/lensix.csv"); }
  [ ! -f "$reports/lensix.sarif" ] || { sarif=$(wc -c <"$reports/lensix.sarif"); sarif_results=$(grep -o '"ruleId"' "$reports/lensix.sarif" | wc -l); }
  [ ! -f "$reports/lensix-junit.xml" ] || { junit=$(wc -c <"$reports/lensix-junit.xml"); cases=$(grep -o '<testcase ' "$reports/lensix-junit.xml" | wc -l); }
  sizes="$sizes
| $t | $rows | $(mb "$sarif") | $sarif_results | $(per "$sarif" "$sarif_results") | $(mb "$junit") | $(per "$junit" "$cases") | $(mb "$csv") | $(per "$csv" "$((rows + 1))") |"
done
echo "$times"
echo
echo "$sizes"

list_wall= nocds_wall=
for round in 1 2 3 4 5; do
  measure list "$app/bin/lensix" checks list
  JAVA_OPTS=-Xshare:off measure nocds "$app/bin/lensix" checks list
done
echo
echo "lensix checks list, fastest of 5: $list_wall s with the class data sharing archive (peak RSS $list_rss MB), $nocds_wall s without (-Xshare:off, peak RSS $nocds_rss MB)"
