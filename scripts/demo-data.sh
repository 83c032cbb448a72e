#!/usr/bin/env bash
# Loads the demo story of DOMAIN.md into the running suite through the public HTTP APIs, with Keycloak tokens.
# Idempotent: what was created is remembered in .local/run/demo-merchants (key=id), ledger entries carry source
# ids, and each step is skipped when its key is there. Prints "summary:" lines at the end.
#  1. merchants of all three kinds with 2021H1/2021H2 ledgers: the three of DOMAIN.md plus 49 others, 15 of the 52
#     stalled (28.85%); the demo users m-brand, m-belt, m-creator get their merchant_id in Keycloak;
#  2. providers of the three types with operators certified by platform-admin, through admission (one rejected);
#     p-mcn, p-belt, p-brand get their provider_id;
#  3. Session B's merchant on an ordinary day (its baseline), Session A and Session B replayed through telemetry at
#     1/100 scale with the source's rates (scripts/replay-session.py), ended; their SessionEnded reach the ledger;
#  4. a campaign for the stalled merchants; the engagements accepted (merchant), activated (provider), some
#     completed with ratings; 5. the month's leaderboards, the windmaker tiers, the ecosystem insights.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
M="${MERCHANT_URL:-http://127.0.0.1:8081}"
P="${PROVIDER_URL:-http://127.0.0.1:8082}"
S="${SESSION_URL:-http://127.0.0.1:8083}"
X="${MATCHING_URL:-http://127.0.0.1:8084}"
STATE="$ROOT/.local/run/demo-merchants"
KC="$ROOT/infra/keycloak.sh"
touch "$STATE"
token() { "$KC" token "$1"; }
TOKEN=$(token ops)
[[ -n "$TOKEN" && "$TOKEN" != null ]] || { echo "no token for user ops from Keycloak"; exit 1; }

known() { { grep "^$1=" "$STATE" || true; } | tail -1 | cut -d= -f2-; }
remember() { echo "$1=$2" >> "$STATE"; }
# api METHOD URL [JSON] [TOKEN]: the answer's body; fails on an HTTP error, printing the problem
api() {
  local out code
  out=$(mktemp)
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer ${4:-$TOKEN}" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$2")
  if [[ $code -ge 400 ]]; then echo "$1 $2 -> $code: $(cat "$out")" >&2; rm -f "$out"; return 1; fi
  cat "$out"; rm -f "$out"
}

# --- 1. merchants
merchant() { # key json: the merchant's id, created once
  local id; id=$(known "$1")
  if [[ -z "$id" ]]; then id=$(api POST "$M/merchants" "$2" | jq -r .id); remember "$1" "$id"; fi
  echo "$id"
}
gmv() { api POST "$M/merchants/$1/gmv" "$2" > /dev/null; }

brand=$(merchant m-brand '{"name":"Down Jacket Brand (Session A)","kind":"BRAND","category":"apparel","region":"Hangzhou","followers":8000000,"trustRights":true,"repurchaseRate":0.70}')
belt=$(merchant m-belt '{"name":"Kids Products Merchant (Session B)","kind":"INDUSTRIAL_BELT","category":"kidswear","region":"Zhili, Huzhou","followers":860000,"trustRights":true}')
creator=$(merchant m-creator '{"name":"Creator C, Zhili kidswear factory owner","kind":"CREATOR","category":"kidswear","region":"Zhili, Huzhou","followers":1000000,"trustRights":false}')
# 2021 H1 vs H2: the brand grows, the belt merchant stalls; Creator C's month.
gmv "$brand" '[{"date":"2021-05-20","gmv":"6000000.00","orders":52000,"sourceId":"demo-a-h1"},{"date":"2021-11-20","gmv":"9000000.00","orders":80000,"sourceId":"demo-a-h2"}]'
gmv "$belt" '[{"date":"2021-06-18","gmv":"2500000.00","orders":30000,"sourceId":"demo-b-h1"},{"date":"2021-10-18","gmv":"2300000.00","orders":25600,"sourceId":"demo-b-h2"}]'
gmv "$creator" '[{"date":"2021-11-30","gmv":"3000000.00","orders":41000,"sourceId":"demo-c-nov"}]'
for u in m-brand:$brand m-belt:$belt m-creator:$creator; do "$KC" set-claim "${u%%:*}" merchant_id "${u#*:}"; done

