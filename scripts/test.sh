#!/usr/bin/env bash
# make test: build the tests, make certificates and a throwaway Postgres, run them, remove the Postgres.
# Extra arguments go to `swift test` (e.g. --filter IdentityTests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly TEST_PG=.run/test-pg TEST_PG_PORT=${TEST_PG_PORT:-55433}

swift build --build-tests
scripts/pki.sh .run/pki
scripts/pki.sh --rogue .run/pki-rogue

scripts/postgres.sh destroy "$TEST_PG"
trap 'scripts/postgres.sh destroy "$TEST_PG" || true' EXIT
scripts/postgres.sh start "$TEST_PG" "$TEST_PG_PORT" test
scripts/postgres.sh bootstrap "$TEST_PG" "$TEST_PG_PORT" test

status=0
PATHWISE_TEST_PG_PORT=$TEST_PG_PORT \
    PATHWISE_PKI_DIR=$PWD/.run/pki \
    PATHWISE_ROGUE_PKI_DIR=$PWD/.run/pki-rogue \
    PATHWISE_BIN_DIR=$(swift build --show-bin-path) \
    PATHWISE_REPO=$PWD \
    swift test --skip-build "$@" || status=$?
exit "$status"
