#!/usr/bin/env bash
# Keeps one process running for deploy/scripts/stack.sh (docs/runtime.md): whenever it exits, whatever
# the status, it is started again after 1 s, then 2, 4, 8, 16 and at most 30 s between attempts; the
# delay drops back to 1 s once the process has stayed up for 60 s.
#
#   deploy/scripts/supervise.sh [--pid-file FILE] [--stop-signal SIGNAL] NAME COMMAND [ARG...]
#
# FILE holds the pid of the running process (removed on stop). SIGTERM or SIGINT stops the supervisor:
# SIGNAL (default TERM) to the process, SIGKILL after 10 s, no restart. Each restart is one line on
# stderr, which stack.sh points at the process's own log:
#   supervisor: profile exited (status 132, SIGILL) after 3 s; restarting in 2 s
set -euo pipefail

readonly MAX_DELAY=30 STABLE_AFTER=60 STOP_TIMEOUT=10

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2; exit 2; }

pid_file="" stop_signal=TERM
while [[ $# -gt 0 ]]; do
    case $1 in
        --pid-file) [[ $# -ge 2 ]] || usage; pid_file=$2; shift 2 ;;
        --stop-signal) [[ $# -ge 2 ]] || usage; stop_signal=$2; shift 2 ;;
        -*) usage ;;
        *) break ;;
    esac
done
[[ $# -ge 2 ]] || usage
readonly name=$1 pid_file stop_signal
shift

child="" sleeper="" stopping=false

say() { echo "supervisor: $*" >&2; }

# describe STATUS: "status 1", or "status 132, SIGILL" for a process ended by a signal.
describe() {
    local signal
    if (($1 > 128)) && signal=$(kill -l "$1" 2>/dev/null); then
        echo "status $1, SIG$signal"
    else
        echo "status $1"
    fi
}

# On SIGTERM/SIGINT: pass the stop signal on and remember not to restart.
on_signal() {
    stopping=true
    if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then kill -"$stop_signal" "$child" 2>/dev/null || true; fi
    if [[ -n $sleeper ]]; then kill "$sleeper" 2>/dev/null || true; fi
}
trap on_signal TERM INT

# finish: wait for the process to exit (SIGKILL after STOP_TIMEOUT), then exit.
finish() {
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while [[ -n $child ]] && kill -0 "$child" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            say "$name did not stop within ${STOP_TIMEOUT} s; killing it"
            kill -KILL "$child" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    if [[ -n $child ]]; then wait "$child" 2>/dev/null || true; fi
    if [[ -n $pid_file ]]; then rm -f "$pid_file"; fi
    exit 0
}

delay=1 restarts=0
while true; do
    started=$SECONDS
    "$@" &
    child=$!
    if [[ -n $pid_file ]]; then echo "$child" >"$pid_file"; fi
    if ((restarts > 0)); then say "$name restarted (pid $child, restart $restarts)"; fi
    if $stopping; then on_signal; finish; fi # a signal that came before $child was known

    status=0
    wait "$child" 2>/dev/null || status=$? # its own line below says how it ended
    if $stopping; then finish; fi # wait returned for the signal, not for the process
    child=""
    if [[ -n $pid_file ]]; then rm -f "$pid_file"; fi

    if ((SECONDS - started >= STABLE_AFTER)); then delay=1; fi
    say "$name exited ($(describe "$status")) after $((SECONDS - started)) s; restarting in $delay s"
    sleep "$delay" &
    sleeper=$!
    wait "$sleeper" 2>/dev/null || true
    sleeper=""
    if $stopping; then finish; fi
    delay=$((delay * 2 > MAX_DELAY ? MAX_DELAY : delay * 2))
    restarts=$((restarts + 1))
done
