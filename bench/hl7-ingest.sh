#!/usr/bin/env bash
# HL7 v2 batch ingest throughput: `./carelake ingest hl7` over a generated workload of realistic lab and ADT
# messages (bench/src/main/java/org/carelake/bench/Hl7FeedFiles.java), into a scratch lakehouse.
#
#   bench/hl7-ingest.sh [MESSAGES] [FILES]          (default 1000000 16: 1.75 GB, so the per-command start-up
#                                                    costs of a few seconds do not dominate; 200000 shows them)
#
# Prints messages/s for a first ingest (all new) and for a re-ingest of the same messages with CRLF line endings
# (other file bytes, so not skipped by the ledger; every message a duplicate by its terminator-independent hash,
# so the duplicate check and removal are measured), and appends them to bench/results/hl7-ingest.md.
# There is no peer for this (Pathling does not read HL7 v2).
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
messages=${1:-1000000}
files=${2:-16}
work=${CARELAKE_BENCH_WORK:-$bench/work}/hl7-ingest
rm -rf "$work" && mkdir -p "$work"
mvn -B -q -f "$repo/pom.xml" -o -DskipTests -pl bench -am install >&2
java -cp "$bench/target/classes:$(cat "$bench/target/runtime-classpath.txt")" org.carelake.bench.Hl7FeedFiles \
  "$work/feed" "$messages" "$files" >&2
mb=$(du -sm "$work/feed" | cut -f1)
run() {
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$repo/carelake" --lakehouse "$work/lake" ingest hl7 --source bench "$@" > "$work/$label.log" 2>&1 || true
  t1=$(date +%s.%N)
  grep '^batch ' "$work/$label.log" >&2
  echo "$t0 $t1"
}
read -r a0 a1 < <(run first "$work/feed")
mkdir -p "$work/feed-again"
for f in "$work"/feed/*.hl7; do sed 's/\r/\r\n/g' "$f" > "$work/feed-again/$(basename "$f")"; done
read -r b0 b1 < <(run again "$work/feed-again")
count=$("$repo/carelake" --lakehouse "$work/lake" sql --format csv "select count(*) from bronze.hl7v2_message" | tail -1)
[[ "$count" == "$messages" ]] || { echo "hl7-ingest: bronze has $count messages, expected $messages" >&2; exit 1; }
first=$(echo "$a0 $a1" | awk '{printf "%.1f", $2-$1}')
again=$(echo "$b0 $b1" | awk '{printf "%.1f", $2-$1}')
inner=$(grep -o '([0-9]* messages/s)' "$work/first.log" | tr -dc 0-9)
table=$(cat <<EOT
| run | messages | MB | wall s (whole command, JVM start incl.) | messages/s (wall) | messages/s (ingest, as printed) |
| --- | ---: | ---: | ---: | ---: | ---: |
| first ingest | $messages | $mb | $first | $(awk "BEGIN{printf \"%.0f\", $messages/$first}") | $inner |
| the same messages again, CRLF (all duplicates) | $messages | $mb | $again | $(awk "BEGIN{printf \"%.0f\", $messages/$again}") | $(grep -o '([0-9]* messages/s)' "$work/again.log" | tr -dc 0-9) |
EOT
)
echo "$table"
mkdir -p "$bench/results"
{ echo; echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $messages messages in $files files, $(nproc) cores"; echo; echo "$table"; } \
  >> "$bench/results/hl7-ingest.md"
[[ "${CARELAKE_BENCH_KEEP:-0}" == 1 ]] || rm -rf "$work"
