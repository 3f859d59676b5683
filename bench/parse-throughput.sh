#!/usr/bin/env bash
# Single-thread parse throughput of Carelake's bronze line work, without Spark (see ParseThroughput.java).
#   bench/parse-throughput.sh NDJSON_DIR [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
mvn -B -q -f "$repo/pom.xml" -DskipTests -pl bench -am package >&2
exec java -Xmx2g -cp "$here/target/classes:$(cat "$here/target/runtime-classpath.txt")" \
  org.carelake.bench.ParseThroughput "$@"
