#!/bin/sh
# Runs the image's service. DATABASE_PASSWORD may come from a file (DATABASE_PASSWORD_FILE), so
# that compose keeps passwords out of its environment listing.
set -eu
if [ -z "${DATABASE_PASSWORD:-}" ] && [ -n "${DATABASE_PASSWORD_FILE:-}" ]; then
    DATABASE_PASSWORD=$(cat "$DATABASE_PASSWORD_FILE")
    export DATABASE_PASSWORD
fi
exec "/app/$PATHWISE_PRODUCT" "$@"
