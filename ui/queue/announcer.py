"""The hall's chime and spoken call: one call at a time, none cut off by the next.

QtTextToSpeech speaks where PySide6's add-ons are installed (PySide6-Essentials lacks it):
then every call is a chime (ui/queue/chime.py) followed by the spoken text. Without it
the hall hears the chime alone. Calls that arrive while one is announced wait their turn.
"""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from .chime import Chime

log = logging.getLogger(__name__)

CHIME_MS = 700  # from the chime to the spoken text
GAP_MS = 1200  # between two calls, so each is heard on its own
SPEECH_TIMEOUT_MS = 20_000  # an engine that never reports Ready does not stop the queue


def _speech_engine(parent: QObject, language: str):
    """A QTextToSpeech for the language, or None where the module or an engine is missing."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    try:
        engine = QTextToSpeech(parent)
        if engine.state() == QTextToSpeech.State.Error:
            engine.deleteLater()
            return None
        locale = QLocale(
            QLocale.Language.Japanese if language == "ja" else QLocale.Language.English
        )
        if locale in engine.availableLocales():
            engine.setLocale(locale)
        return engine
    except Exception:  # a broken speech back end: stay silent rather than fail the hall
        log.warning("text to speech is not available", exc_info=True)
        return None


class Announcer(QObject):
    """`announce(text)` queues a call; `started(text)` fires as its chime sounds."""

    started = Signal(str)
    finished = Signal(str)

    def __init__(
        self, parent: QObject | None = None, language: str = "ja", speech: bool = True
    ) -> None:
        super().__init__(parent)
        self._queue: deque[str] = deque()
        self._current: str | None = None
        self._engine = _speech_engine(self, language) if speech else None
        self._chime = Chime(self)
        self._speaking = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        self._step_action = self._next
        if self._engine is not None:
            self._engine.stateChanged.connect(self._speech_state)

    @property
    def speaks(self) -> bool:
        return self._engine is not None

    @property
    def pending(self) -> int:
        """Calls waiting, the one being announced included."""
        return len(self._queue) + (self._current is not None)

    def announce(self, text: str) -> None:
        self._queue.append(text)
        if self._current is None:
            self._next()

    def _later(self, ms: int, action) -> None:
        self._step_action = action
        self._timer.start(ms)

    def _step(self) -> None:
        self._step_action()

    def _next(self) -> None:
        if not self._queue:
            self._current = None
            return
        self._current = self._queue.popleft()
        self._chime.play()
        self.started.emit(self._current)
        if self._engine is None:
            self._later(GAP_MS, self._done)
        else:
            self._later(CHIME_MS, self._speak)

    def _speak(self) -> None:
        self._speaking = True
        self._engine.say(self._current)
        self._later(SPEECH_TIMEOUT_MS, self._done)  # Ready normally comes first

    def _speech_state(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._speaking and state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            self._speaking = False
            self._later(GAP_MS, self._done)

    def _done(self) -> None:
        self._speaking = False
        if self._current is not None:
            self.finished.emit(self._current)
        self._current = None
        self._next()
