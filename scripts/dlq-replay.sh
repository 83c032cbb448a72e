#!/usr/bin/env bash
# Replays a dead-letter topic to the topic its records came from, once (scripts/DlqReplay.java; k8s/README.md,
# "Dead letters"). Runs on Java 17+ with the Kafka client jars of infra/kafka (fetched from Maven Central on first use).
# usage: scripts/dlq-replay.sh --bootstrap HOST:PORT --dlq <service>.<topic>.dlq [--to TOPIC] [--dry-run] [--max N]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LIBS="$ROOT/infra/kafka/target/libs"
[[ -d "$LIBS" ]] || "$ROOT/mvnw" -q -B -f "$ROOT/infra/kafka/pom.xml" package
exec java -cp "$LIBS/*" "$ROOT/scripts/DlqReplay.java" "$@"
