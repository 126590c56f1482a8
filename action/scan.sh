#!/usr/bin/env bash
# The script of lensix's composite GitHub Action (action.yml), runnable outside GitHub: it reads the action's inputs
# from INPUT_* variables, builds lensix from LENSIX_SOURCE unless LENSIX_HOME names a built app, runs `lensix scan`,
# and writes exit-code, sarif, junit and csv to GITHUB_OUTPUT (standard output when unset).
set -uo pipefail

source_dir="${LENSIX_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}"
home="${LENSIX_HOME:-}"
if [ -z "$home" ]; then
  home="$source_dir/distribution/target/lensix"
  if [ ! -x "$home/bin/lensix" ]; then
    echo "::group::Build lensix"
    mvn -B -q -f "$source_dir/pom.xml" -DskipTests package || { echo "lensix: the build failed" >&2; exit 4; }
    echo "::endgroup::"
  fi
fi
if [ ! -x "$home/bin/lensix" ]; then
  echo "lensix: no bin/lensix in $home" >&2
  exit 4
fi

output_dir="${INPUT_OUTPUT_DIR:-lensix-reports}"
format="${INPUT_FORMAT:-sarif,junit,csv}"
args=(scan --format "$format" --output-dir "$output_dir" --fail-on "${INPUT_FAIL_ON:-low}")
if [ -n "${INPUT_SOURCE_ROOT:-}" ]; then
  args+=(--source-root "$INPUT_SOURCE_ROOT")
fi
while IFS= read -r path; do
  path="${path#"${path%%[![:space:]]*}"}"
  path="${path%"${path##*[![:space:]]}"}"
  if [ -n "$path" ]; then
    args+=(--input "$path")
  fi
done <<< "${INPUT_INPUT:-}"
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "$INPUT_ARGS"
  args+=("${extra[@]}")
fi

"$home/bin/lensix" "${args[@]}"
code=$?

out="${GITHUB_OUTPUT:-/dev/stdout}"
{
  echo "exit-code=$code"
  for pair in sarif:lensix.sarif junit:lensix-junit.xml csv:lensix.csv; do
    name="${pair%%:*}"
    file="$output_dir/${pair#*:}"
    # reports are written on exit codes 0, 1 and 3 only; a file left by an earlier run is not this scan's
    if [[ ",$format," == *",$name,"* ]] && [ -f "$file" ] && [[ "$code" =~ ^[013]$ ]]; then
      echo "$name=$file"
    fi
  done
} >> "$out"

case "$code" in
  0) exit 0 ;;
  1|3) if [ "${INPUT_FAIL_ON_FINDINGS:-false}" = "true" ]; then exit "$code"; fi; exit 0 ;;
  *) exit "$code" ;;
esac
