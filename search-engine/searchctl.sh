#!/usr/bin/env bash
# Start, stop and inspect local OpenSearch nodes for development and tests.
#
#   search-engine/searchctl.sh start          start SEARCH_NODES node(s), wait, print URLs
#   search-engine/searchctl.sh stop           stop the node(s) on SEARCH_PORT
#   search-engine/searchctl.sh status         health of the node(s) on SEARCH_PORT
#   search-engine/searchctl.sh urls           print the URLs (comma-separated)
#   search-engine/searchctl.sh stop-node K    stop node K only (failover tests)
#   search-engine/searchctl.sh start-node K   start node K again
#   search-engine/searchctl.sh clean          delete the data of a stopped cluster
#   search-engine/searchctl.sh fetch          only download the jars and compile
#
# All nodes run in ONE JVM (see src/PortalSearchNodes.java) and bind 127.0.0.1
# only. Node K serves HTTP on SEARCH_PORT+K-1 and transport on
# SEARCH_TRANSPORT_PORT+K-1.
#
# Environment:
#   SEARCH_PORT            HTTP port of node 1                  (9200)
#   SEARCH_NODES           number of nodes                      (1)
#   SEARCH_TRANSPORT_PORT  transport port of node 1             (SEARCH_PORT+100)
#   SEARCH_CLUSTER_NAME    cluster name                         (portal-search)
#   SEARCH_HEAP            JVM heap                             (1g, or 2g for >1 node)
#   SEARCH_DATA_DIR        parent of the per-port state dirs    (<repo>/.services/opensearch)
#   SEARCH_START_TIMEOUT   seconds to wait for the cluster      (120)
#   SEARCH_JAVA_HOME       JDK to use (else JAVA_HOME, else `java` on PATH)
#
# Human-readable messages go to stderr; `start` and `urls` print only the
# comma-separated URLs on stdout, so `ELASTICSEARCH_URL=$(searchctl.sh start)`
# works.
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$ENGINE_DIR/.." && pwd)"

SEARCH_PORT="${SEARCH_PORT:-9200}"
SEARCH_NODES="${SEARCH_NODES:-1}"
SEARCH_TRANSPORT_PORT="${SEARCH_TRANSPORT_PORT:-$((SEARCH_PORT + 100))}"
SEARCH_CLUSTER_NAME="${SEARCH_CLUSTER_NAME:-portal-search}"
SEARCH_DATA_DIR="${SEARCH_DATA_DIR:-$REPO_DIR/.services/opensearch}"
SEARCH_START_TIMEOUT="${SEARCH_START_TIMEOUT:-120}"

CLUSTER_DIR="$SEARCH_DATA_DIR/port-$SEARCH_PORT"
PID_FILE="$CLUSTER_DIR/search.pid"
LOG_FILE="$CLUSTER_DIR/search.log"
NODES_FILE="$CLUSTER_DIR/node-count"
CONTROL_DIR="$CLUSTER_DIR/control"
LIB_DIR="$ENGINE_DIR/lib"
CLASSES_DIR="$ENGINE_DIR/target/classes"
MAIN_CLASS="PortalSearchNodes"

say() { printf 'searchctl: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

is_uint "$SEARCH_PORT" || die "SEARCH_PORT must be a number, got '$SEARCH_PORT'"
if ! { is_uint "$SEARCH_NODES" && [ "$SEARCH_NODES" -ge 1 ] && [ "$SEARCH_NODES" -le 9 ]; }; then
    die "SEARCH_NODES must be between 1 and 9, got '$SEARCH_NODES'"
fi
is_uint "$SEARCH_TRANSPORT_PORT" || die "SEARCH_TRANSPORT_PORT must be a number"

# --- helpers ---------------------------------------------------------------

# Print the body of an HTTP GET on 127.0.0.1; fail if nothing answers.
http_get() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time "${2:-5}" "$1" 2>/dev/null
    else
        python3 - "$1" "${2:-5}" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])) as r:
    sys.stdout.write(r.read().decode())
PY
    fi
}

# json_field JSON KEY: print a field of a JSON object; KEY may be dotted
# (version.number). Prints nothing when the field is missing.
json_field() {
    python3 - "$1" "$2" <<'PY' 2>/dev/null
import json, sys
value = json.loads(sys.argv[1])
for key in sys.argv[2].split("."):
    value = value.get(key, "") if isinstance(value, dict) else ""
print(str(value).lower() if isinstance(value, bool) else value)
PY
}

