#!/usr/bin/env bash
# Identity resolution: precision, recall, F1 and time of the identity task on synthetic populations
# (SyntheticPopulation: households, twins, namesakes, typos, nicknames, swapped dates, moves, missing fields) of
# about N source records each, each size its own process. Issue 6 targets: precision >= 0.995 and recall >= 0.98
# on 10,000 source records; 1,000,000 source records in under 10 minutes on 2 cores.
#
#   bench/identity.sh [RECORDS...]     (default 10000)
#
# Generating and writing silver.patient is untimed; the time is the identity task's own (blocking, scoring, EM,
# components, ids, outputs, propagation). Prints a Markdown table and appends it to bench/results/identity.md
# (gitignored). Spark settings come from CARELAKE_MASTER (default local[*]); spark.carelake.identity.* options
# can be given as -D system properties in CARELAKE_BENCH_OPTS.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
sizes=("${@:-10000}")
work=${CARELAKE_BENCH_WORK:-$bench/work}/identity
mkdir -p "$bench/results"
mvn -B -q -f "$repo/pom.xml" -DskipTests -pl bench -am package >&2
# shellcheck source=bench/jvm-opens.sh
. "$bench/jvm-opens.sh"
table="| source records | candidate pairs | EM | precision | recall | F1 | identity task (s) |
| ---: | ---: | --- | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  rm -rf "$work/$n" && mkdir -p "$work"
  echo "== $n source records" >&2
  # shellcheck disable=SC2086
  java -Xmx6g -XX:+UseParallelGC $opens ${CARELAKE_BENCH_OPTS:-} \
    -cp "$bench/target/classes:$(cat "$bench/target/runtime-classpath.txt")" \
    org.carelake.bench.IdentityBench "$n" "$work/$n/lake" > "$work/$n.log" 2>"$work/$n.err"
  line=$(grep '^RESULT' "$work/$n.log")
  get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  table="$table
| $(get records) | $(get pairs) | $(get em) | $(get precision) | $(get recall) | $(get f1) | $(get seconds) |"
done
echo "$table"
{ echo; echo "## $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores"; echo "$table"; } >> "$bench/results/identity.md"
