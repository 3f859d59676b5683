#!/usr/bin/env bash
# Ingest benchmark: Carelake's `ingest fhir` against the peer baseline, Pathling 9.4.0 (bench/peer-pathling), on the
# same FHIR bulk export (NDJSON), in the same run, each as its own process under /usr/bin/time -v.
#
#   bench/ingest-vs-pathling.sh [PATIENTS] [SEED]          (default 300 42)
#
# Input: a Synthea population generated exactly as `./carelake demo --patients N --seed S` does, cached in
# ${CARELAKE_BENCH_DATA:-<repo>/data}/synthea-N-S/fhir (generated once, by running the demo into a scratch lakehouse),
# or any NDJSON directory given as CARELAKE_BENCH_NDJSON (then PATIENTS and SEED are only labels).
#
# Output: a Markdown table on stdout, also appended as a dated section to bench/results/ingest-vs-pathling.md, with
# the raw logs in bench/results/logs-<stamp>/. Both outputs are checked for completeness against the input's
# line count: Carelake by `select count(*)` over bronze.fhir_resource, Pathling from the Delta logs of its tables.
#
# Environment:
#   CARELAKE_BENCH_NDJSON  NDJSON directory to use instead of a generated population
#   CARELAKE_BENCH_DATA    where generated populations are cached (default <repo>/data, gitignored)
#   CARELAKE_BENCH_WORK    scratch for the lakehouse and Delta outputs (default <repo>/bench/work, gitignored);
#                          deleted after the run unless CARELAKE_BENCH_KEEP=1
#   CARELAKE_BENCH_ROUNDS  rounds of (Carelake, Pathling) to run (default 1)
#   CARELAKE_BENCH_READBACK=1  also count Pathling's rows by reading its Delta tables back with Spark (slow)
#   CARELAKE_JAVA_OPTS     JVM flags for Carelake (default: the launcher's, see ./carelake)
#   PEER_JAVA_OPTS         JVM flags for Pathling (default -Xmx12g, as in the peer's reference set-up)
#   PEER_JAVA_HOME         JDK 21+ for Pathling (default /usr/lib/jvm/temurin-25-jdk-amd64)
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
patients=${1:-300}
seed=${2:-42}
rounds=${CARELAKE_BENCH_ROUNDS:-1}
peer="$bench/peer-pathling/run"
peer_jdk=${PEER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

die() { echo "ingest-vs-pathling: $*" >&2; exit 2; }
say() { echo "== $*" >&2; }

# ---- preconditions -------------------------------------------------------------------------------------------------
[[ "$patients" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ && "$rounds" =~ ^[1-9][0-9]*$ ]] \
  || die "usage: $0 [PATIENTS] [SEED]  (whole numbers; CARELAKE_BENCH_ROUNDS >= 1)"
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 \
  || die "GNU time with -v is needed at /usr/bin/time (apt-get install time)"
[ -x "$peer_jdk/bin/java" ] || die "no JDK at $peer_jdk: the peer (Pathling 9.4.0) needs the Temurin 25 JDK there, or Java 21+ elsewhere.
  Pathling 9.4.0 requires Java 21+; install Temurin 25 (Adoptium apt repository: apt-get install temurin-25-jdk) into
  /usr/lib/jvm/temurin-25-jdk-amd64, or point PEER_JAVA_HOME at another JDK 21+."
command -v python3 >/dev/null || die "python3 is needed (to read Pathling's Delta logs)"
command -v mvn >/dev/null || die "mvn is needed to build the peer (bench/peer-pathling)"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$bench/results"
logs="$results/logs-$stamp"
work=${CARELAKE_BENCH_WORK:-$bench/work}/run-$stamp
mkdir -p "$logs" "$work"
cleanup() { [ "${CARELAKE_BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

# ---- input -----------------------------------------------------------------------------------------------------------
if [ -n "${CARELAKE_BENCH_NDJSON:-}" ]; then
  ndjson=$(cd "$CARELAKE_BENCH_NDJSON" 2>/dev/null && pwd) || die "CARELAKE_BENCH_NDJSON is not a directory: $CARELAKE_BENCH_NDJSON"
  input_label="$ndjson (given by CARELAKE_BENCH_NDJSON)"
else
  data=${CARELAKE_BENCH_DATA:-$repo/data}
  mkdir -p "$data"; data=$(cd "$data" && pwd)
  ndjson="$data/synthea-$patients-$seed/fhir"
  if [ -f "$data/synthea-$patients-$seed/.complete" ]; then
    say "reusing the population in $ndjson"
  else
    say "generating $patients patients (seed $seed) with ./carelake demo into $data (once; about 1 s per patient)"
    # The lakehouse comes from CARELAKE_HOME: the launcher only sets up Synthea when 'demo' is the first argument.
    (cd "$work" && CARELAKE_HOME="$work/demo-lakehouse" "$repo/carelake" demo --patients "$patients" --seed "$seed" \
        --data-dir "$data") >"$logs/demo.log" 2>&1 || { tail -20 "$logs/demo.log" >&2; die "demo failed (log: $logs/demo.log)"; }
    [ -f "$data/synthea-$patients-$seed/.complete" ] || die "the demo did not produce $ndjson (log: $logs/demo.log)"
    rm -rf "$work/demo-lakehouse"
  fi
  input_label="Synthea 3.3.0, $patients patients, seed $seed (as \`./carelake demo\`): $ndjson"
fi
shopt -s nullglob
files=("$ndjson"/*.ndjson)
shopt -u nullglob
[ ${#files[@]} -gt 0 ] || die "no *.ndjson files in $ndjson"

say "measuring the input (${#files[@]} files)"
: >"$logs/expected.txt"
bytes=0; lines=0
for f in "${files[@]}"; do
  b=$(stat -c %s "$f"); n=$(grep -c -v '^[[:space:]]*$' "$f" || true)
  bytes=$((bytes + b)); lines=$((lines + n))
  t=$(basename "$f"); echo "${t%%.*} $n" >>"$logs/expected.txt"
done
sort -o "$logs/expected.txt" "$logs/expected.txt"
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.3f", b/1e6}')

# ---- builds (untimed) --------------------------------------------------------------------------------------------------
say "building the peer (bench/peer-pathling; Maven Central on first use)"
"$peer" build
# Warm-up, untimed: the launcher rebuilds here if its sources changed, and the first run after a build records its
# start-up cache (JDK 25's ahead-of-time cache, or a class-data-sharing archive before 25), which later runs start from. A small real ingest (the smallest input file) puts the
# ingest path's classes into it, as a user's earlier ingest would.
say "warming up ./carelake with a small ingest (rebuilds it here, untimed, if its sources changed)"
smallest=$(ls -S "${files[@]}" | tail -1)
"$repo/carelake" --lakehouse "$work/warmup-lakehouse" ingest fhir "$smallest" >"$logs/carelake-warmup.log" 2>&1 \
  || [ $? -eq 3 ] || { grep -v 'warning\]\[cds\]' "$logs/carelake-warmup.log" | tail -20 >&2; die "./carelake does not run (log: $logs/carelake-warmup.log)"; }
rm -rf "$work/warmup-lakehouse"
# The JVM the launcher picked (JDK 25 when installed) and its start-up cache.
runtime_note=$("$repo/carelake" runtime | sed -e 's/^java: //' -e 's/^start-up cache: /start-up cache /' | paste -sd ';' -)

# ---- helpers ---------------------------------------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
# Busy CPU seconds of the whole machine so far (every core; idle and iowait excluded; USER_HZ = 100).
busy() { awk '/^cpu /{print ($2+$3+$4+$7+$8+$9)/100}' /proc/stat; }
# CPU seconds that other processes used while a run took place: machine busy time minus the run's own.
others() { awk -v a="$1" -v b="$2" -v own="$3" 'BEGIN{o=b-a-own; printf "%.0f", (o<0?0:o)}'; }
# Notes a run that shared the machine: other processes used more than 5% of its CPU capacity (wall x cores).
shared() {
  local other=$4 wall=$3
  if awk -v o="$other" -v w="$wall" -v n="$(nproc)" 'BEGIN{exit !(o > 0.05*w*n)}'; then
    notes+=("round $1: $2 shared the machine ($other CPU s used by other processes during its $wall s): its time is inflated")
  fi
}
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:23.45" -> seconds
wall_of() { sed -n 's/.*Elapsed (wall clock) time.*: //p' "$1" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; printf "%.2f", s}'; }
rss_of() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
cpu_of() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/{s+=$2} END{printf "%.1f", s}' "$1"; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN{ if (b+0 > 0) printf f, a/b; else printf "n/a" }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 > 0) printf "%.0f%%", 100*a/b; else printf "n/a" }'; }
warm_cache() { cat "${files[@]}" >/dev/null; }
# Rows in a Delta table per its transaction log: files added minus files removed, by their numRecords statistics.
delta_rows() {
  python3 - "$1" <<'PY'
import json, os, sys
root = sys.argv[1]
total = {}
for t in sorted(os.listdir(root)):
    log = os.path.join(root, t, "_delta_log")
    if not os.path.isdir(log):
        continue
    live = {}
    for c in sorted(f for f in os.listdir(log) if f.endswith(".json") and f[:20].isdigit()):
        for line in open(os.path.join(log, c)):
            a = json.loads(line)
            if "add" in a:
                stats = json.loads(a["add"].get("stats") or "{}")
                if "numRecords" not in stats:
                    sys.exit("no numRecords statistic in " + os.path.join(log, c))
                live[a["add"]["path"]] = stats["numRecords"]
            elif "remove" in a:
                live.pop(a["remove"]["path"], None)
    total[t.split(".")[0]] = total.get(t.split(".")[0], 0) + sum(live.values())
for t, n in sorted(total.items()):
    print(t, n)
PY
}

# The Carelake being measured: the commit (and whether the tree had changes) when the runs start.
version() {
  local c d
  c=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
  d=$(git -C "$repo" status --porcelain --untracked-files=no -- . ':!bench' ':!BENCHMARKS.md' 2>/dev/null | grep -q . \
    && echo " with uncommitted changes" || true)
  echo "$c$d"
}
carelake_version=$(version)

# ---- runs ------------------------------------------------------------------------------------------------------------
load_before=$(cat /proc/loadavg | cut -d' ' -f1-3)
declare -a rows=() ratios=() problems=() notes=()

for r in $(seq 1 "$rounds"); do
  # Carelake -------------------------------------------------------------------------------------------------------
  lh="$work/carelake-lakehouse-$r"; L="$logs/carelake-$r"
  warm_cache; l0=$(load1); b0=$(busy)
  say "round $r: Carelake ingest fhir (load average $l0)"
  set +e
  (cd "$work" && /usr/bin/time -v -o "$L.time" "$repo/carelake" --lakehouse "$lh" ingest fhir "$ndjson") >"$L.out" 2>"$L.err"
  rc=$?; set -e
  b1=$(busy)
  # 3 = finished, with quarantined lines (reported below)
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { tail -20 "$L.err" >&2; die "Carelake ingest failed (exit $rc; logs: $L.*)"; }
  if grep -q 'carelake: building' "$L.err"; then
    notes+=("round $r: ./carelake rebuilt itself inside the timed run (sources changed meanwhile): its wall time includes a Maven build")
  fi
  summary=$(grep -E '^batch .* in [0-9.]+ s \(' "$L.out" | tail -1)
  [ -n "$summary" ] || die "no summary line in Carelake's output ($L.out)"
  c_phase=$(sed -E 's/.* in ([0-9.]+) s \(.*/\1/' <<<"$summary")
  c_accepted=$(sed -E 's/.* lines = ([0-9]+) accepted.*/\1/' <<<"$summary")
  c_quar=$(sed -E 's/.* \+ ([0-9]+) quarantined.*/\1/' <<<"$summary")
  c_wall=$(wall_of "$L.time"); c_rss=$(rss_of "$L.time"); c_cpu=$(cpu_of "$L.time")
  say "round $r: checking Carelake's bronze"
  "$repo/carelake" --lakehouse "$lh" sql --format csv \
      "select resource_type, count(*) from bronze.fhir_resource group by resource_type order by resource_type" \
      >"$L.count" 2>"$L.count.err" || { tail -5 "$L.count.err" >&2; die "Carelake count query failed"; }
  grep -E '^[A-Za-z]+,[0-9]+$' "$L.count" | tr ',' ' ' | sort >"$L.types"
  c_rows=$(awk '{s+=$2} END{print s+0}' "$L.types")
  if [ "$c_rows" = "$lines" ] && cmp -s "$L.types" "$logs/expected.txt"; then
    c_check="ok: $c_rows rows"
  else
    c_check="MISMATCH: $c_rows rows"
    problems+=("round $r: Carelake bronze has $c_rows rows for $lines input lines (per type: diff $logs/expected.txt $L.types)")
  fi
  [ "$c_quar" = 0 ] || problems+=("round $r: Carelake quarantined $c_quar line(s)")
  c_other=$(others "$b0" "$b1" "$c_cpu"); shared "$r" Carelake "$c_wall" "$c_other"
  rows+=("| Carelake | $r | $c_wall | $c_phase | $(div "$mb" "$c_wall") | $(div "$mb" "$c_phase") | $(div "$lines" "$c_wall" %.0f) | $(div "$lines" "$c_phase" %.0f) | $c_cpu | $(pct "$c_cpu" "$c_wall") | $c_other | $(div "$c_rss" 1048576 %.2f) | $c_check |")

  # Pathling --------------------------------------------------------------------------------------------------------
  out="$work/pathling-delta-$r"; L="$logs/pathling-$r"
  warm_cache; l0=$(load1); b0=$(busy)
  say "round $r: Pathling 9.4.0 ndjson -> delta (load average $l0)"
  set +e
  (cd "$work" && /usr/bin/time -v -o "$L.time" "$peer" ingest "$ndjson" "$out") >"$L.out" 2>"$L.err"
  rc=$?; set -e
  b1=$(busy)
  [ $rc -eq 0 ] || { grep -vE '^\s+at ' "$L.err" | tail -20 >&2; die "Pathling failed (exit $rc; logs: $L.*)"; }
  p_session=$(sed -nE 's/^pathling session: ([0-9.]+) s.*/\1/p' "$L.out")
  p_phase=$(sed -nE 's/^pathling ndjson->delta: ([0-9.]+) s.*/\1/p' "$L.out")
  [ -n "$p_phase" ] || die "no 'pathling ndjson->delta' line in $L.out"
  p_wall=$(wall_of "$L.time"); p_rss=$(rss_of "$L.time"); p_cpu=$(cpu_of "$L.time")
  say "round $r: checking Pathling's Delta tables"
  delta_rows "$out" | sort >"$L.types"
  if [ "${CARELAKE_BENCH_READBACK:-0}" = 1 ]; then
    (cd "$work" && "$peer" count "$out") >"$L.count" 2>"$L.count.err" || die "Pathling read-back failed ($L.count.err)"
    sed -nE 's/^pathling rows ([A-Za-z]+) ([0-9]+)$/\1 \2/p' "$L.count" | sort >"$L.readback"
    cmp -s "$L.readback" "$L.types" || problems+=("round $r: Pathling read-back differs from its Delta logs ($L.readback)")
  fi
  p_rows=$(awk '{s+=$2} END{print s+0}' "$L.types")
  if [ "$p_rows" = "$lines" ] && cmp -s "$L.types" "$logs/expected.txt"; then
    p_check="ok: $p_rows rows"
  else
    p_check="MISMATCH: $p_rows rows"
    problems+=("round $r: Pathling wrote $p_rows rows for $lines input lines (per type: diff $logs/expected.txt $L.types)")
  fi
  p_other=$(others "$b0" "$b1" "$p_cpu"); shared "$r" Pathling "$p_wall" "$p_other"
  rows+=("| Pathling 9.4.0 | $r | $p_wall | $p_phase | $(div "$mb" "$p_wall") | $(div "$mb" "$p_phase") | $(div "$lines" "$p_wall" %.0f) | $(div "$lines" "$p_phase" %.0f) | $p_cpu | $(pct "$p_cpu" "$p_wall") | $p_other | $(div "$p_rss" 1048576 %.2f) | $p_check |")

  # Throughput ratio = time ratio on the same input.
  ratios+=("| $r | $(div "$p_wall" "$c_wall" %.2f)x | $(div "$p_phase" "$c_phase" %.2f)x | ${p_session:-?} s |")
  rm -rf "$lh" "$out"
done

# ---- report ----------------------------------------------------------------------------------------------------------
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
report=$(cat <<EOF
## Ingest: Carelake vs Pathling 9.4.0 — $(date -u '+%Y-%m-%d %H:%M UTC')

- Input: $input_label
- ${#files[@]} NDJSON files, $bytes bytes ($mb MB), $lines resources (non-blank lines)
- Machine: $(nproc) cores ($cpu_model), $mem RAM; $(uname -sr)
- Carelake $carelake_version: \`./carelake ingest fhir\`, ${CARELAKE_JAVA_OPTS:-launcher defaults}; $runtime_note
- Pathling 9.4.0 on Spark 4.2.0 / Delta 4.4.0: $("$peer_jdk/bin/java" -version 2>&1 | head -1), ${PEER_JAVA_OPTS:--Xmx12g}
- Load average (1/5/15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)
- Input pre-read into the page cache before each run; each run writes a fresh output directory.
- "other processes' CPU s": CPU time the rest of the machine used during the run (from /proc/stat); near 0 = quiet.

| tool | round | process wall s | ingest phase s | MB/s (process) | MB/s (phase) | resources/s (process) | resources/s (phase) | CPU s (user+sys) | CPU use | other processes' CPU s | peak RSS GiB | output check |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Throughput ratio Carelake / Pathling (same input, so Pathling's time / Carelake's time):

| round | whole process | ingest phase | Pathling session start-up |
|---|---|---|---|
$(printf '%s\n' "${ratios[@]}")
EOF
)
[ "$(version)" = "$carelake_version" ] \
  || notes+=("the Carelake working tree changed during the runs (now $(version)): rounds may have measured different code")
if [ ${#problems[@]} -gt 0 ]; then
  report+=$'\n\nProblems (incomplete output):\n'$(printf -- '- %s\n' "${problems[@]}")
fi
if [ ${#notes[@]} -gt 0 ]; then
  report+=$'\n\nNotes:\n'$(printf -- '- %s\n' "${notes[@]}")
fi
report+=$'\n\n'"Logs: bench/results/logs-$stamp/"$'\n'
echo "$report"
{ echo; echo "$report"; } >>"$results/ingest-vs-pathling.md"
say "appended to $results/ingest-vs-pathling.md"
[ ${#problems[@]} -eq 0 ] || exit 1
