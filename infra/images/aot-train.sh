#!/usr/bin/env bash
# The AOT cache's training run (JDK 25, JEP 483/514/515), at image build: starts the service in /app with
# -XX:AOTCacheOutput, makes it do what a running service does, stops it gracefully, and leaves /app/app.aot.
#
# With real dependencies (what infra/images.sh passes: throwaway ones it starts for the build and removes afterwards):
#   AOT_TRAINING_DB     host:port/database of a PostgreSQL (user AOT_TRAINING_DB_USER, default postgres; trust auth,
#                       no password): migrated first by a run of its own (not recorded: the services start with
#                       migrations off; the chart's hook Job runs them), then read and written by the training
#   AOT_TRAINING_KAFKA  a Kafka broker: the consumers join their groups and poll, the outbox relay publishes
#   AOT_TRAINING_OIDC   an issuer (infra/images/aot-issuer.py): OIDC discovery and JWKS as at a real start, and a token
#                       for the requests, fetched here over HTTP and never written anywhere
# the service starts as it does in production (connections, discovery, consumer groups), becomes ready, serves
# authenticated reads and a write per service (whose outbox event goes to Kafka), and the cache holds those classes:
# merchant-service loads 212 classes outside the cache until it is ready (dynamically generated proxies and lambda
# forms, mostly), against 1,279 when trained without them. Without them (a plain `docker build`), every dependency is
# unreachable (127.0.0.1:1) and the run covers start-up up to the probes only.
# Only /app/app.aot is kept: classes, linkage and profiles, no data (no row, record, key or token is in it).
# The runtime flags must be the training's (GC, heap mode): both come from JAVA_OPTS.
set -euo pipefail
cd /app
PORT="${AOT_TRAINING_PORT:-18080}"
SERVICE="${SERVICE:-service}"
LOG=/tmp/aot-training.log
export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" KPI_STATE_DIR=/tmp/aot-training-kpis
if [[ -n "${AOT_TRAINING_DB:-}" && -n "${AOT_TRAINING_KAFKA:-}" && -n "${AOT_TRAINING_OIDC:-}" ]]; then
  REAL=1
  export DB_JDBC_URL="jdbc:postgresql://$AOT_TRAINING_DB" DB_REACTIVE_URL="postgresql://$AOT_TRAINING_DB" \
    DB_USER="${AOT_TRAINING_DB_USER:-postgres}" DB_PASSWORD= KAFKA_BOOTSTRAP_SERVERS="$AOT_TRAINING_KAFKA" \
    OIDC_AUTH_SERVER_URL="$AOT_TRAINING_OIDC"
else
  REAL=
  export DB_JDBC_URL=jdbc:postgresql://127.0.0.1:1/training DB_REACTIVE_URL=postgresql://127.0.0.1:1/training \
    DB_USER=training DB_PASSWORD=training KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 OIDC_AUTH_SERVER_URL=http://127.0.0.1:1/realms/training
fi
cleanup() { rm -rf "$LOG" /tmp/aot-training-kpis /tmp/aot-response /tmp/vertx-cache; }
trap cleanup EXIT

if [[ -n $REAL ]]; then
  echo "aot-train: $SERVICE against real dependencies: PostgreSQL $AOT_TRAINING_DB, Kafka $AOT_TRAINING_KAFKA, issuer $AOT_TRAINING_OIDC"
  # shellcheck disable=SC2086
  QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_INIT_AND_EXIT=true java $JAVA_OPTS -jar quarkus-run.jar > "$LOG" 2>&1 \
    || { echo "aot-train: the migration run failed:"; tail -40 "$LOG"; exit 1; }
else
  echo "aot-train: $SERVICE with its dependencies unreachable (no AOT_TRAINING_DB/KAFKA/OIDC given)"
fi
export QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_FLYWAY_ACTIVE=false # as the Deployment runs it (k8s/livecommerce)
# shellcheck disable=SC2086
java $JAVA_OPTS -XX:AOTCacheOutput=/app/app.aot -Xlog:aot=warning -jar quarkus-run.jar > "$LOG" 2>&1 &
pid=$!

