#!/usr/bin/env bash
# make bench: a release build, the stack on its normal ports with the gateway's rate limits lifted,
# and wrk through the plain gateway listener (wrk cannot present the client certificate services
# require). Prints req/s, p50 and p99 per endpoint and each one's ratio to the /health/live floor.
#
# Environment: BENCH_DURATION (10s), BENCH_CONNECTIONS (32), BENCH_THREADS (2);
# BIN_DIR=<dir> uses binaries from there and skips the build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export GATEWAY_RATE_LIMIT=1000000 GATEWAY_AUTH_RATE_LIMIT=1000000
# JSON logs: the cached explanation's server time is read from content's http.request lines.
export LOG_FORMAT=json
readonly GATEWAY=http://127.0.0.1:${GATEWAY_HTTP_PORT:-8080}
readonly WRK=(wrk -t"${BENCH_THREADS:-2}" -c"${BENCH_CONNECTIONS:-32}" -d"${BENCH_DURATION:-10s}" --latency)
readonly OUT=.run/bench

[[ -n ${BIN_DIR:-} ]] || swift build -c release
deploy/scripts/stack.sh up --release
trap 'deploy/scripts/stack.sh down' EXIT
mkdir -p "$OUT"

# server_time KEY LABEL SERVICE PATH-SUFFIX WRK-ARGS...: five seconds over one connection, then the
# service's own http.request durations for that path (without the gateway and the TLS hop), p50 and p99,
# of the answers with status STATUS (200 unless set).
server_time() {
    local key=$1 label=$2 service=$3 suffix=$4
    shift 4
    local lines
    # Requests still queued from the run before must not count: let them drain first.
    sleep 2
    lines=$(wc -l <".run/logs/$service.log")
    wrk -t1 -c1 -d5s "$@" >"$OUT/$key-one-connection.txt"
    logged_times "$key" "$label, one connection" "$service" "$suffix" "$lines"
}

# logged_times KEY LABEL SERVICE PATH-SUFFIX FROM-LINE: p50 and p99 of the service's http.request
# durations for that path since line FROM-LINE of its log, of the answers with status STATUS (200 unless set).
logged_times() {
    local key=$1 label=$2 service=$3 suffix=$4 lines=$5
    tail -n +"$((lines + 1))" ".run/logs/$service.log" | SUFFIX=$suffix LABEL=$label STATUS=${STATUS:-200} python3 -c '
import json, os, sys
label, suffix = os.environ["LABEL"], os.environ["SUFFIX"]
durations = sorted(
    float(entry["duration_ms"]) for entry in (json.loads(line) for line in sys.stdin if line.startswith("{"))
    if entry.get("msg") == "http.request" and entry.get("path", "").endswith(suffix) and str(entry.get("status")) == os.environ["STATUS"]
)
if durations:
    pick = lambda q: durations[min(len(durations) - 1, int(q * len(durations)))]
    print(f"{label}, server time over {len(durations)} requests: p50 {pick(0.50):.2f} ms, p99 {pick(0.99):.2f} ms")
' | tee "$OUT/$key-server-time.txt"
}

