"""The English catalog: complete, in step with ui/, and optional at run time."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.helpers import PROJECT_ROOT
from tests.ui.support import TS_FILE
from ui import i18n

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_entry_is_translated_with_the_same_placeholders():
    entries = messages(TS_FILE)
    assert entries
    for (context, source), translation in entries.items():
        where = f"{context}: {source!r}"
        assert translation.get("type") is None, f"unfinished or obsolete: {where}"
        assert (translation.text or "").strip(), f"empty: {where}"
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(translation.text)), where


def test_catalog_holds_every_string_of_the_screens(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    assert lupdate is not None, "pyside6-lupdate comes with PySide6; reinstall the venv"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (PROJECT_ROOT / "ui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = set(messages(fresh)) - set(messages(TS_FILE))
    assert not missing, f"run scripts/build-translations.sh --update and translate: {missing}"


def test_missing_catalog_falls_back_to_japanese_with_a_warning(qapp, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="ui.i18n"):
        installed = i18n.install("en", tmp_path)
    try:
        assert installed.language == "ja"
        assert "counter_app_en.qm is missing" in caplog.text
    finally:
        installed.remove()


def test_language_choice_order():
    assert i18n.choose_language("en", "ja") == "en"
    assert i18n.choose_language(None, "en") == "en"
    assert i18n.choose_language(None, None) == "ja"
