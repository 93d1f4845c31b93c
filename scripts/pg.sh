#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests and trying team mode locally (Debian's
# `postgresql` package; scripts/setup-system.sh --test installs it).
#
#   scripts/pg.sh start   # initialises (once) and starts it; prints `export GREENLIGHT_TEST_PG=…`
#   scripts/pg.sh stop
#   eval "$(scripts/pg.sh start)"   # then: cargo test -p greenlight-store --test postgres
#
# Trust authentication on loopback only, so tests can act as several logins by changing the
# user in the URL. Never use this cluster for real data. As root, the server runs as the
# `postgres` system user (PostgreSQL refuses to run as root).
set -euo pipefail

PORT="${GREENLIGHT_PG_PORT:-55432}"
PGDATA="${GREENLIGHT_PG_DATA:-/tmp/greenlight-pg-$(id -u)}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PGBIN" ]; then
  echo "pg.sh: PostgreSQL is not installed (run scripts/setup-system.sh --test)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "${1:-}" in
  start)
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
      if [ "$(id -u)" -eq 0 ]; then
        install -d -o postgres -g postgres -m 700 "$PGDATA"
      else
        install -d -m 700 "$PGDATA"
      fi
      as_owner "'$PGBIN/initdb' -D '$PGDATA' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >/dev/null
    fi
    # One login must give a password (scram), so tests can check a wrong one is refused.
    if ! grep -q gl_password_test "$PGDATA/pg_hba.conf"; then
      as_owner "sed -i '1i host all gl_password_test 127.0.0.1/32 scram-sha-256' '$PGDATA/pg_hba.conf'"
      as_owner "'$PGBIN/pg_ctl' -D '$PGDATA' reload" >/dev/null 2>&1 || true
    fi
    if ! as_owner "'$PGBIN/pg_ctl' -D '$PGDATA' status" >/dev/null 2>&1; then
      as_owner "'$PGBIN/pg_ctl' -D '$PGDATA' -l '$PGDATA/server.log' -w -t 30 \
        -o \"-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c max_connections=300 -c fsync=on\" start" >/dev/null
    fi
    echo "export GREENLIGHT_TEST_PG=postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    if [ -s "$PGDATA/PG_VERSION" ]; then
      as_owner "'$PGBIN/pg_ctl' -D '$PGDATA' -m fast -w stop" >/dev/null 2>&1 || true
    fi
    ;;
  restart)
    as_owner "'$PGBIN/pg_ctl' -D '$PGDATA' -m fast -w -t 30 restart" >/dev/null
    ;;
  *)
    echo "usage: scripts/pg.sh start|stop|restart" >&2
    exit 2
    ;;
esac
