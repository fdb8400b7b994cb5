"""The UI language: which one, and the Qt translators that make the Japanese source strings
English. Error texts come from `counter_app.messages` in the same language."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

import resources

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "ja"
CATALOG = "counter_app"


def choose_language(cli_language: str | None, config_language: str | None) -> str:
    """`--lang` wins over the config file's `ui.language`; Japanese otherwise."""
    return cli_language or config_language or DEFAULT_LANGUAGE


def translations_dir() -> Path:
    return resources.path("translations")


@dataclass
class Translations:
    """The translators installed for one language; `language` is the one actually shown."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self.translators:
            if app is not None:
                app.removeTranslator(translator)
        self.translators.clear()


def install(language: str, directory: Path | None = None) -> Translations:
    """Install our catalog and Qt's own (button texts) for `language`. A missing catalog
    falls back to Japanese with a warning in the log, never an error."""
    app = QCoreApplication.instance()
    installed = Translations(DEFAULT_LANGUAGE)
    if language != DEFAULT_LANGUAGE:
        catalog = (directory or translations_dir()) / f"{CATALOG}_{language}.qm"
        translator = QTranslator(app)
        if not translator.load(str(catalog)):
            log.warning("translation %s is missing; showing the Japanese screens", catalog)
        else:
            installed.language = language
            installed.translators.append(translator)
    qt_catalog = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_catalog.load(f"qtbase_{installed.language}", qt_dir):
        installed.translators.append(qt_catalog)
    for translator in installed.translators:
        app.installTranslator(translator)
    return installed
