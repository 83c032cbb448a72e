#!/usr/bin/env bash
# Benchmark: session-service's telemetry path end to end on this machine, against the raw Kafka rates of the same run.
#  1. raw Kafka (the floor of the path): ProducerPerformance then ConsumerPerformance (kafka-tools) on a dedicated topic
#     with the service producer's settings (acks=all, idempotence, lz4, linger 5 ms, 256 KB batches), one partition,
#     payloads = lines of the load's own mix (same size, same compressibility); the consumer reads them back read_committed.
#  2. end to end: session-service from its jar (tokens verified locally, bench/jwt.sh), one hot session scheduled with
#     --sub-keys sub-keys (default 4) and started through the API, bench/TelemetryLoad.java posting NDJSON batches
#     (POST /sessions/{id}/telemetry, role telemetry-writer) from several connections -> session-telemetry (chunks of
#     parsed events, format 2) -> Kafka Streams, exactly_once_v2 (partial stage per partition, merge stage per session,
#     snapshots to session-kpi-snapshots -> global store) -> GET /sessions/{id}/kpis. Each phase on fresh services and a
#     fresh aggregation (state wiped) on a fresh broker (infra/kafka.sh, data wiped).
#     A: one instance, as fast as it answers: events/s accepted at the HTTP edge and counted in the KPIs; sustained =
#        the smaller of the two (what went all the way through), freshness of marker orders probed every 200 ms.
#     B: one instance, a fixed rate (--rate, default 100000 events/s): KPI freshness p50/p99/max.
#     C: two instances (the same group, the load spread over both), as fast as they answer.
#     D: 5,000,000 distinct viewers (--distinct) into one session: uv counted, the heap's peak (jstat, every second), the
#        peak RSS (VmHWM) and the RocksDB databases' size on disk.
#     CPU seconds of the service(s), the broker and the load generator over each window; --jfr records the service of
#     phases A and B (bench/results/telemetry-<phase>.jfr).
# Needs: PostgreSQL on 127.0.0.1:5432 (database session_bench is created). Runs its own Kafka broker (infra/kafka.sh with
# KAFKA_PORT=19092, KAFKA_DATA=.local/bench-kafka, fresh each run, stopped at the end), not the shared one on 9092.
# The measured part runs under flock ${BENCH_LOCK:-/tmp/livecommerce-bench.lock} (other benchmarks on the machine take the same lock).
# It ends with three fixed lines (telemetry:, telemetry freshness:, telemetry distinct:), also in bench/results/telemetry-summary.txt.
# usage: bench/telemetry.sh [--build] [--duration 30] [--warmup 15] [--connections 4] [--batch 10000] [--sub-keys 4]
#                           [--threads 2] [--commit-interval-ms 100] [--heap 768m] [--raw-records 3000000] [--rate 100000]
#                           [--distinct 5000000] [--phases ABCD] [--drain-max 20] [--jfr]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION=30; WARMUP=15; CONNECTIONS=4; BATCH=10000; RAW_RECORDS=3000000; RATE=100000; JFR=0; BUILD=0; DRAIN_MAX=20
SUB_KEYS=4; THREADS=2; COMMIT_MS=100; HEAP=768m; DISTINCT=5000000; PHASES=ABCD
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=1 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --batch) BATCH="$2"; shift ;;
    --raw-records) RAW_RECORDS="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --sub-keys) SUB_KEYS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --commit-interval-ms) COMMIT_MS="$2"; shift ;;
    --heap) HEAP="$2"; shift ;;
    --distinct) DISTINCT="$2"; shift ;;
    --phases) PHASES="$2"; shift ;;
    --jfr) JFR=1 ;;
    --drain-max) DRAIN_MAX="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
rm -f "$OUT"/telemetry-{saturate,rated,two,distinct}*  # the summary reads only this run's phases
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

# the services' own application id and state directories: nothing shared with a local run's session-service
STATE="$ROOT/.local/bench-session-kpis"
APP=session-kpis-bench
PIDS=()
BROKER_PID=
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
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

