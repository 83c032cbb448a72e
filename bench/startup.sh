#!/usr/bin/env bash
# Benchmark: start-up time and idle RSS of the four services side by side, in one run:
#   jdk17      the packaged fast-jar on the machine's JDK 17 (what ./suite up runs): java -jar target/quarkus-app/quarkus-run.jar
#   image      the service's image (livecommerce/<service>:latest, infra/images.sh): JDK 25, uber-jar, AOT cache trained
#              at image build, C1 only, SerialGC; docker run --network host --read-only, the image's non-root user
#   image-noaot the same image and flags without the AOT cache (its effect alone)
# Every variant gets the heap flags the Helm chart gives the service in production (JAVA_TOOL_OPTIONS from
# values-prod.yaml: -Xmx = heapPercent of the memory limit), migrations off (the chart runs them in a hook Job; the
# databases <service>_startup are migrated once before the measured runs), and the same PostgreSQL, Kafka
# (infra/kafka.sh, 127.0.0.1:9092) and Keycloak (infra/keycloak.sh, 127.0.0.1:8180; OIDC discovery is part of start-up).
# ready = from the launch (java, or docker run) until GET /q/health/ready answers 200; RSS = the JVM's VmRSS after
# 5 s idle, and of it RssAnon (without file-backed pages such as the mapped AOT cache). Rounds alternate the variants; the table gives the median of the rounds (and min-max).
# Output: bench/results/startup.txt, ending with one line per service for the image as shipped (the medians):
#   startup: <service> ready <s> s RSS <mb> MB
# Runs under flock ${BENCH_LOCK:-/tmp/livecommerce-bench.lock}.
# usage: bench/startup.sh [--rounds 3] [--services "merchant provider session matching"] [--variants "jdk17 image-noaot image"] [--image-tag latest]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS=3; SERVICES="merchant provider session matching"; VARIANTS="jdk17 image-noaot image"; TAG=latest
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --services) SERVICES="$2"; shift ;;
    --variants) VARIANTS="$2"; shift ;;
    --image-tag) TAG="$2"; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
RAW="$OUT/startup-raw.tsv"; : > "$RAW"
JDK17="${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
declare -A PORT=([merchant]=8081 [provider]=8082 [session]=8083 [matching]=8084)
# JAVA_TOOL_OPTIONS as the chart renders it with values-prod.yaml (memory limit x heapPercent)
declare -A HEAP=([merchant]="-Xmx460m -Xms64m" [provider]="-Xmx460m -Xms64m" [session]="-Xmx768m -Xms64m" [matching]="-Xmx512m -Xms64m")
CHART_OPTS="-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:MaxMetaspaceSize=128m -Xss512k"

for s in $SERVICES; do
  [[ -f $s-service/target/quarkus-app/quarkus-run.jar ]] || ./mvnw -q -B package -DskipTests -pl "$s-service" -am
  docker image inspect "livecommerce/$s-service:$TAG" > /dev/null 2>&1 || { echo "no image livecommerce/$s-service: infra/images.sh services"; exit 1; }
  if curl -fs -o /dev/null "http://127.0.0.1:${PORT[$s]}/q/health/live"; then echo "port ${PORT[$s]} is taken (./suite down first)"; exit 1; fi
done
infra/kafka.sh start > /dev/null
infra/keycloak.sh start > /dev/null

env_for() { # service -> the env every variant gets
  local s=$1
  echo "DB_REACTIVE_URL=postgresql://127.0.0.1:5432/${s}_startup DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/${s}_startup DB_USER=postgres DB_PASSWORD= KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 OIDC_AUTH_SERVER_URL=http://127.0.0.1:8180/realms/livecommerce QUARKUS_HTTP_PORT=${PORT[$s]} QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_FLYWAY_ACTIVE=false KPI_STATE_DIR=/tmp/startup-kpis-$s"
}

for s in $SERVICES; do
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists ${s}_startup with (force)" -c "create database ${s}_startup"
  # shellcheck disable=SC2046
  env $(env_for "$s") QUARKUS_FLYWAY_ACTIVE=true QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_INIT_AND_EXIT=true "$JDK17" -jar "$s-service/target/quarkus-app/quarkus-run.jar" \
    > "$OUT/startup-migrate-$s.log" 2>&1 || { echo "$s: migration failed, see $OUT/startup-migrate-$s.log"; exit 1; }
  # an inactive Flyway skips the migration without a word: check that the schema is there
  [[ $(psql -qtA -h 127.0.0.1 -U postgres -d "${s}_startup" -c "select count(*) from flyway_schema_history where success" 2>/dev/null) -gt 0 ]] \
    || { echo "$s: no migration applied to ${s}_startup, see $OUT/startup-migrate-$s.log"; exit 1; }
done

