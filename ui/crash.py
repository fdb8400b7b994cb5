"""The last line of defence: an unexpected exception is logged with its traceback and the
user sees one short message, never a Python traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication

from .message_box import MessageBox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

_showing = False


def install(log_file: Path) -> ExceptHook:
    """Install the hook; returns the previous one for `uninstall`."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        report(log_file, exc_type, exc, tb)

    sys.excepthook = hook
    return previous


def uninstall(previous: ExceptHook) -> None:
    sys.excepthook = previous


def report(
    log_file: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        QCoreApplication.exit(130)
        return
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    if _showing or QCoreApplication.instance() is None:
        return
    _showing = True
    try:
        MessageBox.error(
            None,
            QCoreApplication.translate("Crash", "エラー"),
            QCoreApplication.translate(
                "Crash",
                "予期しないエラーが発生しました。作業を続けられない場合は、"
                "アプリを再起動してください。\n詳細はログファイルに記録しました:\n{path}",
            ).format(path=log_file),
        )
    except Exception:
        log.exception("could not show the error message")
    finally:
        _showing = False