# 49 more merchants of the three kinds: 14 of them stall (later <= earlier), so 15 of the 52 active ones do (28.85%)
kinds=(BRAND INDUSTRIAL_BELT CREATOR); cats=(apparel kidswear beauty food home); regions=("Hangzhou" "Zhili, Huzhou" "Guangzhou" "Linyi" "Yiwu")
for i in $(seq 1 49); do
  [[ -n "$(known "m-$i")" ]] && continue
  k=${kinds[$((i % 3))]}; c=${cats[$((i % 5))]}; r=${regions[$(((i / 3) % 5))]}
  id=$(merchant "m-$i" "{\"name\":\"Demo merchant $i\",\"kind\":\"$k\",\"category\":\"$c\",\"region\":\"$r\",\"followers\":$((i * 10000)),\"trustRights\":$([[ $((i % 2)) == 0 ]] && echo true || echo false)}")
  h1=$((200000 + i * 37000))
  if [[ $i -le 14 ]]; then h2=$((h1 - i * 9000)); else h2=$((h1 + h1 * (i % 7 + 1) / 10)); fi
  gmv "$id" "[{\"date\":\"2021-04-1$((i % 9))\",\"gmv\":$h1,\"orders\":$((h1 / 90)),\"sourceId\":\"demo-$i-h1\"},{\"date\":\"2021-09-1$((i % 9))\",\"gmv\":$h2,\"orders\":$((h2 / 90)),\"sourceId\":\"demo-$i-h2\"}]"
done
echo "demo merchants: m-brand=$brand m-belt=$belt m-creator=$creator and 49 others"

# --- 2. providers through strict admission; operators certified by platform-admin with evidence
provider() { # key json operators
  local id; id=$(known "$1")
  if [[ -z "$id" ]]; then
    id=$(api POST "$P/providers" "$2" | jq -r .id)
    for _ in $(seq 1 "$3"); do
      api POST "$P/providers/$id/operators" '{"name":"Certified operator","specialties":["AD_OPTIMIZATION","LIVE_OPERATIONS"],"certified":true,"evidence":"demo: platform operator exam passed"}' > /dev/null
    done
    api POST "$P/providers/$id/review" > /dev/null
    remember "$1" "$id"
  fi
  echo "$id"
}
mcn=$(provider p-mcn '{"name":"Kuaiyu MCN","type":"MCN","categories":["apparel","kidswear","beauty"],"regions":["Hangzhou","Guangzhou"],"capabilities":["LIVE_OPERATIONS","AD_OPTIMIZATION","CONTENT"],"capacity":30,"declaredServedGmv":"1200000000.00"}' 3)
pbelt=$(provider p-belt '{"name":"Zhili Belt Services","type":"INDUSTRIAL_BELT","categories":["kidswear","home","food"],"regions":["Zhili, Huzhou","Linyi","Yiwu"],"capabilities":["ACCOUNT_LAUNCH","PRODUCT_SELECTION","SKU_MANAGEMENT"],"capacity":20,"declaredServedGmv":"150000000.00"}' 2)
pbrand=$(provider p-brand '{"name":"Brand Self-Broadcast Partners","type":"BRAND","categories":["apparel","beauty"],"regions":["Shanghai","Hangzhou"],"capabilities":["LIVE_OPERATIONS","PRIVATE_DOMAIN","TEAM_MANAGEMENT"],"capacity":10,"declaredServedGmv":"300000000.00"}' 2)
rejected=$(provider p-rejected '{"name":"Fly-by-night MCN","type":"MCN","categories":["beauty"],"regions":["Guangzhou"],"capabilities":["CONTENT"],"capacity":5,"declaredServedGmv":"2000000.00"}' 1)
for u in p-mcn:$mcn p-belt:$pbelt p-brand:$pbrand; do "$KC" set-claim "${u%%:*}" provider_id "${u#*:}"; done
echo "demo providers: p-mcn=$mcn p-belt=$pbelt p-brand=$pbrand (admitted), $rejected (rejected: $(api GET "$P/providers/$rejected" | jq -r .status))"

# --- 3. live sessions replayed through telemetry (telemetry-feeder's client-credentials token)
operator=$(api GET "$P/providers/$mcn/operators" | jq -r '.items[0].id')
session() { # key merchant provider operator profile title target: schedules, starts, replays, ends once
  local id; id=$(known "$1")
  if [[ -z "$id" ]]; then
    local body; body=$(jq -nc --arg m "$2" --arg p "$3" --arg o "$4" --arg t "$6" --arg g "$7" \
      '{merchantId:$m, providerId:(if $p == "" then null else $p end), operatorId:(if $o == "" then null else $o end), title:$t,
        scheduledStart:(now | todate), plannedMinutes:1, gmvTarget:($g | tonumber), adBudget:{PAID_PROMOTION:($g | tonumber / 10), FAN_BOOST:($g | tonumber / 20)}}')
    id=$(api POST "$S/sessions" "$body" | jq -r .id)
    local started; started=$(api POST "$S/sessions/$id/start" | jq -r .startedAt)
    python3 "$ROOT/scripts/replay-session.py" "$5" "$S" "$id" "$("$KC" client-token)" "$(date -d "$started" +%s%3N)" --airtime 60 >&2
    api POST "$S/sessions/$id/end" > /dev/null
    remember "$1" "$id"
  fi
  echo "$id"
}
baseline=$(session session-b0 "$belt" "" "" B0 "Kids products, an ordinary day" 10000)
session session-a "$brand" "$mcn" "$operator" A "Down jackets, Nov 25 (Session A, 1/100)" 200000 > /dev/null &
replay_a=$!
sleep 5 # staggered; Session B's lift is read after its baseline (ended first) has closed with its final GMV
session_b=$(session session-b "$belt" "$pbelt" "" B "Kids products, Nov 22 (Session B, 1/100)" 23000)
wait "$replay_a" || { echo "Session A's replay failed"; exit 1; }
session_a=$(known session-a)
echo "demo sessions: A=$session_a B=$session_b baseline=$baseline"

