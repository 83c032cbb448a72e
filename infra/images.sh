#!/usr/bin/env bash
# Builds the container images locally, with no registry: nothing is pulled.
# usage: infra/images.sh [all|base|jdk|infra|services|list]      (default: all)
#   base      local/debian:bookworm          debootstrap --variant=minbase bookworm, then docker import (~1 min, once)
#   jdk       livecommerce/jdk:25             the base plus this machine's Temurin 25 JDK: the services' build stage and
#                                             the Kafka and Keycloak images' runtime
#   infra     livecommerce/postgres:15, livecommerce/kafka:4.1.2, livecommerce/keycloak:26.5.5 (with realm livecommerce)
#             for the Testcontainers end-to-end test (e2e, -De2e.runtime=containers)
#   services  livecommerce/<service>:latest and :<project version> (the chart's default tag) from <service>/src/main/docker/Dockerfile.jvm (JDK 25, AOT cache), with
#             BUILDER_IMAGE=livecommerce/jdk:25 and BASE_IMAGE=local/debian:bookworm. The AOT cache is trained against real
#             dependencies the build starts and removes: a database <service>_aot_training on the machine's PostgreSQL
#             (AOT_TRAINING_PG, default 127.0.0.1:5432, trust auth), a Kafka broker (infra/kafka.sh on
#             AOT_TRAINING_KAFKA_PORT, default 19392, data under infra/images/target) and an issuer
#             (infra/images/aot-issuer.py on AOT_TRAINING_ISSUER_PORT, default 19480); AOT_TRAINING_OFF=1 (or no
#             PostgreSQL) trains with every dependency unreachable instead (start-up up to the probes only)
# The base and the JDK image are kept once they exist; a test image is rebuilt when its inputs changed (a hash label);
# a service image is always built, and Docker's layer cache makes that quick unless its sources changed. REBUILD=1
# builds everything again. Needs a Docker engine: infra/docker.sh ensure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BASE=local/debian:bookworm
JDK=livecommerce/jdk:25
JDK_HOME="${IMAGES_JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SERVICES=(merchant-service provider-service session-service matching-service)
STAGE="$ROOT/infra/images/target"
TAG="${IMAGE_TAG:-latest}"
# the chart's default tag is its appVersion, the project's version: the services get that tag as well
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"

have() { [[ -z "${REBUILD:-}" ]] && docker image inspect "$1" > /dev/null 2>&1; }
# a test image is current when it was built from the same inputs (its files and the image it starts from): a hash of
# them is its label livecommerce.inputs; a change of infra/kafka.sh, say, rebuilds the Kafka image
inputs() { { docker image inspect -f '{{.Id}}' "$1"; shift; cat "$@"; } | sha256sum | cut -c1-16; }
current() { have "$1" && [[ "$(docker image inspect -f '{{index .Config.Labels "livecommerce.inputs"}}' "$1")" == "$2" ]]; }
say() { echo "images: $*"; }
# whether a Keycloak distribution was built (augmented) for start-dev: its persisted build options name the dev profile
built_for_start_dev() {
  python3 - "$1/lib/quarkus/generated-bytecode.jar" <<'PY'
import sys, zipfile
try:
    props = zipfile.ZipFile(sys.argv[1]).read("META-INF/keycloak-persisted.properties").decode()
except (OSError, KeyError, zipfile.BadZipFile):
    sys.exit(1)
sys.exit(0 if "kc.profile=dev" in props.splitlines() else 1)
PY
}
# the legacy builder: BuildKit needs the buildx plugin, which Debian's docker.io does not ship; --network host because
# bridge networks are not allowed here (RUN steps reach Debian's mirrors and Maven Central through the host)
build() { DOCKER_BUILDKIT=0 docker build --network host --force-rm -q "$@" > /dev/null; }

