#!/usr/bin/env bash
# A real Kafka broker (KRaft, single node) on 127.0.0.1:9092 for the local run and benchmarks.
# usage: infra/kafka.sh start|stop|status   (data and log under .local/kafka)
#        infra/kafka.sh run                  in the foreground (the Kafka container image's entrypoint: infra/images/kafka)
# KAFKA_PORT (default 9092; the controller listens on the next port) and KAFKA_DATA (default .local/kafka) run another
# broker beside it, e.g. the benchmarks' own (bench/telemetry.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${KAFKA_DATA:-$ROOT/.local/kafka}"
LIBS="$ROOT/infra/kafka/target/libs"
PORT="${KAFKA_PORT:-9092}"
mkdir -p "$DIR"

running() { [[ -f "$DIR/pid" ]] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }

configure() {
    cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$((PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
    if [[ ! -f "$DIR/data/meta.properties" ]]; then
      java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid)" \
        -c "$DIR/server.properties" > "$DIR/format.log" 2>&1
    fi
}

case "${1:-status}" in
  run)
    configure
    echo "kafka: starting on 127.0.0.1:$PORT (data in $DIR)"
    exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -cp "$LIBS/*" kafka.Kafka "$DIR/server.properties" ;;
  start)
    if running; then echo "kafka: already running (pid $(cat "$DIR/pid")) on 127.0.0.1:$PORT"; exit 0; fi
    if [[ ! -d "$LIBS" ]]; then
      echo "kafka: fetching the broker jars from Maven Central"
      "$ROOT/mvnw" -q -B -f "$ROOT/infra/kafka/pom.xml" package
    fi
    configure
    nohup java -Xms256m -Xmx512m -cp "$LIBS/*" kafka.Kafka "$DIR/server.properties" > "$DIR/kafka.log" 2>&1 &
    echo $! > "$DIR/pid"
    # up to 120 s: a loaded machine (builds and tests of others on the same cores) has taken over 30 s
    for _ in $(seq 1 240); do
      if (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then echo "kafka: up on 127.0.0.1:$PORT (pid $(cat "$DIR/pid"))"; exit 0; fi
      running || { echo "kafka: failed to start, see $DIR/kafka.log"; tail -20 "$DIR/kafka.log"; exit 1; }
      sleep 0.5
    done
    echo "kafka: not listening after 120 s, see $DIR/kafka.log"; exit 1 ;;
  stop)
    if running; then kill "$(cat "$DIR/pid")"; for _ in $(seq 1 40); do running || break; sleep 0.5; done; fi
    rm -f "$DIR/pid"; echo "kafka: stopped" ;;
  status)
    if running; then echo "kafka: running (pid $(cat "$DIR/pid")) on 127.0.0.1:$PORT"; else echo "kafka: not running"; fi ;;
  *) echo "usage: $0 start|stop|status|run"; exit 2 ;;
esac
