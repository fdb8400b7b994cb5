"""Text from outside shown safely: every control and format character escaped, every
message parameter cut to a length a person reads."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.safe_text import MAX_SHOWN, escaped, has_unsafe_character, shown

UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def test_the_unsafe_class_is_exactly_the_control_format_and_separator_characters():
    wrong = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if has_unsafe_character(chr(code)) != (unicodedata.category(chr(code)) in UNSAFE_CATEGORIES)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("raw", "shown_as"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x00b", "a\\x00b"),
        ("\u202eevil", "\\u202eevil"),
        ("line\nforged", "line\\x0aforged"),
        ("\r\x7f\x85", "\\x0d\\u007f\\u0085"),
        ("\ud800", "\\ud800"),
        ("\U000e0041", "\\U000e0041"),
        ("佐藤 花子 髙橋\ue000", "佐藤 花子 髙橋\ue000"),  # 外字 (private use) are names, kept
    ],
)
def test_escaped_makes_every_unsafe_character_visible(raw, shown_as):
    assert escaped(raw) == shown_as
    assert escaped(shown_as) == shown_as  # escaping twice changes nothing


def test_a_huge_value_is_cut_with_an_ellipsis_and_its_length():
    value = "x" * 100_000
    assert shown(value, "ja") == "x" * (MAX_SHOWN * 4 // 5) + "…（100000文字）"
    assert shown(value, "en").endswith("… (100000 characters)")
    assert shown("short") == "short"


def test_message_for_escapes_and_cuts_every_parameter():
    error = CounterAppError(
        ErrorCode.RESOURCE_INVALID, path="/tmp/\x1b[2Jevil\u202e.yaml", detail="d" * 100_000
    )
    for language in ("ja", "en"):
        text = message_for(error, language)
        assert "\x1b" not in text and "\u202e" not in text
        assert "/tmp/\\x1b[2Jevil\\u202e.yaml" in text
        assert len(text) < 400
    assert "（100000文字）" in message_for(error, "ja")
    assert "(100000 characters)" in message_for(error, "en")


def test_numbers_reach_the_template_as_numbers():
    error = CounterAppError(ErrorCode.AUTH_LOCKED_OUT, minutes=15)
    assert message_for(error, "en") == "Too many failed logins: try again in 15 minutes."