# --- 2. end to end. Each phase on fresh services, a fresh aggregation (no local state) and a fresh broker (nothing left
# over from an earlier phase or run)
ADMIN=$(bench/jwt.sh platform-admin)
WRITER=$(bench/jwt.sh telemetry-writer)
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'session_bench'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres session_bench
# start_instance I: session-service instance I on port 18083+I, state in $STATE-I; appends its pid to PIDS
start_instance() {
  local i=$1 port=$((18083 + $1))
  DB_REACTIVE_URL=postgresql://127.0.0.1:5432/session_bench DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/session_bench \
  KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP KPI_STATE_DIR="$STATE-$i" \
    java -Xms64m -Xmx$HEAP ${JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dquarkus.oidc.auth-server-url= \
         -Dquarkus.oidc.public-key="$(bench/jwt.sh --public-key)" -Dsession.kpi.application-id=$APP \
         -Dsession.kpi.stream-threads=$THREADS -Dsession.kpi.commit-interval=PT$(awk -v m="$COMMIT_MS" 'BEGIN {printf "%.3f", m / 1000}')S \
         -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.quarkus\".level=INFO \
         -Dquarkus.log.category.\"com.livecommerce\".level=INFO \
         -jar session-service/target/quarkus-app/quarkus-run.jar > "$OUT/session-service-$i.log" 2>&1 &
  PIDS+=($!)
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "session-service $i died:"; tail -30 "$OUT/session-service-$i.log"; exit 1; }
    sleep 0.1
  done
}
# fresh_services N: stops what runs, wipes state, resets the application, starts N instances, schedules and starts a session
fresh_services() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
  PIDS=()
  rm -rf "$STATE"-*
  # a fresh broker too: offsets reset to the topics' ends are not enough, a partial stage without its database rebuilds
  # from the partition's start (the earlier phases' millions of events), which is not what a phase measures
  infra/kafka.sh stop > /dev/null
  rm -rf "$KAFKA_DATA"
  infra/kafka.sh start > /dev/null
  BROKER_PID=$(cat "$KAFKA_DATA/pid")
  for i in $(seq 0 $(($1 - 1))); do start_instance "$i"; done
  BASES=$(for i in $(seq 0 $(($1 - 1))); do printf 'http://127.0.0.1:%d,' $((18083 + i)); done); BASES=${BASES%,}
  SESSION=$(curl -fs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "{\"merchantId\":\"$(cat /proc/sys/kernel/random/uuid)\",
    \"title\":\"Telemetry bench\",\"scheduledStart\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"plannedMinutes\":240,\"gmvTarget\":2300000.00,
    \"adBudget\":{\"PAID_PROMOTION\":1200000.00,\"FAN_BOOST\":400000.00},\"telemetrySubKeys\":$SUB_KEYS}" "http://127.0.0.1:18083/sessions" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:18083/sessions/$SESSION/start"
  until curl -fs -o /dev/null -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:18083/sessions/$SESSION/kpis"; do sleep 0.2; done
  sleep 5 # the services' own start (JIT, Streams' first assignment) settles
}
service_pids() { local i=0 s=""; for p in "${PIDS[@]}"; do s+="service$i:$p,"; i=$((i + 1)); done; echo "${s}broker:${BROKER_PID:-0}"; }

