#!/usr/bin/env bash
# Soak: --minutes (10) of mixed load on the whole suite, watching for leaks and drift.
# Starts a broker of its own (infra/kafka.sh on KAFKA_PORT 19192, data .local/soak-kafka, wiped) and the four services
# from their jars on 18181-18184 against databases <service>_soak (dropped and created again), with tokens verified
# locally (bench/jwt.sh) and session-service's e2e settings (SessionEnded seconds after the end). bench/Soak.java sets up
# 20 merchants, 5 admitted providers with operators and 2 live sessions, then runs 4 client threads: reads (merchant,
# list, ledger by month, provider, leaderboards, session, KPIs, read model, engagements), writes (ledger imports with
# new sourceIds, a session created now and then with an Idempotency-Key, merchant PATCHes with their version),
# telemetry (50-line NDJSON batches into the live sessions) and recommendations. Every 10 s, per service: RSS
# (/proc/PID/status), heap after GC (jstat -gc: survivors + old generation in use, i.e. what the last young collection
# left; eden not counted) and the p99 of its answers over those 10 s. Ends with one line per service:
#   soak: <service> rss <first>-><last> MB, heap <first>-><last> MB, p99 <first>-><last> ms, errors <n>
# The first sample is taken after a warm-up (a fifth of the run, at most 1 minute) of the same load.
# (errors: answers other than 2xx and 503, and connection errors; 503s are counted apart). Goal: flat memory, a stable
# p99, 0 errors. The measured part runs under flock on $BENCH_LOCK. Samples in bench/results/soak.txt.
# usage: bench/soak.sh [--minutes 10] [--build] [--heap 256m]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MINUTES=10; BUILD=0; HEAP=256m
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift ;;
    --build) BUILD=1 ;;
    --heap) HEAP="$2"; shift ;;
    *) echo "usage: bench/soak.sh [--minutes 10] [--build] [--heap 256m]"; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
SERVICES=(merchant provider session matching)
declare -A PORT=([merchant]=18181 [provider]=18182 [session]=18183 [matching]=18184)
if [[ $BUILD == 1 ]] || ! ls "${SERVICES[@]/%/-service/target/quarkus-app/quarkus-run.jar}" > /dev/null 2>&1; then
  ./mvnw -q -B package -DskipTests -pl merchant-service,provider-service,session-service,matching-service -am
fi
export KAFKA_PORT=19192 KAFKA_DATA="$ROOT/.local/soak-kafka"
declare -A PID=()
cleanup() {
  for s in "${!PID[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
  for s in "${!PID[@]}"; do while kill -0 "${PID[$s]}" 2>/dev/null; do sleep 0.2; done; done
  infra/kafka.sh stop > /dev/null || true
}
trap cleanup EXIT
infra/kafka.sh stop > /dev/null || true
rm -rf "$KAFKA_DATA"
infra/kafka.sh start
PUBLIC_KEY="$(bench/jwt.sh --public-key)"
rm -rf "$ROOT/.local/soak-kpis"
for s in "${SERVICES[@]}"; do
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists ${s}_soak with (force)" -c "create database ${s}_soak" > /dev/null
  extra=()
  if [[ $s == session ]]; then
    extra=(-Dsession.telemetry.allowed-lateness=PT2S -Dsession.close.grace=PT1S -Dsession.close.every=1s)
  fi
  DB_REACTIVE_URL=postgresql://127.0.0.1:5432/${s}_soak DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/${s}_soak \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT KPI_STATE_DIR="$ROOT/.local/soak-kpis" \
    java -Xmx"$HEAP" -Dquarkus.http.port="${PORT[$s]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.oidc.auth-server-url= \
         -Dquarkus.oidc.public-key="$PUBLIC_KEY" -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.quarkus\".level=INFO \
         "${extra[@]}" -jar "$s-service/target/quarkus-app/quarkus-run.jar" > "$OUT/soak-$s-service.log" 2>&1 &
  PID[$s]=$!
done
for s in "${SERVICES[@]}"; do
  until curl -fs -o /dev/null "http://127.0.0.1:${PORT[$s]}/q/health/ready"; do
    kill -0 "${PID[$s]}" 2>/dev/null || { echo "$s-service died:"; tail -30 "$OUT/soak-$s-service.log"; exit 1; }
    sleep 0.2
  done
  echo "$s-service ready on :${PORT[$s]} (pid ${PID[$s]})"
done
ADMIN=$(bench/jwt.sh platform-admin)
FEEDER=$(bench/jwt.sh telemetry-writer)
args=()
for s in "${SERVICES[@]}"; do args+=("$s=${PORT[$s]}:${PID[$s]}"); done
exec 9>"${BENCH_LOCK:-/tmp/livecommerce-bench.lock}"
flock 9   # measured part: other agents benchmark on the same 2 cores
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
set +e
java bench/Soak.java "$MINUTES" "$ADMIN" "$FEEDER" "$OUT/soak.txt" "${args[@]}"
rc=$?
set -e
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
flock -u 9
echo "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), $MINUTES min, -Xmx$HEAP; load average before $load_before, after $load_after" | tee -a "$OUT/soak.txt"
exit $rc
