#!/usr/bin/env bash
# Regenerate docs/screenshots/*.png: a demo city in a temporary SQLite database, the app on a
# virtual X display (Xvfb, 1280x800), one PNG per screen.
#   scripts/screenshots.sh            needs xvfb-run (Debian: xvfb xauth) and a built .venv
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${COUNTER_APP_SCREENSHOTS_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" \
    env COUNTER_APP_SCREENSHOTS_DISPLAY=1 "$0" "$@"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/config.toml" <<TOML
[terminal]
name = "MADO-03"
kind = "window"
window_number = 3

[database]
url = "sqlite:///$work/counter-app.sqlite3"
TOML
export COUNTER_APP_CONFIG="$work/config.toml"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
unset QT_QPA_PLATFORM COUNTER_APP_STARTUP_PROBE

scripts/build-translations.sh
.venv/bin/counter-app demo-data --residents 2000 >/dev/null

out=docs/screenshots
shoot() { .venv/bin/python scripts/screenshots.py "$@"; echo "screenshots: $2"; }
shoot login "$out/login-ja.png" --lang ja
shoot login "$out/login-en.png" --lang en
shoot main "$out/clerk-ja.png" --lang ja --login madoguchi --search "たかはし"
# The procedure guide: the SC01 walk-through of the screen tests keeps its screens.
COUNTER_APP_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q tests/ui/test_guide_flow.py tests/ui/test_forms_preview.py -k sc01 >/dev/null
echo "screenshots: $out/guide-questions-ja.png $out/guide-results-ja.png $out/forms-preview-ja.png"
# The department's inbox and the visit at the window, from the two-PC walk-through.
COUNTER_APP_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q tests/ui/test_inbox_flow.py -k "route_claim and sqlite" >/dev/null
echo "screenshots: $out/inbox-ja.png $out/visit-ja.png"
# The certificate desk: the request, the certificate as printed, and 日計 with its 金種表.
COUNTER_APP_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q tests/ui/test_certificate_desk.py tests/ui/test_certificate_day_close.py \
  -k "cash_and_shows_the_change or difference_as_the_count" >/dev/null
echo "screenshots: $out/certificate-desk-ja.png $out/certificate-pdf-ja.png $out/day-close-ja.png"
# Residents' voices: recording with a similar voice suggested, the shared search with a
# department's answer, and a staff letter under consideration.
COUNTER_APP_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q tests/ui/test_voices_ui.py \
  -k "similar_voices or recorder_sees_it_live or reform_officer_moves" >/dev/null
echo "screenshots: $out/voice-record-ja.png $out/voices-search-ja.png $out/letters-ja.png"
# Two printed forms, as pictures: SC01's 出生届 and SC08's 住民異動届 (needs poppler-utils).
forms_dir=$(mktemp -d)
.venv/bin/counter-app forms --scenario tests/guide/data/public.yaml --id SC01 --out "$forms_dir/sc01.pdf" >/dev/null
.venv/bin/counter-app forms --scenario tests/guide/data/public.yaml --id SC08 --out "$forms_dir/sc08.pdf" >/dev/null
pdftoppm -r 100 -png -f 1 -l 1 -singlefile "$forms_dir/sc01.pdf" "$out/form-birth-notice"
pdftoppm -r 100 -png -f 1 -l 1 -singlefile "$forms_dir/sc08.pdf" "$out/form-resident-move"
rm -rf "$forms_dir"
echo "screenshots: $out/form-birth-notice.png $out/form-resident-move.png"
