#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL cluster for the test suite and prints one line to stdout:
#   OMNIAKEY_TEST_POSTGRES=Host=127.0.0.1;Port=<port>;Username=omniakey;Password=omniakey;Database=postgres
# Everything else goes to stderr, so a caller can do: export "$(scripts/start-postgres.sh)"
#
# Usage: scripts/start-postgres.sh [--status | --stop | --watch <pid>]
#   (no argument)  start the cluster if needed, make sure the omniakey role exists, print the line
#   --status       exit 0 if the cluster in PGDATA_DIR is running, 1 otherwise
#   --stop         stop the cluster in PGDATA_DIR if it is running
#   --watch <pid>  wait until process <pid> has exited, then stop the cluster and delete PGDATA_DIR
# Environment:
#   PGDATA_DIR     (default /tmp/omniakey-pg) the cluster directory, owned by the postgres user. A cluster already
#                  running there is reused; a fresh directory gets a fresh cluster on the first free port.
#   PG_OWNER_PID   when set, the start also leaves a detached `--watch <PG_OWNER_PID>` behind, so the cluster and
#                  its directory go away with that process even if it is killed (the test suite's own server).
#
# PostgreSQL refuses to run as root, so when run as root the server runs as the `postgres` OS user.
# The cluster trusts every local connection: it is for tests only and listens on 127.0.0.1 only.
set -euo pipefail

DATA_DIR="${PGDATA_DIR:-/tmp/omniakey-pg}"
FIRST_PORT=55432
LAST_PORT=55532

log() { printf 'start-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

find_pg_bin() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    # Newest version first.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

PG_BIN="$(find_pg_bin || true)"
if [[ -z "$PG_BIN" ]]; then
    [[ "${1:-}" == "--status" || "${1:-}" == "--stop" || "${1:-}" == "--watch" ]] && exit 1
    log "PostgreSQL not found; installing it with apt-get"
    command -v apt-get >/dev/null 2>&1 || die "pg_ctl/initdb not found and apt-get is not available; install PostgreSQL 15+"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update && apt-get install -y postgresql; } >&2 || die "apt-get install postgresql failed"
    PG_BIN="$(find_pg_bin || true)"
    [[ -n "$PG_BIN" ]] || die "PostgreSQL was installed but pg_ctl/initdb are still not found"
fi

# Run a PostgreSQL binary as the cluster owner.
if [[ "$(id -u)" -eq 0 ]]; then
    PG_USER=postgres
    as_pg() {
        if command -v runuser >/dev/null 2>&1; then
            runuser -u "$PG_USER" -- "$@"
        else
            su "$PG_USER" -s /bin/bash -c "$(printf '%q ' "$@")"
        fi
    }
else
    PG_USER="$(id -un)"
    as_pg() { "$@"; }
fi

is_running() {
    [[ -f "$DATA_DIR/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

case "${1:-}" in
    --watch)
        [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--watch needs the id of the process to wait for"
        while kill -0 "$2" 2>/dev/null; do
            sleep 1
        done
        if is_running; then
            as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m immediate -w >&2 || true
        fi
        rm -rf "$DATA_DIR"
        exit 0
        ;;
    --status)
        is_running
        exit $?
        ;;
    --stop)
        if is_running; then
            log "stopping the cluster in $DATA_DIR"
            as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w >&2
        fi
        exit 0
        ;;
    "") ;;
    *) die "unknown argument '$1' (expected --status, --stop, --watch <pid> or nothing)" ;;
esac

