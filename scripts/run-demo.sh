#!/usr/bin/env bash
# Run counter-app on the embedded SQLite database, filled with a demo city on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
.venv/bin/counter-app demo-data --residents "${DEMO_RESIDENTS:-5000}" --if-empty
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run-demo: no display found. Start it from a desktop session, or under a virtual one:" >&2
  echo "  xvfb-run -a -s '-screen 0 1280x800x24' scripts/run-demo.sh" >&2
  exit 1
fi
exec .venv/bin/counter-app "$@"
