#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite (extra arguments go to pytest),
# one worker per core (pytest-xdist; each worker starts its own throwaway PostgreSQL
# cluster; at most 8). TEST_WORKERS=0 runs it in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --maxprocesses 8 "$@"
