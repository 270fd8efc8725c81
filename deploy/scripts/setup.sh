#!/usr/bin/env bash
# make setup: install the Debian packages given as arguments, if any is missing.
set -euo pipefail

if ! command -v dpkg-query >/dev/null; then
    echo "setup: not a Debian system; install these yourself: $*"
    exit 0
fi

missing=()
for package in "$@"; do
    if [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) != installed ]]; then
        missing+=("$package")
    fi
done
((${#missing[@]})) || exit 0

if [[ $EUID -ne 0 ]]; then
    echo "setup: missing Debian packages; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
