#!/usr/bin/env bash
# The production topology on this machine (`make stack`, `make stack-stop`).
#
#   scripts/stackctl.sh start    start what is not running, print the URL
#   scripts/stackctl.sh stop     stop exactly what `start` started
#   scripts/stackctl.sh status   what runs, and the URL
#
# What runs (all on 127.0.0.1), with portal.settings.production:
#   PostgreSQL  STACK_PGPORT       (5434)  scripts/pgctl.sh, data in STACK_DIR/postgres
#   Redis       STACK_REDIS_PORT   (6380)  deploy/redis/redis.conf, CACHE_URL
#   gunicorn    STACK_APP_PORT     (STACK_PORT+1)  deploy/gunicorn.conf.py
#   worker      deploy/worker.sh (django-tasks database backend)
#   Varnish     STACK_PORT         (8080)  deploy/varnish/portal.vcl
#   OpenSearch  STACK_SEARCH_PORT  (9210)  only with STACK_SEARCH=1; or the
#               cluster of ELASTICSEARCH_URL when that is set
#
# STACK_DEMO=1 loads the demo content (once); otherwise `setup_site` creates
# the bare site. STACK_DIR (default <repo>/.services/stack) holds pid files,
# logs, the generated Varnish site file, media, e-mails (mail/) and
# stack.env: `set -a; . .services/stack.env; set +a` and manage.py talks to
# this stack. Human-readable messages go to stderr; `start` prints the URL on
# stdout.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"

STACK_PORT="${STACK_PORT:-8080}"
STACK_APP_PORT="${STACK_APP_PORT:-$((STACK_PORT + 1))}"
STACK_PGPORT="${STACK_PGPORT:-5434}"
STACK_REDIS_PORT="${STACK_REDIS_PORT:-6380}"
STACK_SEARCH_PORT="${STACK_SEARCH_PORT:-9210}"
STACK_DEMO="${STACK_DEMO:-0}"
STACK_SEARCH="${STACK_SEARCH:-0}"
STACK_DIR="${STACK_DIR:-$REPO_DIR/.services/stack}"
STACK_ENV="${STACK_ENV:-$REPO_DIR/.services/stack.env}"
PY="$REPO_DIR/.venv/bin/python"
STARTED="$STACK_DIR/started"
URL="http://127.0.0.1:$STACK_PORT"

