#!/usr/bin/env bash
# Identity resolution against the HL7 feed generator's answer key (issue 6's evaluation): a Synthea population's
# EHR patients plus the four HL7 v2 feeds `carelake synth hl7` derives from it (lab, ADT, pharmacy, registry, each
# under its own MRNs and with the generator's noise: name typos, nicknames, day/month swaps, dropped middle names,
# address changes, duplicate registrations later merged), then precision, recall and F1 of silver.person_map
# against answer-key.csv, pairwise. About 5 source records per Synthea patient: 1,700 patients give about 10,000.
#
#   bench/identity-feeds.sh FHIR_DIR
#
# Only Patient.ndjson of the export is ingested (the rest does not bear on who is who). Ingest and silver are
# untimed; the identity task is timed. Prints a Markdown table and appends it to bench/results/identity-feeds.md.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
fhir=${1:?usage: bench/identity-feeds.sh FHIR_DIR}
[ -f "$fhir/Patient.ndjson" ] || { echo "identity-feeds: no $fhir/Patient.ndjson" >&2; exit 2; }
work=${CARELAKE_BENCH_WORK:-$bench/work}/identity-feeds
rm -rf "$work" && mkdir -p "$work/ehr" "$bench/results"
lake="$work/lake"
cl() { "$repo/carelake" --lakehouse "$lake" "$@"; }
echo "== feeds from $fhir" >&2
cl synth hl7 --from "$fhir" --out "$work/hl7" > "$work/synth.log" 2>&1
ln -s "$(cd "$fhir" && pwd)/Patient.ndjson" "$work/ehr/Patient.ndjson"
echo "== ingest and silver (untimed)" >&2
cl ingest fhir --source synthea "$work/ehr" > "$work/ingest.log" 2>&1
for feed in lab adt pharmacy registry; do
  cl ingest hl7 --source "$feed" "$work/hl7/$feed/$feed.hl7" >> "$work/ingest.log" 2>&1
done
cl run --only silver > "$work/silver.log" 2>&1
echo "== identity" >&2
t0=$(date +%s.%N)
cl run --only identity > "$work/identity.log" 2>&1
t1=$(date +%s.%N)
seconds=$(echo "$t0 $t1" | awk '{printf "%.1f", $2-$1}')
task=$(sed -n 's/.* rows updated in \([0-9.]*\) s$/\1/p' "$work/identity.log" | tail -1)
# Feed records are matched to the key through their MRN (silver.identifier); EHR records are their own key.
cl sql --format csv "WITH truth AS (SELECT _c0 s, _c1 id, _c2 k FROM csv.\`$work/hl7/answer-key.csv\`
  WHERE _c0 <> 'source_system'), r AS (SELECT DISTINCT m.source_system s, m.source_patient_id id, m.person_id p, t.k
  FROM silver.person_map m JOIN silver.identifier i ON i.source_system = m.source_system
  AND i.source_id = m.source_patient_id AND i.resource_type = 'Patient' JOIN truth t ON t.s = m.source_system
  AND t.id = i.value UNION SELECT source_system, source_patient_id, person_id, source_patient_id
  FROM silver.person_map WHERE source_system = 'synthea'), pairs AS (SELECT a.p = b.p pred, a.k = b.k truth
  FROM r a JOIN r b ON (a.s, a.id) < (b.s, b.id))
  SELECT (SELECT count(*) FROM silver.person_map) records, (SELECT count(*) FROM r) keyed,
  (SELECT count(DISTINCT p) FROM r) persons, count_if(pred AND truth) tp, count_if(pred AND NOT truth) fp,
  count_if(NOT pred AND truth) fn FROM pairs" 2>/dev/null | tail -1 > "$work/score.csv"
IFS=, read -r records keyed persons tp fp fn < "$work/score.csv"
table=$(awk -v rec="$records" -v keyed="$keyed" -v per="$persons" -v tp="$tp" -v fp="$fp" -v fn="$fn" \
  -v task="$task" -v s="$seconds" 'BEGIN {
  p = tp / (tp + fp); r = tp / (tp + fn); f = 2 * p * r / (p + r);
  print "| source records | in the key | persons | true pairs linked | false links | pairs missed | precision | recall | F1 | identity task (s) | process (s) |";
  print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
  printf "| %d | %d | %d | %d | %d | %d | %.4f | %.4f | %.4f | %s | %s |\n", rec, keyed, per, tp, fp, fn, p, r, f, task, s }')
echo "$table"
{ echo; echo "## $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $fhir"; echo "$table"; } >> "$bench/results/identity-feeds.md"