urls_for() {
    local n="$1" k out=""
    for ((k = 1; k <= n; k++)); do
        out+="${out:+,}http://127.0.0.1:$((SEARCH_PORT + k - 1))"
    done
    printf '%s\n' "$out"
}

# PID of our launcher for this port, or nothing. Checks the command line so a
# recycled PID of another process is never taken for ours.
running_pid() {
    [ -f "$PID_FILE" ] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    is_uint "$pid" || return 1
    [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$MAIN_CLASS" || return 1
    printf '%s\n' "$pid"
}

running_nodes() { cat "$NODES_FILE" 2>/dev/null || echo 1; }

port_in_use() {
    python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
# Like the server itself, ignore connections lingering in TIME_WAIT: only a
# live listener makes the port unusable.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)  # in use
finally:
    s.close()
sys.exit(1)
PY
}

find_java() {
    local home="${SEARCH_JAVA_HOME:-${JAVA_HOME:-}}"
    if [ -n "$home" ] && [ -x "$home/bin/java" ]; then
        JAVA="$home/bin/java"
        JAVAC="$home/bin/javac"
    else
        JAVA="$(command -v java || true)"
        JAVAC="$(command -v javac || true)"
    fi
    [ -n "$JAVA" ] || die "no java found; install a JDK 17+ (apt-get install openjdk-17-jdk-headless) or set SEARCH_JAVA_HOME"
    JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | head -n1)"
    JAVA_MAJOR="${JAVA_MAJOR#1.}"
    JAVA_MAJOR="${JAVA_MAJOR%%.*}"
    if ! { is_uint "$JAVA_MAJOR" && [ "$JAVA_MAJOR" -ge 17 ]; }; then
        die "$JAVA is Java '${JAVA_MAJOR:-?}'; OpenSearch 2.19 here needs Java 17+"
    fi
}

# Copy the OpenSearch jars from Maven (cached in ~/.m2) into lib/ when the pom
# changed, and compile the launcher when its source changed.
prepare() {
    find_java
    if [ ! -f "$LIB_DIR/.complete" ] || [ "$ENGINE_DIR/pom.xml" -nt "$LIB_DIR/.complete" ]; then
        command -v mvn >/dev/null 2>&1 || die "mvn not found; install Maven (apt-get install maven)"
        say "fetching OpenSearch jars with Maven into $LIB_DIR"
        rm -rf "$LIB_DIR"
        if ! mvn -B -q -Dstyle.color=never -f "$ENGINE_DIR/pom.xml" dependency:copy-dependencies \
                -DoutputDirectory="$LIB_DIR" -DincludeScope=runtime >&2; then
            rm -rf "$LIB_DIR"
            die "Maven could not fetch the OpenSearch jars"
        fi
        touch "$LIB_DIR/.complete"
    fi
    local class="$CLASSES_DIR/$MAIN_CLASS.class" src="$ENGINE_DIR/src/$MAIN_CLASS.java"
    if [ ! -f "$class" ] || [ "$src" -nt "$class" ] || [ "$LIB_DIR/.complete" -nt "$class" ]; then
        if [ -z "$JAVAC" ] || [ ! -x "$JAVAC" ]; then
            die "javac not found next to $JAVA; a JDK (not only a JRE) is needed"
        fi
        say "compiling $MAIN_CLASS"
        rm -rf "$CLASSES_DIR"
        mkdir -p "$CLASSES_DIR"
        "$JAVAC" -nowarn -d "$CLASSES_DIR" -cp "$LIB_DIR/*" "$src" >&2
    fi
}

# health_ok N: true when node 1 reports N nodes and status green or yellow.
health_ok() {
    local body status nodes
    body="$(http_get "http://127.0.0.1:$SEARCH_PORT/_cluster/health?wait_for_nodes=$1&wait_for_status=yellow&timeout=1s" 3)" \
        || return 1
    status="$(json_field "$body" status)"
    nodes="$(json_field "$body" number_of_nodes)"
    [ "$nodes" = "$1" ] && { [ "$status" = green ] || [ "$status" = yellow ]; }
}