# phase NAME RATE BATCH: runs the load generator (CPU seconds of the services, the broker and itself over its window)
phase() {
  if [[ $JFR == 1 ]]; then jcmd "${PIDS[0]}" JFR.start name=bench settings=profile filename="$OUT/telemetry-$1.jfr" > /dev/null; fi
  java -Xmx512m -cp "$OUT/classes" TelemetryLoad run base="$BASES" session="$SESSION" writer="$WRITER" \
    reader="$ADMIN" connections="$CONNECTIONS" batch="$3" warmup="$WARMUP" duration="$DURATION" rate="$2" \
    pids="$(service_pids)" drain-max="$DRAIN_MAX" series="$OUT/telemetry-$1-series.csv" > "$OUT/telemetry-$1.txt"
  if [[ $JFR == 1 ]]; then jcmd "${PIDS[0]}" JFR.stop name=bench > /dev/null; fi
  # where the lag is: a chunk's age when the partial stage applies it, and when the merge stage adds its delta
  curl -fs "http://127.0.0.1:18083/q/metrics" | grep -E '^telemetry_(partial|merge)_lag_seconds_(count|sum|max)' > "$OUT/telemetry-$1-lag.txt" || true
}
lag() { # lag PHASE STAGE: mean and max in ms
  awk -v s="telemetry_$2_lag_seconds" '$1 ~ s"_count" {c = $2} $1 ~ s"_sum" {t = $2} $1 ~ s"_max" {m = $2}
    END {if (c > 0) printf "mean %.0f ms, max %.0f ms", t / c * 1000, m * 1000; else printf "n/a"}' "$OUT/telemetry-$1-lag.txt"
}
val() { grep -o "\b$2=[^ ]*" "$OUT/telemetry-$1.txt" | head -1 | cut -d= -f2; }
cpu_sum() { grep -o 'cpu_s_service[0-9]*=[0-9.]*' "$OUT/telemetry-$1.txt" | cut -d= -f2 | awk '{s += $1} END {printf "%.1f", s}'; }
sustained() { awk -v a="$(val "$1" accepted_eps)" -v c="$(val "$1" counted_eps)" 'BEGIN {printf "%.0f", (a < c ? a : c)}'; }

[[ $PHASES == *A* ]] && { fresh_services 1; phase saturate 0 "$BATCH"; }
if [[ $PHASES == *B* ]]; then
  fresh_services 1
  # batches of at most 1/20 of a second's events at that rate (a steady flow, not a burst every few seconds)
  phase rated "$RATE" "$(awk -v r="$RATE" -v b="$BATCH" 'BEGIN {x = int(r / 20); if (x < 100) x = 100; if (x > b) x = b; print x}')"
