#!/usr/bin/env bash
# The whole local stack: dev Postgres, the six services and the HAProxy gateway (docs/runtime.md).
#
#   deploy/scripts/stack.sh up [--release]    start everything (services already running are restarted) and
#                                      wait until each one is ready
#   deploy/scripts/stack.sh run [--release]   up, then stream every log with a [name] prefix; Ctrl-C stops it all
#   deploy/scripts/stack.sh down              stop the gateway, the services and the dev Postgres
#   deploy/scripts/stack.sh status            what runs and whether it answers
#
# The binaries come from `swift build [-c release] --show-bin-path` (this script never builds);
# BIN_DIR overrides that. Each service and the gateway runs under deploy/scripts/supervise.sh, which
# restarts it when it exits (1 s, 2 s, 4 s … 30 s apart). Logs go to .run/logs/<name>.log (restarts
# included), pids to .run/pids/<name>.pid (the process) and .run/pids/<name>.supervisor.pid.
set -euo pipefail

# shellcheck source=deploy/scripts/gateway-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/gateway-env.sh"
cd "$PATHWISE_ROOT"

readonly SERVICES=(identity profile content pathing coaching-session analytics)
readonly PG_DIR=${PG_DIR:-$RUN_DIR/pg} PG_PORT=${PG_PORT:-55432}
readonly LOG_DIR=$RUN_DIR/logs PID_DIR=$RUN_DIR/pids SECRETS_DIR=${SECRETS_DIR:-$RUN_DIR/secrets}
readonly CONFIG=deploy/gateway/haproxy.cfg
readonly READY_TIMEOUT=${READY_TIMEOUT:-60}
DETACH=()
if command -v setsid >/dev/null; then DETACH=(setsid); fi # survive the terminal that started them

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2; exit 2; }

# role NAME: the database role and schema (docs/runtime.md).
role() { if [[ $1 == coaching-session ]]; then echo coaching; else echo "$1"; fi }

# port NAME: the service's port, taken from the gateway's IDENTITY_ADDR … ANALYTICS_ADDR.
port() {
    local var
    var=$(role "$1" | tr '[:lower:]' '[:upper:]')_ADDR
    echo "${!var##*:}"
}

url() { echo "https://127.0.0.1:$(port "$1")"; }

# running FILE PATTERN: FILE names a live process whose command line contains PATTERN.
running() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= | grep -q -- "$2"
}

# alive NAME: the service (or HAProxy) itself runs.
alive() {
    local command=$1
    [[ $1 == gateway ]] && command=haproxy
    running "$PID_DIR/$1.pid" "$command"
}

# supervised NAME: its supervisor runs (the process itself may be waiting to be restarted).
supervised() { running "$PID_DIR/$1.supervisor.pid" "supervise\.sh .* $1 "; }

# restarts NAME: how often its supervisor has restarted it since `up`.
restarts() { grep -c "^supervisor: $1 exited" "$LOG_DIR/$1.log" 2>/dev/null || true; }

ready() {
    curl -sf -o /dev/null --max-time 2 --cacert "$PKI_DIR/ca.pem" \
        --cert "$PKI_DIR/gateway.pem" --key "$PKI_DIR/gateway.key" "$(url "$1")/health/ready"
}

gateway_live() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$GATEWAY_HTTP_PORT/health/live"; }

# fail NAME MESSAGE: show the end of NAME's log, stop everything, exit 1.
fail() {
    echo "error: $1: $2" >&2
    if [[ -f $LOG_DIR/$1.log ]]; then
        echo "--- last lines of $LOG_DIR/$1.log" >&2
        tail -n 40 "$LOG_DIR/$1.log" >&2
    fi
    down >&2
    exit 1
}

start_service() {
    local name=$1 peer
    local env=(
        HOST=127.0.0.1 PORT="$(port "$name")"
        PKI_DIR="$PKI_DIR" TLS_CA="$PKI_DIR/ca.pem"
        TLS_CERT="$PKI_DIR/$name.pem" TLS_KEY="$PKI_DIR/$name.key"
        DATABASE_HOST=127.0.0.1 DATABASE_PORT="$PG_PORT" DATABASE_NAME=pathwise
        DATABASE_USER="$(role "$name")" DATABASE_PASSWORD="$(<"$SECRETS_DIR/$(role "$name").password")"
        LOG_FORMAT="${LOG_FORMAT:-text}" LOG_LEVEL="${LOG_LEVEL:-info}"
    )
    for peer in "${SERVICES[@]}"; do
        env+=("$(role "$peer" | tr '[:lower:]' '[:upper:]')_URL=$(url "$peer")")
    done
    : >"$LOG_DIR/$name.log"
    env "${env[@]}" "${DETACH[@]}" deploy/scripts/supervise.sh --pid-file "$PID_DIR/$name.pid" \
        "$name" "$BIN_DIR/$name" </dev/null >>"$LOG_DIR/$name.log" 2>&1 &
    echo $! >"$PID_DIR/$name.supervisor.pid"
}

