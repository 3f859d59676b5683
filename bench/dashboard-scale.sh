#!/usr/bin/env bash
# A larger population for the dashboard benchmark (issue 9 asks for 10,000 patients; the pipeline cannot build that
# many in a benchmark's time): copies a built lakehouse and replicates every person-keyed table the dashboard reads
# FACTOR times, the copies under distinct person ids (person_id || '-r' || k, k = 1 .. FACTOR-1; the originals stay).
# Other tables are copied as they are (so rates, measures and cohort definitions are the source's). bronze and deid
# are left out: the dashboard reads neither. ops.publication is left out too, so the dashboard reads the tables as
# they are now (with a publication it would read the versions before the replication).
#
#   bench/dashboard-scale.sh SRC_LAKEHOUSE FACTOR OUT_LAKEHOUSE     (e.g. 368 persons x 28 = 10,304)
#
# The replicas are exact copies of their person's rows: same events, gaps, risk and identity records, only the
# person id differs. Good for response times and memory, not for anything that counts distinct people per source
# record.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
src=${1:?usage: bench/dashboard-scale.sh SRC_LAKEHOUSE FACTOR OUT_LAKEHOUSE}
factor=${2:?usage: bench/dashboard-scale.sh SRC_LAKEHOUSE FACTOR OUT_LAKEHOUSE}
out=${3:?usage: bench/dashboard-scale.sh SRC_LAKEHOUSE FACTOR OUT_LAKEHOUSE}
[ "$factor" -ge 1 ] || { echo "FACTOR must be at least 1" >&2; exit 2; }
[ -e "$out" ] && { echo "$out exists; remove it first" >&2; exit 2; }

mkdir -p "$out"
for d in "$src"/* "$src"/_*; do
  case "$(basename "$d")" in bronze|deid) continue ;; esac
  cp -a "$d" "$out/"
done
rm -rf "$out/ops/publication" "$out/_catalog/ops.db/publication"

# table: the person id columns to rewrite
tables="gold.dim_person:person_id gold.patient_timeline:person_id gold.care_gap:person_id
gold.measure_population:person_id gold.risk_score:person_id gold.cohort_membership:person_id
silver.person_map:person_id silver.patient:person_id gold.identity_link:person_id
gold.identity_review:person_id_a,person_id_b"
sql=$(mktemp)
for spec in $tables; do
  t=${spec%%:*}
  cols=${spec#*:}
  [ -d "$out/${t%%.*}/${t#*.}" ] || continue
  repl=""
  for c in ${cols//,/ }; do repl="$repl, CASE WHEN $c IS NULL THEN NULL ELSE concat($c, '-r', r.k) END AS $c"; done
  echo "INSERT INTO $t BY NAME SELECT * EXCEPT (${cols}, k)$repl FROM $t CROSS JOIN range(1, $factor) AS r(k);"
done > "$sql"
echo "SELECT 'persons', count(*) FROM gold.dim_person;" >> "$sql"
echo "SELECT 'timeline rows', count(*) FROM gold.patient_timeline;" >> "$sql"
log=$(mktemp)
"$repo/carelake" --lakehouse "$out" sql --format tsv < "$sql" > "$log" 2>&1
if grep -qiE "error|exception" "$log"; then
  cat "$log" >&2
  exit 1
fi
grep -E "^(persons|timeline rows)	" "$log"
rm -f "$sql" "$log"
