#!/usr/bin/env bash
# Live MLLP listener with durable ACKs: throughput and ACK latency on loopback, without Spark.
#   bench/mllp-throughput.sh [CONNECTIONS] [MESSAGES] [WINDOW]      (default 8 200000 1)
#   MLLP_TLS=1 bench/...   the same over TLS (a self-signed EC key made with keytool); MLLP_WARMUP=N (default 20000)
# Starts the listener (MllpListenerMain: the code `./carelake listen mllp` runs, without the CLI's Spark classpath)
# on a fresh landing directory, runs MllpLoad against it (a warm-up, then the measured load), stops the listener
# with SIGTERM, checks that the sealed landing files hold every message exactly once, prints a table and writes
# bench/results/mllp.md (mllp-tls.md over TLS). There is no peer: Pathling has no MLLP listener.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
conns=${1:-8}
msgs=${2:-200000}
window=${3:-1}
warmup=${MLLP_WARMUP:-20000}

mvn -B -q -f "$repo/pom.xml" -DskipTests -pl bench -am package >&2
cp="$here/target/classes:$(cat "$here/target/runtime-classpath.txt")"
work="$here/work/mllp"
rm -rf "$work"
mkdir -p "$work" "$here/results"
landing="$work/lakehouse/landing/hl7/bench"

tls_listener=()
tls_load=()
mode=plain
if [ "${MLLP_TLS:-0}" = 1 ]; then
  mode=TLS
  keytool -genkeypair -alias mllp -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$work/listener.p12" \
    -storepass benchpass -keypass benchpass >/dev/null 2>&1
  tls_listener=(--keystore "$work/listener.p12" --keystore-password benchpass)
  tls_load=(--host localhost --truststore "$work/listener.p12" --truststore-password benchpass)
fi

java -Xms512m -Xmx512m -cp "$cp" org.carelake.ingestion.hl7.mllp.MllpListenerMain --dir "$landing" \
  --bind 127.0.0.1 --port 0 --stats-seconds 10 "${tls_listener[@]}" > "$work/listener.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/^listening on [^ ,]*:\([0-9]*\)[ ,].*/\1/p' "$work/listener.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/listener.log" >&2; echo "the listener did not start" >&2; exit 1; }

cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
ticks0=$(cpu_ticks $pid)
busy0=$(busy_ticks)
t0=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$work/load.time" java -Xmx1g -cp "$cp" org.carelake.bench.MllpLoad --port "$port" \
  --connections "$conns" --messages "$msgs" --warmup "$warmup" --window "$window" "${tls_load[@]}" \
  | tee "$work/load.log"
t1=$(date +%s.%N)
ticks1=$(cpu_ticks $pid)
busy1=$(busy_ticks)
kill -TERM $pid
wait $pid || true
trap - EXIT
java -cp "$cp" org.carelake.bench.MllpLoad verify "$landing" | tee "$work/verify.log"

result=$(grep '^RESULT' "$work/load.log")
verify=$(grep '^VERIFY' "$work/verify.log")
get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
stopped=$(grep '^stopped:' "$work/listener.log" || true)
fsyncs=$(echo "$stopped" | sed -n 's/.*; \([0-9]*\) fsyncs.*/\1/p')
total=$((msgs + warmup))
hz=$(getconf CLK_TCK)
# The listener's CPU over warm-up + measured load (the warm-up is a tenth of the run or less).
cpu_s=$(awk -v a="$ticks0" -v b="$ticks1" -v hz="$hz" 'BEGIN{printf "%.1f", (b-a)/hz}')
load_cpu_s=$(awk '{printf "%.1f", $1 + $2}' "$work/load.time")
# What the rest of the machine used meanwhile: busy CPU time minus the listener's and the load generator's.
others_s=$(awk -v a="$busy0" -v b="$busy1" -v hz="$hz" -v l="$cpu_s" -v g="$load_cpu_s" \
  'BEGIN{o = (b-a)/hz - l - g; printf "%.1f", o < 0 ? 0 : o}')
avail_s=$(awk -v a="$t0" -v b="$t1" -v n="$(nproc)" 'BEGIN{printf "%.1f", (b-a)*n}')
per_fsync=$(awk -v t="$total" -v f="${fsyncs:-0}" 'BEGIN{ if (f > 0) printf "%.1f", t/f; else print "-" }')
landed=$(get "$verify" accepted)
dups=$(get "$verify" duplicate_ids)
complete=no
[ "$landed" = "$total" ] && [ "$dups" = 0 ] && [ "$(get "$verify" open_files)" = 0 ] && complete=yes
fs=$(df -T "$work" | awk 'NR==2{print $2}')
cpu_model=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)

table=$(cat <<TABLE
| transport | connections | window | messages | avg bytes | seconds | msg/s | ACK p50 ms | ACK p95 ms | ACK p99 ms | ACK max ms | msgs per fsync | listener CPU s | load gen. CPU s | other processes' CPU s | all landed once |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
| $mode | $conns | $window | $msgs | $(get "$result" avg_bytes) | $(get "$result" seconds) | $(get "$result" msg_per_s) | $(get "$result" p50_ms) | $(get "$result" p95_ms) | $(get "$result" p99_ms) | $(get "$result" max_ms) | $per_fsync | $cpu_s | $load_cpu_s | $others_s of $avail_s | $complete ($landed of $total incl. warm-up) |
TABLE
)
echo
echo "$table"
out="$here/results/mllp$( [ "$mode" = TLS ] && echo -tls).md"
cat > "$out" <<MD
# MLLP listener: durable ACK throughput

\`$( [ "$mode" = TLS ] && echo "MLLP_TLS=1 ")bench/mllp-throughput.sh $conns $msgs $window\`, $(date -u +%Y-%m-%dT%H:%M:%SZ). Listener (\`MllpListenerMain\`, -Xmx512m)
and load generator (\`MllpLoad\`) on the same machine over loopback: $(nproc) cores ($cpu_model), $fs filesystem,
$(java -version 2>&1 | head -1). Each connection sends its next message when the previous one is acknowledged
(window $window); every ACK is sent only after the message is fsynced (group commit). Messages are ORU^R01 and
ADT^A01/A08 of $(get "$result" avg_bytes) bytes on average. A warm-up of $warmup messages runs first and is not
measured.

$table

- msgs per fsync: messages (warm-up included) divided by the listener's fsyncs, i.e. the group-commit batch size.
- listener CPU s, load gen. CPU s: user + system CPU time of each process over warm-up and load.
- other processes' CPU s: the machine's busy CPU time during warm-up and load (\`/proc/stat\`) minus the two
  processes' own, of the CPU time available (wall time x cores). Near 0 means the run had the machine to itself.
- all landed once: the sealed landing files, read back with Hl7Splitter as the batch ingest reads them, hold
  every message exactly once and no \`.open\` file is left after SIGTERM.
- Peer: none. Pathling (the peer of the other benchmarks) has no MLLP listener or any HL7 v2 support.

Listener log:

\`\`\`
$(cat "$work/listener.log")
\`\`\`
MD
echo "wrote $out"
