#!/usr/bin/env bash
# Loads the demo story of DOMAIN.md into the running suite through the public HTTP APIs, with Keycloak tokens.
#
# Idempotent by its data, not by local files: a second clone that shares the databases (and has a fresh .local) finds
# the story in place and creates nothing twice. Before creating, every demo entity is looked up through the APIs by a
# natural key: merchants and providers by name, certified operators by their number, sessions by merchant and title,
# the campaign by the engagements it proposed to the stalled demo merchants, imported engagements by their source
# reference; ledger entries carry source ids; lifecycle steps (review, start, end, accept, activate, complete) follow
# the status they find. Each create also sends an Idempotency-Key, for services that honour it.
#
#  1. merchants of all three kinds with 2021H1/2021H2 ledgers: the three of DOMAIN.md plus 49 others, 15 of the 52
#     stalled (28.85%); the demo users m-brand, m-belt, m-creator get their merchant_id in Keycloak;
#  2. providers of the three types (two MCN, two industrial-belt, one brand) with operators certified by platform-admin,
#     through admission (one more rejected); p-mcn, p-belt, p-brand get their provider_id;
#  3. engagements that happened before the platform used this suite, imported by platform staff
#     (POST /engagements/imports): ten merchants served in 2021H2 (their outcome measured by matching-service from
#     the ledger above), and the down-jacket brand run by the brand provider over six months that ended within the
#     last year (its monthly ledger, relative to today, recorded first). Every consumer credits them as live ones;
#  4. Session B's merchant on an ordinary day (its baseline), Session A and Session B replayed through telemetry at
#     1/100 scale with the source's rates (scripts/replay-session.py), ended; their SessionEnded reach the ledger;
#  5. a campaign for the stalled merchants; the engagements accepted (merchant), activated (provider), some completed
#     with ratings; 6. the leaderboards of 2021H2 and of this month.
# Prints "summary:" lines at the end: every figure in them comes from the services' own computation.
# Settings: MERCHANT_URL, PROVIDER_URL, SESSION_URL, MATCHING_URL (the local run's ports by default), DEMO_AIRTIME
# (seconds of wall-clock time per replayed session, 60), and infra/keycloak.sh's KEYCLOAK_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
M="${MERCHANT_URL:-http://127.0.0.1:8081}"
P="${PROVIDER_URL:-http://127.0.0.1:8082}"
S="${SESSION_URL:-http://127.0.0.1:8083}"
X="${MATCHING_URL:-http://127.0.0.1:8084}"
AIRTIME="${DEMO_AIRTIME:-60}"
KC="$ROOT/infra/keycloak.sh"
token() { "$KC" token "$1"; }
TOKEN=$(token ops)
[[ -n "$TOKEN" && "$TOKEN" != null ]] || { echo "no token for user ops from Keycloak"; exit 1; }