base() {
  if have "$BASE"; then say "$BASE present"; return; fi
  local rootfs; rootfs="$(mktemp -d /tmp/livecommerce-rootfs.XXXXXX)"
  say "debootstrap --variant=minbase bookworm (from Debian's mirror; about a minute)"
  debootstrap --variant=minbase bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$STAGE/debootstrap.log" 2>&1 \
    || { tail -20 "$STAGE/debootstrap.log"; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'ENV LANG=C.UTF-8' - "$BASE" > /dev/null
  rm -rf "$rootfs"
  say "$BASE imported ($(size "$BASE"))"
}

jdk() {
  if have "$JDK"; then say "$JDK present"; return; fi
  [[ -x "$JDK_HOME/bin/jlink" ]] || { say "no JDK 25 at $JDK_HOME (IMAGES_JDK_HOME)"; exit 1; }
  # the context is a copy (hard links) of the JDK in which the links out of it (Debian links cacerts to
  # /etc/ssl/certs/java/cacerts) are replaced by the files they point to
  rm -rf "$STAGE/jdk" && cp -al "$JDK_HOME" "$STAGE/jdk" 2> /dev/null || cp -a "$JDK_HOME" "$STAGE/jdk"
  find "$STAGE/jdk" -type l | while read -r link; do
    target="$(readlink -f "$link")"; rm "$link"; cp "$target" "$link"
  done
  build --build-arg BASE_IMAGE="$BASE" -t "$JDK" -f infra/images/jdk/Dockerfile "$STAGE/jdk"
  say "$JDK built ($(size "$JDK"))"
}

infra() {
  local img hash
  img=livecommerce/postgres:15
  hash=$(inputs "$BASE" infra/images/postgres/Dockerfile infra/images/postgres/entrypoint.sh)
  if current "$img" "$hash"; then say "$img current"; else
    build --build-arg BASE_IMAGE="$BASE" --label livecommerce.inputs="$hash" -t "$img" infra/images/postgres
    say "$img built ($(size "$img"))"
  fi
  img=livecommerce/kafka:4.1.2
  hash=$(inputs "$JDK" infra/images/kafka/Dockerfile infra/kafka.sh infra/kafka/pom.xml)
  if current "$img" "$hash"; then say "$img current"; else
    [[ -d infra/kafka/target/libs ]] || ./mvnw -q -B -f infra/kafka/pom.xml package
    rm -rf "$STAGE/kafka" && mkdir -p "$STAGE/kafka/infra/kafka/target"
    cp infra/kafka.sh "$STAGE/kafka/infra/" && cp -r infra/kafka/target/libs "$STAGE/kafka/infra/kafka/target/"
    build --build-arg JDK_IMAGE="$JDK" --label livecommerce.inputs="$hash" -t "$img" -f infra/images/kafka/Dockerfile "$STAGE/kafka"
    say "$img built ($(size "$img"))"
  fi
  img=livecommerce/keycloak:26.5.5
  hash=$(inputs "$JDK" infra/images/keycloak/Dockerfile infra/keycloak.sh infra/keycloak/pom.xml infra/keycloak/livecommerce-realm.json)
  if current "$img" "$hash"; then say "$img current"; else
    local dist=infra/keycloak/target/keycloak-26.5.5
    [[ -x "$dist/bin/kc.sh" ]] || ./mvnw -q -B -f infra/keycloak/pom.xml package
    # the container runs start-dev on a read-only root: the distribution must already be built (augmented) for it, or
    # Keycloak tries to rebuild itself at start and fails (ReadOnlyFileSystemException). Maven Central's distribution
    # is built for production; `kc.sh build` refuses the dev profile, so one start-dev on the host builds it (about a
    # minute, once: its data goes to a directory removed afterwards, never into the image)
    if ! built_for_start_dev "$dist"; then
      local aug="$STAGE/keycloak-augment" port="${KEYCLOAK_AUGMENT_PORT:-19580}"
      augmenting() { KEYCLOAK_PORT="$port" KEYCLOAK_DATA="$aug" infra/keycloak.sh "$@"; }
      say "building Keycloak's distribution for start-dev (one start on 127.0.0.1:$port, about a minute)"
      rm -rf "$aug" && mkdir -p "$aug"
      augmenting start > "$STAGE/keycloak-augment.log" 2>&1 \
        || { augmenting stop > /dev/null; tail -20 "$STAGE/keycloak-augment.log"; exit 1; }
      augmenting stop > /dev/null
      rm -rf "$aug"
      built_for_start_dev "$dist" || { say "Keycloak's distribution is still not built for start-dev: $STAGE/keycloak-augment.log"; exit 1; }
    fi
    rm -rf "$STAGE/keycloak" && mkdir -p "$STAGE/keycloak/infra/keycloak/target/keycloak-26.5.5"
    cp infra/keycloak.sh "$STAGE/keycloak/infra/" && cp infra/keycloak/livecommerce-realm.json "$STAGE/keycloak/infra/keycloak/"
    # the distribution as unpacked, without what a local run left in it
    (cd "$dist" && tar -c --exclude=./data --exclude='./conf/*.properties.bak' .) \
      | tar -C "$STAGE/keycloak/infra/keycloak/target/keycloak-26.5.5" -x
    build --build-arg JDK_IMAGE="$JDK" --label livecommerce.inputs="$hash" -t "$img" -f infra/images/keycloak/Dockerfile "$STAGE/keycloak"
    say "$img built ($(size "$img"))"
  fi
}