start_gateway() {
    haproxy -c -q -f "$CONFIG" >"$LOG_DIR/gateway.log" 2>&1 || fail gateway "invalid $CONFIG"
    # SIGUSR1 is HAProxy's graceful stop.
    "${DETACH[@]}" deploy/scripts/supervise.sh --pid-file "$PID_DIR/gateway.pid" --stop-signal USR1 \
        gateway haproxy -W -db -f "$CONFIG" </dev/null >>"$LOG_DIR/gateway.log" 2>&1 &
    echo $! >"$PID_DIR/gateway.supervisor.pid"
}

# stop_processes: stop the gateway and the services through their supervisors, which pass on SIGUSR1
# (HAProxy) or SIGTERM and send SIGKILL after 10 s; a process found without its supervisor gets the
# signal directly. SIGKILL whatever is left after 12 s.
stop_processes() {
    local name pid signal pids=() deadline=$((SECONDS + 12))
    for name in gateway "${SERVICES[@]}"; do
        signal=TERM
        [[ $name == gateway ]] && signal=USR1
        if supervised "$name"; then
            pids+=("$(<"$PID_DIR/$name.supervisor.pid")")
            kill -TERM "${pids[-1]}"
            signal=""
            echo "stopping $name"
        fi
        if alive "$name"; then
            pids+=("$(<"$PID_DIR/$name.pid")")
            if [[ -n $signal ]]; then
                kill -"$signal" "${pids[-1]}"
                echo "stopping $name (unsupervised)"
            fi
        fi
        rm -f "$PID_DIR/$name.pid" "$PID_DIR/$name.supervisor.pid"
    done
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}

up() {
    local build=()
    case ${1:-} in
        --release) build=(-c release) ;;
        "") ;;
        *) usage ;;
    esac
    BIN_DIR=${BIN_DIR:-$(swift build "${build[@]}" --show-bin-path)}
    local name
    for name in "${SERVICES[@]}"; do
        [[ -x $BIN_DIR/$name ]] || { echo "error: no $BIN_DIR/$name; run make build first" >&2; exit 1; }
    done
    mkdir -p "$LOG_DIR" "$PID_DIR"

    deploy/scripts/pki.sh "$PKI_DIR"
    deploy/scripts/postgres.sh start "$PG_DIR" "$PG_PORT" dev
    deploy/scripts/postgres.sh bootstrap "$PG_DIR" "$PG_PORT" dev
    stop_processes
    for name in "${SERVICES[@]}"; do start_service "$name"; done
    start_gateway

    local deadline=$((SECONDS + READY_TIMEOUT))
    for name in "${SERVICES[@]}"; do
        until ready "$name"; do
            [[ $(restarts "$name") -eq 0 ]] || fail "$name" "exited during start"
            supervised "$name" || fail "$name" "its supervisor exited during start"
            ((SECONDS < deadline)) || fail "$name" "/health/ready did not answer 200 within ${READY_TIMEOUT}s"
            sleep 0.5
        done
        echo "$name ready on $(url "$name")"
    done
    until gateway_live; do
        [[ $(restarts gateway) -eq 0 ]] || fail gateway "exited during start"
        supervised gateway || fail gateway "its supervisor exited during start"
        ((SECONDS < deadline)) || fail gateway "/health/live did not answer 200 within ${READY_TIMEOUT}s"
        sleep 0.5
    done
    echo "gateway ready: https://localhost:$GATEWAY_HTTPS_PORT  http://localhost:$GATEWAY_HTTP_PORT"
}

down() {
    stop_processes
    deploy/scripts/postgres.sh stop "$PG_DIR"
}

run() {
    up "$@"
    local name tails=()
    echo "streaming logs; Ctrl-C stops the stack"
    for name in postgres gateway "${SERVICES[@]}"; do
        tail -n +1 -F "$LOG_DIR/$name.log" 2>/dev/null > >(sed -u "s/^/[$name] /") &
        tails+=($!)
    done
    trap 'trap - INT TERM; kill "${tails[@]}" 2>/dev/null || true; down; exit 0' INT TERM
    wait
}

status() {
    local name state check count
    for name in "${SERVICES[@]}" gateway; do
        state=stopped
        if alive "$name"; then
            state="running (pid $(<"$PID_DIR/$name.pid"))"
            supervised "$name" || state+=", unsupervised"
            check=ready
            [[ $name == gateway ]] && check=gateway_live
            if "$check" "$name"; then
                state+=", answering"
            else
                state+=", not answering"
            fi
        elif supervised "$name"; then
            state="exited, waiting to be restarted (supervisor pid $(<"$PID_DIR/$name.supervisor.pid"))"
        fi
        count=$(restarts "$name")
        if [[ $state != stopped && $count -gt 0 ]]; then state+=", restarts: $count"; fi
        printf '%-17s %s\n' "$name" "$state"
    done
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then state=running; else state=stopped; fi
    printf '%-17s %s\n' postgres "$state (127.0.0.1:$PG_PORT)"
}

case ${1:-} in
    up | run) cmd=$1; shift; "$cmd" "$@" ;;
    down | status) [[ $# -eq 1 ]] || usage; "$1" ;;
    *) usage ;;
esac
