#!/usr/bin/env bash
# Dashboard response times (issue 9 target: p95 under 300 ms for the worklist and Patient 360 at 10,000 patients):
# serves a lakehouse that a pipeline run has built, logs in as an admin (the whole population's worklist, the
# largest a user can have) and times REQUESTS worklist and REQUESTS patient pages, one at a time, after the serve
# command's cache warm-up. No peer: Pathling has no dashboard.
#
#   bench/dashboard-latency.sh LAKEHOUSE [REQUESTS]     (e.g. the lake bench/pipeline.sh leaves in its work dir)
#
# Prints Markdown and appends it to bench/results/dashboard-latency.md.
set -euo pipefail
export LC_ALL=C
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
lake=${1:?usage: bench/dashboard-latency.sh LAKEHOUSE [REQUESTS]}
requests=${2:-200}
work=${CARELAKE_BENCH_WORK:-$bench/work}/dashboard-latency
rm -rf "$work" && mkdir -p "$work/config"
cl() { "$repo/carelake" --lakehouse "$lake" "$@"; }

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/password"
user=latency-bench
if ! cl user add "$user" --role admin --password-file "$work/password" > "$work/user.log" 2>&1; then
  cl user passwd "$user" --password-file "$work/password" >> "$work/user.log" 2>&1
fi
cl sql --format tsv "SELECT person_id FROM gold.dim_person" 2>/dev/null | tail -n +2 > "$work/people"
cl sql --format tsv "SELECT DISTINCT measure_id FROM gold.care_gap WHERE status = 'open'" 2>/dev/null \
  | tail -n +2 > "$work/measures"
persons=$(wc -l < "$work/people")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Not through cl: a function in the background is a subshell, and killing it would leave the server's JVM running.
# The launcher execs the JVM, so $! is the server itself.
"$repo/carelake" --lakehouse "$lake" serve --no-tls --port "$port" --config-dir "$work/config" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q "^dashboard: http" "$work/serve.log" && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done
grep -q "^dashboard: http" "$work/serve.log" || { echo "dashboard did not start" >&2; exit 1; }
warm=$(grep -o "cache ready.*" "$work/serve.log" || true)
store=$(grep "Patient 360 store:" "$work/serve.log" | sed 's/^dashboard: Patient 360 store: /- /' || true)

out=$(mktemp)
{
  echo "### Dashboard latency, $persons persons ($(date -u +%Y-%m-%d), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
  echo
  echo "Worklist $warm."
  echo
  # shellcheck disable=SC2046
  java "$bench/src/main/java/org/carelake/bench/DashboardLatency.java" "http://127.0.0.1:$port" "$user" \
    "$work/password" "$work/people" "$requests" $(cat "$work/measures")
  if [ -n "$store" ]; then
    echo
    echo "Patient 360 store (serve log):"
    echo
    echo "$store"
  fi
  # The serve JVM's heap after the requests and a full GC.
  jvm=$server
  if command -v jcmd >/dev/null 2>&1 && jcmd "$jvm" GC.run > /dev/null 2>&1; then
    echo
    echo "Heap of the serve JVM after a full GC (jcmd GC.heap_info):"
    echo
    echo '```'
    jcmd "$jvm" GC.heap_info | grep -vE "^$jvm:|^ *$" | sed 's/^ *//'
    echo '```'
  fi
} > "$out"
cat "$out"
mkdir -p "$bench/results" && cat "$out" >> "$bench/results/dashboard-latency.md"
