"""The log file of this PC (the screens and the devices they drive), in the user's log
directory (platformdirs)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from counter_app.config import APP_NAME

LOG_FILE_NAME = "counter-app.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: RotatingFileHandler | None = None


def log_path() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False) / LOG_FILE_NAME


def configure_logging() -> Path:
    """Send INFO and above to the log file; calling it again re-targets the same handler."""
    global _handler
    path = log_path()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = RotatingFileHandler(
        path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
    )
    _handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(_handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return path
