#!/usr/bin/env bash
# Benchmark: session-service's telemetry path end to end on this machine, against the raw Kafka rates of the same run.
#  1. raw Kafka (the floor of the path): ProducerPerformance then ConsumerPerformance (kafka-tools) on a dedicated topic
#     with the service producer's settings (acks=all, idempotence, lz4, linger 5 ms, 256 KB batches), one partition
#     (the load is one session = one key = one partition), payloads = lines of the load's own mix (same size, same
#     compressibility); the consumer reads them back read_committed with the Streams consumer's max.poll.records.
#  2. end to end: session-service from its jar (tokens verified locally, bench/jwt.sh), one session scheduled and
#     started through the API, bench/TelemetryLoad.java posting NDJSON batches (POST /sessions/{id}/telemetry, role
#     telemetry-writer) from several connections -> session-telemetry -> Kafka Streams (exactly_once_v2,
#     commit.interval.ms 100, snapshots every 250 ms to session-kpi-snapshots -> global store) -> GET /sessions/{id}/kpis.
#     Each phase on a fresh service and aggregation (state wiped, offsets at the topic's end: StreamsResetter).
#     Phase A: as fast as the service answers (accepted events/s at the HTTP edge, counted events/s in the KPIs, backlog,
#     freshness p50/p99/max of marker orders probed every 200 ms), then, the load stopped, the aggregation's rate alone
#     while it works off the backlog (watched for --drain-max s). Phase B: at a fixed rate (--rate, or --rate-share of
#     that drain rate) for the freshness of a load the aggregation keeps up with. CPU seconds of the service, the broker
#     and the load generator over each window; --jfr records the service per phase (bench/results/telemetry-<phase>.jfr).
#     The load generator is compiled to bench/results/classes; its payload sample (bench/results/telemetry-payload.ndjson) feeds
#     ProducerPerformance. All outputs and the summary (telemetry-summary.txt) land in bench/results/.
# Needs: PostgreSQL on 127.0.0.1:5432 (database session_bench is created). Runs its own Kafka broker (infra/kafka.sh with
# KAFKA_PORT=19092, KAFKA_DATA=.local/bench-kafka, fresh each run, stopped at the end), not the shared one on 9092.
# The measured part runs under flock ${BENCH_LOCK:-/tmp/livecommerce-bench.lock} (other benchmarks on the machine take the same lock).
# usage: bench/telemetry.sh [--build] [--duration 30] [--warmup 15] [--connections 4] [--batch 10000]
#                           [--raw-records 3000000] [--rate-share 0.5 | --rate N | --no-rate-phase] [--no-saturate] [--drain-max 20] [--jfr]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION=30; WARMUP=15; CONNECTIONS=4; BATCH=10000; RAW_RECORDS=3000000; RATE_SHARE=0.5; RATE_PHASE=1; JFR=0; BUILD=0; DRAIN_MAX=20; SATURATE=1; RATE=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=1 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --batch) BATCH="$2"; shift ;;
    --raw-records) RAW_RECORDS="$2"; shift ;;
    --rate-share) RATE_SHARE="$2"; shift ;;
    --no-rate-phase) RATE_PHASE=0 ;;
    --rate) RATE="$2"; shift ;;
    --no-saturate) SATURATE=0 ;;
    --jfr) JFR=1 ;;
    --drain-max) DRAIN_MAX="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
