"""The hall chime is a real two-tone sound, made in memory."""

from __future__ import annotations

import io
import wave

from ui.queue.chime import Chime, chime_wav


def test_the_chime_is_a_short_wav() -> None:
    with wave.open(io.BytesIO(chime_wav())) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2)
    assert 1.0 < seconds < 1.2


def test_the_chime_plays_with_what_the_pc_has(qapp) -> None:
    chime = Chime()
    assert chime.kind in ("qt", "pw-play", "paplay", "aplay", "beep")
    chime.play()  # never raises, never blocks
