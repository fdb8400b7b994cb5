"""The city's topics file: checked when the app starts, a wrong entry named with its line."""

from __future__ import annotations

import pytest

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.voices.topics import load_voice_settings


def write(tmp_path, text: str):
    path = tmp_path / "voices.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_file_loads_in_its_order():
    settings = load_voice_settings()
    assert settings.due_days == 14
    assert settings.topics[0].id == "waiting" and settings.topic("waiting").name == "待ち時間"
    assert settings.topic("nothing") is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("due_days: 0\ntopics:\n  - {id: a, name: あ, name_en: A}\n", "due_days"),
        ("topics:\n  - {id: A-1, name: あ, name_en: A}\n", "A-1"),
        ("topics:\n  - {id: a, name: あ, name_en: A}\n  - {id: a, name: い, name_en: B}\n", "once"),
        ("topics:\n  - {id: a, name_en: A}\n", "missing"),
        ("topics: []\n", "at least one"),
        ("topics:\n  - {id: a, name: あ, name_en: A\n", "voices.yaml:"),
    ],
)
def test_a_wrong_file_is_refused_naming_the_problem(tmp_path, text, says):
    with pytest.raises(CounterAppError) as refused:
        load_voice_settings(write(tmp_path, text))
    assert refused.value.code is ErrorCode.RESOURCE_INVALID
    assert says in f"{refused.value.params['path']} {refused.value.params['detail']}"
