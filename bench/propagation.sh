#!/usr/bin/env bash
# Benchmark: event propagation from a merchant update to matching-service's read model (target p99 <= 500 ms).
# Starts merchant-service (port 18081, database merchant_bench) and matching-service (port 18084, database
# matching_bench, its own consumer group) from their jars against PostgreSQL and the standalone Kafka, creates
# MERCHANTS merchants through merchant-service and waits until matching shows them, then PATCHes them round robin
# at a steady RATE (UPDATES in all) and polls GET /read-models/merchants/{id} on matching (the in-memory index that
# recommendations and campaigns read) every POLL_MS until it shows the version the PATCH answered (bench/Propagation.java).
# The interval measured from the PATCH's answer (its transaction, with the outbox row, committed) includes: the
# outbox relay's poll (every 100 ms) and send to Kafka with the broker's ack, the consumer's fetch, matching's
# consumer transaction (processed_event + merchant_view upsert), the index refresh it pokes, and up to POLL_MS of polling.
# usage: bench/propagation.sh [--build] [--updates 1000] [--rate 20] [--merchants 50] [--poll-ms 10]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
UPDATES=1000; RATE=20; MERCHANTS=50; POLL_MS=10; BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=1 ;;
    --updates) UPDATES="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --merchants) MERCHANTS="$2"; shift ;;
    --poll-ms) POLL_MS="$2"; shift ;;
  esac
  shift
done
export BUILD
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
export MATCHING_CONSUMER_GROUP=matching-bench
source bench/service.sh
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done' EXIT
start_service merchant 18081 merchant_bench; PIDS+=("$PID"); merchant_ready=$READY_MS
start_service matching 18084 matching_bench; PIDS+=("$PID"); matching_ready=$READY_MS
echo "merchant-service ready in $merchant_ready ms, matching-service in $matching_ready ms"
ADMIN=$(bench/jwt.sh platform-admin)
javac -d "$OUT/propagation-classes" bench/Propagation.java
exec 9>${BENCH_LOCK:-/tmp/livecommerce-bench.lock}
flock 9   # measured part: other agents benchmark on the same 2 cores
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
java -cp "$OUT/propagation-classes" Propagation http://127.0.0.1:18081 http://127.0.0.1:18084 "$ADMIN" "$UPDATES" "$RATE" "$MERCHANTS" "$POLL_MS" \
  | tee "$OUT/propagation.txt"
rc=${PIPESTATUS[0]}
set -e
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
flock -u 9
echo "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ); load average before $load_before, after $load_after" | tee -a "$OUT/propagation.txt"
exit $rc
