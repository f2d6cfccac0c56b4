#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 in a temp folder and prints its DATABASE_URL.
#   eval "$(bash scripts/pg-temp.sh start [PORT])"   -> exports DATABASE_URL and PG_TEMP_DIR
#   bash scripts/pg-temp.sh stop "$PG_TEMP_DIR"
# The server refuses to run as root, so as root it runs as the `postgres` user.
set -euo pipefail

find_bin() {
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  return 1
}

ensure_pg_user() {
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    port="${2:-55432}"
    bin="$(find_bin)" || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
    ensure_pg_user
    dir="$(mktemp -d /tmp/orgdeck-pg-XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U orgdeck --auth=trust --no-sync >"$dir/initdb.log" 2>&1
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U orgdeck orgdeck
    echo "export PG_TEMP_DIR=$dir DATABASE_URL=postgres://orgdeck@127.0.0.1:$port/orgdeck"
    ;;
  restart)
    # picks up settings that need a restart (shared_preload_libraries), keeping the options it was started with
    dir="${2:?usage: pg-temp.sh restart DIR}"
    as_pg "$(find_bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w restart >/dev/null
    ;;
  stop)
    dir="${2:?usage: pg-temp.sh stop DIR}"
    bin="$(find_bin)"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-temp.sh start [PORT] | restart DIR | stop DIR" >&2
    exit 2
    ;;
esac