port_is_free() {
    local port="$1"
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
    else
        # Nothing answers on the port: treat it as free.
        ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

pick_port() {
    local port
    for ((port = FIRST_PORT; port <= LAST_PORT; port++)); do
        if port_is_free "$port"; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

if [[ "$(id -u)" -eq 0 ]] && ! id "$PG_USER" >/dev/null 2>&1; then
    log "creating the $PG_USER user"
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash "$PG_USER" >&2 \
        || die "could not create the $PG_USER user"
fi

if [[ -n "${PG_OWNER_PID:-}" ]]; then
    [[ "$PG_OWNER_PID" =~ ^[0-9]+$ ]] || die "PG_OWNER_PID must be a process id"
    # Started before initdb, so that even a half-made cluster goes away with its owner. Its own session and no
    # inherited output: a caller reading this script's output to the end must not wait for the watcher too.
    watcher=(bash "${BASH_SOURCE[0]}" --watch "$PG_OWNER_PID")
    if command -v setsid >/dev/null 2>&1; then
        watcher=(setsid "${watcher[@]}")
    fi
    PGDATA_DIR="$DATA_DIR" nohup "${watcher[@]}" </dev/null >/dev/null 2>&1 &
    log "the cluster in $DATA_DIR goes away when process $PG_OWNER_PID exits"
fi

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    if [[ -d "$DATA_DIR" ]]; then
        rmdir "$DATA_DIR" 2>/dev/null \
            || die "$DATA_DIR exists, is not empty and is not a PostgreSQL cluster; remove it or set PGDATA_DIR"
    fi
    # initdb into a scratch directory and rename it, so an interrupted run never leaves a half-made cluster.
    scratch="$DATA_DIR.initdb.$$"
    rm -rf "$scratch"
    mkdir -p "$scratch"
    chown "$PG_USER:" "$scratch"
    chmod 700 "$scratch"
    log "initialising a cluster in $DATA_DIR"
    as_pg "$PG_BIN/initdb" -D "$scratch" -U postgres --auth=trust --encoding=UTF8 --locale=C >&2 \
        || { rm -rf "$scratch"; die "initdb failed"; }
    # A throwaway test database: durability does not matter, speed does.
    cat >>"$scratch/postgresql.conf" <<'CONF'

# --- added by scripts/start-postgres.sh (throwaway test cluster) ---
listen_addresses = '127.0.0.1'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    mv "$scratch" "$DATA_DIR"
fi

# wait_ready <port> <tries>: polls pg_isready every half second.
wait_ready() {
    local try
    for ((try = 0; try < $2; try++)); do
        if "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$1" -q; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

PORT=""
if is_running; then
    PORT="$(sed -n '4p' "$DATA_DIR/postmaster.pid")"
    if [[ "$PORT" =~ ^[0-9]+$ ]] && wait_ready "$PORT" 10; then
        log "reusing the cluster already running in $DATA_DIR on port $PORT"
    else
        # Typically a postmaster that was killed and whose children have not exited yet.
        log "the cluster in $DATA_DIR does not answer; restarting it"
        as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m immediate -w >&2 || true
        PORT=""
    fi
fi

if [[ -z "$PORT" ]]; then
    # A crash can leave a stale postmaster.pid behind; pg_ctl start handles that itself. Another cluster starting at
    # the same moment can take the port between the check and the start: then the next free port is tried.
    for ((attempt = 1; ; attempt++)); do
        PORT="$(pick_port)" || die "no free TCP port in $FIRST_PORT-$LAST_PORT"
        log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PORT"
        if as_pg "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -w -t 60 -l "$DATA_DIR/server.log" \
            -o "-p $PORT -k $DATA_DIR -c listen_addresses=127.0.0.1" >&2; then
            break
        fi
        if port_is_free "$PORT" || [[ "$attempt" -ge 5 ]]; then
            tail -n 30 "$DATA_DIR/server.log" >&2 2>/dev/null || true
            die "pg_ctl start failed"
        fi
        log "port $PORT was taken meanwhile; trying another"
    done
    wait_ready "$PORT" 60 || die "PostgreSQL did not become ready on port $PORT"
fi

"$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<'SQL' \
    || die "could not create the omniakey role"
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omniakey') THEN
        CREATE ROLE omniakey LOGIN SUPERUSER PASSWORD 'omniakey';
    ELSE
        ALTER ROLE omniakey LOGIN SUPERUSER PASSWORD 'omniakey';
    END IF;
END
$$;
SQL

log "ready on 127.0.0.1:$PORT"
echo "OMNIAKEY_TEST_POSTGRES=Host=127.0.0.1;Port=$PORT;Username=omniakey;Password=omniakey;Database=postgres"