fi
[[ $PHASES == *C* ]] && { fresh_services 2; phase two 0 "$BATCH"; }
if [[ $PHASES == *D* ]]; then
  fresh_services 1
  pid=${PIDS[0]}
  ( while kill -0 "$pid" 2>/dev/null; do echo "$(jstat -gc "$pid" | tail -1) $(awk '/VmRSS/ {print $2}' /proc/$pid/status)"; sleep 1; done ) \
    > "$OUT/telemetry-distinct-jstat.txt" 2>/dev/null &
  SAMPLER=$!
  java -Xmx512m -cp "$OUT/classes" TelemetryLoad distinct base="$BASES" session="$SESSION" writer="$WRITER" reader="$ADMIN" \
    viewers="$DISTINCT" connections="$CONNECTIONS" batch="$BATCH" > "$OUT/telemetry-distinct.txt"
  sleep 2
  # jstat -gc: S0U S1U EU OU are columns 3, 4, 6, 8 (KB): the heap in use at each sample
  HEAP_PEAK=$(awk '{u = ($3 + $4 + $6 + $8) / 1024; if (u > m) m = u} END {printf "%.0f", m}' "$OUT/telemetry-distinct-jstat.txt")
  RSS_PEAK=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  RSS_NOW=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  # RSS (last column, KB) at a quarter, half and three quarters of the sampled time: flat means bounded
  RSS_SERIES=$(awk '{r[NR] = $NF} END {printf "%.0f / %.0f / %.0f MB", r[int(NR / 4) + 1] / 1024, r[int(NR / 2) + 1] / 1024, r[int(3 * NR / 4) + 1] / 1024}' \
    "$OUT/telemetry-distinct-jstat.txt")
  ROCKS=$(du -sm "$STATE-0" | cut -f1)
  PARTIALS=$(du -sm "$STATE-0/$APP/partials" 2>/dev/null | cut -f1)
  kill $SAMPLER 2>/dev/null || true
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
line() {
  local p=$1
  echo "  accepted at the HTTP edge $(val "$p" accepted_eps) events/s, counted in the KPIs $(val "$p" counted_eps) events/s" \
    "(backlog $(val "$p" backlog_start) -> $(val "$p" backlog_end) events over the window): sustained $(sustained "$p") events/s"
  if [[ $(val "$p" drained) == true ]]; then
    echo "  after the load: every accepted event counted within $(val "$p" drain_s) s"
  else
    echo "  after the load: the aggregation alone counted $(val "$p" drain_eps) events/s over $(val "$p" drain_s) s;" \
      "$(val "$p" left) events left uncounted when the bench stopped watching"
  fi
  echo "  KPI freshness (202 of a marker order -> GET /kpis shows it), $(val "$p" probes) probes: p50 $(val "$p" fresh_ms_p50) ms," \
    "p99 $(val "$p" fresh_ms_p99) ms, max $(val "$p" fresh_ms_max) ms; timeouts (60 s) $(val "$p" probe_timeouts)"
  echo "  chunk age when applied: partial stage $(lag "$p" partial), merge stage $(lag "$p" merge) (instance 0)"
  echo "  batch of $(val "$p" batch) lines: p50 $(val "$p" batch_ms_p50) ms, p99 $(val "$p" batch_ms_p99) ms; rejected lines $(val "$p" rejected_lines)," \
    "failed requests $(val "$p" failed_requests)"
  echo "  CPU seconds over the ${DURATION} s window: service(s) $(cpu_sum "$p"), broker $(val "$p" cpu_s_broker)," \
    "load generator $(val "$p" cpu_s_generator); machine busy $(val "$p" machine_busy) of $(nproc) cores"
  echo "  ratio sustained / raw produce $(ratio "$(sustained "$p")" "$raw_p_rps"), / raw consume $(ratio "$(sustained "$p")" "$raw_c_rps")"
}
{
  echo "session-service telemetry end to end, $(nproc) cores, $STAMP; load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "payload: $(cat "$OUT/telemetry-payload.txt") (the load's mix); $CONNECTIONS connections, batches of $BATCH lines, one session" \
    "of $SUB_KEYS sub-keys; $THREADS stream threads per instance, commit interval $COMMIT_MS ms, heap $HEAP; warm-up ${WARMUP} s, window ${DURATION} s"
  echo "broker: the bench's own on $BOOTSTRAP (infra/kafka.sh settings), on the same 2 cores"
  echo "raw Kafka, 1 partition, acks=all, idempotence, lz4, linger 5 ms, 256 KB batches, $RAW_RECORDS records:"
  echo "  produce $raw_p_rps records/s ($raw_p_mbs MB/s), p99 latency $raw_p_p99 ms; consume (read_committed) $raw_c_rps records/s" \
    "($raw_c_mbs MB/s, $raw_c_msgs records)"
  [[ $PHASES == *A* ]] && { echo "phase A, one instance, as fast as it answers:"; line saturate; }
  [[ $PHASES == *B* ]] && { echo "phase B, one instance, $RATE events/s offered:"; line rated; }
  [[ $PHASES == *C* ]] && { echo "phase C, two instances, as fast as they answer:"; line two; }
  if [[ $PHASES == *D* ]]; then
    echo "phase D, $DISTINCT distinct viewers into one session (one instance, heap -Xmx$HEAP):"
    echo "  $(cat "$OUT/telemetry-distinct.txt" | tr '\n' ' ')"
    echo "  heap in use, peak of 1 s samples: $HEAP_PEAK MB; RSS at 1/4, 1/2, 3/4 of the run $RSS_SERIES, peak $RSS_PEAK MB, at the end $RSS_NOW MB; state on disk $ROCKS MB" \
      "(partial stage's RocksDB: ${PARTIALS:-0} MB)"
  fi
  if [[ $JFR == 1 ]]; then echo "JFR of the service per phase: $OUT/telemetry-saturate.jfr, telemetry-rated.jfr"; fi
  best=$(for p in saturate two; do [[ -f $OUT/telemetry-$p.txt ]] && sustained $p; echo; done | sort -n | tail -1)
  [[ $PHASES == *A* || $PHASES == *C* ]] && echo "telemetry: ${best} events/s sustained end to end (raw produce $raw_p_rps records/s, raw consume $raw_c_rps records/s in the same run)"
  [[ $PHASES == *B* ]] && echo "telemetry freshness: p99 $(val rated fresh_ms_p99) ms at $(val rated accepted_eps) events/s"
  [[ $PHASES == *D* ]] && echo "telemetry distinct: $DISTINCT distinct viewers, counted $(val distinct distinct_counted), heap peak $HEAP_PEAK MB, RSS $RSS_PEAK MB"
  true
} | tee "$OUT/telemetry-summary.txt"
