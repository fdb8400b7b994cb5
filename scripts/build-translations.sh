#!/usr/bin/env bash
# Build the English catalog of the screens with Qt Linguist's tools.
#   scripts/build-translations.sh            compile resources/translations/*.ts to .qm
#   scripts/build-translations.sh --update   first refresh the .ts from the strings in ui/
# The source strings in ui/ are Japanese; the .ts holds their English translations and is
# committed, the .qm is built (gitignored). A .ts with unfinished entries fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."

tool() {
  if [ -x ".venv/bin/$1" ]; then echo ".venv/bin/$1"; else command -v "$1"; fi
}
lupdate=$(tool pyside6-lupdate) || { echo "build-translations: pyside6-lupdate not found" >&2; exit 1; }
lrelease=$(tool pyside6-lrelease) || { echo "build-translations: pyside6-lrelease not found" >&2; exit 1; }

catalogs=(resources/translations/counter_app_en.ts)

case "${1:-}" in
  --update)
    mapfile -t sources < <(find ui -name '*.py' | sort)
    for ts in "${catalogs[@]}"; do
      "$lupdate" "${sources[@]}" -ts "$ts" -source-language ja -target-language en \
        -locations none -no-obsolete
    done ;;
  "") ;;
  *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

for ts in "${catalogs[@]}"; do
  if grep -q 'type="unfinished"' "$ts"; then
    echo "build-translations: $ts has unfinished entries; translate them in Qt Linguist" \
      "(.venv/bin/pyside6-linguist $ts)" >&2
    grep -B2 'type="unfinished"' "$ts" | grep '<source>' >&2 || true
    exit 1
  fi
  "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
