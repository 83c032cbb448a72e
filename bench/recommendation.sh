#!/usr/bin/env bash
# Benchmark: one recommendation over 5,000 providers (target p99 <= 50 ms under load).
# Starts matching-service from its jar (database matching_bench, recreated; tokens verified locally,
# bench/jwt.sh), seeds its read model with SQL (5,000 admitted providers of the three types with 1-4 of
# 24 categories, 1-5 of 31 regions, random capabilities and capacities, plus one merchant with a service
# request): the running index picks the rows up from the read-model tables as it does rows written by
# its consumers. Then GET /merchants/{id}/recommendations?limit=10 with the merchant's own token under
# wrk -t2 -c32 -d20s --latency after a warm-up, and the baseline GET /q/health/live in the same run.
# usage: bench/recommendation.sh [--build] [--duration 20s] [--connections 32] [--providers 5000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION=20s; CONNECTIONS=32; PROVIDERS=5000; BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=1 ;;
    --duration) DURATION="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --providers) PROVIDERS="$2"; shift ;;
  esac
  shift
done
export BUILD
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
PORT=18084; DB=matching_bench
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
# a consumer group of its own: never takes partitions from another matching-service on the shared broker
export MATCHING_CONSUMER_GROUP=matching-bench
dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"
source bench/service.sh
trap 'kill $PID 2>/dev/null || true' EXIT
start_service matching $PORT $DB

MERCHANT=00000000-0000-4000-8000-00000000b001
psql -q -h 127.0.0.1 -U postgres "$DB" <<SQL
insert into provider_view (id, name, type, categories, regions, capabilities, capacity, status, admission, suspended,
    tier, badge, served_gmv_12m, merchants_leapt, version)
select gen_random_uuid(), 'bench-provider-' || g, (array['MCN', 'INDUSTRIAL_BELT', 'BRAND'])[1 + g % 3],
    array(select distinct 'cat-' || ((g * 7 + k * 5 + (random() * 3)::int) % 24) from generate_series(0, g % 4) k),
    array(select distinct 'region-' || ((g * 11 + k * 3 + (random() * 2)::int) % 31) from generate_series(0, g % 5) k),
    array(select n from unnest(array['ACCOUNT_LAUNCH', 'AD_OPTIMIZATION', 'PRODUCT_SELECTION', 'SKU_MANAGEMENT',
        'PRIVATE_DOMAIN', 'LIVE_OPERATIONS', 'CONTENT', 'TEAM_MANAGEMENT']) n where random() < 0.45 or (g % 8 = 0 and n = 'LIVE_OPERATIONS')),
    10 + (g * 13) % 61, 'ADMITTED', 'ADMITTED', false,
    (array['NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'HUNDRED_MILLION', 'BILLION'])[1 + g % 8],
    (array['NONE', 'NONE', 'NONE', 'NONE', 'NONE', 'INCUBATOR_20', 'INCUBATOR_50'])[1 + g % 7],
    round((random() * 1500000000)::numeric, 2), (random() * 60)::int, 1
from generate_series(1, $PROVIDERS) g;
insert into merchant_view (id, name, kind, category, region, followers, profile_version, stage, stage_version, needs, registered_at)
values ('$MERCHANT', 'Bench Merchant', 'BRAND', 'cat-1', 'region-2', 1000, 1, 'STALLED', 1,
        '{LIVE_OPERATIONS,AD_OPTIMIZATION,PRODUCT_SELECTION}', now());
analyze;
SQL
# the index picks the rows up within its refresh interval (0.1 s)
indexed() { curl -fs "http://127.0.0.1:$PORT/q/health/ready" | tr -d ' \n' | grep -o '"providers":[0-9]*' | cut -d: -f2; }
until [[ $(indexed || echo 0) -ge $PROVIDERS ]]; do sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" | tr -d ' \n' | grep -o '"merchants":[0-9]*,"providers":[0-9]*'; echo
TOKEN=$(bench/jwt.sh merchant merchant_id=$MERCHANT)
URL="http://127.0.0.1:$PORT/merchants/$MERCHANT/recommendations?limit=10"
curl -fs -H "Authorization: Bearer $TOKEN" "$URL" > "$OUT/recommendation-sample.json"
echo "sample: $(head -c 300 "$OUT/recommendation-sample.json")..."

exec 9>${BENCH_LOCK:-/tmp/livecommerce-bench.lock}
flock 9   # measured part: other agents benchmark on the same 2 cores
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
wrk -t2 -c"$CONNECTIONS" -d20s -H "Authorization: Bearer $TOKEN" "$URL" > /dev/null   # warm-up
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL" > "$OUT/recommendation.txt"
wrk -t2 -c"$CONNECTIONS" -d10s "http://127.0.0.1:$PORT/q/health/live" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/q/health/live" > "$OUT/recommendation-baseline.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
flock -u 9

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $4}' "$1"; }
r_get=$(rps "$OUT/recommendation.txt"); r_base=$(rps "$OUT/recommendation-baseline.txt")
{
  echo "matching-service recommendations over $PROVIDERS providers, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ); load average before $load_before, after $load_after"
  echo "GET /merchants/{id}/recommendations?limit=10 (merchant JWT verified): $r_get req/s, p50 $(pct "$OUT/recommendation.txt" 50%), p90 $(pct "$OUT/recommendation.txt" 90%), p99 $(pct "$OUT/recommendation.txt" 99%), non-2xx: $(non2xx "$OUT/recommendation.txt")"
  echo "baseline GET /q/health/live: $r_base req/s, p50 $(pct "$OUT/recommendation-baseline.txt" 50%), p99 $(pct "$OUT/recommendation-baseline.txt" 99%)"
  echo "ratio recommendations / baseline: $(awk -v a="$r_get" -v b="$r_base" 'BEGIN {printf "%.3f", a / b}'); JAVA_OPTS: ${JAVA_OPTS:-none}"
  echo "recommendation: $r_get req/s p99 $(pct "$OUT/recommendation.txt" 99%), liveness $r_base req/s"
} | tee "$OUT/recommendation-summary.txt"
