#!/usr/bin/env bash
# make test: build the tests, make certificates and a throwaway Postgres, run them, remove the Postgres;
# then run every code block of the lesson library. Extra arguments go to `swift test` (e.g. --filter
# IdentityTests), and the library's code is then left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

readonly TEST_PG=.run/test-pg TEST_PG_PORT=${TEST_PG_PORT:-55433}

swift build --build-tests
deploy/scripts/pki.sh .run/pki
deploy/scripts/pki.sh --rogue .run/pki-rogue

deploy/scripts/postgres.sh destroy "$TEST_PG"
trap 'deploy/scripts/postgres.sh destroy "$TEST_PG" || true' EXIT
deploy/scripts/postgres.sh start "$TEST_PG" "$TEST_PG_PORT" test
deploy/scripts/postgres.sh bootstrap "$TEST_PG" "$TEST_PG_PORT" test

export PATHWISE_TEST_PG_PORT=$TEST_PG_PORT \
    PATHWISE_PKI_DIR=$PWD/.run/pki \
    PATHWISE_ROGUE_PKI_DIR=$PWD/.run/pki-rogue \
    PATHWISE_BIN_DIR=$(swift build --show-bin-path) \
    PATHWISE_REPO=$PWD

# Timing assertions run one at a time, after the parallel suites, so that other suites' load on the
# two cores cannot skew them: equal answer times for unknown email and wrong password, the scaling
# suites (every text path linear: cost at 8n over cost at n; suites named …ScalingTests), and the
# platform journey, whose seven processes' health checks the gateway must not miss under that load.
readonly TIMED='AuthRouteTests/sameAnswer|ScalingTests|SystemTests/platform'
# The whole output also goes to .run/test.log, and the failures are repeated at the end: CI shows only
# the tail of a long run.
readonly LOG=.run/test.log
: >"$LOG"
status=0
if [[ $# -gt 0 ]]; then
    swift test --skip-build "$@" 2>&1 | tee -a "$LOG" || status=$?
else
    swift test --skip-build --skip "$TIMED" 2>&1 | tee -a "$LOG" || status=$?
    swift test --skip-build --no-parallel --filter "$TIMED" 2>&1 | tee -a "$LOG" || status=$?
    deploy/scripts/library-code.sh 2>&1 | tee -a "$LOG" || status=$?
fi
if [[ $status -ne 0 ]]; then
    echo "---- failures (whole output in $LOG) ----"
    grep -E '✘|error:|Fatal error|Test run with .* (issue|failed)|: the block raised|: comment says|never printed|lessons, .* problems' "$LOG" | cut -c1-400 | head -60 || true
fi
exit "$status"
