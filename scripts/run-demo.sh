#!/usr/bin/env bash
# Run counter-app on the embedded SQLite database, filled with a demo city on first start.
# The ticket printer, this window's counter display and its payment terminal are simulated
# (counter-app simulate) on local sockets, so the whole floor and the certificate desk work
# without hardware; what they receive is written to .demo/printer.log, .demo/display.log
# and .demo/payment.log (`tail -f` them to watch).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
.venv/bin/counter-app demo-data --residents "${DEMO_RESIDENTS:-5000}" --if-empty
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run-demo: no display found. Start it from a desktop session, or under a virtual one:" >&2
  echo "  xvfb-run -a -s '-screen 0 1280x800x24' scripts/run-demo.sh" >&2
  exit 1
fi

mkdir -p .demo
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
printer_port=$(free_port)
display_port=$(free_port)
payment_port=$(free_port)
.venv/bin/counter-app simulate printer --listen "socket://127.0.0.1:$printer_port" </dev/null >.demo/printer.log 2>&1 &
printer_pid=$!
.venv/bin/counter-app simulate display --listen "socket://127.0.0.1:$display_port" </dev/null >.demo/display.log 2>&1 &
display_pid=$!
.venv/bin/counter-app simulate payment --listen "tcp://127.0.0.1:$payment_port" </dev/null >.demo/payment.log 2>&1 &
payment_pid=$!
trap 'kill $printer_pid $display_pid $payment_pid 2>/dev/null || true' EXIT

if [ -z "${COUNTER_APP_CONFIG:-}" ]; then
  # This PC as window 1 of the demo floor, with the simulated devices.
  cat > .demo/config.toml <<TOML
[terminal]
name = "DEMO-01"
kind = "window"
window_number = 1

[devices]
ticket_printer = "socket://127.0.0.1:$printer_port"
counter_display = "socket://127.0.0.1:$display_port"
counter_display_protocol = "dmd"
payment_terminal = "tcp://127.0.0.1:$payment_port"
TOML
  export COUNTER_APP_CONFIG="$PWD/.demo/config.toml"
fi
.venv/bin/counter-app "$@"
