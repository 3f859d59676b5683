#!/usr/bin/env bash
# SQL-on-FHIR views benchmark: Carelake building its silver tables from bronze (`./carelake run --only silver`, the
# ViewDefinitions in transforms/src/main/resources/views/silver/) against the peer, Pathling 9.4.0
# (bench/peer-pathling, PathlingViews), running the SAME ViewDefinition files on the same data, each as its own
# process under /usr/bin/time -v; then a row-for-row comparison of the outputs (org.carelake.bench.CompareTables).
#
#   bench/views-vs-pathling.sh
#
# Runs, in this order (untimed preparation in brackets):
#   [Carelake: ./carelake --lakehouse W/lakehouse ingest fhir NDJSON]
#    Carelake: ./carelake --lakehouse W/lakehouse run --only silver                    -> W/lakehouse/silver/<name>
#   [Pathling: bench/peer-pathling/run ingest NDJSON W/pathling-delta  (its typed Delta store, for --from delta)]
#    Pathling: bench/peer-pathling/run views NDJSON VIEWS W/pathling-ndjson --from ndjson  -> Parquet per view name
#    Pathling: bench/peer-pathling/run views W/pathling-delta VIEWS W/pathling-delta-out --from delta
#    CompareTables W/lakehouse/silver W/pathling-ndjson; the same against W/pathling-delta-out; and the two Pathling
#    outputs against each other (Pathling's own consistency).
#
# Output: a Markdown table on stdout, also appended as a dated section to bench/results/views-vs-pathling.md, with
# the raw logs in bench/results/logs-views-<stamp>/. Both outputs are gitignored.
#
# Environment:
#   CARELAKE_BENCH_NDJSON   NDJSON bulk-export directory (default /work/data/synthea-300/fhir)
#   CARELAKE_BENCH_VIEWS    ViewDefinition directory given to Pathling (default
#                           <repo>/transforms/src/main/resources/views/silver, the one Carelake's silver is built from)
#   CARELAKE_BENCH_WORK     scratch (default <repo>/bench/work); deleted after the run unless CARELAKE_BENCH_KEEP=1
#   CARELAKE_BENCH_MODES    Pathling input modes to time (default "ndjson delta")
#   CARELAKE_BENCH_PATHLING_DELTA  an existing Delta store written by `peer-pathling/run ingest` on the same input:
#                           reused instead of preparing one (saves about 200 s on 300 patients)
#   CARELAKE_BENCH_PEER_ONLY=1   skip Carelake (e.g. before `run --only silver` exists): Pathling modes only, compared
#                           with each other
#   CARELAKE_BENCH_PHASE_REGEX   sed -E regex with one group that captures Carelake's own view-phase seconds from its
#                           stdout (default: the last ' in N s' of its output)
#   CARELAKE_BENCH_COMPARE_OPTS  extra CompareTables options, e.g. '--ignore encounter.location_id,provider_id' for
#                           columns that differ by design (Carelake resolves conditional references and fills
#                           LOOKUPS.json after the views; Pathling returns the view's value)
#   CARELAKE_BENCH_COMPARE_CP    classpath for CompareTables (default: bench/target/classes and the bench module's
#                           runtime classpath, built with Maven when missing or older than the source)
#   CARELAKE_BENCH_CARELAKE the Carelake launcher to measure (default <repo>/carelake)
#   CARELAKE_JAVA_OPTS      JVM flags for Carelake (default: the launcher's)
#   PEER_JAVA_OPTS          JVM flags for Pathling (default -Xmx12g)
#   PEER_JAVA_HOME          JDK 21+ for Pathling (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   PEER_VIEWS_OPTS         extra PathlingViews options (e.g. --measure-read, --cache, --nested-pruning off)
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
peer="$bench/peer-pathling/run"
peer_jdk=${PEER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
modes=${CARELAKE_BENCH_MODES:-ndjson delta}
peer_only=${CARELAKE_BENCH_PEER_ONLY:-0}
carelake=${CARELAKE_BENCH_CARELAKE:-$repo/carelake}
[[ "$carelake" == /* ]] || carelake="$PWD/$carelake"

die() { echo "views-vs-pathling: $*" >&2; exit 2; }
say() { echo "== $*" >&2; }

# ---- preconditions -------------------------------------------------------------------------------------------------
[ $# -eq 0 ] || die "usage: $0   (no arguments; see the environment variables at the top of the script)"
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 \
  || die "GNU time with -v is needed at /usr/bin/time (apt-get install time)"
[ -x "$peer_jdk/bin/java" ] || die "no JDK at $peer_jdk: the peer (Pathling 9.4.0) needs Java 21+ (Temurin 25 there,
  or PEER_JAVA_HOME pointing at another JDK 21+)"
command -v mvn >/dev/null || die "mvn is needed to build the peer (bench/peer-pathling) and CompareTables"
command -v java >/dev/null || die "java (17+) is needed for CompareTables"
for m in $modes; do
  [ "$m" = ndjson ] || [ "$m" = delta ] || die "CARELAKE_BENCH_MODES: '$m' is neither ndjson nor delta"
done
ndjson=${CARELAKE_BENCH_NDJSON:-/work/data/synthea-300/fhir}
ndjson=$(cd "$ndjson" 2>/dev/null && pwd) || die "not a directory: ${CARELAKE_BENCH_NDJSON:-/work/data/synthea-300/fhir} (set CARELAKE_BENCH_NDJSON)"
views=${CARELAKE_BENCH_VIEWS:-$repo/transforms/src/main/resources/views/silver}
views=$(cd "$views" 2>/dev/null && pwd) || die "no ViewDefinition directory at ${CARELAKE_BENCH_VIEWS:-$repo/transforms/src/main/resources/views/silver} (set CARELAKE_BENCH_VIEWS)"
view_files=$(find "$views" -name '*.json' -type f | wc -l)
[ "$view_files" -gt 0 ] || die "no *.json ViewDefinitions in $views"
shopt -s nullglob
files=("$ndjson"/*.ndjson)
shopt -u nullglob
[ ${#files[@]} -gt 0 ] || die "no *.ndjson files in $ndjson"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$bench/results"
logs="$results/logs-views-$stamp"
work=${CARELAKE_BENCH_WORK:-$bench/work}/views-$stamp
mkdir -p "$logs" "$work"
cleanup() { [ "${CARELAKE_BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

bytes=0; lines=0
for f in "${files[@]}"; do
  bytes=$((bytes + $(stat -c %s "$f"))); lines=$((lines + $(grep -c -v '^[[:space:]]*$' "$f" || true)))
done
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}')

# ---- helpers (as in ingest-vs-pathling.sh) ---------------------------------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
busy() { awk '/^cpu /{print ($2+$3+$4+$7+$8+$9)/100}' /proc/stat; }
others() { awk -v a="$1" -v b="$2" -v own="$3" 'BEGIN{o=b-a-own; printf "%.0f", (o<0?0:o)}'; }
wall_of() { sed -n 's/.*Elapsed (wall clock) time.*: //p' "$1" | awk -F: '{s=0; for(i=1;i<=NF;i++) s=s*60+$i; printf "%.2f", s}'; }
rss_of() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
cpu_of() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/{s+=$2} END{printf "%.1f", s}' "$1"; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN{ if (a ~ /^[0-9.]+$/ && b+0 > 0) printf f, a/b; else printf "n/a" }'; }
ratio() { local r; r=$(div "$1" "$2"); [ "$r" = n/a ] && echo "n/a" || echo "${r}x"; }
warm() { find "$@" -type f -exec cat {} + >/dev/null 2>&1 || true; }
version() {
  local c d
  c=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "?")
  d=$(git -C "$repo" status --porcelain --untracked-files=no -- . ':!bench' ':!BENCHMARKS.md' 2>/dev/null | grep -q . \
    && echo " with uncommitted changes" || true)
  echo "$c$d"
}
declare -a rows=() problems=() notes=() splits=()
shared() { # name wall other
  if awk -v o="$3" -v w="$2" -v n="$(nproc)" 'BEGIN{exit !(o > 0.05*w*n)}'; then
    notes+=("$1 shared the machine ($3 CPU s used by other processes during its $2 s): its time is inflated")
  fi
}
carelake_version=$(version)

# ---- builds (untimed) ------------------------------------------------------------------------------------------------
say "building the peer (bench/peer-pathling; Maven Central on first use)"
"$peer" build
if [ -n "${CARELAKE_BENCH_COMPARE_CP:-}" ]; then
  compare_cp=$CARELAKE_BENCH_COMPARE_CP
else
  cls="$bench/target/classes/org/carelake/bench/CompareTables.class"
  src="$bench/src/main/java/org/carelake/bench/CompareTables.java"
  if [ ! -f "$cls" ] || [ "$src" -nt "$cls" ] || [ ! -s "$bench/target/runtime-classpath.txt" ]; then
    say "building the bench module (CompareTables)"
    mvn -B -q -f "$repo/pom.xml" -DskipTests -pl bench -am package >"$logs/bench-build.log" 2>&1 \
      || { tail -20 "$logs/bench-build.log" >&2; die "bench module build failed (log: $logs/bench-build.log)"; }
  fi
  compare_cp="$bench/target/classes:$(cat "$bench/target/runtime-classpath.txt")"
fi
opens=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$repo/pom.xml")
compare() { # LEFT RIGHT LOG
  # shellcheck disable=SC2086
  java -Xmx4g $opens -cp "$compare_cp" org.carelake.bench.CompareTables "$1" "$2" ${CARELAKE_BENCH_COMPARE_OPTS:-} \
    >"$3" 2>"$3.err"
}
# "yes (N tables)" / "NO: ..." from a CompareTables log
verdict() {
  local t; t=$(grep '^compare total' "$1" || true)
  [ -n "$t" ] || { echo "error (see $(basename "$1").err)"; return; }
  local c e d x
  c=$(sed -E 's/.* compared=([0-9]+).*/\1/' <<<"$t"); e=$(sed -E 's/.* equal=([0-9]+).*/\1/' <<<"$t")
  d=$(sed -E 's/.* differing=([0-9]+).*/\1/' <<<"$t"); x=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$t")
  if [ "$c" -gt 0 ] && [ "$d" = 0 ] && [ "$x" = 0 ]; then echo "yes ($c tables)"; else echo "**no**: $d of $c differ, $x error(s)"; fi
}

# ---- Carelake ----------------------------------------------------------------------------------------------------------
c_wall=""; c_phase=""
if [ "$peer_only" != 1 ]; then
  lh="$work/lakehouse"; L="$logs/carelake"
  say "Carelake: ingest fhir (untimed preparation; rebuilds ./carelake if its sources changed)"
  set +e
  (cd "$work" && "$carelake" --lakehouse "$lh" ingest fhir "$ndjson") >"$L-ingest.out" 2>"$L-ingest.err"
  rc=$?; set -e
  [ $rc -eq 0 ] || [ $rc -eq 3 ] || { tail -20 "$L-ingest.err" >&2; die "Carelake ingest failed (exit $rc; logs: $L-ingest.*)"; }
  [ $rc -eq 0 ] || notes+=("Carelake's ingest quarantined some input (exit 3): see $L-ingest.out")
  say "Carelake: run --only silver (load average $(load1))"
  b0=$(busy)
  set +e
  (cd "$work" && /usr/bin/time -v -o "$L.time" "$carelake" --lakehouse "$lh" run --only silver) >"$L.out" 2>"$L.err"
  rc=$?; set -e
  b1=$(busy)
  [ $rc -eq 0 ] || { grep -v 'warning\]\[cds\]' "$L.err" | tail -20 >&2; die "Carelake run --only silver failed (exit $rc; logs: $L.*)"; }
  grep -q 'carelake: building' "$L.err" && notes+=("./carelake rebuilt itself inside the timed run: its wall time includes a Maven build")
  c_wall=$(wall_of "$L.time"); c_cpu=$(cpu_of "$L.time"); c_rss=$(rss_of "$L.time")
  if [ -n "${CARELAKE_BENCH_PHASE_REGEX:-}" ]; then
    c_phase=$(sed -nE "s/${CARELAKE_BENCH_PHASE_REGEX}/\1/p" "$L.out" | tail -1)
  else
    c_phase=$(grep -oE ' in [0-9]+(\.[0-9]+)? s' "$L.out" | tail -1 | grep -oE '[0-9]+(\.[0-9]+)?' || true)
  fi
  c_other=$(others "$b0" "$b1" "$c_cpu"); shared "Carelake" "$c_wall" "$c_other"
  [ -d "$lh/silver" ] || die "Carelake wrote no $lh/silver"
fi

# ---- Pathling ----------------------------------------------------------------------------------------------------------
delta_store=""
if [[ " $modes " == *" delta "* ]]; then
  if [ -n "${CARELAKE_BENCH_PATHLING_DELTA:-}" ]; then
    delta_store=$(cd "$CARELAKE_BENCH_PATHLING_DELTA" && pwd) || die "not a directory: $CARELAKE_BENCH_PATHLING_DELTA"
    notes+=("Pathling's Delta store was reused from $delta_store (prepared earlier by peer-pathling/run ingest)")
  else
    delta_store="$work/pathling-delta"
    say "Pathling: ndjson -> delta (untimed preparation of the --from delta input)"
    "$peer" ingest "$ndjson" "$delta_store" >"$logs/pathling-ingest.out" 2>"$logs/pathling-ingest.err" \
      || { grep -vE '^\s+at ' "$logs/pathling-ingest.err" | tail -20 >&2; die "Pathling ingest failed (logs: $logs/pathling-ingest.*)"; }
  fi
fi
declare -A p_out=()
for m in $modes; do
  L="$logs/pathling-$m"; out="$work/pathling-$m-out"
  if [ "$m" = ndjson ]; then input=$ndjson; warm "${files[@]}"; else input=$delta_store; warm "$delta_store"; fi
  say "Pathling: views --from $m (load average $(load1))"
  b0=$(busy)
  set +e
  # shellcheck disable=SC2086
  (cd "$work" && /usr/bin/time -v -o "$L.time" "$peer" views "$input" "$views" "$out" --from "$m" ${PEER_VIEWS_OPTS:-}) >"$L.out" 2>"$L.err"
  rc=$?; set -e
  b1=$(busy)
  [ $rc -eq 0 ] || { grep -vE '^\s+at ' "$L.err" | tail -20 >&2; die "Pathling views --from $m failed (exit $rc; logs: $L.*)"; }
  tot=$(grep '^pathling-views total_seconds=' "$L.out") || die "no 'pathling-views total_seconds' line in $L.out"
  p_views=$(sed -E 's/.*total_seconds=([0-9.]+).*/\1/' <<<"$tot")
  p_rows=$(sed -E 's/.* rows=([0-9]+).*/\1/' <<<"$tot")
  p_err=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$tot")
  p_source=$(sed -nE 's/^pathling-views source=[a-z]+ source_seconds=([0-9.]+).*/\1/p' "$L.out")
  p_session=$(sed -nE 's/^pathling session: ([0-9.]+) s.*/\1/p' "$L.out")
  p_phase=$(awk -v a="$p_source" -v b="$p_views" 'BEGIN{printf "%.2f", a+b}')
  p_wall=$(wall_of "$L.time"); p_cpu=$(cpu_of "$L.time"); p_rss=$(rss_of "$L.time")
  p_other=$(others "$b0" "$b1" "$p_cpu"); shared "Pathling --from $m" "$p_wall" "$p_other"
  [ "$p_err" = 0 ] || problems+=("Pathling --from $m rejected or failed $p_err view file(s): $(grep '^pathling-view-error' "$L.out" | cut -d' ' -f2 | tr '\n' ' ')(messages in $L.out)")
  n_retry=$(grep -c '^pathling-view-retry' "$L.out" || true)
  [ "$n_retry" = 0 ] || notes+=("Pathling --from $m: $n_retry view(s) hit Spark's nested-pruning bug and were re-run with nested schema pruning off (see PathlingViews --nested-pruning)")
  p_out[$m]=$out
  eq="n/a"
  if [ "$peer_only" != 1 ]; then
    say "comparing Carelake's silver with Pathling's --from $m output"
    compare "$work/lakehouse/silver" "$out" "$logs/compare-carelake-$m.txt" || true
    eq=$(verdict "$logs/compare-carelake-$m.txt")
    [[ "$eq" == yes* ]] || problems+=("Carelake silver and Pathling --from $m differ: $logs/compare-carelake-$m.txt")
  fi
  read_s=$(sed -nE 's/^pathling-read total_seconds=([0-9.]+).*/\1/p' "$L.out")
  splits+=("| --from $m | ${p_session:-?} | ${p_source:-?} | $p_views | ${read_s:-not measured} | $(grep -c '^pathling-view ' "$L.out" || true) | $p_err | $n_retry |")
  rows+=("| Pathling 9.4.0 | views --from $m | $p_wall | $p_phase | $p_rows | $eq | $(ratio "$p_wall" "$c_wall") | $(ratio "$p_phase" "$c_phase") | $p_cpu | $(div "$p_rss" 1048576 %.2f) | $p_other |")
done

c_rows="n/a"
if [ "$peer_only" != 1 ]; then
  # Carelake's rows: every silver table, those Pathling also has and those it has not.
  f="$logs/compare-carelake-$(set -- $modes; echo "$1").txt"
  c_rows=$(awk '/^compare-table /{for(i=1;i<=NF;i++) if ($i ~ /^left_rows=/) {sub("left_rows=","",$i); s+=$i}}
                /^compare-only-left /{for(i=1;i<=NF;i++) if ($i ~ /^rows=[0-9]+$/) {sub("rows=","",$i); s+=$i}} END{print s+0}' "$f")
  rows=("| Carelake $carelake_version | run --only silver (from bronze) | $c_wall | ${c_phase:-n/a} | $c_rows | (reference) | 1.00x | 1.00x | $c_cpu | $(div "$c_rss" 1048576 %.2f) | $c_other |" "${rows[@]}")
fi
pathling_eq=""
if [ -n "${p_out[ndjson]:-}" ] && [ -n "${p_out[delta]:-}" ]; then
  say "comparing Pathling's two outputs (--from ndjson against --from delta)"
  compare "${p_out[ndjson]}" "${p_out[delta]}" "$logs/compare-pathling-ndjson-delta.txt" || true
  pathling_eq=$(verdict "$logs/compare-pathling-ndjson-delta.txt")
  [[ "$pathling_eq" == yes* ]] || problems+=("Pathling's --from ndjson and --from delta outputs differ: $logs/compare-pathling-ndjson-delta.txt")
fi

# ---- report ------------------------------------------------------------------------------------------------------------
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
report=$(cat <<EOF
## Views: Carelake vs Pathling 9.4.0 — $(date -u '+%Y-%m-%d %H:%M UTC')

- Input: $ndjson: ${#files[@]} NDJSON files, $mb MB, $lines resources
- Views: $views ($view_files ViewDefinition files), the same files for both
- Machine: $(nproc) cores ($cpu_model), $mem RAM; $(uname -sr)
- Carelake $carelake_version: $([ "$peer_only" = 1 ] && echo "not run (CARELAKE_BENCH_PEER_ONLY=1)" || echo "\`./carelake run --only silver\` after an untimed \`ingest fhir\`, ${CARELAKE_JAVA_OPTS:-launcher defaults}")
- Pathling 9.4.0 on Spark 4.2.0 / Delta 4.4.0: $("$peer_jdk/bin/java" -version 2>&1 | head -1), ${PEER_JAVA_OPTS:--Xmx12g}${PEER_VIEWS_OPTS:+, options $PEER_VIEWS_OPTS}; --from delta reads the Delta store of \`peer-pathling/run ingest\` (prepared untimed)
- "view phase": Carelake's own figure (the last " in N s" of its output); Pathling's source set-up plus all views (after its SparkSession and PathlingContext exist)
- ratio: Pathling's time / Carelake's time (process wall, then view phase); "other CPU s": CPU time the rest of the machine used during the run
- equality: \`CompareTables\` (multiset, on the columns both have; keys' \`Type/\` prefix, number scale and time types normalised)${CARELAKE_BENCH_COMPARE_OPTS:+, options $CARELAKE_BENCH_COMPARE_OPTS}

| system | mode | process wall s | view phase s | rows | equal to Carelake? | ratio (wall) | ratio (phase) | CPU s | peak RSS GiB | other CPU s |
|---|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

Pathling's time split (seconds):

| mode | session start | source set-up | views (read + encode + view + Parquet write) | read + encode only (--measure-read) | views written | views rejected | re-run without nested pruning |
|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${splits[@]}")
EOF
)
[ -z "$pathling_eq" ] || report+=$'\n\n'"Pathling --from ndjson against --from delta: $pathling_eq."
[ "$(version)" = "$carelake_version" ] || notes+=("the Carelake working tree changed during the run (now $(version))")
[ ${#problems[@]} -eq 0 ] || report+=$'\n\nProblems:\n'$(printf -- '- %s\n' "${problems[@]}")
[ ${#notes[@]} -eq 0 ] || report+=$'\n\nNotes:\n'$(printf -- '- %s\n' "${notes[@]}")
report+=$'\n\n'"Logs: bench/results/logs-views-$stamp/"$'\n'
echo "$report"
{ echo; echo "$report"; } >>"$results/views-vs-pathling.md"
say "appended to $results/views-vs-pathling.md"
[ ${#problems[@]} -eq 0 ] || exit 1
