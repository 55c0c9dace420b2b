#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
#
# 1. Services: uses PostgreSQL from DATABASE_URL when that is a reachable
#    postgres:// URL, else the private one of scripts/pgctl.sh (started if it
#    is not running). Uses the search cluster of ELASTICSEARCH_URL when set and
#    reachable, else a node on 127.0.0.1:SEARCH_PORT (default 9200), started
#    with search-engine/searchctl.sh if nothing answers there. Whatever this
#    script started, and only that, is stopped when it exits.
# 2. Exports DATABASE_URL, ELASTICSEARCH_URL, SEARCH_INDEX_PREFIX=test_<random>
#    and DJANGO_SETTINGS_MODULE=portal.settings.test, then runs
#      manage.py check
#      manage.py makemigrations --check --dry-run
#      pytest $PYTEST_ARGS                 (the main suite, on PostgreSQL)
#      pytest -m smoke                      (on a fresh SQLite file, no search
#                                            cluster: the `make run` setup)
# 3. Exits non-zero if any step failed. The main suite collecting no test
#    (pytest exit 5) is a failure; a smoke run with no smoke test is a warning.
#
# PYTEST_ARGS is split like a shell command line, quotes included
# (e.g. PYTEST_ARGS='-x -m "not cluster"').
set -uo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR" || exit 1

PY="$REPO_DIR/.venv/bin/python"
PGCTL="$REPO_DIR/scripts/pgctl.sh"
SEARCHCTL="$REPO_DIR/search-engine/searchctl.sh"
export SEARCH_PORT="${SEARCH_PORT:-9200}"
# Where tests/services/test_search_cluster.py starts its own 3-node cluster.
FAILOVER_PORT="${SEARCH_FAILOVER_PORT:-9250}"

say() { printf '\nrun_tests: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# --- preconditions -----------------------------------------------------------

[ -x "$PY" ] || die "$PY not found: run \`make install\` first (make test does)"
[ -f manage.py ] || die "manage.py not found in $REPO_DIR: the Django project is missing"
[ -f portal/settings/test.py ] || die "portal/settings/test.py not found: the test settings are missing"

# --- cleanup of what we start --------------------------------------------------

STARTED_DB=0
STARTED_SEARCH=0
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/portal-tests.XXXXXX")"

# shellcheck disable=SC2317  # invoked through the trap below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$STARTED_SEARCH" -eq 1 ]; then
        say "stopping the search node this run started"
        "$SEARCHCTL" stop || true
    fi
    # The failover test owns the cluster on SEARCH_FAILOVER_PORT and stops it
    # itself; a pytest killed mid-test (SIGTERM) cannot, so make sure here.
    if SEARCH_PORT="$FAILOVER_PORT" "$SEARCHCTL" status >/dev/null 2>&1; then
        say "stopping the failover test's cluster left running on port $FAILOVER_PORT"
        SEARCH_PORT="$FAILOVER_PORT" "$SEARCHCTL" stop || true
        SEARCH_PORT="$FAILOVER_PORT" "$SEARCHCTL" clean || true
    fi
    if [ "$STARTED_DB" -eq 1 ]; then
        say "stopping the PostgreSQL this run started"
        "$PGCTL" stop || true
    fi
    rm -rf "$WORK_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL -------------------------------------------------------------------

pg_reachable() {
    "$PY" - "$1" <<'PY' 2>/dev/null
import sys
import psycopg
psycopg.connect(sys.argv[1], connect_timeout=5).close()
PY
}

case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*)
        pg_reachable "$DATABASE_URL" \
            || die "DATABASE_URL=$DATABASE_URL is not reachable (unset it to use a private PostgreSQL)"
        say "using PostgreSQL from DATABASE_URL"
        ;;
    *)
        if [ -n "${DATABASE_URL:-}" ]; then
            say "DATABASE_URL=$DATABASE_URL is not PostgreSQL; the main suite runs on the private PostgreSQL"
        fi
        if DATABASE_URL="$("$PGCTL" status 2>/dev/null)"; then
            say "using the private PostgreSQL that is already running"
        else
            DATABASE_URL="$("$PGCTL" start)" || die "could not start PostgreSQL (scripts/pgctl.sh start)"
            STARTED_DB=1
        fi
        ;;
esac
export DATABASE_URL

# --- search -----------------------------------------------------------------------

