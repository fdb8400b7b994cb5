#!/usr/bin/env bash
# Prepare this checkout: Debian packages, a virtual environment in .venv, translations.
#   scripts/setup.sh run    what running the app needs
#   scripts/setup.sh test   what running the test suite needs
# As root it installs missing Debian packages itself; otherwise it prints the exact
# command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

qt_runtime=(libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0 libdbus-1-3)
qt_display=(libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
            libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0)
wanted=("${qt_runtime[@]}")
case "$purpose" in
  run) wanted+=("${qt_display[@]}") ;;
  test)
    if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      wanted+=(postgresql)
    fi
    # the printing tests read the PDFs back: pdftotext/pdftoppm, and zbarimg for barcodes
    command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || wanted+=(poppler-utils)
    command -v zbarimg >/dev/null || wanted+=(zbar-tools) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null; then
  wanted+=(python3 python3-venv)
elif ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  wanted+=(python3-venv)
fi

if command -v dpkg-query >/dev/null; then
  missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  if ((${#missing[@]})); then
    if [ "$(id -u)" -eq 0 ]; then
      echo "setup: installing Debian packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "setup: these Debian packages are missing. Run this, then run me again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
else
  echo "setup: not a Debian/Ubuntu system; make sure Qt's libraries and PostgreSQL are installed" >&2
fi

"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: counter-app needs Python 3.11 or newer ($("$python" --version) found)" >&2; exit 1; }

extras=""
[ "$purpose" = test ] && extras="[test]"
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${extras:+-test}"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extras}"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
if [ -x scripts/build-translations.sh ]; then
  scripts/build-translations.sh
fi