# The services' build stage takes Maven and the build's dependencies from a mirror of this machine's local repository
# (infra/images/maven-mirror.py on 127.0.0.1:$MIRROR_PORT; what it lacks comes from Maven Central once): a changed source
# rebuilds the Maven stage without downloading everything again. A fixed port keeps Docker's layer cache key stable.
MIRROR_PORT="${MAVEN_MIRROR_PORT:-18999}"
MIRROR_PID=
mirror_start() {
  python3 infra/images/maven-mirror.py "$MIRROR_PORT" "$STAGE/maven-mirror" > "$STAGE/maven-mirror.log" 2>&1 &
  MIRROR_PID=$!
  for _ in $(seq 1 50); do curl -fs -o /dev/null -I "http://127.0.0.1:$MIRROR_PORT/org/apache/maven/apache-maven/3.9.11/apache-maven-3.9.11-bin.zip" && return; sleep 0.1; done
  say "the Maven mirror did not start (see $STAGE/maven-mirror.log)"; exit 1
}

# The AOT cache's training dependencies (infra/images/aot-train.sh, run at each service image's build): what a running
# service connects to at start and on its first requests, so that the cache holds the classes it then loads (JDBC and
# the reactive PostgreSQL client, the Kafka clients, OIDC discovery and JWT verification, ...). All throwaway: the
# databases are dropped, the broker's data and the issuer's key deleted when the build ends (also on failure); fixed
# addresses keep Docker's layer cache key stable. Only the .aot file (classes, linkage, profiles: no data) is kept.
AOT_PG="${AOT_TRAINING_PG:-127.0.0.1:5432}"
AOT_KAFKA_PORT="${AOT_TRAINING_KAFKA_PORT:-19392}"
AOT_ISSUER_PORT="${AOT_TRAINING_ISSUER_PORT:-19480}"
AOT_KAFKA_DATA="$STAGE/aot-training-kafka"
AOT_ISSUER_PID=
AOT_ARGS=()
training_db() { echo "${1%-service}_aot_training"; }
training_psql() { PGOPTIONS="-c client_min_messages=warning" psql -q -h "${AOT_PG%:*}" -p "${AOT_PG#*:}" -U postgres -d postgres "$@"; }
training_start() {
  local s
  if [[ -n ${AOT_TRAINING_OFF:-} ]]; then say "AOT training with the dependencies unreachable (AOT_TRAINING_OFF)"; return; fi
  if ! pg_isready -q -h "${AOT_PG%:*}" -p "${AOT_PG#*:}"; then
    say "no PostgreSQL at $AOT_PG: AOT training with the dependencies unreachable"; return
  fi
  # one build at a time uses these ports and databases (another checkout's images.sh waits here)
  exec 8> "${TMPDIR:-/tmp}/livecommerce-aot-training.lock"
  flock 8
  for s in "${SERVICES[@]}"; do
    training_psql -c "drop database if exists $(training_db "$s") with (force)" -c "create database $(training_db "$s")"
  done
  [[ -d infra/kafka/target/libs ]] || ./mvnw -q -B -f infra/kafka/pom.xml package
  rm -rf "$AOT_KAFKA_DATA"
  KAFKA_PORT="$AOT_KAFKA_PORT" KAFKA_DATA="$AOT_KAFKA_DATA" infra/kafka.sh start > /dev/null
  python3 infra/images/aot-issuer.py "$AOT_ISSUER_PORT" > "$STAGE/aot-training-issuer.log" 2>&1 &
  AOT_ISSUER_PID=$!
  local issuer="http://127.0.0.1:$AOT_ISSUER_PORT/realms/training"
  for _ in $(seq 1 100); do curl -fs -o /dev/null "$issuer/.well-known/openid-configuration" && break; sleep 0.1; done
  curl -fs -o /dev/null "$issuer/.well-known/openid-configuration" || { say "the training issuer did not start (see $STAGE/aot-training-issuer.log)"; exit 1; }
  AOT_ARGS=(--build-arg AOT_TRAINING_KAFKA="127.0.0.1:$AOT_KAFKA_PORT" --build-arg AOT_TRAINING_OIDC="$issuer")
  say "AOT training against PostgreSQL $AOT_PG (databases *_aot_training), Kafka 127.0.0.1:$AOT_KAFKA_PORT, issuer $issuer"
}
training_stop() {
  local s
  if [[ -n $AOT_ISSUER_PID ]]; then kill "$AOT_ISSUER_PID" 2> /dev/null || true; wait "$AOT_ISSUER_PID" 2> /dev/null || true; fi
  if [[ ${#AOT_ARGS[@]} -gt 0 ]]; then
    KAFKA_PORT="$AOT_KAFKA_PORT" KAFKA_DATA="$AOT_KAFKA_DATA" infra/kafka.sh stop > /dev/null || true
    rm -rf "$AOT_KAFKA_DATA"
    for s in "${SERVICES[@]}"; do training_psql -c "drop database if exists $(training_db "$s") with (force)" || true; done
    AOT_ARGS=()
  fi
  AOT_ISSUER_PID=
}
cleanup() {
  if [[ -n $MIRROR_PID ]]; then kill "$MIRROR_PID" 2> /dev/null || true; fi
  training_stop
}
trap cleanup EXIT

services() {
  local s t0 training
  mirror_start
  training_start
  for s in "${SERVICES[@]}"; do
    t0=$(date +%s)
    training=()
    [[ ${#AOT_ARGS[@]} -gt 0 ]] && training=("${AOT_ARGS[@]}" --build-arg AOT_TRAINING_DB="$AOT_PG/$(training_db "$s")")
    build --build-arg BUILDER_IMAGE="$JDK" --build-arg BASE_IMAGE="$BASE" --build-arg MAVEN_MIRROR="http://127.0.0.1:$MIRROR_PORT" \
      "${training[@]}" -t "livecommerce/$s:$TAG" -f "$s/src/main/docker/Dockerfile.jvm" .
    docker tag "livecommerce/$s:$TAG" "livecommerce/$s:$VERSION"
    say "livecommerce/$s:$TAG (= :$VERSION) built in $(( $(date +%s) - t0 )) s ($(size "livecommerce/$s:$TAG"))"
  done
  training_stop
}

size() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%d MB", $1 / 1000000}'; }

list() { docker images --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E '^(local/|livecommerce/)' | sort; }

mkdir -p "$STAGE"
case "${1:-all}" in
  base) base ;;
  jdk) base; jdk ;;
  infra) base; jdk; infra ;;
  services) base; jdk; services ;;
  all) base; jdk; infra; services; list ;;
  list) list ;;
  *) echo "usage: $0 [all|base|jdk|infra|services|list]"; exit 2 ;;
esac
