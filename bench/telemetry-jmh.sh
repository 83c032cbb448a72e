#!/usr/bin/env bash
# JMH benchmark of the telemetry path's two per-event costs on one core (TelemetryBenchmark, session-service test sources):
# ingest (lines read in place into chunks) and aggregate (chunks applied to a partial store on a real RocksDB database).
# usage: bench/telemetry-jmh.sh [extra JMH args, e.g. aggregate -i 3]     env: HEAP (default 512m)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
./mvnw -q -B -pl session-service -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$OUT/session-cp.txt" -Dmdep.includeScope=test
CP="session-service/target/test-classes:session-service/target/classes:$(cat "$OUT/session-cp.txt")"
flock ${BENCH_LOCK:-/tmp/livecommerce-bench.lock} java -cp "$CP" org.openjdk.jmh.Main TelemetryBenchmark \
  -jvmArgsAppend "-Xmx${HEAP:-512m}" "$@" | tee "$OUT/telemetry-jmh.txt"
