#!/usr/bin/env bash
# Marts timing on one Synthea population, after an untimed ingest and silver build:
#   1. the pipeline's mart tasks in one process, as `./carelake run` runs them (gold -> measures -> risk -> cohorts),
#      each task's time from ops.run_ledger: the ten eCQMs (issue target: < 60 s for 1,000 patients on 2 cores),
#      and utilization (the gold.patient_month model) + risk + cohorts (target: < 30 s);
#   2. `measure run` on its own, a fresh JVM (what an analyst re-running measures waits for).
#
#   bench/marts.sh [NDJSON_DIR] [PERIOD]     (default data/synthea-1000-42/fhir, 2025-01-01/2025-12-31)
#
# CARELAKE_BENCH_LAKE=DIR reuses a lakehouse that already has silver (skips ingest and silver; DIR is rebuilt from
# gold on). Population: any FHIR bulk export directory, e.g. Synthea 3.3.0 with seed 42 (`./carelake demo --patients
# 1000` writes data/synthea-1000-42). No peer: Pathling has no eCQM or risk-model engine (its CQL support is not in
# 9.x). Prints a Markdown table and appends it to bench/results/marts.md (gitignored).
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
ndjson=${1:-$repo/data/synthea-1000-42/fhir}
period=${2:-2025-01-01/2025-12-31}
work=${CARELAKE_BENCH_WORK:-$bench/work}/marts
if [ -n "${CARELAKE_BENCH_LAKE:-}" ]; then
  lake=$CARELAKE_BENCH_LAKE
  mkdir -p "$work"
else
  [ -d "$ndjson" ] || { echo "marts: no NDJSON directory $ndjson" >&2; exit 2; }
  rm -rf "$work" && mkdir -p "$work"
  lake="$work/lake"
  echo "== ingest + silver for $(wc -l < "$ndjson/Patient.ndjson") patients (untimed)" >&2
  "$repo/carelake" --lakehouse "$lake" ingest fhir --source synthea "$ndjson" > "$work/ingest.log" 2>&1
  "$repo/carelake" --lakehouse "$lake" run --only terminology > "$work/terminology.log" 2>&1
  "$repo/carelake" --lakehouse "$lake" run --only silver > "$work/silver.log" 2>&1
fi
sql() { "$repo/carelake" --lakehouse "$lake" sql "$1" --format tsv 2>/dev/null | tail -n +2; }
patients=$(sql "SELECT count(*) FROM silver.patient")
wall() {
  local log=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$repo/carelake" --lakehouse "$lake" "$@" > "$work/$log.log" 2>&1
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.1f", $2-$1}'
}
echo "== pipeline: gold -> measures -> risk -> cohorts, one process" >&2
p=$(wall pipeline run --from gold --to cohorts --full --period "$period")
task() {
  sql "SELECT round(duration_ms / 1000.0, 1) FROM ops.run_ledger WHERE task = '$1' ORDER BY started_at DESC LIMIT 1"
}
g=$(task gold); m=$(task measures); r=$(task risk); c=$(task cohorts)
u=$(grep -E '^  gold\.patient_month ' "$work/pipeline.log" | awk '{print $(NF-1)}')
echo "== measure run, its own process" >&2
s=$(wall measures measure run --period "$period")
s_task=$(grep -E '^measures: done in' "$work/measures.log" | awk '{print $4}')
out=$(mktemp)
{
  echo "### Marts on $patients patients ($(date -u +%Y-%m-%d), $(nproc) cores, period $period, $(git -C "$repo" rev-parse --short HEAD))"
  echo
  echo "Pipeline (\`run --from gold --to cohorts --full\`, one process, $p s start to exit), task times from ops.run_ledger:"
  echo
  echo "| task | s |"
  echo "| --- | ---: |"
  echo "| gold (dim_person, patient_timeline, patient_month) | $g |"
  echo "| **ten measures** (target < 60 s) | **$m** |"
  echo "| risk scores + LACE | $r |"
  echo "| cohorts | $c |"
  echo "| **utilization (gold.patient_month) + risk + cohorts** (target < 30 s) | **$(echo "$u $r $c" | awk '{printf "%.1f", $1+$2+$3}')** |"
  echo
  echo "\`measure run\` alone, a fresh JVM: $s_task s in the task, $s s start to exit. Per step (pipeline run):"
  echo
  echo "| step | s |"
  echo "| --- | ---: |"
  grep -E '^  CMS[0-9]+ +evaluated in' "$work/pipeline.log" | awk '{printf "| %s | %s |\n", $1, $4}'
  grep -E 'shared model\(s\) registered|gold\.(measure_population|care_gap|measure_rate) written|^  gold\.[a-z_]+ +[0-9,]+ rows' \
    "$work/pipeline.log" | sed 's/^ *//; s/ \{2,\}/ /g; s/^/| /; s/$/ | |/'
} > "$out"
cat "$out"
mkdir -p "$bench/results" && cat "$out" >> "$bench/results/marts.md"
