"""The hall's two-tone chime (ピンポン), made in memory and played by what the PC has.

QtMultimedia's QSoundEffect where PySide6's add-ons are installed; otherwise the desktop's
sound player (PipeWire `pw-play`, PulseAudio `paplay` or ALSA `aplay`, fed on stdin);
otherwise the system beep. Playing never blocks the screen and never fails it.
"""

from __future__ import annotations

import io
import logging
import math
import shutil
import struct
import subprocess
import tempfile
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

RATE = 22_050
# Two struck tones, high then low, each fading out: the usual hall call.
TONES = ((880.0, 0.45), (698.5, 0.65))
PLAYERS = (("pw-play", "-"), ("paplay",), ("aplay", "-q", "-"))


def chime_wav() -> bytes:
    """The chime as a 16-bit mono WAV file."""
    frames = bytearray()
    for frequency, seconds in TONES:
        count = int(RATE * seconds)
        for i in range(count):
            t = i / RATE
            envelope = math.exp(-4.0 * t / seconds) * min(1.0, i / 200)
            sample = (
                0.45
                * envelope
                * (
                    math.sin(2 * math.pi * frequency * t)
                    + 0.3 * math.sin(4 * math.pi * frequency * t)
                )
            )
            frames += struct.pack("<h", int(max(-1.0, min(1.0, sample)) * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(RATE)
        file.writeframes(bytes(frames))
    return out.getvalue()


class Chime(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wav = chime_wav()
        self._effect = self._sound_effect()
        self._player = (
            None
            if self._effect
            else next((command for command in PLAYERS if shutil.which(command[0])), None)
        )

    @property
    def kind(self) -> str:
        """How the chime sounds here: qt, a player's name, or beep."""
        if self._effect is not None:
            return "qt"
        return self._player[0] if self._player else "beep"

    def _sound_effect(self):
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return None
        path = Path(tempfile.gettempdir()) / "counter-app-chime.wav"
        path.write_bytes(self._wav)
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        return effect

    def play(self) -> None:
        if self._effect is not None:
            self._effect.play()
            return
        if self._player is not None:
            try:
                process = subprocess.Popen(
                    self._player,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                process.stdin.write(self._wav)
                process.stdin.close()
                return
            except OSError:
                log.warning("cannot play the chime with %s", self._player[0], exc_info=True)
        QApplication.beep()
