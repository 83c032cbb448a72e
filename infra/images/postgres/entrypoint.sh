#!/bin/bash
# initdb into $PGDATA when empty, create the databases named in POSTGRES_DATABASES (space separated), run in the foreground.
set -euo pipefail
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  initdb -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 > /dev/null
  postgres -D "$PGDATA" -p "$PGPORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp &
  pid=$!
  until pg_isready -q -h 127.0.0.1 -p "$PGPORT"; do sleep 0.2; done
  for db in ${POSTGRES_DATABASES:-}; do psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "create database \"$db\""; done
  kill -INT "$pid"; wait "$pid" || true
fi
echo "postgres: starting on 127.0.0.1:$PGPORT"
exec postgres -D "$PGDATA" -p "$PGPORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories=/tmp -c fsync=off \
  -c max_connections=200
