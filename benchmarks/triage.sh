#!/bin/sh
# lensix suppressions and baseline benchmark: the cost of --suppressions (1,000 entries) and --baseline (an earlier
# scan's SARIF, every FAIL of the tenant) on a full scan of a synthetic tenant, against the same scan without them.
#
#   mvn -B -q -DskipTests install && mvn -B -q -pl inputs/snapshot test-compile   # the app, and the generator's classes
#   benchmarks/triage.sh                 # 1M resources (the tenant is shared with bench.sh in /tmp/lensix-bench)
#   benchmarks/triage.sh 100000          # another size
#
# Environment: LENSIX_BENCH_RUNS (default 3, fastest kept), LENSIX_BENCH_DIR, LENSIX_BENCH_HEAP (default -Xmx512m),
# LENSIX_BENCH_NICE (default 19), as for bench.sh. Prints the two wall times and their ratio.
set -eu

. "$(dirname "$0")/settings.sh"
size=${1:-1000000}

preflight "triage bench" inputs/snapshot dev/lensix/input/snapshot/bench/SyntheticTenant.class
mkdir -p "$work/triage"
tenant=$work/tenant-$size.json
[ -s "$tenant" ] || nice -n "$niceness" "$java_cmd" -cp "$classes:$app/lib/*" dev.lensix.input.snapshot.bench.SyntheticTenant "$size" "$tenant" >&2

scan() {  # scan OUTPUT_DIR [OPTIONS...]: a full scan, every check, every report
  out=$1
  shift
  JAVA_OPTS="$heap" nice -n "$niceness" "$app/bin/lensix" scan --input "$tenant" --format sarif,junit,csv \
    --output-dir "$out" --fail-on none --quiet "$@" >/dev/null 2>"$work/triage/err.txt" || {
    code=$?
    [ "$code" -eq 3 ] || { echo "triage bench: scan failed with exit code $code" >&2; cat "$work/triage/err.txt" >&2; exit 1; }
  }
}

# the baseline: this tenant's own SARIF, so every FAIL of the scan is in it
baseline=$work/triage/baseline-$size.sarif
if [ ! -s "$baseline" ]; then
  scan "$work/triage/first"
  cp "$work/triage/first/lensix.sarif" "$baseline"
fi

# 1,000 entries: the ARM ids of FAILs, each as its resource group's pattern or the exact id, and tag entries
suppressions=$work/triage/suppressions-$size.yaml
expires=$(date -u -d '+180 days' +%Y-%m-%d)
{
  echo "version: 1"
  echo "suppressions:"
  grep -o '"fullyQualifiedName" *: *"[^"]*"' "$baseline" | sed 's/.*: *"\(.*\)"/\1/' | sort -u | head -n 900 \
    | awk -v expires="$expires" '{
        id = $0
        if (NR % 2 == 0) { sub(/\/providers\/.*/, "/**", id) }
        printf "  - name: entry-%d\n    checks: [\"*\"]\n    resources: [\"%s\"]\n", NR, id
        printf "    justification: benchmark entry\n    owner: bench@example.com\n    expires: %s\n", expires
      }'
  i=901
  while [ "$i" -le 1000 ]; do
    printf '  - name: entry-%d\n    checks: ["kv_*"]\n    tags: {cost-center: "cc-%d"}\n' "$i" "$i"
    printf '    justification: benchmark entry\n    owner: bench@example.com\n    expires: %s\n' "$expires"
    i=$((i + 1))
  done
} > "$suppressions"

best() {  # best LABEL OPTIONS...: the fastest of $runs wall times, in seconds
  label=$1
  shift
  fastest=
  run=0
  while [ "$run" -lt "$runs" ]; do
    run=$((run + 1))
    start=$(date +%s.%N)
    scan "$work/triage/$label" "$@"
    end=$(date +%s.%N)
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    if [ -z "$fastest" ] || awk -v a="$wall" -v b="$fastest" 'BEGIN { exit !(a < b) }'; then
      fastest=$wall
    fi
  done
  echo "$fastest"
}

plain=$(best plain)
triaged=$(best triaged --suppressions "$suppressions" --baseline "$baseline")
entries=$(grep -c '^  - name:' "$suppressions")
held=$(grep -c '"primaryLocationLineHash"' "$baseline" || true)
echo "| resources | suppression entries | baseline results | scan | with suppressions and baseline | ratio |"
echo "|---:|---:|---:|---:|---:|---:|"
awk -v n="$size" -v e="$entries" -v h="$held" -v a="$plain" -v b="$triaged" \
  'BEGIN { printf "| %d | %d | %d | %.2f s | %.2f s | %.3f |\n", n, e, h, a, b, b / a }'
