#!/usr/bin/env bash
# Why identity resolution missed the true pairs it missed, on a lakehouse bench/identity.sh left behind
# (CARELAKE_BENCH_WORK/identity/N/lake): the refitted model, the missed pairs by score band and guard rule, and
# their most common comparison vectors.
#
#   bench/identity-misses.sh LAKEHOUSE_DIR
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$bench/.." && pwd)
[ $# -eq 1 ] || { echo "usage: bench/identity-misses.sh LAKEHOUSE_DIR" >&2; exit 2; }
mvn -B -q -f "$repo/pom.xml" -DskipTests -pl bench -am package >&2
# shellcheck source=bench/jvm-opens.sh
. "$bench/jvm-opens.sh"
# shellcheck disable=SC2086
exec java -Xmx4g $opens -Dspark.master="${CARELAKE_MASTER:-local[*]}" \
  -cp "$bench/target/classes:$(cat "$bench/target/runtime-classpath.txt")" org.carelake.bench.IdentityMisses "$1"
