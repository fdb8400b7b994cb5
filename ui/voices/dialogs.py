"""The small dialogs of the voice screens: the department's answer (and what it changed),
the staff member to reassign a voice to, and a new staff letter. Each has a classmethod
`ask` that tests replace; what is required is the core's to say."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.visits.inbox import Assignee


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    return box


class AnswerDialog(QDialog):
    """The answer given to the resident (required) and what was changed because of it."""

    def __init__(self, parent: QWidget | None, prompt: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("回答"))
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.answer = _text_box("voiceAnswer")
        self.change = _text_box("voiceChangeMade")
        self.change.setPlaceholderText(self.tr("例: 案内表示を増やした（なければ空欄）"))
        form = QFormLayout()
        form.addRow(self.tr("回答内容"), self.answer)
        form.addRow(self.tr("改善した内容"), self.change)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.resize(560, 360)
        self.answer.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, prompt: str) -> tuple[str, str] | None:
        """(answer, change made) or None when cancelled."""
        dialog = cls(parent, prompt)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer.toPlainText().strip(), dialog.change.toPlainText().strip()


class AssigneeDialog(QDialog):
    """A supervisor picks the department's staff member to hold the voice."""

    def __init__(self, parent: QWidget | None, prompt: str, staff: Sequence[Assignee]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("担当替え"))
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.user = QComboBox()
        self.user.setObjectName("voiceAssignee")
        for assignee in staff:
            self.user.addItem(f"{assignee.login}（{assignee.display_name}）", assignee.user_id)
        buttons = _buttons(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(staff))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.user)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, prompt: str, staff: Sequence[Assignee]) -> int | None:
        dialog = cls(parent, prompt, staff)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user.currentData() is None:
            return None
        return int(dialog.user.currentData())


def voice_numbers(typed: str) -> tuple[int, ...]:
    """The voice numbers typed in a box ("12, 15" or "No.12 No.15")."""
    return tuple(int(n) for n in re.findall(r"\d+", typed))


class LetterDialog(QDialog):
    """A new staff letter: its title, the proposal and the voices it answers (numbers)."""

    def __init__(self, parent: QWidget | None, voice_ids: Sequence[int] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("職員からの手紙を書く"))
        self.title = QLineEdit()
        self.title.setObjectName("letterTitle")
        self.body = _text_box("letterBody")
        self.voices = QLineEdit(", ".join(str(v) for v in voice_ids))
        self.voices.setObjectName("letterVoices")
        self.voices.setPlaceholderText(self.tr("関連する住民の声の番号（例: 12, 15）"))
        form = QFormLayout()
        form.addRow(self.tr("件名"), self.title)
        form.addRow(self.tr("提案内容"), self.body)
        form.addRow(self.tr("住民の声"), self.voices)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.resize(600, 420)
        self.title.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, voice_ids: Sequence[int] = ()
    ) -> tuple[str, str, tuple[int, ...]] | None:
        """(title, body, voice ids) or None when cancelled."""
        dialog = cls(parent, voice_ids)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return (
            dialog.title.text(),
            dialog.body.toPlainText(),
            voice_numbers(dialog.voices.text()),
        )