# api METHOD URL [JSON] [TOKEN] [IDEMPOTENCY_KEY]: the answer's body; fails on an HTTP error, printing the problem
api() {
  local out code args
  out=$(mktemp)
  args=(-s -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer ${4:-$TOKEN}" -H 'Content-Type: application/json')
  [[ -n "${5:-}" ]] && args+=(-H "Idempotency-Key: demo-story-$5")
  [[ -n "${3:-}" ]] && args+=(-d "$3")
  code=$(curl "${args[@]}" "$2")
  if [[ $code -ge 400 ]]; then echo "$1 $2 -> $code: $(cat "$out")" >&2; rm -f "$out"; return 1; fi
  cat "$out"; rm -f "$out"
}
# all URL: the items of every page of a list, one JSON object a line
all() {
  local sep='?' page=0 out
  [[ $1 == *\?* ]] && sep='&'
  while :; do
    out=$(api GET "$1${sep}size=200&page=$page")
    jq -c '.items[]' <<< "$out"
    [[ $(jq '(.page + 1) * .size >= .total' <<< "$out") == true ]] && return 0
    page=$((page + 1))
  done
}
# await WHAT URL JQ: polls the answer (every 0.5 s, at most 120 s) until the jq condition holds
await() {
  for _ in $(seq 1 240); do
    [[ $(api GET "$2" 2> /dev/null | jq -r "$3" 2> /dev/null) == true ]] && return 0
    sleep 0.5
  done
  echo "not within 120 s: $1 ($2)" >&2; return 1
}
slug() { tr -c 'A-Za-z0-9\n' '-' <<< "$1" | tr 'A-Z' 'a-z'; }
named() { awk -F'\t' -v n="$2" '$1 == n { print $2; exit }' <<< "$1"; } # named LIST NAME: the id of NAME in "name<TAB>id" lines

# --- 1. merchants, found by name
MERCHANTS=$(all "$M/merchants" | jq -r '[.name, .id] | @tsv')
merchant() { # JSON: the id of the merchant it names, registered once
  local name id; name=$(jq -r .name <<< "$1")
  id=$(named "$MERCHANTS" "$name")
  [[ -n "$id" ]] || id=$(api POST "$M/merchants" "$1" "" "merchant-$(slug "$name")" | jq -r .id)
  echo "$id"
}
gmv() { api POST "$M/merchants/$1/gmv" "$2" > /dev/null; } # ledger entries: a known sourceId changes nothing

brand=$(merchant '{"name":"Down Jacket Brand (Session A)","kind":"BRAND","category":"apparel","region":"Hangzhou","followers":8000000,"trustRights":true,"repurchaseRate":0.70}')
belt=$(merchant '{"name":"Kids Products Merchant (Session B)","kind":"INDUSTRIAL_BELT","category":"kidswear","region":"Zhili, Huzhou","followers":860000,"trustRights":true}')
creator=$(merchant '{"name":"Creator C, Zhili kidswear factory owner","kind":"CREATOR","category":"kidswear","region":"Zhili, Huzhou","followers":1000000,"trustRights":false}')
# 2021 H1 vs H2: the brand grows, the belt merchant stalls; Creator C's month.
gmv "$brand" '[{"date":"2021-05-20","gmv":"6000000.00","orders":52000,"sourceId":"demo-a-h1"},{"date":"2021-11-20","gmv":"9000000.00","orders":80000,"sourceId":"demo-a-h2"}]'
gmv "$belt" '[{"date":"2021-06-18","gmv":"2500000.00","orders":30000,"sourceId":"demo-b-h1"},{"date":"2021-10-18","gmv":"2300000.00","orders":25600,"sourceId":"demo-b-h2"}]'
gmv "$creator" '[{"date":"2021-11-30","gmv":"3000000.00","orders":41000,"sourceId":"demo-c-nov"}]'
for u in m-brand:$brand m-belt:$belt m-creator:$creator; do "$KC" set-claim "${u%%:*}" merchant_id "${u#*:}"; done

# 49 more merchants of the three kinds: 14 of them stall (later <= earlier), so 15 of the 52 active ones do (28.85%)
kinds=(BRAND INDUSTRIAL_BELT CREATOR); cats=(apparel kidswear beauty food home); regions=("Hangzhou" "Zhili, Huzhou" "Guangzhou" "Linyi" "Yiwu")
mid=(); h1=(); h2=()
for i in $(seq 1 49); do
  k=${kinds[$((i % 3))]}; c=${cats[$((i % 5))]}; r=${regions[$(((i / 3) % 5))]}
  mid[$i]=$(merchant "{\"name\":\"Demo merchant $i\",\"kind\":\"$k\",\"category\":\"$c\",\"region\":\"$r\",\"followers\":$((i * 10000)),\"trustRights\":$([[ $((i % 2)) == 0 ]] && echo true || echo false)}")
  h1[$i]=$((200000 + i * 37000))
  if [[ $i -le 14 ]]; then h2[$i]=$((h1[$i] - i * 9000)); else h2[$i]=$((h1[$i] + h1[$i] * (i % 7 + 1) / 10)); fi
  gmv "${mid[$i]}" "[{\"date\":\"2021-04-1$((i % 9))\",\"gmv\":${h1[$i]},\"orders\":$((h1[$i] / 90)),\"sourceId\":\"demo-$i-h1\"},{\"date\":\"2021-09-1$((i % 9))\",\"gmv\":${h2[$i]},\"orders\":$((h2[$i] / 90)),\"sourceId\":\"demo-$i-h2\"}]"
done
echo "demo merchants: m-brand=$brand m-belt=$belt m-creator=$creator and 49 others"

# The down-jacket brand's monthly ledger of the last 16 months (dates relative to this month, source ids fixed: a
# later run records nothing new): 48M in the six months before the brand provider took it over, 122M in the six months
# it ran its self-broadcast, then on its own. Amounts in CNY per month, oldest first.
this_month=$(date -u +%Y-%m-01)
month() { date -u -d "$this_month -$1 months" +%Y-%m-%d; } # the first day of the month $1 months ago
recent=(7200000 7800000 8100000 7500000 8400000 9000000 14500000 17000000 19500000 21000000 23500000 26500000 22000000 21500000 23000000 24500000)
entries=""; served_recent=0
for j in "${!recent[@]}"; do
  ago=$((16 - j))
  entries+="${entries:+,}{\"date\":\"$(month "$ago" | cut -c1-8)15\",\"gmv\":${recent[$j]},\"orders\":$((recent[$j] / 110)),\"sourceId\":\"demo-a-recent-$ago\"}"
  [[ $ago -le 10 && $ago -ge 5 ]] && served_recent=$((served_recent + recent[$j]))
done
gmv "$brand" "[$entries]"
recent_from=$(month 10); recent_to=$(date -u -d "$(month 4) -1 day" +%Y-%m-%d)

# --- 2. providers through strict admission, found by name; operators certified by platform-admin with evidence
PROVIDERS=$(all "$P/providers" | jq -r '[.name, .id] | @tsv')
provider() { # JSON OPERATORS: the id of the provider it names: applied once, staffed with OPERATORS certified operators, reviewed once
  local name id have; name=$(jq -r .name <<< "$1")
  id=$(named "$PROVIDERS" "$name")
  [[ -n "$id" ]] || id=$(api POST "$P/providers" "$1" "" "provider-$(slug "$name")" | jq -r .id)
  have=$(api GET "$P/providers/$id/operators?size=200" | jq '[.items[] | select(.certified)] | length')
  for _ in $(seq $((have + 1)) "$2"); do
    api POST "$P/providers/$id/operators" '{"name":"Certified operator","specialties":["AD_OPTIMIZATION","LIVE_OPERATIONS"],"certified":true,"evidence":"demo: platform operator exam passed"}' > /dev/null
  done
  [[ $(api GET "$P/providers/$id" | jq -r .status) == APPLIED ]] && api POST "$P/providers/$id/review" > /dev/null
  echo "$id"
}
mcn=$(provider '{"name":"Kuaiyu MCN","type":"MCN","categories":["apparel","kidswear","beauty"],"regions":["Hangzhou","Guangzhou"],"capabilities":["LIVE_OPERATIONS","AD_OPTIMIZATION","CONTENT"],"capacity":30,"declaredServedGmv":"1200000000.00"}' 3)
xmcn=$(provider '{"name":"Xingyao MCN","type":"MCN","categories":["beauty","food","kidswear"],"regions":["Guangzhou","Linyi","Hangzhou"],"capabilities":["CONTENT","AD_OPTIMIZATION","PRIVATE_DOMAIN"],"capacity":15,"declaredServedGmv":"80000000.00"}' 3)
pbelt=$(provider '{"name":"Zhili Belt Services","type":"INDUSTRIAL_BELT","categories":["kidswear","home","food"],"regions":["Zhili, Huzhou","Linyi","Yiwu"],"capabilities":["ACCOUNT_LAUNCH","PRODUCT_SELECTION","SKU_MANAGEMENT"],"capacity":20,"declaredServedGmv":"150000000.00"}' 2)
abelt=$(provider '{"name":"Yiwu-Zhili Belt Alliance","type":"INDUSTRIAL_BELT","categories":["home","food"],"regions":["Yiwu","Zhili, Huzhou"],"capabilities":["PRODUCT_SELECTION","SKU_MANAGEMENT","LIVE_OPERATIONS"],"capacity":10,"declaredServedGmv":"40000000.00"}' 2)
pbrand=$(provider '{"name":"Brand Self-Broadcast Partners","type":"BRAND","categories":["apparel","beauty"],"regions":["Shanghai","Hangzhou"],"capabilities":["LIVE_OPERATIONS","PRIVATE_DOMAIN","TEAM_MANAGEMENT"],"capacity":10,"declaredServedGmv":"300000000.00"}' 2)
rejected=$(provider '{"name":"Fly-by-night MCN","type":"MCN","categories":["beauty"],"regions":["Guangzhou"],"capabilities":["CONTENT"],"capacity":5,"declaredServedGmv":"2000000.00"}' 1)
for u in p-mcn:$mcn p-belt:$pbelt p-brand:$pbrand; do "$KC" set-claim "${u%%:*}" provider_id "${u#*:}"; done
echo "demo providers: p-mcn=$mcn xingyao=$xmcn p-belt=$pbelt alliance=$abelt p-brand=$pbrand (admitted), $rejected (rejected: $(api GET "$P/providers/$rejected" | jq -r .status))"

# --- 3. engagements that happened before the platform used this suite, imported once per source reference. matching
# measures each outcome from the ledger as it received it; the source's figure (reportedOutcome.gmvDuring, what the
# ledger above holds for the served days) is checked against it, so the import waits until matching has that ledger.
imported() { [[ $(api GET "$X/engagements/imports?sourceReference=$1&size=1" | jq .total) != 0 ]]; }
import() { # REFERENCE MERCHANT PROVIDER NEEDS(csv) TERM KPI COMMISSION FROM TO RATING(r/c/p) REPORTED_GMV_DURING [LEDGER_ENTRIES]
  imported "$1" && return 0
  await "matching's read model of merchant $2 with its ${12:-2} ledger entries" "$X/read-models/merchants/$2" ".registered and .ledgerEntries >= ${12:-2}"
  await "matching's read model of provider $3" "$X/read-models/providers/$3" '.id != null'
  local body; body=$(jq -nc --arg ref "$1" --arg m "$2" --arg p "$3" --arg needs "$4" --argjson term "$5" --arg kpi "$6" \
    --argjson bps "$7" --arg from "$8" --arg to "$9" --arg rating "${10}" --arg during "${11}" \
    '{sourceReference:$ref, merchantId:$m, providerId:$p, needs:($needs | split(",")), term:$term, kpiCommitment:{gmvTarget:($kpi | tonumber)},
      commissionBps:$bps, servedFrom:$from, servedTo:$to, rating:($rating | split("/") | map(tonumber) | {results:.[0], communication:.[1], professionalism:.[2]}),
      reportedOutcome:{gmvDuring:($during | tonumber)}}')
  api POST "$X/engagements/imports" "$body" > /dev/null
}
LIVE=LIVE_OPERATIONS
import demo-crm:2021:p-brand:m-brand  "$brand"     "$pbrand" "$LIVE,PRIVATE_DOMAIN,TEAM_MANAGEMENT" 4 8000000 600 2021-08-01 2021-11-30 5/5/4 9000000
import demo-crm:2021:p-brand:m-45     "${mid[45]}" "$pbrand" "$LIVE,PRIVATE_DOMAIN" 6 3000000 700 2021-07-01 2021-12-31 4/4/4 "${h2[45]}"
import demo-crm:2021:p-brand:m-27     "${mid[27]}" "$pbrand" "$LIVE,TEAM_MANAGEMENT" 4 1800000 700 2021-08-01 2021-11-30 5/4/5 "${h2[27]}"
import demo-crm:2021:p-mcn:m-20       "${mid[20]}" "$mcn"    "$LIVE,AD_OPTIMIZATION,CONTENT" 4 1200000 900 2021-08-01 2021-11-30 5/5/5 "${h2[20]}"
import demo-crm:2021:p-mcn:m-32       "${mid[32]}" "$mcn"    "AD_OPTIMIZATION,CONTENT" 4 2000000 900 2021-07-01 2021-10-31 4/5/4 "${h2[32]}"
import demo-crm:2021:xingyao:m-38     "${mid[38]}" "$xmcn"   "CONTENT,PRIVATE_DOMAIN" 6 2000000 1000 2021-07-01 2021-12-31 4/4/3 "${h2[38]}"
import demo-crm:2021:xingyao:m-11     "${mid[11]}" "$xmcn"   "CONTENT,AD_OPTIMIZATION" 4 800000 1000 2021-07-01 2021-10-31 2/3/3 "${h2[11]}"
import demo-crm:2021:p-belt:m-19      "${mid[19]}" "$pbelt"  "PRODUCT_SELECTION,SKU_MANAGEMENT" 4 1200000 800 2021-08-01 2021-11-30 5/4/4 "${h2[19]}"
import demo-crm:2021:p-belt:m-46      "${mid[46]}" "$pbelt"  "ACCOUNT_LAUNCH,SKU_MANAGEMENT" 6 2500000 800 2021-07-01 2021-12-31 4/4/4 "${h2[46]}"
import demo-crm:2021:alliance:m-34    "${mid[34]}" "$abelt"  "PRODUCT_SELECTION,$LIVE" 4 2000000 800 2021-07-01 2021-10-31 3/4/4 "${h2[34]}"
import demo-crm:recent:p-brand:m-brand "$brand"    "$pbrand" "$LIVE,PRIVATE_DOMAIN,TEAM_MANAGEMENT" 6 100000000 500 "$recent_from" "$recent_to" 5/5/5 "$served_recent" $((2 + ${#recent[@]}))
IMPORTS=$(all "$X/engagements/imports")
echo "demo imports: $(wc -l <<< "$IMPORTS") engagements recorded after the fact, the latest served $recent_from..$recent_to"

# --- 4. live sessions replayed through telemetry (telemetry-feeder's client-credentials token), found by merchant and title
operator=$(api GET "$P/providers/$mcn/operators" | jq -r '.items[0].id')
session() { # MERCHANT PROVIDER OPERATOR PROFILE TITLE TARGET: the session's id; scheduled once, started, replayed and ended while it is not
  local found id status started body
  found=$(all "$S/sessions?merchantId=$1" | jq -c --arg t "$5" 'select(.title == $t)' | head -1)
  if [[ -z "$found" ]]; then
    body=$(jq -nc --arg m "$1" --arg p "$2" --arg o "$3" --arg t "$5" --arg g "$6" \
      '{merchantId:$m, providerId:(if $p == "" then null else $p end), operatorId:(if $o == "" then null else $o end), title:$t,
        scheduledStart:(now | todate), plannedMinutes:1, gmvTarget:($g | tonumber), adBudget:{PAID_PROMOTION:($g | tonumber / 10), FAN_BOOST:($g | tonumber / 20)}}')
    found=$(api POST "$S/sessions" "$body" "" "session-$(slug "$1-$5")")
  fi
  id=$(jq -r .id <<< "$found"); status=$(jq -r .status <<< "$found"); started=$(jq -r .startedAt <<< "$found")
  if [[ $status == SCHEDULED ]]; then started=$(api POST "$S/sessions/$id/start" | jq -r .startedAt); status=LIVE; fi
  if [[ $status == LIVE ]]; then # replayed (again, if a run stopped half-way: event ids make it exact) and ended
    python3 "$ROOT/scripts/replay-session.py" "$4" "$S" "$id" "$("$KC" client-token)" "$(date -d "$started" +%s%3N)" --airtime "$AIRTIME" >&2
    api POST "$S/sessions/$id/end" > /dev/null
  fi
  echo "$id"
}
baseline=$(session "$belt" "" "" B0 "Kids products, an ordinary day" 10000)
session "$brand" "$mcn" "$operator" A "Down jackets, Nov 25 (Session A, 1/100)" 200000 > "${TMPDIR:-/tmp}/demo-session-a.$$" &
replay_a=$!
sleep 5 # staggered; Session B's lift is read after its baseline (ended first) has closed with its final GMV
session_b=$(session "$belt" "$pbelt" "" B "Kids products, Nov 22 (Session B, 1/100)" 23000)
wait "$replay_a" || { echo "Session A's replay failed"; exit 1; }
session_a=$(cat "${TMPDIR:-/tmp}/demo-session-a.$$"); rm -f "${TMPDIR:-/tmp}/demo-session-a.$$"
echo "demo sessions: A=$session_a B=$session_b baseline=$baseline"

# --- 5. a campaign for the stalled merchants, proposed as engagements; accepted, activated, some completed. The story's
# campaign is the one that proposed engagements to its stalled merchants: found through their engagements.
stalled_ids=$(jq -nc --arg belt "$belt" '$ARGS.positional + [$belt]' --args $(for i in $(seq 1 14); do echo "${mid[$i]}"; done))
campaign=$(all "$X/engagements" | jq -r --argjson ids "$stalled_ids" 'select(.campaignId != null and (.merchantId as $m | $ids | index($m))) | .campaignId' | head -1)
if [[ -z "$campaign" ]]; then
  campaign=$(api POST "$X/campaigns" '{"cohort":"STALLED","earlier":"2021H1","later":"2021H2"}' "" "campaign-stalled-2021" | jq -r .id)
fi
for _ in $(seq 1 120); do [[ $(api GET "$X/campaigns/$campaign" | jq -r .status) != RUNNING ]] && break; sleep 0.5; done
[[ $(api GET "$X/campaigns/$campaign" | jq -r .status) == COMPLETED ]] || { echo "campaign $campaign did not complete"; exit 1; }
as() { # the token a party acts with: the demo user of that merchant or provider, else platform-admin
  case "$1" in
    "$brand") token m-brand ;; "$belt") token m-belt ;; "$creator") token m-creator ;;
    "$mcn") token p-mcn ;; "$pbelt") token p-belt ;; "$pbrand") token p-brand ;; *) echo "$TOKEN" ;;
  esac
}
n=0
for row in $(all "$X/engagements?campaignId=$campaign" | jq -r '"\(.id),\(.merchantId),\(.providerId),\(.status)"'); do
  IFS=, read -r e m p st <<< "$row"
  [[ $st == PROPOSED ]] && api POST "$X/engagements/$e/accept" "" "$(as "$m")" > /dev/null && st=ACCEPTED
  [[ $st == ACCEPTED ]] && api POST "$X/engagements/$e/activate" "" "$(as "$p")" > /dev/null && st=ACTIVE
  n=$((n + 1))
  if [[ $st == ACTIVE && $((n % 3)) != 0 ]]; then
    api POST "$X/engagements/$e/complete" "{\"rating\":{\"results\":$((3 + n % 3)),\"communication\":5,\"professionalism\":4}}" "$(as "$m")" > /dev/null
  fi