# post PATH JSON: the response body of a POST through the gateway; fails on a non-2xx answer.
post() { curl -sS --fail-with-body -H 'Content-Type: application/json' -d "$2" "$GATEWAY$1"; }
access_token() { python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'; }

BENCH_EMAIL="bench-$(date +%s)-$RANDOM@example.com"
BENCH_PASSWORD="bench-$(openssl rand -hex 12)"
export BENCH_EMAIL BENCH_PASSWORD
credentials="{\"email\": \"$BENCH_EMAIL\", \"password\": \"$BENCH_PASSWORD\""
post /api/v1/auth/signup "$credentials, \"name\": \"Bench\"}" >/dev/null

# measure KEY LABEL WRK-ARGS...: run wrk; keep its output in .run/bench/KEY.txt and a row in rows.tsv.
measure() {
    local key=$1 label=$2
    shift 2
    echo "wrk: $label" >&2
    "${WRK[@]}" "$@" >"$OUT/$key.txt"
    awk -v key="$key" -v label="$label" -v OFS='\t' '
        /^ +50%/ { p50 = $2 }
        /^ +99%/ { p99 = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /^Requests\/sec:/ { rps = $2 }
        END { print key, label, rps, p50, p99, bad + 0 }' "$OUT/$key.txt" >>"$OUT/rows.tsv"
}

: >"$OUT/rows.tsv"
measure floor "GET /health/live" "$GATEWAY/health/live"
# Access tokens live 5 minutes: take a fresh one right before.
token=$(post /api/v1/auth/login "$credentials}" | access_token)
measure me "GET /api/v1/auth/me" -H "Authorization: Bearer $token" "$GATEWAY/api/v1/auth/me"
token=$(post /api/v1/auth/login "$credentials}" | access_token)
measure profile "GET /api/v1/profile" -H "Authorization: Bearer $token" "$GATEWAY/api/v1/profile"
# Thirty-two people changing their targets: one person's writes are serialised on their profile row by design.
tokens=()
for i in $(seq 1 32); do
    tokens+=("$(post /api/v1/auth/signup "{\"email\": \"bench-$i-$RANDOM-$(date +%s)@example.com\", \"password\": \"$BENCH_PASSWORD\"}" | access_token)")
done
export BENCH_TOKENS="${tokens[*]}"
measure job_target "PUT /api/v1/profile/job-target" -s deploy/scripts/bench/job-target.lua "$GATEWAY/api/v1/profile/job-target"
measure login "POST /api/v1/auth/login" -s deploy/scripts/bench/login.lua "$GATEWAY/api/v1/auth/login"
measure lesson "GET /api/v1/lessons/{id}" "$GATEWAY/api/v1/lessons/counting-and-combinatorics"
measure coverage "POST /api/v1/coverage (200 topics)" -s deploy/scripts/bench/coverage.lua "$GATEWAY/api/v1/coverage"
measure search "POST /api/v1/search" -s deploy/scripts/bench/search.lua "$GATEWAY/api/v1/search"
# A cached personalized explanation: one person with a template target and preferences, the entry
# made by one request before. Its server time (the content service's own http.request duration, so
# without the gateway and the TLS hop) is read from content's log over a run with one connection:
# under 32 connections a request's time inside the process is mostly its wait behind the other 31.
token=$(post /api/v1/auth/login "$credentials}" | access_token)
authorized() { curl -sS --fail-with-body -o /dev/null -X "$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" ${3:+-d "$3"} "$GATEWAY$2"; }
authorized PUT /api/v1/profile/job-target '{"role_template": "quant_researcher"}'
authorized POST /api/v1/onboarding \
    '{"answers": {"experience_level": "mid_career", "programming_experience": "advanced", "math_background": "graduate", "learning_goals": ["interview_prep"], "learning_style": "theory_first", "weekly_hours": 8}}'
authorized GET /api/v1/lessons/black-scholes-model/personalized
measure explanation "GET …/personalized (cached)" -H "Authorization: Bearer $token" "$GATEWAY/api/v1/lessons/black-scholes-model/personalized"
server_time explanation "cached explanation" content /personalized \
    -H "Authorization: Bearer $token" "$GATEWAY/api/v1/lessons/black-scholes-model/personalized"
# Job analysis of a posting of about 1,500 words.
BENCH_TOKEN=$(post /api/v1/auth/login "$credentials}" | access_token)
export BENCH_TOKEN
measure job_analysis "POST /api/v1/job-analysis (1,500 words)" -s deploy/scripts/bench/job-analysis.lua "$GATEWAY/api/v1/job-analysis"
server_time job_analysis "job analysis, 1,500 words" pathing /job-analysis -s deploy/scripts/bench/job-analysis.lua "$GATEWAY/api/v1/job-analysis"
# Learning paths for the person above (a template target, onboarding done): the current path, made
# for the target without being asked, read back; then a path made and stored on each request.
for _ in $(seq 1 100); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BENCH_TOKEN" "$GATEWAY/api/v1/learning-paths/current") == 200 ]] && break
    sleep 0.2
done
measure path_current "GET /api/v1/learning-paths/current" -H "Authorization: Bearer $BENCH_TOKEN" "$GATEWAY/api/v1/learning-paths/current"
server_time path_current "current learning path" pathing /learning-paths/current \
    -H "Authorization: Bearer $BENCH_TOKEN" "$GATEWAY/api/v1/learning-paths/current"
BENCH_TOKEN=$(post /api/v1/auth/login "$credentials}" | access_token)
measure path_made "POST /api/v1/learning-paths" -s deploy/scripts/bench/learning-path.lua "$GATEWAY/api/v1/learning-paths"
STATUS=201 server_time path_made "making a learning path" pathing /learning-paths -s deploy/scripts/bench/learning-path.lua "$GATEWAY/api/v1/learning-paths"

# Coaching with the embedded engine: a coach turn (the key claimed, the reply, both turns and the key's
# answer stored), spread over 300 sessions so none fills up; then 40 sessions of 20 answers each,
# completed and evaluated once each.
BENCH_TOKEN=$(post /api/v1/auth/login "$credentials}" | access_token)
BENCH_SESSIONS=$(BENCH_GATEWAY=$GATEWAY python3 deploy/scripts/bench/coaching.py sessions 300)
export BENCH_SESSIONS
measure coach_turn "POST /api/v1/sessions/{id}/messages" -s deploy/scripts/bench/coach-turn.lua "$GATEWAY/api/v1/sessions"
STATUS=201 server_time coach_turn "a coach turn (embedded)" coaching-session /messages -s deploy/scripts/bench/coach-turn.lua "$GATEWAY/api/v1/sessions"
lines=$(wc -l <.run/logs/coaching-session.log)
BENCH_GATEWAY=$GATEWAY python3 deploy/scripts/bench/coaching.py evaluate 40 20
STATUS=201 logged_times evaluation "evaluating a 20-answer session (embedded)" coaching-session /evaluate "$lines"

# Analytics: the bench person given 1,000 more evaluated sessions (their events posted to analytics over
# mTLS, as coaching-session's relay would; 1,040 with the 40 above), then their trends over a year.
BENCH_TOKEN=$(post /api/v1/auth/login "$credentials}" | access_token)
BENCH_GATEWAY=$GATEWAY PKI_DIR=.run/pki python3 deploy/scripts/bench/analytics.py
measure trends "GET /api/v1/analytics/trends (1,040 sessions)" -H "Authorization: Bearer $BENCH_TOKEN" "$GATEWAY/api/v1/analytics/trends?days=365"
server_time trends "trends over 1,040 evaluated sessions" analytics /analytics/trends \
    -H "Authorization: Bearer $BENCH_TOKEN" "$GATEWAY/api/v1/analytics/trends?days=365"

awk -F '\t' '
    BEGIN { printf "\n%-32s %10s %10s %10s %8s %9s\n", "endpoint", "req/s", "p50", "p99", "non-2xx", "of floor" }
    NR == 1 { floor = $3 }
    { printf "%-32s %10s %10s %10s %8s %9.2f\n", $2, $3, $4, $5, $6, (floor > 0 ? $3 / floor : 0) }
' "$OUT/rows.tsv"
echo "raw wrk output in $OUT/"

echo
"${BIN_DIR:-$(swift build -c release --show-bin-path)}/MatcherBenchmark"
