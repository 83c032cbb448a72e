#!/usr/bin/env bash
# Loads the demo story of DOMAIN.md into the running services through their HTTP APIs (idempotent: merchants are
# created once, remembered in .local/run/demo-merchants, and ledger entries carry source ids).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
URL="${MERCHANT_URL:-http://127.0.0.1:8081}"
STATE="$ROOT/.local/run/demo-merchants"
# platform-admin's token from Keycloak (user ops); DEMO_TOKEN overrides (e.g. bench/jwt.sh platform-admin for the benchmarks)
TOKEN="${DEMO_TOKEN:-$("$ROOT/infra/keycloak.sh" token ops)}"
[[ -n "$TOKEN" && "$TOKEN" != null ]] || { echo "no token for user ops from Keycloak"; exit 1; }
auth=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")

merchant() { # key json
  if grep -q "^$1=" "$STATE" 2>/dev/null; then grep "^$1=" "$STATE" | cut -d= -f2; return; fi
  local id; id=$(curl -fs "${auth[@]}" -d "$2" "$URL/merchants" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  echo "$1=$id" >> "$STATE"; echo "$id"
}
gmv() { curl -fs -o /dev/null "${auth[@]}" -d "$2" "$URL/merchants/$1/gmv"; }

brand=$(merchant m-brand '{"name":"Down Jacket Brand (Session A)","kind":"BRAND","category":"apparel","region":"Hangzhou","followers":8000000,"trustRights":true,"repurchaseRate":0.70}')
belt=$(merchant m-belt '{"name":"Kids Products Merchant (Session B)","kind":"INDUSTRIAL_BELT","category":"kidswear","region":"Zhili, Huzhou","followers":860000,"trustRights":true}')
creator=$(merchant m-creator '{"name":"Creator C, Zhili kidswear factory owner","kind":"CREATOR","category":"kidswear","region":"Zhili, Huzhou","followers":1000000,"trustRights":false}')
# 2021 H1 vs H2: the brand grows, the belt merchant stalls; Session A and B days; Creator C's month.
gmv "$brand" '[{"date":"2021-05-20","gmv":"6000000.00","orders":52000,"sourceId":"demo-a-h1"},{"date":"2021-11-25","gmv":"20000000.00","orders":160000,"sourceId":"demo-session-a"}]'
gmv "$belt" '[{"date":"2021-06-18","gmv":"2500000.00","orders":30000,"sourceId":"demo-b-h1"},{"date":"2021-11-22","gmv":"2300000.00","orders":25600,"sourceId":"demo-session-b"}]'
gmv "$creator" '[{"date":"2021-11-30","gmv":"3000000.00","orders":41000,"sourceId":"demo-c-nov"}]'
echo "demo merchants: m-brand=$brand m-belt=$belt m-creator=$creator"

# Providers (DOMAIN.md: the three focuses), with operators certified by platform-admin (with evidence), through strict admission.
PURL="${PROVIDER_URL:-http://127.0.0.1:8082}"
provider() { # key json operators
  if grep -q "^$1=" "$STATE" 2>/dev/null; then grep "^$1=" "$STATE" | cut -d= -f2; return; fi
  local id; id=$(curl -fs "${auth[@]}" -d "$2" "$PURL/providers" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  for _ in $(seq 1 "$3"); do
    curl -fs -o /dev/null "${auth[@]}" -d '{"name":"Certified operator","specialties":["AD_OPTIMIZATION","LIVE_OPERATIONS"],"certified":true,"evidence":"demo: platform operator exam passed"}' "$PURL/providers/$id/operators"
  done
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$PURL/providers/$id/review"
  echo "$1=$id" >> "$STATE"; echo "$id"
}
mcn=$(provider p-mcn '{"name":"Kuaiyu MCN","type":"MCN","categories":["apparel","kidswear"],"regions":["Hangzhou"],"capabilities":["LIVE_OPERATIONS","AD_OPTIMIZATION","CONTENT"],"capacity":30,"declaredServedGmv":"1200000000.00"}' 3)
pbelt=$(provider p-belt '{"name":"Zhili Belt Services","type":"INDUSTRIAL_BELT","categories":["kidswear"],"regions":["Zhili, Huzhou"],"capabilities":["ACCOUNT_LAUNCH","PRODUCT_SELECTION","SKU_MANAGEMENT"],"capacity":20,"declaredServedGmv":"150000000.00"}' 2)
pbrand=$(provider p-brand '{"name":"Brand Self-Broadcast Partners","type":"BRAND","categories":["apparel"],"regions":["Shanghai"],"capabilities":["LIVE_OPERATIONS","PRIVATE_DOMAIN","TEAM_MANAGEMENT"],"capacity":10,"declaredServedGmv":"300000000.00"}' 2)
echo "demo providers: p-mcn=$mcn p-belt=$pbelt p-brand=$pbrand"

stalled=$(curl -fs -H "Authorization: Bearer $TOKEN" "$URL/merchants/stalled?earlier=2021H1&later=2021H2&size=1")
echo "summary: 2021H1 -> 2021H2: $(jq -r '"\(.total) of \(.activeMerchants) active merchants stalled (stalledShare \(.stalledShare))"' <<< "$stalled")"
