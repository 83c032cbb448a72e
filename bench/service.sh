# Sourced by the benchmarks: starts one service from its jar against PostgreSQL database $DB and
# the standalone Kafka (BENCH_KAFKA, default 127.0.0.1:9092), with tokens verified locally (bench/jwt.sh), and waits until it is ready.
# usage: start_service NAME PORT DB   (sets PID and READY_MS; the caller's EXIT trap stops it)
start_service() {
  local name=$1 port=$2 db=$3
  if [[ ${BUILD:-0} == 1 || ! -f $name-service/target/quarkus-app/quarkus-run.jar ]]; then
    ./mvnw -q -B package -DskipTests -pl "$name-service" -am
  fi
  infra/kafka.sh start
  psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres "$db"
  local start_ns; start_ns=$(date +%s%N)
  DB_REACTIVE_URL=postgresql://127.0.0.1:5432/$db DB_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$db \
  KAFKA_BOOTSTRAP_SERVERS=${BENCH_KAFKA:-127.0.0.1:9092} \
    java ${JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$(bench/jwt.sh --public-key)" \
         -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.quarkus\".level=INFO \
         -jar "$name-service/target/quarkus-app/quarkus-run.jar" > "$OUT/$name-service.log" 2>&1 &
  PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 $PID 2>/dev/null || { echo "$name-service died:"; tail -30 "$OUT/$name-service.log"; exit 1; }
    sleep 0.05
  done
  READY_MS=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}