wait_healthy() {
    local n="$1" pid="$2" deadline=$((SECONDS + SEARCH_START_TIMEOUT))
    while ! health_ok "$n"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            say "the search JVM exited during start-up; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE"
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            say "cluster not healthy with $n node(s) after ${SEARCH_START_TIMEOUT}s; see $LOG_FILE"
            tail -n 20 "$LOG_FILE" >&2 || true
            return 1
        fi
        sleep 0.5
    done
}

# --- commands --------------------------------------------------------------

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        local have
        have="$(running_nodes)"
        if [ "$have" != "$SEARCH_NODES" ]; then
            die "a cluster with $have node(s) already runs on port $SEARCH_PORT (pid $pid); stop it first to start $SEARCH_NODES"
        fi
        say "already running on port $SEARCH_PORT with $have node(s) (pid $pid)"
        urls_for "$have"
        return 0
    fi
    local k body
    if body="$(http_get "http://127.0.0.1:$SEARCH_PORT/" 3)"; then
        if [ -n "$(json_field "$body" cluster_name)" ]; then
            say "a search node not managed by searchctl already answers on port $SEARCH_PORT; using it"
            urls_for 1
            return 0
        fi
        die "port $SEARCH_PORT is used by something that is not a search node"
    fi
    for ((k = 0; k < SEARCH_NODES; k++)); do
        port_in_use $((SEARCH_PORT + k)) && die "HTTP port $((SEARCH_PORT + k)) is already in use"
        port_in_use $((SEARCH_TRANSPORT_PORT + k)) && die "transport port $((SEARCH_TRANSPORT_PORT + k)) is already in use"
    done

    prepare

    mkdir -p "$CLUSTER_DIR"
    # A data dir that formed a cluster of another size cannot join this one;
    # it is scratch data, so start afresh.
    if [ -d "$CLUSTER_DIR/data" ] && [ "$(running_nodes)" != "$SEARCH_NODES" ]; then
        say "node count changed ($(running_nodes) -> $SEARCH_NODES): discarding old data in $CLUSTER_DIR/data"
        rm -rf "$CLUSTER_DIR/data"
    fi
    printf '%s\n' "$SEARCH_NODES" >"$NODES_FILE"
    rm -rf "$CONTROL_DIR" "$CLUSTER_DIR/tmp"
    mkdir -p "$CONTROL_DIR" "$CLUSTER_DIR/tmp"

    local heap="${SEARCH_HEAP:-}"
    if [ -z "$heap" ]; then
        if [ "$SEARCH_NODES" -eq 1 ]; then heap=1g; else heap=2g; fi
    fi
    local -a jvm_opts=(
        "-Xms$heap" "-Xmx$heap" -Xss1m
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
        -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false
        -Dio.netty.noUnsafe=true -Dio.netty.recycler.maxCapacityPerThread=0
        "-Djava.io.tmpdir=$CLUSTER_DIR/tmp"
    )
    # OpenSearch 2.x formats dates with the COMPAT locale data on Java < 23
    # (its jvm.options does the same); that provider is gone from Java 23 on.
    if [ "$JAVA_MAJOR" -lt 23 ]; then
        jvm_opts+=("-Djava.locale.providers=SPI,COMPAT")
    fi

    say "starting $SEARCH_NODES node(s) of '$SEARCH_CLUSTER_NAME' on 127.0.0.1:$SEARCH_PORT (heap $heap, log $LOG_FILE)"
    local started=$SECONDS
    # setsid + closed stdio: the JVM outlives this script and never holds the
    # caller's terminal or pipes open.
    setsid "$JAVA" "${jvm_opts[@]}" -cp "$CLASSES_DIR:$LIB_DIR/*" "$MAIN_CLASS" \
        "$CLUSTER_DIR" "$SEARCH_NODES" "$SEARCH_PORT" "$SEARCH_TRANSPORT_PORT" "$SEARCH_CLUSTER_NAME" \
        </dev/null >"$LOG_FILE" 2>&1 &
    pid=$!
    printf '%s\n' "$pid" >"$PID_FILE"
    # The JVM is in its own session, so Ctrl-C or a CI timeout would not reach
    # it: if this start is interrupted, take the half-started JVM down too.
    trap 'say "interrupted; stopping the JVM (pid $pid)"; kill -TERM "$pid" 2>/dev/null; rm -f "$PID_FILE"; exit 130' INT TERM

    if ! wait_healthy "$SEARCH_NODES" "$pid"; then
        trap - INT TERM
        cmd_stop >/dev/null 2>&1 || true
        return 1
    fi
    trap - INT TERM
    local version
    version="$(json_field "$(http_get "http://127.0.0.1:$SEARCH_PORT/" || true)" version.number)"
    say "OpenSearch ${version:-?} ready: $SEARCH_NODES node(s), pid $pid, $((SECONDS - started))s"
    urls_for "$SEARCH_NODES"
}