say() { printf 'stack: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for port in "$STACK_PORT" "$STACK_APP_PORT" "$STACK_PGPORT" "$STACK_REDIS_PORT" "$STACK_SEARCH_PORT"; do
    [[ "$port" =~ ^[0-9]+$ ]] || die "ports must be numbers, got '$port'"
done

# --- helpers ------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

mark_started() { grep -qx "$1" "$STARTED" 2>/dev/null || echo "$1" >>"$STARTED"; }

was_started() { grep -qx "$1" "$STARTED" 2>/dev/null; }

# stop_pid NAME PIDFILE: TERM, wait up to 20 s, then KILL.
stop_pid() {
    local name=$1 pidfile=$2 pid
    if ! pid_alive "$pidfile"; then
        rm -f "$pidfile"
        return 0
    fi
    pid="$(cat "$pidfile")"
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
        sleep 0.2
    done
    say "$name did not stop in 20 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}

# wait_http URL SECONDS: until URL answers with any HTTP status below 500.
wait_http() {
    local url=$1 deadline=$((SECONDS + $2)) code
    while [ "$SECONDS" -lt "$deadline" ]; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)"
        if [ -n "$code" ] && [ "$code" != 000 ] && [ "$code" -lt 500 ]; then
            return 0
        fi
        sleep 0.3
    done
    return 1
}

manage() { "$PY" manage.py "$@"; }

# --- the environment every process of the stack shares --------------------------

secret_key() {
    local file="$STACK_DIR/secret_key"
    if [ ! -s "$file" ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$file")
    fi
    cat "$file"
}

write_env() {
    local search_url=$1
    mkdir -p "$(dirname "$STACK_ENV")"
    cat >"$STACK_ENV" <<EOF
# Written by scripts/stackctl.sh ($(date -u +%Y-%m-%dT%H:%M:%SZ)): everything manage.py
# needs to talk to the stack on $URL.
# Use: set -a; . $STACK_ENV; set +a
DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$(secret_key)
DATABASE_URL=postgres://portal@127.0.0.1:$STACK_PGPORT/portal
CACHE_URL=redis://127.0.0.1:$STACK_REDIS_PORT/0
TASKS_BACKEND=database
FRONTEND_CACHE_URL=http://127.0.0.1:$STACK_PORT
PUBLIC_BASE_URL=$URL
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=$URL
TRUSTED_PROXY_COUNT=1
SECURE_SSL_REDIRECT=false
SECURE_COOKIES=false
SECURE_HSTS_SECONDS=0
MEDIA_ROOT=$STACK_DIR/media
PRIVATE_MEDIA_ROOT=$STACK_DIR/private_media
EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
EMAIL_FILE_PATH=$STACK_DIR/mail
ELASTICSEARCH_URL=$search_url
SEARCH_INDEX_PREFIX=${SEARCH_INDEX_PREFIX:-portal}
EOF
    chmod 600 "$STACK_ENV"
}

load_env() {
    set -a
    # shellcheck disable=SC1090
    . "$STACK_ENV"
    set +a
}

# --- the pieces -------------------------------------------------------------------

start_postgres() {
    if PGPORT="$STACK_PGPORT" PG_SERVICE_DIR="$STACK_DIR/postgres" scripts/pgctl.sh status >/dev/null 2>&1; then
        say "PostgreSQL already running on $STACK_PGPORT"
    else
        PGPORT="$STACK_PGPORT" PG_SERVICE_DIR="$STACK_DIR/postgres" scripts/pgctl.sh start >/dev/null \
            || die "PostgreSQL did not start"
        mark_started postgres
    fi
}

start_redis() {
    local pidfile="$STACK_DIR/redis.pid"
    if pid_alive "$pidfile"; then
        say "Redis already running on $STACK_REDIS_PORT"
        return 0
    fi
    port_open "$STACK_REDIS_PORT" && die "something else listens on 127.0.0.1:$STACK_REDIS_PORT (set STACK_REDIS_PORT)"
    command -v redis-server >/dev/null || die "redis-server not found (apt-get install redis-server)"
    mkdir -p "$STACK_DIR/redis"
    redis-server deploy/redis/redis.conf --port "$STACK_REDIS_PORT" --dir "$STACK_DIR/redis" \
        --daemonize yes --pidfile "$pidfile" --logfile "$STACK_DIR/redis.log" \
        || die "Redis did not start (see $STACK_DIR/redis.log)"
    for _ in $(seq 1 50); do
        redis-cli -p "$STACK_REDIS_PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    mark_started redis
    say "Redis on 127.0.0.1:$STACK_REDIS_PORT"
}

search_url() {
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then
        printf '%s\n' "$ELASTICSEARCH_URL"
    elif [ "$STACK_SEARCH" = 1 ]; then
        if url="$(SEARCH_PORT="$STACK_SEARCH_PORT" search-engine/searchctl.sh status 2>/dev/null)" && [ -n "$url" ]; then
            SEARCH_PORT="$STACK_SEARCH_PORT" search-engine/searchctl.sh urls
        else
            SEARCH_PORT="$STACK_SEARCH_PORT" search-engine/searchctl.sh start || die "the search node did not start"
            mark_started search
        fi
    fi
}

prepare_site() {
    say "migrate"
    manage migrate --noinput >"$STACK_DIR/migrate.log" 2>&1 || { tail -n 20 "$STACK_DIR/migrate.log" >&2; die "migrate failed"; }
    if [ "$STACK_DEMO" = 1 ]; then
        if [ ! -f "$STACK_DIR/demo-loaded" ]; then
            say "loading the demo content (once)"
            manage load_demo >"$STACK_DIR/demo.log" 2>&1 || { tail -n 20 "$STACK_DIR/demo.log" >&2; die "load_demo failed"; }
            touch "$STACK_DIR/demo-loaded"
        fi
    else
        manage setup_site >"$STACK_DIR/setup_site.log" 2>&1 || { tail -n 20 "$STACK_DIR/setup_site.log" >&2; die "setup_site failed"; }
    fi
    say "collectstatic"
    manage collectstatic --noinput >"$STACK_DIR/collectstatic.log" 2>&1 || die "collectstatic failed"
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then
        say "search_index rebuild"
        manage search_index rebuild >"$STACK_DIR/search_index.log" 2>&1 || die "search_index rebuild failed"
    fi
}

start_gunicorn() {
    local pidfile="$STACK_DIR/gunicorn.pid"
    if pid_alive "$pidfile"; then
        say "gunicorn already running on $STACK_APP_PORT"
        return 0
    fi
    port_open "$STACK_APP_PORT" && die "something else listens on 127.0.0.1:$STACK_APP_PORT (set STACK_APP_PORT)"
    GUNICORN_BIND="127.0.0.1:$STACK_APP_PORT" GUNICORN_PIDFILE="$pidfile" \
        GUNICORN_ACCESS_LOG="$STACK_DIR/gunicorn-access.log" GUNICORN_ERROR_LOG="$STACK_DIR/gunicorn.log" \
        .venv/bin/gunicorn -c deploy/gunicorn.conf.py --daemon portal.wsgi \
        || die "gunicorn did not start (see $STACK_DIR/gunicorn.log)"
    mark_started gunicorn
    wait_http "http://127.0.0.1:$STACK_APP_PORT/robots.txt" 60 \
        || { tail -n 30 "$STACK_DIR/gunicorn.log" >&2; die "gunicorn does not answer"; }
    say "gunicorn on 127.0.0.1:$STACK_APP_PORT"
}

start_worker() {
    local pidfile="$STACK_DIR/worker.pid"
    if pid_alive "$pidfile"; then
        say "worker already running"
        return 0
    fi
    setsid nohup deploy/worker.sh >>"$STACK_DIR/worker.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    mark_started worker
    say "worker started (log $STACK_DIR/worker.log)"
}

start_varnish() {
    local pidfile="$STACK_DIR/varnish.pid" dir="$STACK_DIR/varnish"
    if pid_alive "$pidfile"; then
        say "Varnish already running on $STACK_PORT"
        return 0
    fi
    port_open "$STACK_PORT" && die "something else listens on 127.0.0.1:$STACK_PORT (set STACK_PORT)"
    command -v varnishd >/dev/null || die "varnishd not found (apt-get install varnish)"
    mkdir -p "$dir/conf"
    cat >"$dir/conf/portal-site.vcl" <<EOF
# Written by scripts/stackctl.sh: the gunicorn of \`make stack\`.
backend default {
    .host = "127.0.0.1";
    .port = "$STACK_APP_PORT";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}
acl purgers {
    "127.0.0.1";
    "::1";
}
EOF
    # The working directory (-n) must be reachable by Varnish's unprivileged
    # users when started as root.
    chmod 755 "$dir" "$dir/conf"
    varnishd -n "$dir/work" -a "127.0.0.1:$STACK_PORT" -T 127.0.0.1:0 \
        -p vcl_path="$dir/conf:$REPO_DIR/deploy/varnish" -f "$REPO_DIR/deploy/varnish/portal.vcl" \
        -s malloc,128m -P "$pidfile" >"$STACK_DIR/varnish.log" 2>&1 \
        || { cat "$STACK_DIR/varnish.log" >&2; die "Varnish did not start"; }
    mark_started varnish
    say "Varnish on 127.0.0.1:$STACK_PORT"
}

# --- commands ---------------------------------------------------------------------

cmd_start() {
    [ -x "$PY" ] || die "$PY not found: run \`make install\` first (make stack does)"
    mkdir -p "$STACK_DIR"
    start_postgres
    start_redis
    local search
    search="$(search_url)"
    write_env "$search"
    load_env
    mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" "$EMAIL_FILE_PATH"
    prepare_site
    start_gunicorn
    start_worker
    start_varnish
    wait_http "$URL/vi/" 60 || die "$URL/vi/ does not answer through Varnish"
    say "ready; manage.py for this stack: set -a; . $STACK_ENV; set +a"
    printf '%s\n' "$URL"
}

cmd_stop() {
    [ -f "$STARTED" ] || { say "nothing started by make stack"; return 0; }
    was_started varnish && stop_pid Varnish "$STACK_DIR/varnish.pid"
    was_started worker && stop_pid worker "$STACK_DIR/worker.pid"
    was_started gunicorn && stop_pid gunicorn "$STACK_DIR/gunicorn.pid"
    was_started redis && stop_pid Redis "$STACK_DIR/redis.pid"
    if was_started search; then
        SEARCH_PORT="$STACK_SEARCH_PORT" search-engine/searchctl.sh stop || true
    fi
    if was_started postgres; then
        PGPORT="$STACK_PGPORT" PG_SERVICE_DIR="$STACK_DIR/postgres" scripts/pgctl.sh stop || true
    fi
    rm -f "$STARTED"
    say "stopped"
}

cmd_status() {
    local name pidfile rc=3
    for name in varnish worker gunicorn redis; do
        pidfile="$STACK_DIR/$name.pid"
        if pid_alive "$pidfile"; then
            say "$name: running (pid $(cat "$pidfile"))"
            rc=0
        else
            say "$name: not running"
        fi
    done
    PGPORT="$STACK_PGPORT" PG_SERVICE_DIR="$STACK_DIR/postgres" scripts/pgctl.sh status >/dev/null || true
    [ "$rc" -eq 0 ] && printf '%s\n' "$URL"
    return "$rc"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *)
        sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
