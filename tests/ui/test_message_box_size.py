"""A message box quoting a huge value stays a box a person can read: message_for cuts the
value, and what is left fits on a screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from ui.message_box import MessageBox


@pytest.fixture
def opened(monkeypatch, qtbot) -> list[QMessageBox]:
    """The boxes MessageBox opens, shown without blocking the test."""
    boxes: list[QMessageBox] = []

    def show_instead(box: QMessageBox) -> int:
        qtbot.addWidget(box)
        box.show()
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", show_instead)
    return boxes


def size_of(box: QMessageBox) -> tuple[int, int]:
    hint = box.sizeHint()
    return hint.width(), hint.height()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_100_kb_value_leaves_a_readable_message_box(opened, language):
    value = "\u202e" + "住所" * 50_000  # 100 KB of text, with a bidi override in front
    error = CounterAppError(ErrorCode.RESOURCE_INVALID, path="/srv/city.yaml", detail=value)
    MessageBox.error(None, "総合窓口端末", message_for(error, language))
    [box] = opened
    assert len(box.text()) < 300
    assert "\u202e" not in box.text() and "\\u202e" in box.text()
    assert "100001" in box.text(), "the box says how long the value was"
    width, height = size_of(box)
    assert width <= 800 and height <= 400


def test_without_the_cut_the_same_value_would_fill_the_screen(opened):
    MessageBox.error(None, "総合窓口端末", "住所" * 5_000)  # a tenth of it, raw
    [box] = opened
    _width, height = size_of(box)
    assert height > 1000