TOKEN=
# request METHOD PATH [BODY] -> the status line; the answer in /tmp/aot-response (bash only: the image has no curl)
request() {
  local head
  head="$1 $2 HTTP/1.1"$'\r\n'"Host: localhost"$'\r\n'"Accept: application/json"$'\r\n'"Connection: close"$'\r\n'
  [[ -n $TOKEN ]] && head+="Authorization: Bearer $TOKEN"$'\r\n'
  if [[ $1 == POST ]]; then
    head+="Content-Type: application/json"$'\r\n'"Content-Length: ${#3}"$'\r\n'"Idempotency-Key: aot-training-$RANDOM$RANDOM"$'\r\n'
  fi
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf '%s\r\n%s' "$head" "${3:-}" >&3
  cat <&3 > /tmp/aot-response || true
  exec 3>&-
  head -1 /tmp/aot-response | tr -d '\r'
}
say() { echo "aot-train: $1 $2 -> $(request "$@" 2> /dev/null || echo 'no answer')"; }
created_id() { sed -n 's/.*"id" *: *"\([0-9a-f-]\{36\}\)".*/\1/p' /tmp/aot-response | head -1; }
# token: a platform-admin access token from the training issuer (HTTP GET, bash only)
token() {
  local rest=${AOT_TRAINING_OIDC#http://} hostport path
  hostport=${rest%%/*}; path=/${rest#*/}
  exec 4<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || return 1
  printf 'GET %s/token?groups=platform-admin HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&4
  sed '1,/^\r$/d' <&4
  exec 4>&-
}

wanted=/q/health/live; [[ -n $REAL ]] && wanted=/q/health/ready
for i in $(seq 1 240); do
  if request GET "$wanted" 2> /dev/null | grep -q ' 200'; then echo "aot-train: $wanted answers 200 after ~$((i / 2)) s"; break; fi
  kill -0 "$pid" 2> /dev/null || { echo "aot-train: the service exited during training:"; tail -40 "$LOG"; exit 1; }
  [[ $i == 240 ]] && echo "aot-train: $wanted did not answer 200 within 120 s; training on"
  sleep 0.5
done

exercise() { # the requests of one round: what probes, scrapers and clients ask
  local path id
  for path in /q/health/started /q/health/live /q/health/ready /q/health /q/metrics /q/openapi "/no-such-path?size=abc"; do
    say GET "$path"
  done
  TOKEN=not.a.token; say GET /q/health/ready; TOKEN=
  [[ -n $REAL ]] || return 0
  TOKEN=$(token); [[ -n $TOKEN ]] || { echo "aot-train: no token from the issuer"; return 0; }
  say GET /no-such-resource
  case "$SERVICE" in
    merchant-service)
      say GET "/merchants?size=5"
      say POST /merchants '{"name":"AOT training merchant '"$RANDOM$RANDOM"'","kind":"BRAND","category":"apparel","region":"Hangzhou","followers":1000,"trustRights":true}'
      id=$(created_id)
      if [[ -n $id ]]; then
        say GET "/merchants/$id"
        say POST "/merchants/$id/gmv" '[{"date":"2021-05-20","gmv":"1000.00","orders":10,"sourceId":"aot-'"$RANDOM"'"}]'
      fi
      say GET "/merchants/stalled?earlier=2021H1&later=2021H2&size=1" ;;
    provider-service)
      say GET "/providers?size=5"
      say POST /providers '{"name":"AOT training provider '"$RANDOM$RANDOM"'","type":"MCN","categories":["apparel"],"regions":["Hangzhou"],"capabilities":["LIVE_OPERATIONS"],"capacity":3,"declaredServedGmv":"1000000.00"}'
      id=$(created_id)
      if [[ -n $id ]]; then
        say GET "/providers/$id"
        say GET "/providers/$id/operators?size=5"
      fi
      say GET /programs/windmaker ;;
    session-service)
      say GET "/sessions?size=5"
      say POST /sessions '{"merchantId":"00000000-0000-4000-8000-000000000001","title":"AOT training","scheduledStart":"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'","plannedMinutes":1,"gmvTarget":1000,"adBudget":{"PAID_PROMOTION":100}}'
      id=$(created_id)
      [[ -n $id ]] && say GET "/sessions/$id"
      [[ -n $id ]] && say GET "/sessions/$id/kpis" ;;
    matching-service)
      say GET "/campaigns?size=5"
      say GET "/engagements?size=5"
      say GET "/engagements/imports?size=1"
      say GET /read-models/merchants/00000000-0000-4000-8000-000000000001
      say GET "/insights/ecosystem?earlier=2021H1&later=2021H2" ;;
  esac
  TOKEN=
}
exercise
# the outbox relay publishes the write, the consumers poll, scheduled jobs run: then once more
[[ -n $REAL ]] && sleep "${AOT_TRAINING_SETTLE:-5}"
exercise
kill -TERM "$pid"
wait "$pid" || true
grep -i 'aot\|error' "$LOG" | grep -v '^\s*$' | tail -5 || true
[[ -s /app/app.aot ]] || { echo "aot-train: no AOT cache written"; tail -40 "$LOG"; exit 1; }
echo "aot-train: $(du -h /app/app.aot | cut -f1) AOT cache written"
