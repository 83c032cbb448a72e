#!/usr/bin/env bash
# The Docker engine for the container images and the Testcontainers end-to-end test.
# usage: infra/docker.sh ensure | status
#   ensure: installs Debian's docker.io (and debootstrap, for the base image) when dockerd is missing, starts dockerd in
#           the background when no engine answers (these machines have no systemd), and waits until `docker info`
#           answers. An engine that already runs (a Docker Desktop, a systemd unit) is used as it is.
# Nothing here pulls from a registry: every image is built locally by infra/images.sh.
set -euo pipefail
LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"

answers() { docker info > /dev/null 2>&1; }

case "${1:-status}" in
  ensure)
    if answers; then echo "docker: engine answers ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"; exit 0; fi
    if ! command -v dockerd > /dev/null || ! command -v debootstrap > /dev/null; then
      echo "docker: installing Debian's docker.io and debootstrap"
      sudo_=""; [[ $(id -u) -eq 0 ]] || sudo_="sudo"
      DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q docker.io debootstrap > /tmp/docker-install.log 2>&1 \
        || { $sudo_ apt-get update -q > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q docker.io debootstrap > /tmp/docker-install.log 2>&1; } \
        || { echo "docker: apt-get install docker.io failed, see /tmp/docker-install.log"; exit 1; }
    fi
    echo "docker: starting dockerd in the background (log $LOG)"
    mkdir -p "$(dirname "$LOG")"
    nohup dockerd > "$LOG" 2>&1 &
    for _ in $(seq 1 60); do
      if answers; then echo "docker: engine answers ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"; exit 0; fi
      sleep 1
    done
    echo "docker: dockerd does not answer after 60 s, see $LOG"; tail -20 "$LOG"; exit 1 ;;
  status)
    if answers; then echo "docker: engine answers ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"; else echo "docker: no engine"; exit 1; fi ;;
  *) echo "usage: $0 ensure|status"; exit 2 ;;
esac
