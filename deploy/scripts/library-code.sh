#!/usr/bin/env bash
# Runs every code block of the lesson library (Tests/LibraryCode/run_lessons.py) in a throwaway venv
# with the pinned packages of Tests/LibraryCode/requirements.txt; the venv is made again whenever
# that file changes. Extra arguments go to the runner (lesson files or folders).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

readonly REQUIREMENTS=Tests/LibraryCode/requirements.txt VENV=$PWD/.run/library-venv
wanted=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
if [[ ! -x $VENV/bin/python || "$(cat "$VENV/requirements.sha256" 2>/dev/null)" != "$wanted" ]]; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --requirement "$REQUIREMENTS"
    echo "$wanted" >"$VENV/requirements.sha256"
fi
# The runner's own tests first: a checker that no longer catches a wrong quote would pass everything.
"$VENV/bin/python" -m unittest --quiet Tests/LibraryCode/test_run_lessons.py
exec "$VENV/bin/python" Tests/LibraryCode/run_lessons.py --python "$VENV/bin/python" "$@"