done
echo "demo campaign: $campaign, $n engagements"

# --- 6. leaderboards: 2021H2 (the imported engagements completed then) and this month (the campaign's completed today).
# provider-service credits the engagement events as they arrive: wait until it shows what the imports give (each
# provider's merchants whose leap the ledger shows: the recent import's among them), then compute.
while IFS=$'\t' read -r p leapt; do
  await "provider $p credited with $leapt merchants that leapt" "$P/providers/$p" ".merchantsLeapt >= $leapt"
done < <(jq -rs 'map(select(.engagement.outcome.leap)) | group_by(.engagement.providerId)[]
  | [.[0].engagement.providerId, (map(.engagement.merchantId) | unique | length)] | @tsv' <<< "$IMPORTS")
period=$(date -u +%Y-%m)
api POST "$P/leaderboards/2021H2/compute" > /dev/null
api POST "$P/leaderboards/$period/compute" > /dev/null

# --- summary, from the APIs
names=$(jq -n --arg a "$mcn" --arg b "$xmcn" --arg c "$pbelt" --arg d "$abelt" --arg e "$pbrand" \
  '{($a): "p-mcn", ($b): "Xingyao MCN", ($c): "p-belt", ($d): "Yiwu-Zhili Belt Alliance", ($e): "p-brand"}')
stalled=$(api GET "$M/merchants/stalled?earlier=2021H1&later=2021H2&size=1")
echo "summary: stalled share 2021H1 -> 2021H2: $(jq -r '"\(.stalledShare) (\(.total) of \(.activeMerchants) active merchants)"' <<< "$stalled")"
echo "summary: served vs unserved 2021H1 -> 2021H2: $(api GET "$X/insights/ecosystem?earlier=2021H1&later=2021H2" | jq -r \
  '"\(.servedMerchants) of \(.activeMerchants) active merchants served (\(.servedShare)); GMV growth served \(.served.growthRate) vs unserved \(.unserved.growthRate): served merchants grew \(.growthRatio)x as fast; leaps by provider type \(.leapsByProviderType | tojson)"')"
echo "summary: imported engagements: $(jq -rs --argjson n "$names" '"\(length), by \(map(.importedBy) | unique | join(", ")); \(map(select(.engagement.outcome.leap)) | length) with a leap; served GMV \(map(.engagement.outcome.gmvDuring) | add) CNY, by \(group_by(.engagement.providerId) | map("\($n[.[0].engagement.providerId]) \(length)") | join(", "))"' <<< "$IMPORTS")"
echo "summary: windmaker: $(api GET "$P/programs/windmaker" | jq -r '[(.tiers + .badges)[] | "\(.level) \(.providers)/\(.target)"] | join(", ")'); $(all "$P/providers" | jq -rs --argjson n "$names" \
  'map(select(.tier != "NONE" or .badge != "NONE")) | map("\($n[.id] // .name) tier \(.tier)\(if .badge != "NONE" then ", badge \(.badge)" else "" end) (served GMV of the last 12 months \(.servedGmv12m), merchants leapt \(.merchantsLeapt))") | join("; ")')"
echo "summary: campaign for the stalled merchants: objective $(api GET "$X/campaigns/$campaign" | jq -r '"\(.objective) (sum of scores), \(.assignedCount) of \(.cohortSize) merchants assigned, \(.solver.classes) classes, solved in \(.solver.solveMillis) ms"')"
for k in "$session_a:A" "$session_b:B"; do
  echo "summary: Session ${k#*:} (1/100): $(api GET "$S/sessions/${k%%:*}/kpis" | jq -r '"GMV \(.gmv), UV \(.uv), pay conversion \(.payConversionRate), UV value \(.uvValue), ROI \(.roiByChannel), reservations:buyers 1:\(.reservationToBuyerRatio), new buyers \(.newBuyerShare), lift vs baseline \(.gmvLiftVsBaseline), bestsellers \(.bestsellers | length)"')"
done
board() { # PERIOD: the period's leaderboards, cohort by cohort
  all "$P/leaderboards?period=$1" | jq -rs --argjson n "$names" 'group_by([.type, .category]) | map("\(.[0].type)/\(.[0].category): "
    + (sort_by(.rank) | map("#\(.rank) \($n[.providerId] // .providerId) \(.score)\(if .probation then " (probation)" else "" end)") | join(", "))) | join("; ")'
}
echo "summary: leaderboards 2021H2 (scores): $(board 2021H2)"
echo "summary: leaderboards $period (scores): $(board "$period")"
