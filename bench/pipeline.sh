#!/usr/bin/env bash
# The whole pipeline on one Synthea population plus the HL7 v2 feeds derived from it (issue 10 targets: full run
# < 3 min for 1,000 patients on 2 cores; an incremental run with 1% new data < 20% of the full run), with each
# process's peak resident memory (the driver: local mode runs executors in the same JVM).
#
#   bench/pipeline.sh [NDJSON_DIR] [HELD_BACK_PERCENT]   (default data/synthea-1000-42/fhir, 1)
#
# HELD_BACK_PERCENT of the patients (every resource that names them) is held back from the first load and ingested
# before the second run, as the "new data" of a daily increment. Timings per task come from ops.run_ledger.
# No peer: Pathling has no pipeline of this scope. Prints Markdown and appends it to bench/results/pipeline.md.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
ndjson=${1:-$repo/data/synthea-1000-42/fhir}
share=${2:-1}
period=${CARELAKE_BENCH_PERIOD:-2025-01-01/2025-12-31}
[ -d "$ndjson" ] || { echo "pipeline: no NDJSON directory $ndjson" >&2; exit 2; }
work=${CARELAKE_BENCH_WORK:-$bench/work}/pipeline
rm -rf "$work" && mkdir -p "$work"
lake="$work/lake"
# The deid task pseudonymizes with a secret the operator keeps; the run refuses to guess one.
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/deid.secret"
export CARELAKE_EXTRA_JAVA_OPTS="${CARELAKE_EXTRA_JAVA_OPTS:-} -Dspark.carelake.deid.secretFile=$work/deid.secret"

echo "== splitting: $share% of patients held back" >&2
python3 - "$ndjson" "$work" "$share" <<'PY'
import os, random, re, sys
src, work, share = sys.argv[1], sys.argv[2], float(sys.argv[3])
ids = [re.search(r'"id"\s*:\s*"([^"]+)"', l).group(1) for l in open(os.path.join(src, "Patient.ndjson"))]
random.Random(42).shuffle(ids)
held = set(ids[:max(1, round(len(ids) * share / 100))])
ref = re.compile(r'Patient/([0-9A-Za-z.-]+)')
for d in ("base", "increment"):
    os.makedirs(os.path.join(work, d, "fhir"), exist_ok=True)
for name in os.listdir(src):
    if not name.endswith(".ndjson"):
        continue
    with open(os.path.join(src, name)) as f, \
         open(os.path.join(work, "base", "fhir", name), "w") as base, \
         open(os.path.join(work, "increment", "fhir", name), "w") as inc:
        for line in f:
            if name.startswith("Patient."):
                mine = re.search(r'"id"\s*:\s*"([^"]+)"', line).group(1) in held
            else:
                mine = any(p in held for p in ref.findall(line))
            (inc if mine else base).write(line)
print(f"{len(ids)} patients, {len(held)} held back", file=sys.stderr)
PY
patients=$(wc -l < "$work/base/fhir/Patient.ndjson")
new_patients=$(wc -l < "$work/increment/fhir/Patient.ndjson")
for part in base increment; do
  "$repo/carelake" synth hl7 --from "$work/$part/fhir" --out "$work/$part/hl7" > "$work/synth-$part.log" 2>&1
done

timed() { # label, then the carelake arguments; prints "seconds peak_MB"
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$label.rss" "$repo/carelake" --lakehouse "$lake" "$@" > "$work/$label.log" 2>&1
  t1=$(date +%s.%N)
  echo "$t0 $t1 $(tail -1 "$work/$label.rss")" | awk '{printf "%.1f %.0f", $2-$1, $3/1024}'
}
load() { # part: the FHIR export, the lab's concept map (base only), each HL7 feed
  local part=$1 t=0 peak=0 r
  r=$(timed "ingest-fhir-$part" ingest fhir --source synthea "$work/$part/fhir"); set -- $r
  t=$(echo "$t $1" | awk '{print $1+$2}'); peak=$(( $2 > peak ? $2 : peak ))
  if [ "$part" = base ]; then
    # The lab's dictionary is loaded once, as in production: a changed map is a change of ref, after which silver
    # re-conforms everything (a full build), which is not what a daily increment does.
    r=$(timed "map-$part" terminology load "$work/$part/hl7/lab/concept-map.json" --source lab); set -- $r
    t=$(echo "$t $1" | awk '{print $1+$2}'); peak=$(( $2 > peak ? $2 : peak ))
  fi
  for f in "$work/$part"/hl7/*/*.hl7; do
    local feed; feed=$(basename "$f" .hl7)
    r=$(timed "ingest-hl7-$feed-$part" ingest hl7 --source "$feed" "$f"); set -- $r
    t=$(echo "$t $1" | awk '{print $1+$2}'); peak=$(( $2 > peak ? $2 : peak ))
  done
  echo "$t $peak"
}
echo "== full: load $patients patients, run" >&2
read -r load_full load_full_mb <<< "$(load base)"
read -r run_full run_full_mb <<< "$(timed run-full run --period "$period")"
echo "== increment: load $new_patients patients, run" >&2
read -r load_inc load_inc_mb <<< "$(load increment)"
read -r run_inc run_inc_mb <<< "$(timed run-incremental run --period "$period")"

tasks() { # the per-task durations of the latest or earliest run in the ledger
  "$repo/carelake" --lakehouse "$lake" sql --format tsv "
    WITH runs AS (SELECT run_id, min(started_at) AS started FROM ops.run_ledger GROUP BY run_id),
    r AS (SELECT run_id FROM runs ORDER BY started $1 LIMIT 1)
    SELECT task, status, round(sum(duration_ms) / 1000, 1) AS s FROM ops.run_ledger
    WHERE run_id IN (SELECT run_id FROM r) GROUP BY task, status ORDER BY min(started_at)" 2>/dev/null \
    | tail -n +2 | awk -F'\t' '{printf "| %s | %s | %s |\n", $1, $2, $3}'
}
out=$(mktemp)
{
  echo "### Pipeline on $patients + $new_patients patients ($(date -u +%Y-%m-%d), $(nproc) cores, period $period)"
  echo
  echo "| step | wall time (s) | peak RSS of the process (MB) |"
  echo "| --- | ---: | ---: |"
  echo "| load: FHIR export + lab map + HL7 feeds ($patients patients) | $load_full | $load_full_mb |"
  echo "| \`run\` (every task) | $run_full | $run_full_mb |"
  echo "| **full: load + run** | **$(echo "$load_full $run_full" | awk '{print $1+$2}')** | |"
  echo "| load: $new_patients more patients (${share}%) | $load_inc | $load_inc_mb |"
  echo "| \`run\` after it | $run_inc | $run_inc_mb |"
  echo "| **incremental: load + run** | **$(echo "$load_inc $run_inc" | awk '{print $1+$2}')** ($(echo \
    "$load_inc $run_inc $load_full $run_full" | awk '{printf "%.0f", 100*($1+$2)/($3+$4)}')% of full) | |"
  echo
  echo "Tasks of the full run (ops.run_ledger, seconds):"
  echo
  echo "| task | status | s |"
  echo "| --- | --- | ---: |"
  tasks ASC
  echo
  echo "Tasks of the incremental run:"
  echo
  echo "| task | status | s |"
  echo "| --- | --- | ---: |"
  tasks DESC
} > "$out"
cat "$out"
mkdir -p "$bench/results" && cat "$out" >> "$bench/results/pipeline.md"
