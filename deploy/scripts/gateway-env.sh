# shellcheck shell=bash
# Defaults for deploy/gateway/haproxy.cfg (docs/runtime.md); sourced by the other scripts.
# Anything already set in the environment wins.

PATHWISE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${RUN_DIR:=$PATHWISE_ROOT/.run}"
: "${PKI_DIR:=$RUN_DIR/pki}"
PKI_DIR=$(mkdir -p "$PKI_DIR" && cd "$PKI_DIR" && pwd) # HAProxy needs it absolute
: "${GATEWAY_ERRORS_DIR:=$PATHWISE_ROOT/deploy/gateway/errors}" # errorfile answers
: "${GATEWAY_BIND:=127.0.0.1}"
: "${GATEWAY_HTTP_PORT:=8080}"
: "${GATEWAY_HTTPS_PORT:=8443}"
: "${IDENTITY_ADDR:=127.0.0.1:7101}"
: "${PROFILE_ADDR:=127.0.0.1:7102}"
: "${CONTENT_ADDR:=127.0.0.1:7103}"
: "${PATHING_ADDR:=127.0.0.1:7104}"
: "${COACHING_ADDR:=127.0.0.1:7105}"
: "${ANALYTICS_ADDR:=127.0.0.1:7106}"
: "${GATEWAY_RATE_LIMIT:=1000}"
: "${GATEWAY_AUTH_RATE_LIMIT:=30}"
export PATHWISE_ROOT RUN_DIR PKI_DIR GATEWAY_ERRORS_DIR GATEWAY_BIND GATEWAY_HTTP_PORT GATEWAY_HTTPS_PORT \
    IDENTITY_ADDR PROFILE_ADDR CONTENT_ADDR PATHING_ADDR COACHING_ADDR ANALYTICS_ADDR \
    GATEWAY_RATE_LIMIT GATEWAY_AUTH_RATE_LIMIT
