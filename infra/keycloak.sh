#!/usr/bin/env bash
# A real Keycloak (26.5.5, from Maven Central) on 127.0.0.1:8180 with realm livecommerce, for the local run and the
# end-to-end test. Runs on the Temurin 25 JDK of these machines (KEYCLOAK_JAVA_HOME to override).
# usage: infra/keycloak.sh start | stop | status
#        infra/keycloak.sh run                         in the foreground (the Keycloak container image's entrypoint)
#        infra/keycloak.sh token USER                  an access token of a demo user (password grant, platform-console)
#        infra/keycloak.sh client-token                a token of telemetry-feeder (client credentials)
#        infra/keycloak.sh set-claim USER NAME VALUE   sets a user's merchant_id / provider_id / operator_id (admin API)
#        infra/keycloak.sh ensure-clients              creates the realm file's clients a store made from an older realm file lacks
#                                                      (e.g. staff-console, the console's client; admin API)
# Data (dev H2 store, log) under .local/keycloak (KEYCLOAK_DATA; port KEYCLOAK_PORT, management port +100); the realm file is infra/keycloak/livecommerce-realm.json: after
# changing it, `infra/keycloak.sh stop && rm -rf .local/keycloak` so the next start imports it again.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${KEYCLOAK_DATA:-$ROOT/.local/keycloak}"
VERSION=26.5.5
DIST="$ROOT/infra/keycloak/target/keycloak-$VERSION"
PORT="${KEYCLOAK_PORT:-8180}"
MGMT_PORT=$((PORT + 100))
URL="http://127.0.0.1:$PORT"
REALM=livecommerce
ADMIN_USER=admin
ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}"
mkdir -p "$DIR"

running() { [[ -f "$DIR/pid" ]] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }
ready() { curl -fs -o /dev/null "http://127.0.0.1:$MGMT_PORT/health/ready"; }

java_home() {
  if [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
  local jdk
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [[ -x "$jdk/bin/java" ]] && { echo "$jdk"; return; }
  done
  echo "keycloak: needs a JDK 21 or newer (Temurin 25 on these machines); set KEYCLOAK_JAVA_HOME" >&2; exit 1
}

admin_token() {
  curl -fs -d grant_type=password -d client_id=admin-cli -d "username=$ADMIN_USER" -d "password=$ADMIN_PASSWORD" \
    "$URL/realms/master/protocol/openid-connect/token" | jq -r .access_token
}

case "${1:-status}" in
  run)
    # the realm file is imported from the distribution's data/import, put there when the image was built
    export JAVA_HOME="$(java_home)" KC_BOOTSTRAP_ADMIN_USERNAME=$ADMIN_USER KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
      KC_DB_URL_PATH="$DIR/h2" JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}"
    exec "$DIST/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" --http-management-port="$MGMT_PORT" \
      --hostname="$URL" --import-realm --health-enabled=true --db-url-database="$DIR/h2/keycloakdb" ;;
  start)
    if running && ready; then echo "keycloak: already running (pid $(cat "$DIR/pid")) on $URL"; exit 0; fi
    if ! running; then
      if [[ ! -x "$DIST/bin/kc.sh" ]]; then
        echo "keycloak: fetching keycloak-quarkus-dist $VERSION from Maven Central (165 MB, once)"
        "$ROOT/mvnw" -q -B -f "$ROOT/infra/keycloak/pom.xml" package
      fi
      mkdir -p "$DIST/data/import"
      cp "$ROOT/infra/keycloak/livecommerce-realm.json" "$DIST/data/import/livecommerce-realm.json"
      JAVA_HOME="$(java_home)" KC_BOOTSTRAP_ADMIN_USERNAME=$ADMIN_USER KC_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
      KC_DB_URL_PATH="$DIR/h2" JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
        nohup "$DIST/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" --http-management-port="$MGMT_PORT" \
          --hostname="$URL" --import-realm --health-enabled=true --db-url-database="$DIR/h2/keycloakdb" \
          > "$DIR/keycloak.log" 2>&1 &
      echo $! > "$DIR/pid"
    fi
    for _ in $(seq 1 240); do
      if ready; then echo "keycloak: up on $URL (realm $REALM, admin console $URL/admin, pid $(cat "$DIR/pid"))"; exit 0; fi
      running || { echo "keycloak: failed to start, see $DIR/keycloak.log"; tail -20 "$DIR/keycloak.log"; exit 1; }
      sleep 0.5
    done
    echo "keycloak: not ready after 120 s, see $DIR/keycloak.log"; exit 1 ;;
  stop)
    if running; then
      pkill -TERM -P "$(cat "$DIR/pid")" 2>/dev/null || true; kill "$(cat "$DIR/pid")" 2>/dev/null || true
      for _ in $(seq 1 60); do running || break; sleep 0.5; done
    fi
    rm -f "$DIR/pid"; echo "keycloak: stopped" ;;
  status)
    if running && ready; then echo "keycloak: running (pid $(cat "$DIR/pid")) on $URL, ready"
    elif running; then echo "keycloak: running (pid $(cat "$DIR/pid")) on $URL, NOT ready"
    else echo "keycloak: not running"; fi ;;
  token)
    curl -fs -d grant_type=password -d client_id=platform-console -d "username=$2" -d "password=$2" \
      "$URL/realms/$REALM/protocol/openid-connect/token" | jq -r .access_token ;;
  client-token)
    curl -fs -d grant_type=client_credentials -d client_id=telemetry-feeder -d client_secret=telemetry-secret \
      "$URL/realms/$REALM/protocol/openid-connect/token" | jq -r .access_token ;;
  set-claim)
    user=$2; name=$3; value=$4
    case "$name" in merchant_id|provider_id|operator_id) ;; *) echo "keycloak: unknown claim $name" >&2; exit 2 ;; esac
    admin=$(admin_token)
    api="$URL/admin/realms/$REALM"
    # the claims are admin-managed attributes: users can neither see nor change them in the account console
    profile=$(curl -fs -H "Authorization: Bearer $admin" "$api/users/profile")
    if [[ $(jq -r '.unmanagedAttributePolicy // ""' <<< "$profile") != ADMIN_EDIT ]]; then
      jq '.unmanagedAttributePolicy = "ADMIN_EDIT"' <<< "$profile" \
        | curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d @- "$api/users/profile"
    fi
    id=$(curl -fs -H "Authorization: Bearer $admin" "$api/users?username=$user&exact=true" | jq -r '.[0].id // empty')
    [[ -n "$id" ]] || { echo "keycloak: no user $user in realm $REALM" >&2; exit 1; }
    curl -fs -H "Authorization: Bearer $admin" "$api/users/$id" \
      | jq --arg n "$name" --arg v "$value" '.attributes = ((.attributes // {}) + {($n): [$v]})' \
      | curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d @- "$api/users/$id" ;;
  ensure-clients)
    admin=$(admin_token)
    api="$URL/admin/realms/$REALM/clients"
    for client in $(jq -r '.clients[].clientId' "$ROOT/infra/keycloak/livecommerce-realm.json"); do
      if [[ $(curl -fs -H "Authorization: Bearer $admin" "$api?clientId=$client" | jq length) == 0 ]]; then
        jq --arg c "$client" '.clients[] | select(.clientId == $c)' "$ROOT/infra/keycloak/livecommerce-realm.json" \
          | curl -fs -o /dev/null -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d @- "$api"
        echo "keycloak: client $client created"
      fi
    done ;;
  *) echo "usage: $0 start|stop|status|run|token USER|client-token|set-claim USER NAME VALUE|ensure-clients"; exit 2 ;;
esac