# --- 4. a campaign for the stalled merchants, proposed as engagements; accepted, activated, some completed
campaign=$(known campaign)
if [[ -z "$campaign" ]]; then
  campaign=$(api POST "$X/campaigns" '{"cohort":"STALLED","earlier":"2021H1","later":"2021H2"}' | jq -r .id)
  remember campaign "$campaign"
fi
for _ in $(seq 1 120); do [[ $(api GET "$X/campaigns/$campaign" | jq -r .status) != RUNNING ]] && break; sleep 0.5; done
[[ $(api GET "$X/campaigns/$campaign" | jq -r .status) == COMPLETED ]] || { echo "campaign $campaign did not complete"; exit 1; }
user_of() { grep "=$1$" "$STATE" | head -1 | cut -d= -f1; } # the demo user of an id (m-brand, p-mcn, ...), if any
as() { local u; u=$(user_of "$1"); [[ $u == m-brand || $u == m-belt || $u == m-creator || $u == p-mcn || $u == p-belt || $u == p-brand ]] && token "$u" || echo "$TOKEN"; }
n=0
for row in $(api GET "$X/engagements?campaignId=$campaign&size=100" | jq -r '.items[] | "\(.id),\(.merchantId),\(.providerId),\(.status)"'); do
  IFS=, read -r e m p st <<< "$row"
  [[ $st == PROPOSED ]] && api POST "$X/engagements/$e/accept" "" "$(as "$m")" > /dev/null && st=ACCEPTED
  [[ $st == ACCEPTED ]] && api POST "$X/engagements/$e/activate" "" "$(as "$p")" > /dev/null && st=ACTIVE
  n=$((n + 1))
  if [[ $st == ACTIVE && $((n % 3)) != 0 ]]; then
    api POST "$X/engagements/$e/complete" "{\"rating\":{\"results\":$((3 + n % 3)),\"communication\":5,\"professionalism\":4}}" "$(as "$m")" > /dev/null
  fi
done
echo "demo campaign: $campaign, $n engagements"

# --- 5. leaderboards of this month, tiers, insights
period=$(date -u +%Y-%m)
api POST "$P/leaderboards/$period/compute" > /dev/null

# --- summary, from the APIs
stalled=$(api GET "$M/merchants/stalled?earlier=2021H1&later=2021H2&size=1")
echo "summary: stalled share 2021H1 -> 2021H2: $(jq -r '"\(.stalledShare) (\(.total) of \(.activeMerchants) active merchants)"' <<< "$stalled")"
echo "summary: campaign for the stalled merchants: objective $(api GET "$X/campaigns/$campaign" | jq -r '"\(.objective) (sum of scores), \(.assignedCount) of \(.cohortSize) merchants assigned, \(.solver.classes) classes, solved in \(.solver.solveMillis) ms"')"
for k in session-a:A session-b:B; do
  echo "summary: Session ${k#*:} (1/100): $(api GET "$S/sessions/$(known "${k%%:*}")/kpis" | jq -r '"GMV \(.gmv), UV \(.uv), pay conversion \(.payConversionRate), UV value \(.uvValue), ROI \(.roiByChannel), reservations:buyers 1:\(.reservationToBuyerRatio), new buyers \(.newBuyerShare), lift vs baseline \(.gmvLiftVsBaseline), bestsellers \(.bestsellers | length)"')"
done
names=$(jq -R 'split("=") | {(.[1]): .[0]}' "$STATE" | jq -s add)
echo "summary: leaderboards $period, first 3 entries: $(api GET "$P/leaderboards?period=$period&size=3" | jq -r --argjson n "$names" '[.items[] | "#\(.rank) \($n[.providerId] // .providerId) in \(.type)/\(.category) (score \(.score))"] | join(", ")')"
echo "summary: insights: $(api GET "$X/insights/ecosystem?earlier=2021H1&later=2021H2" | jq -c .)"
echo "summary: windmaker: $(api GET "$P/programs/windmaker" | jq -c .)"
