#!/usr/bin/env bash
# Run a private PostgreSQL cluster for development and tests.
#
#   scripts/pgctl.sh start    init (first time) and start; print DATABASE_URL
#   scripts/pgctl.sh stop     stop it
#   scripts/pgctl.sh status   exit 0 and print DATABASE_URL if running, else exit 3
#   scripts/pgctl.sh url      print DATABASE_URL
#
# The cluster lives in <repo>/.services/postgres/ (PG_SERVICE_DIR overrides),
# listens on 127.0.0.1:$PGPORT only (default 5433, so it never clashes with a
# system PostgreSQL on 5432), trusts local connections, and has a superuser
# role `portal` owning database `portal` (superuser so the test runner can
# create and drop test databases). When run as root the server runs as the
# `postgres` OS user, since initdb and postgres refuse to run as root.
#
# It is a scratch cluster: fsync is off for speed. Never keep data here that
# you cannot rebuild.
#
# Human-readable messages go to stderr; `start`, `status` and `url` print only
# the DATABASE_URL on stdout.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGPORT="${PGPORT:-5433}"
PG_SERVICE_DIR="${PG_SERVICE_DIR:-$REPO_DIR/.services/postgres}"
DB_NAME=portal
DB_USER=portal

say() { printf 'pgctl: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

[[ "$PGPORT" =~ ^[0-9]+$ ]] || die "PGPORT must be a number, got '$PGPORT'"

database_url() { printf 'postgres://%s@127.0.0.1:%s/%s\n' "$DB_USER" "$PGPORT" "$DB_NAME"; }

find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    fi
    # Debian keeps the server binaries out of PATH; take the newest version.
    dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        printf '%s\n' "$dir"
        return 0
    fi
    return 1
}

BIN="$(find_bindir)" || die "PostgreSQL server binaries not found (apt-get install postgresql)"

# As root, the server runs as `postgres`; otherwise as the current user.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' OS user to run the server"
    RUN_AS=(runuser -u postgres --)
    # The postgres user must be able to reach the data dir; a checkout under
    # a private directory (e.g. /root) is not reachable, so use /var/tmp then.
    mkdir -p "$PG_SERVICE_DIR"
    chown postgres: "$PG_SERVICE_DIR"
    if ! (cd / && runuser -u postgres -- test -w "$PG_SERVICE_DIR" -a -x "$PG_SERVICE_DIR"); then
        fallback="/var/tmp/portal-postgres-$(printf '%s' "$PG_SERVICE_DIR" | cksum | cut -d' ' -f1)"
        say "the postgres user cannot reach $PG_SERVICE_DIR; using $fallback"
        PG_SERVICE_DIR="$fallback"
        mkdir -p "$PG_SERVICE_DIR"
        chown postgres: "$PG_SERVICE_DIR"
        chmod 700 "$PG_SERVICE_DIR"
    fi
else
    RUN_AS=()
    mkdir -p "$PG_SERVICE_DIR"
fi

DATA_DIR="$PG_SERVICE_DIR/data"
SOCKET_DIR="$PG_SERVICE_DIR/run"
LOG_FILE="$PG_SERVICE_DIR/postgres.log"

as_server_user() { (cd / && "${RUN_AS[@]}" "$@"); }

pg_running() { [ -f "$DATA_DIR/PG_VERSION" ] && as_server_user "$BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1; }

# Port the running server listens on (line 4 of postmaster.pid).
running_port() { sed -n '4p' "$DATA_DIR/postmaster.pid" 2>/dev/null; }

psql_admin() {
    "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres "$@"
}

init_cluster() {
    say "initialising a new cluster in $DATA_DIR"
    if [ "${#RUN_AS[@]}" -gt 0 ]; then
        install -d -o postgres -g "$(id -gn postgres)" -m 700 "$DATA_DIR" "$SOCKET_DIR"
    else
        install -d -m 700 "$DATA_DIR" "$SOCKET_DIR"
    fi
    # C.UTF-8 gives correct upper/lower case for Vietnamese letters (ILIKE,
    # UPPER on "Đ"); fall back to the plain C locale where it is missing.
    if ! as_server_user "$BIN/initdb" -D "$DATA_DIR" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 --no-sync >"$LOG_FILE.initdb" 2>&1; then
        say "initdb with C.UTF-8 failed; retrying with the C locale"
        rm -rf "${DATA_DIR:?}"/*
        as_server_user "$BIN/initdb" -D "$DATA_DIR" -U postgres -A trust -E UTF8 \
            --no-locale --no-sync >"$LOG_FILE.initdb" 2>&1 \
            || { cat "$LOG_FILE.initdb" >&2; die "initdb failed"; }
    fi
    cat >>"$DATA_DIR/postgresql.conf" <<EOF

# --- portal scratch cluster (scripts/pgctl.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
# Throw-away data: durability is traded for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    # Trust only loopback and the private socket.
    cat >"$DATA_DIR/pg_hba.conf" <<'EOF'
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
EOF
}

ensure_role_and_db() {
    local exists
    exists="$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")"
    if [ "$exists" != 1 ]; then
        psql_admin -c "CREATE ROLE $DB_USER LOGIN SUPERUSER"
        say "created role $DB_USER"
    fi
    exists="$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")"
    if [ "$exists" != 1 ]; then
        psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
        say "created database $DB_NAME"
    fi
}

cmd_start() {
    if pg_running; then
        local port
        port="$(running_port)"
        if [ "$port" != "$PGPORT" ]; then
            die "already running on port $port (not $PGPORT); stop it first"
        fi
        say "already running on 127.0.0.1:$PGPORT ($DATA_DIR)"
        ensure_role_and_db
        database_url
        return 0
    fi
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -t 2; then
        die "another PostgreSQL server already listens on 127.0.0.1:$PGPORT; set PGPORT to a free port"
    fi
    [ -f "$DATA_DIR/PG_VERSION" ] || init_cluster
    local started=$SECONDS
    say "starting PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT (log $LOG_FILE)"
    if ! as_server_user "$BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
            -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $SOCKET_DIR" >/dev/null; then
        tail -n 20 "$LOG_FILE" >&2 || true
        die "PostgreSQL did not start"
    fi
    ensure_role_and_db
    say "ready in $((SECONDS - started))s"
    database_url
}

cmd_stop() {
    if ! pg_running; then
        say "not running ($DATA_DIR)"
        return 0
    fi
    say "stopping PostgreSQL on 127.0.0.1:$(running_port)"
    as_server_user "$BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 60 >/dev/null
    say "stopped"
}

cmd_status() {
    if pg_running; then
        say "running on 127.0.0.1:$(running_port) (pid $(sed -n '1p' "$DATA_DIR/postmaster.pid"), data $DATA_DIR)"
        PGPORT="$(running_port)" database_url
    else
        say "not running ($DATA_DIR)"
        return 3
    fi
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) database_url ;;
    *)
        sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