PORT=18083
# The bench's own broker (same settings as infra/kafka.sh's, fresh data each run): session-telemetry is a fixed topic
# name, and a local run's session-service on the shared broker (127.0.0.1:9092) would aggregate the bench's millions of
# events too (and the bench its), distorting both.
export KAFKA_PORT=${BENCH_KAFKA_PORT:-19092} KAFKA_DATA="$ROOT/.local/bench-kafka"
export BENCH_KAFKA=127.0.0.1:$KAFKA_PORT
BOOTSTRAP=$BENCH_KAFKA
LIBS="$ROOT/infra/kafka/target/libs"
[[ -f $LIBS/kafka-tools-4.1.2.jar ]] || ./mvnw -q -B -f infra/kafka/pom.xml package
if [[ $BUILD == 1 || ! -f session-service/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -q -B package -DskipTests -pl session-service -am
fi
kafka() { java -Xmx256m -cp "$LIBS/*" "$@"; }
RAW_TOPIC=bench-telemetry-raw
STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# the service's own application id and state directory: nothing shared with a local run's session-service
export KPI_STATE_DIR="$ROOT/.local/bench-session-kpis"
JAVA_OPTS="${JAVA_OPTS:-} -Dsession.kpi.application-id=session-kpis-bench"
PID=
BROKER_PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  [[ -n $BROKER_PID ]] && infra/kafka.sh stop > /dev/null || true
}
trap cleanup EXIT

rm -rf "$OUT/classes" && javac -d "$OUT/classes" bench/TelemetryLoad.java
java -cp "$OUT/classes" TelemetryLoad sample "$OUT/telemetry-payload.ndjson" 20000 > "$OUT/telemetry-payload.txt"

exec 9>${BENCH_LOCK:-/tmp/livecommerce-bench.lock}
echo "waiting for ${BENCH_LOCK:-/tmp/livecommerce-bench.lock}"; flock 9; echo "lock taken $(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

if infra/kafka.sh status | grep -q "kafka: running"; then echo "a broker already runs on $BOOTSTRAP: stop it (KAFKA_PORT=$KAFKA_PORT KAFKA_DATA=$KAFKA_DATA infra/kafka.sh stop)"; exit 1; fi
rm -rf "$KAFKA_DATA"
infra/kafka.sh start
BROKER_PID=$(cat "$KAFKA_DATA/pid")

# --- 1. raw Kafka, same settings as TelemetryProducer
kafka org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --create --topic "$RAW_TOPIC" --partitions 1 \
  --replication-factor 1 > /dev/null
kafka org.apache.kafka.tools.ProducerPerformance --topic "$RAW_TOPIC" --num-records "$RAW_RECORDS" --throughput -1 \
  --payload-file "$OUT/telemetry-payload.ndjson" \
  --producer-props bootstrap.servers=$BOOTSTRAP acks=all enable.idempotence=true max.in.flight.requests.per.connection=5 \
    compression.type=lz4 linger.ms=5 batch.size=262144 buffer.memory=67108864 \
  > "$OUT/raw-producer.txt" 2>&1
printf 'isolation.level=read_committed\nmax.poll.records=5000\nauto.offset.reset=earliest\n' > "$OUT/raw-consumer.properties"
kafka org.apache.kafka.tools.ConsumerPerformance --bootstrap-server $BOOTSTRAP --topic "$RAW_TOPIC" --messages "$RAW_RECORDS" \
  --consumer.config "$OUT/raw-consumer.properties" --timeout 20000 > "$OUT/raw-consumer.txt" 2>&1
kafka org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --delete --topic "$RAW_TOPIC" > /dev/null
# "N records sent, R records/sec (M MB/sec), ..."
raw_p=$(grep 'records sent' "$OUT/raw-producer.txt" | tail -1)
raw_p_rps=$(sed -E 's/.* sent, ([0-9.]+) records\/sec.*/\1/' <<< "$raw_p")
raw_p_mbs=$(sed -E 's/.*\(([0-9.]+) MB\/sec\).*/\1/' <<< "$raw_p")
raw_p_p99=$(sed -E 's/.* ([0-9]+) ms 99th.*/\1/' <<< "$raw_p")
# header: start.time, end.time, data.consumed.in.MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
raw_c=$(grep -A1 'nMsg.sec' "$OUT/raw-consumer.txt" | tail -1)
raw_c_msgs=$(awk -F', *' '{print $5}' <<< "$raw_c")
raw_c_rps=$(awk -F', *' '{print $10}' <<< "$raw_c")
raw_c_mbs=$(awk -F', *' '{print $9}' <<< "$raw_c")

# --- 2. end to end. Each phase on a fresh service and aggregation: no local state, the bench application's offsets at
# the end of session-telemetry (nothing left over from an earlier phase or run), its changelogs deleted (StreamsResetter)
source bench/service.sh
ADMIN=$(bench/jwt.sh platform-admin)
WRITER=$(bench/jwt.sh telemetry-writer)
fresh_service() {
  if [[ -n $PID ]]; then kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; fi
  rm -rf "$KPI_STATE_DIR"
  kafka org.apache.kafka.tools.StreamsResetter --bootstrap-server $BOOTSTRAP --application-id session-kpis-bench \
    --input-topics session-telemetry --to-latest --force > "$OUT/streams-reset.txt" 2>&1 \
    || echo "StreamsResetter: $(tail -1 "$OUT/streams-reset.txt") (first run: no topic yet)"
  start_service session $PORT session_bench
  SESSION=$(curl -fs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "{\"merchantId\":\"$(cat /proc/sys/kernel/random/uuid)\",
    \"title\":\"Telemetry bench\",\"scheduledStart\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"plannedMinutes\":240,\"gmvTarget\":2300000.00,
    \"adBudget\":{\"PAID_PROMOTION\":1200000.00,\"FAN_BOOST\":400000.00}}" "http://127.0.0.1:$PORT/sessions" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/sessions/$SESSION/start"
  until curl -fs -o /dev/null -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/sessions/$SESSION/kpis"; do sleep 0.2; done
  sleep 5 # the service's own start (JIT, Streams' first assignment) settles
}

# phase NAME RATE BATCH: runs the load generator (CPU seconds of the service, the broker and itself over its window)
phase() {
  if [[ $JFR == 1 ]]; then jcmd "$PID" JFR.start name=bench settings=profile filename="$OUT/telemetry-$1.jfr" > /dev/null; fi
  java -Xmx512m -cp "$OUT/classes" TelemetryLoad run base="http://127.0.0.1:$PORT" session="$SESSION" writer="$WRITER" \
    reader="$ADMIN" connections="$CONNECTIONS" batch="$3" warmup="$WARMUP" duration="$DURATION" rate="$2" \
    pids="service:$PID,broker:${BROKER_PID:-0}" drain-max="$DRAIN_MAX" series="$OUT/telemetry-$1-series.csv" > "$OUT/telemetry-$1.txt"
  if [[ $JFR == 1 ]]; then jcmd "$PID" JFR.stop name=bench > /dev/null; fi
}
val() { grep -o "\b$2=[^ ]*" "$OUT/telemetry-$1.txt" | head -1 | cut -d= -f2; }

if [[ $SATURATE == 1 ]]; then
  fresh_service
  phase saturate 0 "$BATCH"
fi
if [[ -n $RATE ]] || [[ $RATE_PHASE == 1 && $SATURATE == 1 ]]; then
  # default: a share of what the aggregation alone did in phase A's drain (no ingestion beside it)
  [[ -n $RATE ]] || RATE=$(awk -v c="$(val saturate drain_eps)" -v s="$RATE_SHARE" 'BEGIN {printf "%.0f", c * s}')
  fresh_service
  # batches of at most 1/20 of a second's events at that rate (a steady flow, not a burst every few seconds)
  phase rated "$RATE" "$(awk -v r="$RATE" -v b="$BATCH" 'BEGIN {x = int(r / 20); if (x < 100) x = 100; if (x > b) x = b; print x}')"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
line() {
  local p=$1
  echo "  accepted at the HTTP edge $(val "$p" accepted_eps) events/s, counted in the KPIs $(val "$p" counted_eps) events/s" \
    "(backlog $(val "$p" backlog_start) -> $(val "$p" backlog_end) events over the window)"
  if [[ $(val "$p" drained) == true ]]; then
    echo "  after the load: every accepted event counted within $(val "$p" drain_s) s"
  else
    echo "  after the load: the aggregation alone (no ingestion beside it) counted $(val "$p" drain_eps) events/s over" \
      "$(val "$p" drain_s) s; $(val "$p" left) events left uncounted when the bench stopped watching"
  fi
  echo "  KPI freshness (202 of a marker order -> GET /kpis shows it), $(val "$p" probes) probes: p50 $(val "$p" fresh_ms_p50) ms," \
    "p99 $(val "$p" fresh_ms_p99) ms, max $(val "$p" fresh_ms_max) ms; timeouts (60 s) $(val "$p" probe_timeouts)"
  echo "  batch of $(val "$p" batch) lines: p50 $(val "$p" batch_ms_p50) ms, p99 $(val "$p" batch_ms_p99) ms; rejected lines $(val "$p" rejected_lines)," \
    "failed requests $(val "$p" failed_requests)"
  echo "  CPU seconds over the ${DURATION} s window: service $(val "$p" cpu_s_service), broker $(val "$p" cpu_s_broker)," \
    "load generator $(val "$p" cpu_s_generator); machine busy $(val "$p" machine_busy) of $(nproc) cores"
  echo "  ratio counted / raw produce $(ratio "$(val "$p" counted_eps)" "$raw_p_rps"), counted / raw consume $(ratio "$(val "$p" counted_eps)" "$raw_c_rps")"
}
{
  echo "session-service telemetry end to end, $(nproc) cores, $STAMP; load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "payload: $(cat "$OUT/telemetry-payload.txt") (the load's mix); $CONNECTIONS connections, batches of $BATCH lines, one session;" \
    "warm-up ${WARMUP} s, window ${DURATION} s"
  echo "broker: the bench's own on $BOOTSTRAP (infra/kafka.sh settings, -Xmx512m), on the same 2 cores"
  echo "raw Kafka, 1 partition, acks=all, idempotence, lz4, linger 5 ms, 256 KB batches, $RAW_RECORDS records:"
  echo "  produce $raw_p_rps records/s ($raw_p_mbs MB/s), p99 latency $raw_p_p99 ms; consume (read_committed) $raw_c_rps records/s" \
    "($raw_c_mbs MB/s, $raw_c_msgs records)"
  if [[ $SATURATE == 1 ]]; then
    echo "phase A, as fast as the service answers:"
    line saturate
  fi
  if [[ -f $OUT/telemetry-rated.txt && -n $RATE ]]; then
    echo "phase B, $RATE events/s offered (--rate, or $RATE_SHARE x phase A's drain rate):"
    line rated
  fi
  if [[ $JFR == 1 ]]; then echo "JFR of the service per phase (load, drain): $OUT/telemetry-saturate.jfr, telemetry-rated.jfr"; fi
} | tee "$OUT/telemetry-summary.txt"
