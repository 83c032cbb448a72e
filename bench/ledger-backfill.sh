#!/usr/bin/env bash
# Benchmark: backfill of the GMV ledger through the HTTP API. 1,000 merchants x 1,000 daily entries
# (1,000,000 entries) POSTed to /merchants/{id}/gmv, one batch of 1,000 entries per request
# (each batch one INSERT ... SELECT FROM jsonb_to_recordset, the stage reassessment and the
# MerchantGmvRecorded outbox row in one transaction), CONCURRENCY requests at a time.
# Baseline in the same run: the same 1,000,000 rows inserted by PostgreSQL itself in one statement.
# usage: bench/ledger-backfill.sh [--build] [--merchants N] [--entries N] [--concurrency N]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MERCHANTS=1000; ENTRIES=1000; CONCURRENCY=4; BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD=1 ;;
    --merchants) MERCHANTS="$2"; shift ;;
    --entries) ENTRIES="$2"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift ;;
  esac
  shift
done
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
WORK="$OUT/backfill"; rm -rf "$WORK"; mkdir -p "$WORK"
PORT=18081
DB=merchant_backfill
source bench/service.sh
trap 'kill $PID 2>/dev/null || true' EXIT
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" >/dev/null
start_service merchant $PORT $DB
ADMIN=$(bench/jwt.sh platform-admin)
URL="http://127.0.0.1:$PORT"

echo "creating $MERCHANTS merchants"
for i in $(seq 1 "$MERCHANTS"); do
  curl -fs -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Backfill $i\",\"kind\":\"BRAND\",\"category\":\"apparel\",\"region\":\"Hangzhou\",\"followers\":1,\"trustRights\":true}" \
    "$URL/merchants" | sed -E 's/.*"id":"([^"]+)".*/\1/' > "$WORK/m-$i"
done
echo "writing $MERCHANTS batches of $ENTRIES entries"
for d in $(seq 0 $((ENTRIES - 1))); do date -u -d "2021-01-01 + $d days" +%F; done > "$WORK/dates"
for i in $(seq 1 "$MERCHANTS"); do
  awk -v m="$i" 'BEGIN { printf "[" }
    { printf "%s{\"date\":\"%s\",\"gmv\":%d.%02d,\"orders\":%d,\"sourceId\":\"backfill-%d-%d\"}",
        (NR > 1 ? "," : ""), $1, 1000 + (m * 7 + NR * 13) % 90000, NR % 100, 1 + NR % 50, m, NR }
    END { printf "]" }' "$WORK/dates" > "$WORK/b-$i.json"
done

post() { # i
  local id; id=$(cat "$WORK/m-$1")
  curl -fs -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/b-$1.json" "$URL/merchants/$id/gmv"
}
export -f post; export WORK ADMIN URL
start_ns=$(date +%s%N)
seq 1 "$MERCHANTS" | xargs -P "$CONCURRENCY" -I{} bash -c 'post {}' > "$WORK/codes"
http_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
ok=$(grep -c '^200$' "$WORK/codes" || true)
rows=$(psql -h 127.0.0.1 -U postgres -tAc "select count(*) from gmv_entry" "$DB")

# baseline: PostgreSQL inserting the same number of rows by itself, into a copy of the table
start_ns=$(date +%s%N)
psql -q -h 127.0.0.1 -U postgres "$DB" <<SQL
create table gmv_entry_baseline (like gmv_entry including all);
insert into gmv_entry_baseline (merchant_id, entry_date, gmv, orders, source_id)
select m.id, date '2021-01-01' + d, 1000 + d, 1, 'baseline-' || d
from (select id from merchant limit $MERCHANTS) m cross join generate_series(0, $ENTRIES - 1) d;
drop table gmv_entry_baseline;
SQL
sql_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

{
  echo "ledger backfill, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ): $MERCHANTS merchants x $ENTRIES entries, $CONCURRENCY concurrent requests"
  echo "HTTP: $ok/$MERCHANTS batches answered 200, $rows rows in gmv_entry, ${http_ms} ms:" \
       "$(awk -v r="$rows" -v ms="$http_ms" 'BEGIN {printf "%.0f", r / (ms / 1000)}') entries/s"
  echo "baseline, one INSERT ... SELECT in PostgreSQL: ${sql_ms} ms:" \
       "$(awk -v r="$((MERCHANTS * ENTRIES))" -v ms="$sql_ms" 'BEGIN {printf "%.0f", r / (ms / 1000)}') rows/s"
  echo "ratio HTTP / baseline: $(awk -v a="$sql_ms" -v b="$http_ms" 'BEGIN {printf "%.2f", a / b}')"
} | tee "$OUT/ledger-backfill.txt"
