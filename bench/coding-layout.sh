#!/usr/bin/env bash
# How silver.coding's file layout changes the scans every measure model and the risk task make: the table as an
# older build wrote it (one 128 MiB row group per file, rows in evaluation order) against the same rows sorted by
# resource type in 16 MiB row groups (what SilverBuild and the session's Parquet settings write now). Both versions
# live in one Delta table (time travel), and the queries alternate between them in one JVM, so both see the same
# machine. The lakehouse is copied first: the original is not touched.
#
#   bench/coding-layout.sh LAKEHOUSE [REPEATS]   (e.g. the lake bench/pipeline.sh leaves in its work dir)
#
# Prints Markdown and appends it to bench/results/coding-layout.md.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
source_lake=${1:?usage: bench/coding-layout.sh LAKEHOUSE [REPEATS]}
repeats=${2:-3}
work=${CARELAKE_BENCH_WORK:-$bench/work}/coding-layout
rm -rf "$work" && mkdir -p "$work"
cp -r "$source_lake" "$work/lake"
cl() { "$repo/carelake" --lakehouse "$work/lake" "$@"; }

before=$(cl sql --format tsv "DESCRIBE HISTORY silver.coding LIMIT 1" 2>/dev/null | sed -n 2p | cut -f1)
# The old layout: one file, one row group, unsorted (as SilverBuild wrote it before the change).
cl sql > "$work/rewrite.log" 2>&1 <<'SQL'
SET parquet.block.size=134217728;
INSERT OVERWRITE silver.coding SELECT * FROM (SELECT * FROM silver.coding DISTRIBUTE BY 1);
SQL
old=$((before + 1))
cl sql >> "$work/rewrite.log" 2>&1 <<'SQL'
SET parquet.block.size=16777216;
INSERT OVERWRITE silver.coding SELECT * FROM (SELECT * FROM silver.coding DISTRIBUTE BY 1)
  SORT BY resource_type, element;
SQL
new=$((old + 1))

python3 - "$repeats" "$old" "$new" > "$work/queries.sql" <<'PY'
import sys
repeats, old, new = int(sys.argv[1]), sys.argv[2], sys.argv[3]
queries = {
    "value-set join (m_coded)": "SELECT count(*) FROM (SELECT DISTINCT c.resource_type, c.source_id, c.element, "
    "m.value_set_oid FROM silver.coding VERSION AS OF {v} c JOIN ref.value_set_member m "
    "ON m.system = c.system AND m.code = c.code)",
    "Procedure codings (m_procedure)": "SELECT count(*) FROM (SELECT source_system, source_id, "
    "collect_set(element || '|' || system || '|' || code) FROM silver.coding VERSION AS OF {v} "
    "WHERE resource_type = 'Procedure' GROUP BY 1, 2)",
    "Encounter codings (m_encounter)": "SELECT count(*) FROM (SELECT source_system, source_id, "
    "collect_set(element || '|' || system || '|' || code) FROM silver.coding VERSION AS OF {v} "
    "WHERE resource_type = 'Encounter' GROUP BY 1, 2)",
}
print(f"SELECT count(*) FROM silver.coding VERSION AS OF {old};")
print(f"SELECT count(*) FROM silver.coding VERSION AS OF {new};")
for _ in range(repeats):
    for name, q in queries.items():
        for tag, v in (("old", old), ("new", new)):
            print(f"SELECT '@@ {name} | {tag}', current_timestamp();")
            print(q.format(v=v) + ";")
print("SELECT '@@ end | end', current_timestamp();")
PY
cl sql --format tsv < "$work/queries.sql" > "$work/queries.out" 2> "$work/queries.err"

python3 - "$work/queries.out" <<'PY' | tee -a "$bench/results/coding-layout.md"
import collections, datetime, statistics, sys
marks = []
for line in open(sys.argv[1]):
    if line.startswith("@@ ") and not line.rstrip().endswith("current_timestamp()"):  # not the header
        label, at = line[3:].rstrip("\n").split("\t")
        marks.append((label, datetime.datetime.fromisoformat(at)))
times = collections.defaultdict(list)
for (label, t0), (_, t1) in zip(marks, marks[1:]):
    times[label].append((t1 - t0).total_seconds())
print("| query | old layout median (s) | new layout median (s) | runs |")
print("|---|---:|---:|---:|")
names = dict.fromkeys(label.split(" | ")[0] for label in times)
for name in names:
    old, new = times[name + " | old"], times[name + " | new"]
    print(f"| {name} | {statistics.median(old):.2f} | {statistics.median(new):.2f} | {len(old)} |")
PY