search_reachable() {
    "$PY" - "$1" <<'PY' 2>/dev/null
import json, sys, urllib.request
for url in sys.argv[1].split(","):
    try:
        with urllib.request.urlopen(url.strip().rstrip("/") + "/", timeout=5) as response:
            if "version" in json.load(response):
                sys.exit(0)
    except (OSError, ValueError):
        continue
sys.exit(1)
PY
}

if [ -n "${ELASTICSEARCH_URL:-}" ]; then
    search_reachable "$ELASTICSEARCH_URL" \
        || die "ELASTICSEARCH_URL=$ELASTICSEARCH_URL is not reachable (unset it to start a local node)"
    say "using the search cluster from ELASTICSEARCH_URL"
elif search_reachable "http://127.0.0.1:$SEARCH_PORT"; then
    ELASTICSEARCH_URL="$("$SEARCHCTL" urls)"
    say "using the search node already answering on 127.0.0.1:$SEARCH_PORT"
else
    ELASTICSEARCH_URL="$(SEARCH_NODES=1 "$SEARCHCTL" start)" \
        || die "could not start a search node (search-engine/searchctl.sh start)"
    STARTED_SEARCH=1
fi
export ELASTICSEARCH_URL

SEARCH_INDEX_PREFIX="test_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
export SEARCH_INDEX_PREFIX
export DJANGO_SETTINGS_MODULE=portal.settings.test

say "DATABASE_URL=$DATABASE_URL ELASTICSEARCH_URL=$ELASTICSEARCH_URL SEARCH_INDEX_PREFIX=$SEARCH_INDEX_PREFIX"

# --- browser test dependencies ------------------------------------------------------
# axe-core (and Lighthouse) from package-lock.json; only when node_modules is
# missing or older than the lock file. The browser itself is Debian's chromium.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci (axe-core for the browser tests)"
    npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
fi

# --- the suite ------------------------------------------------------------------------

declare -a STEP_NAMES=() STEP_CODES=()
record() { STEP_NAMES+=("$1"); STEP_CODES+=("$2"); }

say "manage.py check"
"$PY" manage.py check
record "manage.py check" $?

say "manage.py makemigrations --check --dry-run"
"$PY" manage.py makemigrations --check --dry-run
record "makemigrations --check" $?

# xargs splits on whitespace but keeps quoted words together, without eval.
mapfile -t EXTRA_ARGS < <(printf '%s' "${PYTEST_ARGS:-}" | xargs -r printf '%s\n')
say "pytest ${PYTEST_ARGS:-} (main suite, PostgreSQL + search)"
"$PY" -m pytest --junitxml="$WORK_DIR/main.xml" "${EXTRA_ARGS[@]}"
rc=$?
if [ "$rc" -eq 5 ]; then
    say "the main suite collected no test: that is a failure"
fi
record "pytest (main suite)" "$rc"

say "pytest -m smoke (SQLite, database search backend)"
(
    unset ELASTICSEARCH_URL
    DATABASE_URL="sqlite:///$WORK_DIR/smoke.sqlite3" \
        "$PY" -m pytest -m smoke --junitxml="$WORK_DIR/smoke.xml"
)
rc=$?
if [ "$rc" -eq 5 ]; then
    say "warning: no test is marked smoke yet"
    rc=0
fi
record "pytest -m smoke (SQLite)" "$rc"

# --- summary ----------------------------------------------------------------------------

status=0
say "summary"
for i in "${!STEP_NAMES[@]}"; do
    if [ "${STEP_CODES[$i]}" -eq 0 ]; then
        printf '  ok      %s\n' "${STEP_NAMES[$i]}" >&2
    else
        printf '  FAILED  %s (exit %s)\n' "${STEP_NAMES[$i]}" "${STEP_CODES[$i]}" >&2
        [ "$status" -ne 0 ] || status="${STEP_CODES[$i]}"
    fi
done

# One closing line with the test counts of both pytest runs together.
"$PY" - "$WORK_DIR/main.xml" "$WORK_DIR/smoke.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        continue
    for suite in root.iter("testsuite"):
        for key in totals:
            totals[key] += int(suite.get(key, 0))
failed = totals["failures"] + totals["errors"]
passed = totals["tests"] - failed - totals["skipped"]
print(f"tests: {passed} passed, {failed} failed, {totals['skipped']} skipped")
PY

exit "$status"
