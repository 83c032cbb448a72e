#!/usr/bin/env bash
# The AOT cache's training run (JDK 25, JEP 483/514/515), at image build: starts the service in /app with
# -XX:AOTCacheOutput, asks it what the probes and a client ask at start-up (health, metrics, an unauthenticated and a
# malformed request), stops it gracefully, and leaves /app/app.aot. Its dependencies are unreachable on purpose
# (127.0.0.1:1), so the build needs no PostgreSQL, Kafka or OIDC server and learns nothing about anyone's data; what
# start-up loads until it is ready is what the cache holds. The runtime flags must be the training's (GC, heap mode):
# both come from JAVA_OPTS.
set -euo pipefail
cd /app
PORT="${AOT_TRAINING_PORT:-18080}"
export QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT"
export DB_JDBC_URL=jdbc:postgresql://127.0.0.1:1/training DB_REACTIVE_URL=postgresql://127.0.0.1:1/training DB_USER=training DB_PASSWORD=training
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 OIDC_AUTH_SERVER_URL=http://127.0.0.1:1/realms/training KPI_STATE_DIR=/tmp/aot-training-kpis
export QUARKUS_FLYWAY_MIGRATE_AT_START=false
# shellcheck disable=SC2086
java $JAVA_OPTS -XX:AOTCacheOutput=/app/app.aot -Xlog:aot=warning -jar quarkus-run.jar > /tmp/aot-training.log 2>&1 &
pid=$!

get() { # GET path -> status line (bash only: the image has no curl)
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n%s\r\n' "$1" "${2:-}" >&3
  head -1 <&3 || true
  exec 3>&-
}

for _ in $(seq 1 240); do
  if get /q/health/live 2>/dev/null | grep -q ' 200'; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "aot-train: the service exited during training:"; tail -40 /tmp/aot-training.log; exit 1; }
  sleep 0.5
done
for _ in 1 2 3; do
  for path in /q/health/started /q/health/live /q/health/ready /q/health /q/metrics /q/openapi "/no-such-path?size=abc"; do
    echo "aot-train: GET $path -> $(get "$path" | tr -d '\r')"
  done
  echo "aot-train: GET with a malformed bearer token -> $(get /q/health/ready 'Authorization: Bearer not.a.token'$'\r\n' | tr -d '\r')"
done
kill -TERM "$pid"
wait "$pid" || true
grep -i 'aot\|error' /tmp/aot-training.log | grep -v '^\s*$' | tail -5 || true
[[ -s /app/app.aot ]] || { echo "aot-train: no AOT cache written"; tail -40 /tmp/aot-training.log; exit 1; }
echo "aot-train: $(du -h /app/app.aot | cut -f1) AOT cache written"
rm -rf /tmp/aot-training.log /tmp/aot-training-kpis
