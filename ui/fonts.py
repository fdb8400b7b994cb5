"""The shipped IPAex Gothic font, made the application font so every PC shows the same glyphs."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "ipaexg.ttf")
BASE_POINT_SIZE = 12

_family: str | None = None


def register_shipped_font() -> str | None:
    """Register IPAex Gothic once per process; its family name, or None if it cannot load."""
    global _family
    if _family is None:
        path = resources.path(*FONT_FILE)
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("cannot load the font %s; using the system font", path)
            return None
        _family = families[0]
    return _family


def apply_application_font(app: QApplication) -> None:
    family = register_shipped_font()
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
