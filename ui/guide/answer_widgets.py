"""One editor per question type of the catalog, each beside a note of where its value came
from (記録から, 既定値, 回答済み, 未回答).

An editor is `touched` once the clerk changes it; until then the page shows the guide's
suggestion in it and passes nothing, so the guide's own prefill or default applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.catalog import MISSING, Catalog, Question
from counter_app.guide.wording import choice_label

_BLANK = "—"


@dataclass(frozen=True)
class PersonChoice:
    """A person a person-type question may name: a member, the newborn or a mover."""

    atena_no: str
    name: str


def origin_text(origin: str, required: bool) -> str:
    translate = QCoreApplication.translate
    if origin == "prefill":
        return translate("GuideAnswers", "記録から")
    if origin == "default":
        return translate("GuideAnswers", "既定値")
    if origin == "answer":
        return translate("GuideAnswers", "回答済み")
    if required:
        return translate("GuideAnswers", "未回答（必須）")
    return translate("GuideAnswers", "未回答")


class AnswerEditor(QWidget):
    """The input for one question; `changed` fires on every edit by the clerk.

    Each kind of editor below provides `value()` (the answer, or MISSING) and
    `_show(value)` (put a value in the input without signalling an edit)."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.touched = False
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def _put(self, widget: QWidget) -> None:
        self.input = widget
        widget.setObjectName(f"answer_{self.question.key}")
        self._layout.addWidget(widget, 1)
        self.setFocusProxy(widget)

    def _edited(self, *_args) -> None:
        self.touched = True
        self.changed.emit()

    def show_value(self, value: object) -> None:
        """Show a suggestion without counting it as the clerk's answer."""
        self.input.blockSignals(True)
        try:
            self._show(value)
        finally:
            self.input.blockSignals(False)

    def set_persons(self, persons: Sequence[PersonChoice]) -> None:
        """Person editors list these; the others ignore them."""


class _ComboEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.combo = QComboBox()
        self._put(self.combo)
        self.combo.currentIndexChanged.connect(self._edited)

    def _fill(self, items: Sequence[tuple[str, object]]) -> None:
        """(text, value) pairs; value MISSING is the blank entry."""
        self.combo.blockSignals(True)
        current = self.value() if self.combo.count() else MISSING
        self.combo.clear()
        for text, value in items:
            self.combo.addItem(text, value)
        self._show(current)
        self.combo.blockSignals(False)

    def _index_of(self, value: object) -> int:
        for index in range(self.combo.count()):
            data = self.combo.itemData(index)
            if data is not MISSING and data == value and type(data) is type(value):
                return index
        for index in range(self.combo.count()):  # 1 and "1" are the same option
            data = self.combo.itemData(index)
            if data is not MISSING and data is not None and str(data) == str(value):
                return index
        return -1

    def value(self) -> object:
        if self.combo.currentIndex() < 0:
            return MISSING
        return self.combo.currentData()

    def _show(self, value: object) -> None:
        index = self._index_of(value) if value is not MISSING else -1
        self.combo.setCurrentIndex(index if index >= 0 else 0)