cmd_stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        say "not running on port $SEARCH_PORT"
        return 0
    fi
    say "stopping search cluster on port $SEARCH_PORT (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            say "still alive after 30s; killing pid $pid"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$PID_FILE"
    say "stopped"
}

cmd_status() {
    local pid
    if ! pid="$(running_pid)"; then
        say "not running on port $SEARCH_PORT"
        return 3
    fi
    local n body k state
    n="$(running_nodes)"
    body="$(http_get "http://127.0.0.1:$SEARCH_PORT/_cluster/health" 3 || true)"
    if [ -z "$body" ]; then
        # Node 1 may be the one that was stopped; ask another.
        for ((k = 2; k <= n; k++)); do
            body="$(http_get "http://127.0.0.1:$((SEARCH_PORT + k - 1))/_cluster/health" 3 || true)"
            [ -n "$body" ] && break
        done
    fi
    say "running: pid $pid, $n node(s), data $CLUSTER_DIR"
    for ((k = 1; k <= n; k++)); do
        state="$(cat "$CONTROL_DIR/node-$k.state" 2>/dev/null || echo starting)"
        say "  node $k: http://127.0.0.1:$((SEARCH_PORT + k - 1)) ($state)"
    done
    if [ -n "$body" ]; then
        say "health: $(json_field "$body" status), $(json_field "$body" number_of_nodes) node(s) in the cluster"
    else
        say "health: no node answers"
    fi
    urls_for "$n"
}

node_arg() {
    local k="${1:-}" n
    n="$(running_nodes)"
    if ! { is_uint "$k" && [ "$k" -ge 1 ] && [ "$k" -le "$n" ]; }; then
        die "node number must be between 1 and $n"
    fi
    printf '%s\n' "$k"
}

# wait_node_state K STATE: wait until the launcher reports STATE for node K.
wait_node_state() {
    local deadline=$((SECONDS + 60))
    until [ "$(cat "$CONTROL_DIR/node-$1.state" 2>/dev/null)" = "$2" ]; do
        [ "$SECONDS" -lt "$deadline" ] || die "node $1 did not become $2 within 60s; see $LOG_FILE"
        sleep 0.2
    done
}

cmd_stop_node() {
    local pid k
    pid="$(running_pid)" || die "not running on port $SEARCH_PORT"
    k="$(node_arg "${1:-}")"
    say "stopping node $k (http://127.0.0.1:$((SEARCH_PORT + k - 1)))"
    rm -f "$CONTROL_DIR/node-$k.state"
    touch "$CONTROL_DIR/stop-node-$k"
    wait_node_state "$k" stopped
    say "node $k stopped"
}

cmd_start_node() {
    local pid k n
    pid="$(running_pid)" || die "not running on port $SEARCH_PORT"
    k="$(node_arg "${1:-}")"
    n="$(running_nodes)"
    say "starting node $k"
    rm -f "$CONTROL_DIR/node-$k.state"
    touch "$CONTROL_DIR/start-node-$k"
    wait_node_state "$k" running
    wait_healthy "$n" "$pid"
    say "node $k is back; cluster has $n node(s)"
}

cmd_clean() {
    if running_pid >/dev/null; then
        die "the cluster on port $SEARCH_PORT is running; stop it first"
    fi
    rm -rf "$CLUSTER_DIR"
    say "removed $CLUSTER_DIR"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    urls)
        if running_pid >/dev/null; then urls_for "$(running_nodes)"; else urls_for "$SEARCH_NODES"; fi
        ;;
    stop-node) cmd_stop_node "${2:-}" ;;
    start-node) cmd_start_node "${2:-}" ;;
    clean) cmd_clean ;;
    fetch) prepare ;;
    *)
        sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
