#!/usr/bin/env bash
# End-to-end benchmark: POST /leaderboards/{period}/compute on a running provider-service with
# 5,000 admitted providers and 40,000 completed engagements in the period (seeded with SQL into
# database provider_bench): load from PostgreSQL, compute, store boards and probations.
# usage: bench/leaderboard-e2e.sh [--build] [--providers N]
# env: KAFKA_PORT (default 9092: the standalone broker of infra/kafka.sh), BENCH_DB (default provider_bench)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PROVIDERS=5000; BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in --build) BUILD=1 ;; --providers) PROVIDERS="$2"; shift ;; esac; shift
done
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
PORT=18082
KAFKA_PORT="${KAFKA_PORT:-9092}"; export KAFKA_PORT
DB="${BENCH_DB:-provider_bench}"
if [[ $BUILD == 1 || ! -f provider-service/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -q -B package -DskipTests -pl provider-service -am
fi
infra/kafka.sh start
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres "$DB"
DB_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT \
  java -Dquarkus.http.port=$PORT -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$(bench/jwt.sh --public-key)" \
       -jar provider-service/target/quarkus-app/quarkus-run.jar > "$OUT/provider-service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 $PID 2>/dev/null || { tail -30 "$OUT/provider-service.log"; exit 1; }
  sleep 0.2
done
psql -q -h 127.0.0.1 -U postgres "$DB" <<SQL
truncate operator_session, leaderboard_entry, leaderboard_period, probation, engagement_outcome, appeal, provider_decision, operator, provider;
insert into provider (id, name, type, categories, regions, capabilities, capacity, declared_served_gmv, admission,
    suspended, suspension_proposed, tier, badge, served_gmv_12m, merchants_leapt, created_at, updated_at, version)
select gen_random_uuid(), 'bench-' || g, (array['MCN', 'INDUSTRIAL_BELT', 'BRAND'])[1 + g % 3],
    '|cat-' || (g % 12) || '|' || case when g % 2 = 0 then 'cat-' || ((g + 5) % 12) || '|' else '' end,
    '|bench|', '|LIVE_OPERATIONS|', 10, 1000000, 'ADMITTED', false, false, 'NONE', 'NONE', 0, 0, now(), now(), 0
from generate_series(1, $PROVIDERS) g;
insert into engagement_outcome (engagement_id, provider_id, merchant_id, completed_on, gmv_before, gmv_during, rating, leap)
select gen_random_uuid(), p.id, gen_random_uuid(), date '2021-11-01' + (random() * 29)::int,
    round((random() * 1000000)::numeric, 2), round((random() * 2000000)::numeric, 2), round((1 + random() * 4)::numeric, 3), random() < 0.1
from provider p, generate_series(1, 8);
analyze;
SQL
ADMIN=$(bench/jwt.sh platform-admin)
times=()
for i in 1 2 3 4 5 6; do
  t=$(curl -fs -o "$OUT/compute.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$PORT/leaderboards/2021-11/compute")
  times+=("$t")
done
{
  echo "provider-service leaderboard compute, $PROVIDERS providers, $((PROVIDERS * 8)) engagements, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "POST /leaderboards/2021-11/compute seconds (first run cold): ${times[*]}"
  echo "summary: $(cat "$OUT/compute.json")" | cut -c1-300
} | tee "$OUT/leaderboard-e2e.txt"