class BoolEditor(_ComboEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        yes = QCoreApplication.translate("GuideAnswers", "はい")
        no = QCoreApplication.translate("GuideAnswers", "いいえ")
        self._fill([(_BLANK, MISSING), (yes, True), (no, False)])


class EnumEditor(_ComboEditor):
    def __init__(self, question: Question, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(question, parent)
        items: list[tuple[str, object]] = [(_BLANK, MISSING)]
        items += [(choice_label(catalog, option), option) for option in question.options]
        self._fill(items)


class PersonEditor(_ComboEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        self._persons: tuple[PersonChoice, ...] | None = None
        super().__init__(question, parent)
        self.set_persons(())

    def set_persons(self, persons: Sequence[PersonChoice]) -> None:
        if tuple(persons) == self._persons:
            return
        self._persons = tuple(persons)
        items: list[tuple[str, object]] = [(_BLANK, MISSING)]
        if self.question.nullable:
            items.append((QCoreApplication.translate("GuideAnswers", "なし（該当者なし）"), None))
        items += [(person.name, person.atena_no) for person in persons]
        self._fill(items)


class ExternalPersonEditor(PersonEditor):
    """A person of the household, or anyone else typed in (an agent, a funeral director)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.lineEdit().textEdited.connect(self._edited)

    def value(self) -> object:
        text = self.combo.currentText().strip()
        index = self.combo.currentIndex()
        if index >= 0 and self.combo.itemText(index) == text:
            return self.combo.currentData()
        return text or MISSING

    def _show(self, value: object) -> None:
        index = self._index_of(value) if value is not MISSING else -1
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setCurrentIndex(0)
            if isinstance(value, str):
                self.combo.setEditText(value)


class PersonsEditor(AnswerEditor):
    """Several persons: a list with a check box each (Space ticks)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(110)
        self._put(self.list)
        self.list.itemChanged.connect(self._edited)
        self._checked: list[str] = []
        self._persons: tuple[PersonChoice, ...] | None = None

    def set_persons(self, persons: Sequence[PersonChoice]) -> None:
        if tuple(persons) == self._persons:
            return
        self._persons = tuple(persons)
        checked = self.value()
        self.list.blockSignals(True)
        self.list.clear()
        for person in persons:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.atena_no)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._show(checked)
        self.list.blockSignals(False)

    def value(self) -> object:
        if self.list.count() == 0:
            return list(self._checked) if self._checked else MISSING
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _show(self, value: object) -> None:
        wanted = {str(v) for v in value} if isinstance(value, (list, tuple)) else set()
        self._checked = sorted(wanted)
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class IntEditor(AnswerEditor):
    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.spin = QSpinBox()
        self.spin.setRange(-1, 9_999_999)
        self.spin.setSpecialValueText(_BLANK)
        self.spin.setValue(-1)
        self._put(self.spin)
        self.spin.valueChanged.connect(self._edited)

    def value(self) -> object:
        return MISSING if self.spin.value() < 0 else self.spin.value()

    def _show(self, value: object) -> None:
        self.spin.setValue(value if isinstance(value, int) and not isinstance(value, bool) else -1)


def _grey_while_empty(edit: QWidget, empty: bool) -> None:
    """A date shown only as a starting point (not an answer yet) is greyed."""
    edit.setStyleSheet("color: #888888;" if empty else "")


class DateEditor(AnswerEditor):
    """A date (or a year and month); shows a fallback day while unanswered."""

    def __init__(self, question: Question, fallback: date, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.fallback = fallback
        self.empty = True
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.month_only = question.type == "yearmonth"
        self.edit.setDisplayFormat("yyyy-MM" if self.month_only else "yyyy-MM-dd")
        self.edit.setDate(QDate(fallback.year, fallback.month, fallback.day))
        self._put(self.edit)
        self.edit.dateChanged.connect(self._edited)

    def _edited(self, *_args) -> None:
        self.empty = False
        _grey_while_empty(self.edit, False)
        super()._edited()

    def value(self) -> object:
        if self.empty:
            return MISSING
        day = self.edit.date().toPython()
        return day.replace(day=1) if self.month_only else day

    def _show(self, value: object) -> None:
        self.empty = not isinstance(value, date)
        shown = value if isinstance(value, date) else self.fallback
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        _grey_while_empty(self.edit, self.empty)


class DateTimeEditor(AnswerEditor):
    def __init__(self, question: Question, fallback: date, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.fallback = fallback
        self.empty = True
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self._show(MISSING)
        self._put(self.edit)
        self.edit.dateTimeChanged.connect(self._edited)

    def _edited(self, *_args) -> None:
        self.empty = False
        _grey_while_empty(self.edit, False)
        super()._edited()

    def value(self) -> object:
        return MISSING if self.empty else self.edit.dateTime().toPython()

    def _show(self, value: object) -> None:
        self.empty = not isinstance(value, date)
        shown = value if isinstance(value, date) else self.fallback
        hour, minute = (shown.hour, shown.minute) if isinstance(shown, datetime) else (0, 0)
        self.edit.setDateTime(
            QDateTime(QDate(shown.year, shown.month, shown.day), QTime(hour, minute))
        )
        _grey_while_empty(self.edit, self.empty)


class TextEditor(AnswerEditor):
    """Text, an address, an account or a household number."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.line = QLineEdit()
        self._put(self.line)
        self.line.textEdited.connect(self._edited)

    def value(self) -> object:
        return self.line.text().strip() or MISSING

    def _show(self, value: object) -> None:
        self.line.setText("" if value is MISSING or value is None else str(value))


def make_editor(question: Question, catalog: Catalog, fallback_day: date) -> AnswerEditor:
    kind = question.type
    if kind == "bool":
        return BoolEditor(question)
    if kind == "enum":
        return EnumEditor(question, catalog)
    if kind == "int":
        return IntEditor(question)
    if kind in ("date", "yearmonth"):
        return DateEditor(question, fallback_day)
    if kind == "datetime":
        return DateTimeEditor(question, fallback_day)
    if kind == "person":
        return PersonEditor(question)
    if kind == "person_or_external":
        return ExternalPersonEditor(question)
    if kind == "persons":
        return PersonsEditor(question)
    return TextEditor(question)


class AnswerField(QWidget):
    """The editor and, beside it, where its value came from; `label` goes in the form's
    first column."""

    def __init__(
        self, question: Question, catalog: Catalog, fallback_day: date, parent=None
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.editor = make_editor(question, catalog, fallback_day)
        self.label = QLabel(question.label)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.editor.input)
        self.origin = QLabel()
        self.origin.setObjectName("answerOrigin")
        self.origin.setMinimumWidth(90)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        hints = []
        if question.prefill is not None and question.prefill.hint:
            hint = QCoreApplication.translate("GuideAnswers", "参考: {hint}")
            hints.append(hint.format(hint=question.prefill.hint))
        if question.source_doc:
            document = QCoreApplication.translate("GuideAnswers", "確認書類: {document}")
            hints.append(document.format(document=question.source_doc))
        if question.note:
            hints.append(question.note)
        self.hint.setText(" ".join(hints))
        self.hint.setWordWrap(True)
        line = QHBoxLayout()
        line.addWidget(self.editor, 1)
        line.addWidget(self.origin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.hint)
        self.hint.setVisible(bool(hints))  # once in the layout, never a window of its own
        self.setFocusProxy(self.editor)
        self.required = False

    def show_prompt(self, value: object, origin: str, required: bool) -> None:
        """Show the guide's current view of this question (the suggestion, unless the clerk
        has answered it)."""
        self.required = required
        if not self.editor.touched:
            self.editor.show_value(value)
        shown = "answer" if self.editor.touched else origin
        if self.editor.touched and self.editor.value() is MISSING:
            shown = "none"
        self.origin.setText(origin_text(shown, required))
        self.origin.setProperty("origin", shown)
        mark = QCoreApplication.translate("GuideAnswers", "（必須）") if required else ""
        text = self.question.label + mark
        self.label.setText(text)
