#!/usr/bin/env bash
# What terminology conformance costs: the same full silver build (`./carelake run --only silver --full`) from the
# same bronze, with conformance (standard codings, statuses, canonical units, ops.dq_metrics and
# ops.unmapped_codes) and without it (-Dcarelake.silver.conformance=false), alternating, each its own process.
# The target (issue 5): conformance adds at most 20% to bronze -> silver time on the 300-patient population.
# An untimed build first, so that every timed one rebuilds an existing silver (the state `run --full` meets).
#
#   bench/conformance-overhead.sh [NDJSON_DIR] [ROUNDS]     (default data/synthea-300-42/fhir, 2 rounds)
#
# The population: `./carelake demo --patients 300` writes it to data/synthea-300-42 (Synthea, seed 42; any FHIR
# bulk export directory works). Prints a Markdown table and
# appends it to bench/results/conformance-overhead.md (gitignored). No peer: Pathling does not conform codes.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
ndjson=${1:-$repo/data/synthea-300-42/fhir}
rounds=${2:-2}
[ -d "$ndjson" ] || { echo "conformance-overhead: no NDJSON directory $ndjson" >&2; exit 2; }
work=${CARELAKE_BENCH_WORK:-$bench/work}/conformance
rm -rf "$work" && mkdir -p "$work"
lake="$work/lake"
echo "== ingest $ndjson (untimed)" >&2
"$repo/carelake" --lakehouse "$lake" ingest fhir --source synthea "$ndjson" > "$work/ingest.log" 2>&1
"$repo/carelake" --lakehouse "$lake" run --only terminology > "$work/terminology.log" 2>&1
# Prints "WALL CPU": seconds elapsed and seconds of CPU (user + system) the build's processes used. CPU time is
# the steadier measure on a shared VM, where the same build's wall time varied by a third between rounds.
build() {
  local label=$1 extra=$2 TIMEFORMAT='%R %U %S'
  { time CARELAKE_EXTRA_JAVA_OPTS="$extra" "$repo/carelake" --lakehouse "$lake" run --only silver --full \
    > "$work/$label.log" 2>&1 ; } 2> "$work/$label.time"
  awk '{printf "%.1f %.1f", $1, $2 + $3}' "$work/$label.time"
}
# Every timed build replaces an existing silver, as `run --full` does in production: the first build of a new
# lakehouse writes tables that have no history to replace, and would flatter whichever variant ran first.
echo "== warm-up build (untimed): silver exists before every timed build" >&2
build warmup "" > /dev/null
off=(); on=(); off_cpu=(); on_cpu=()
for r in $(seq 1 "$rounds"); do
  echo "== round $r: without conformance" >&2
  read -r wall cpu <<< "$(build "off-$r" "-Dcarelake.silver.conformance=false")"
  off+=("$wall"); off_cpu+=("$cpu")
  echo "== round $r: with conformance" >&2
  read -r wall cpu <<< "$(build "on-$r" "")"
  on+=("$wall"); on_cpu+=("$cpu")
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
b_off=$(best "${off[@]}"); b_on=$(best "${on[@]}")
c_off=$(best "${off_cpu[@]}"); c_on=$(best "${on_cpu[@]}")
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%.1f", NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
m_off=$(median "${off[@]}"); m_on=$(median "${on[@]}")
rows=$(grep -o 'silver: [0-9,]* rows' "$work/on-1.log" | tail -1 | tr -dc 0-9)
codes=$(grep -o 'codes: [0-9,]* coded values' "$work/on-1.log" | tail -1 | tr -dc 0-9)
shares=$(grep -o '[0-9.]*% standard, [0-9.]*% mapped, [0-9.]*% unmapped, [0-9.]*% invalid' "$work/on-1.log" | tail -1)
resources=$(grep -c '' "$ndjson"/*.ndjson | awk -F: '{s+=$2} END {print s}')
overhead=$(echo "$b_on $b_off" | awk '{printf "%.1f", 100*($1-$2)/$2}')
cpu_overhead=$(echo "$c_on $c_off" | awk '{printf "%.1f", 100*($1-$2)/$2}')
median_overhead=$(echo "$m_on $m_off" | awk '{printf "%.1f", 100*($1-$2)/$2}')
table=$(cat <<MD

## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores: $(basename "$(dirname "$ndjson")") ($resources resources)

| build (\`run --only silver --full\`, whole process) | wall, runs (s) | best (s) | CPU, runs (s) | best (s) |
| --- | --- | --- | --- | --- |
| without conformance | ${off[*]} | $b_off | ${off_cpu[*]} | $c_off |
| with conformance | ${on[*]} | $b_on | ${on_cpu[*]} | $c_on |

Conformance overhead: **$overhead%** wall, **$cpu_overhead%** CPU (best against best); $median_overhead% wall
median against median ($m_on s, $m_off s). $rows silver rows, $codes coded values: $shares.
MD
)
echo "$table"
mkdir -p "$bench/results"
echo "$table" >> "$bench/results/conformance-overhead.md"
[ "${CARELAKE_BENCH_KEEP:-0}" = 1 ] || rm -rf "$lake"