wait_ready() { # port pid-or-container start_ns -> echoes ms
  # polls every 20 ms; whether the process still lives is asked every 25th poll only: `docker inspect` takes ~30 ms of
  # CPU (client and daemon) that the starting JVM would otherwise lose on each poll of a 2-core machine
  # (and gives up after 120 s: a service that never gets ready fails the benchmark instead of hanging it)
  local port=$1 alive=$2 t0=$3 i=0 deadline=$((SECONDS + 120))
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    if (( ++i % 25 == 0 )); then eval "$alive" || { echo "died"; return 1; }; fi
    (( SECONDS < deadline )) || { echo "not ready after 120 s"; return 1; }
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
# VmRSS, and of it the anonymous part (heap, metaspace, code, threads): the rest is file-backed, mostly the AOT cache
# mapped read-only (clean pages the kernel can drop and share)
rss_mb() { awk '/VmRSS/{r=$2} /RssAnon/{a=$2} END{printf "%d/%d", r/1024, a/1024}' "/proc/$1/status"; }

measure() { # variant service
  local v=$1 s=$2 port=${PORT[$2]} t0 ms rss pid log="$OUT/startup-$1-$2.log"
  rm -rf "/tmp/startup-kpis-$s"
  t0=$(date +%s%N)
  case "$v" in
    jdk17)
      # shellcheck disable=SC2046
      env $(env_for "$s") JAVA_TOOL_OPTIONS="${HEAP[$s]} $CHART_OPTS" "$JDK17" -jar "$s-service/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
      pid=$!
      ms=$(wait_ready "$port" "kill -0 $pid 2>/dev/null" "$t0") || { echo "$v $s: $ms"; tail -20 "$log"; kill "$pid" 2>/dev/null; exit 1; }
      sleep 5; rss=$(rss_mb "$pid")
      kill "$pid"; wait "$pid" 2>/dev/null || true ;;
    image|image-noaot)
      local args=(--rm -d --name "startup-$s" --network host --read-only -v /tmp)
      # shellcheck disable=SC2046
      for e in $(env_for "$s"); do args+=(-e "$e"); done
      args+=(-e "JAVA_TOOL_OPTIONS=${HEAP[$s]} $CHART_OPTS")
      if [[ $v == image-noaot ]]; then
        args+=(--entrypoint /bin/bash "livecommerce/$s-service:$TAG" -c 'exec java $JAVA_OPTS -jar /app/quarkus-run.jar')
      else
        args+=("livecommerce/$s-service:$TAG")
      fi
      docker run "${args[@]}" > /dev/null
      ms=$(wait_ready "$port" "docker inspect startup-$s > /dev/null 2>&1" "$t0") || { echo "$v $s: $ms"; docker logs "startup-$s" 2>&1 | tail -20; docker rm -f "startup-$s" > /dev/null 2>&1; exit 1; }
      sleep 5; pid=$(docker inspect -f '{{.State.Pid}}' "startup-$s"); rss=$(rss_mb "$pid")
      docker logs "startup-$s" > "$log" 2>&1
      docker stop -t 20 "startup-$s" > /dev/null ;;
  esac
  printf '%s\t%s\t%s\t%s\n' "$s" "$v" "$ms" "$rss" >> "$RAW"
  printf '  %-9s %-12s ready %5d ms  RSS/anon %7s MB  (%s)\n' "$s" "$v" "$ms" "$rss" "$(grep -o 'started in [0-9.]*s' "$log" | head -1)"
}

exec 9> "${BENCH_LOCK:-/tmp/livecommerce-bench.lock}"
flock 9
echo "startup benchmark: $ROUNDS rounds ($VARIANTS, images :$TAG), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  echo "round $r"
  for s in $SERVICES; do
    for v in $VARIANTS; do measure "$v" "$s"; done
  done
done

python3 - "$RAW" > "$OUT/startup.txt" <<'EOF'
import sys, statistics, collections
rows = [l.split('\t') for l in open(sys.argv[1]).read().splitlines() if l]
by = collections.defaultdict(list)
for s, v, ms, rss in rows:
    total, anon = rss.split('/')
    by[(s, v)].append((int(ms), int(total), int(anon)))
services = list(dict.fromkeys(r[0] for r in rows))
print("| service | JDK 17 fast-jar: ready, RSS (anon) | image JDK 25 no AOT cache: ready, RSS (anon) | image JDK 25 + AOT cache: ready, RSS (anon) | AOT image vs JDK 17 |")
print("| --- | --- | --- | --- | --- |")
def cell(xs):
    if not xs:
        return "-"
    ms = [x[0] for x in xs]; rss = [x[1] for x in xs]; anon = [x[2] for x in xs]
    return f"{statistics.median(ms)/1000:.2f} s ({min(ms)/1000:.2f}-{max(ms)/1000:.2f}), {int(statistics.median(rss))} MB ({int(statistics.median(anon))})"
for s in services:
    a, b, c = by[(s, 'jdk17')], by[(s, 'image-noaot')], by[(s, 'image')]
    ratio = f"{statistics.median([x[0] for x in a]) / statistics.median([x[0] for x in c]):.2f}x faster" if a and c else "-"
    print(f"| {s}-service | {cell(a)} | {cell(b)} | {cell(c)} | {ratio} |")
print()
for s in services:
    c = by[(s, 'image')]
    if c:
        print(f"startup: {s}-service ready {statistics.median([x[0] for x in c])/1000:.2f} s RSS {int(statistics.median([x[1] for x in c]))} MB")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT/startup.txt"
