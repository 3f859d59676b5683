#!/usr/bin/env bash
# Marts timing: the ten eCQMs (issue target: < 60 s for 1,000 patients on 2 cores), then risk, utilization and
# cohorts (target: < 30 s), on one Synthea population, each step its own process after an untimed ingest and
# silver/gold build. Per-measure times come from the measures task's own log (one Delta commit per measure).
#
#   bench/marts.sh [NDJSON_DIR] [PERIOD]     (default data/synthea-1000-42/fhir, 2025-01-01/2025-12-31)
#
# Population: any FHIR bulk export directory, e.g. Synthea 3.3.0 with seed 42 (`./carelake demo --patients 1000`
# writes data/synthea-1000-42). No peer: Pathling has no eCQM or risk-model engine (its CQL support is not in 9.x).
# Prints a Markdown table and appends it to bench/results/marts.md (gitignored).
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
ndjson=${1:-$repo/data/synthea-1000-42/fhir}
period=${2:-2025-01-01/2025-12-31}
[ -d "$ndjson" ] || { echo "marts: no NDJSON directory $ndjson" >&2; exit 2; }
work=${CARELAKE_BENCH_WORK:-$bench/work}/marts
rm -rf "$work" && mkdir -p "$work"
lake="$work/lake"
patients=$(wc -l < "$ndjson/Patient.ndjson")
echo "== ingest + silver + gold for $patients patients (untimed)" >&2
"$repo/carelake" --lakehouse "$lake" ingest fhir --source synthea "$ndjson" > "$work/ingest.log" 2>&1
"$repo/carelake" --lakehouse "$lake" run --only terminology > "$work/terminology.log" 2>&1
"$repo/carelake" --lakehouse "$lake" run --only silver > "$work/silver.log" 2>&1
"$repo/carelake" --lakehouse "$lake" run --only gold > "$work/gold.log" 2>&1
timed() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$repo/carelake" --lakehouse "$lake" "$@" > "$work/$label.log" 2>&1
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.1f", $2-$1}'
}
echo "== measures" >&2
m=$(timed measures measure run --period "$period")
echo "== risk" >&2
r=$(timed risk run --only risk --period "$period")
echo "== cohorts" >&2
c=$(timed cohorts run --only cohorts --period "$period")
out=$(mktemp)
{
  echo "### Marts on $patients patients ($(date -u +%Y-%m-%d), $(nproc) cores, period $period)"
  echo
  echo "| step | wall time (s, process start to exit) |"
  echo "| --- | ---: |"
  echo "| ten measures (\`measure run\`) | $m |"
  echo "| risk scores + LACE (\`run --only risk\`) | $r |"
  echo "| cohorts (\`run --only cohorts\`) | $c |"
  echo
  echo "Per measure (evaluation and Delta commit, from the task log):"
  echo
  echo "| measure | s |"
  echo "| --- | ---: |"
  grep -E '^  CMS[0-9]+ +evaluated in' "$work/measures.log" | awk '{printf "| %s | %s |\n", $1, $4}'
  grep -E 'shared model\(s\) registered|gold\.(care_gap|measure_rate) written|measures: done' "$work/measures.log" \
    | sed 's/^ */| /; s/$/ | |/'
} > "$out"
cat "$out"
mkdir -p "$bench/results" && cat "$out" >> "$bench/results/marts.md"
