"""`counter-app` without a subcommand: the Qt application, from start-up to exit."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from counter_app.config import APP_NAME, Config, load_config
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from station.logs import configure_logging

from . import crash, i18n, probe
from .fonts import apply_application_font
from .message_box import MessageBox
from .session import SessionFlow
from .style import STYLE_SHEET


def application() -> QApplication:
    """The QApplication (the existing one under test), named and styled the same on every PC."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setStyle("Fusion")
    apply_application_font(app)
    app.setStyleSheet(STYLE_SHEET)
    return app


def run_gui(args: argparse.Namespace) -> int:
    log_file = configure_logging()
    config: Config | None = None
    config_error: CounterAppError | None = None
    try:
        config = load_config(getattr(args, "config", None))
    except CounterAppError as error:
        config_error = error
    app = application()
    language = i18n.choose_language(
        getattr(args, "lang", None), config.language if config else None
    )
    translations = i18n.install(language)
    previous_hook = crash.install(log_file)
    quit_on_last_window = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between logout and the next login no window shows
    try:
        if config_error is not None:
            MessageBox.error(
                None,
                QCoreApplication.translate("Application", "総合窓口端末"),
                message_for(config_error, translations.language),
            )
            return 1
        flow = SessionFlow(config, translations.language, getattr(args, "database", None))
        flow.finished.connect(app.exit)
        if probe.enabled():
            probe.attach(flow)
        flow.start()
        return app.exec()
    except Exception:
        crash.report(log_file, *sys.exc_info())
        return 1
    finally:
        crash.uninstall(previous_hook)
        translations.remove()
        app.setQuitOnLastWindowClosed(quit_on_last_window)
