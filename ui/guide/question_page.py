"""The questions the records cannot answer: those for the event first, then one group per
person (titled with the name) where the catalog asks per person.

After every change the page passes what the clerk changed (not the suggestions shown)
to the guide (`GuideService.ask`), which builds the case from it (the event's date, the
newborn of a birth, the persons moving in; `counter_app.guide.answered`) and says which
questions apply now (ask_if depends on the answers so far, and a birth always asks the
newborn's identity); the page shows them with the suggestions the guide prefilled. For a
move-in the persons moving in are entered in a small table.

The answers are the clerk's draft visit: `enable_drafts` saves them (VisitService
.save_draft, through the database worker) at most DRAFT_DELAY_MS after a change, so a
killed app loses nothing typed before that; `restore` puts a saved draft's answers back
into the widgets. DraftBanner offers the restore when the guide opens.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.catalog import MISSING, Catalog, Question
from counter_app.errors import DB_AWAY, CounterAppError, ErrorCode
from counter_app.guide import GuideCase, PersonRecord
from counter_app.guide.provisional import provisional_mover
from counter_app.guide.wording import choice_label, questions_of
from counter_app.permissions import Actor
from counter_app.visits import Draft
from ui import ops

from ..context import UiContext
from .answer_widgets import AnswerField, PersonChoice
from .event_picker import event_name

Key = tuple[str, str | None]  # (question key, atena_no or None for the event)

# The draft is saved at most this long after the first change not yet saved.
DRAFT_DELAY_MS = 300


class QuestionPage(QWidget):
    """Call `start(case)` with the household's case; `case()` is the case with the answers
    so far. Emits `refreshed` after the questions were asked again."""

    refreshed = Signal()
    draft_saved = Signal(object)  # (answers, person_answers) as saved

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._drafts: tuple[Actor, int | None] | None = None
        self._selections: Callable[[], Mapping] = dict
        self._restoring = False
        self._save_pending = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(DRAFT_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft)
        context.runner.online_changed.connect(self._online_changed)
        self._catalog = context.core.catalog
        self._base: GuideCase | None = None
        self._case: GuideCase | None = None
        self.fields: dict[Key, AnswerField] = {}
        self._forms: dict[str | None, QFormLayout] = {}
        self._boxes: dict[str | None, QGroupBox] = {}
        self._rows: dict[str | None, list[str]] = {}
        self._order: dict[str, int] = {}
        self._refreshing = False
        self.asked: list[Key] = []
        self.incoming: IncomingTable | None = None
        self._questions: dict[str, Question] = {}

        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)

    # --- building ---------------------------------------------------------------------

    def start(self, case: GuideCase) -> None:
        """Forget the last event's answers and ask this case's questions."""
        self._base = case
        self._case = case
        self.fields.clear()
        self._forms.clear()
        self._boxes.clear()
        self._rows.clear()
        event = self._catalog.event(case.event.type)
        questions = questions_of(self._catalog, case.event.type)
        self._order = {q.key: i for i, q in enumerate(questions)}
        self._questions = {q.key: q for q in questions}
        self.title.setText(
            self.tr("{event}: 記録から分からないことを伺います").format(
                event=event_name(event, self._context.language)
            )
        )
        self.status.setText(
            self.tr("Tab で次の質問へ。Ctrl+Enter で必要な手続きを表示、Esc で戻ります。")
        )
        self._restyle(self.status, "muted")
        content = QWidget()
        self._content_layout = QVBoxLayout(content)
        self._content_layout.setSpacing(12)
        self._group(None, self.tr("届出について"))
        self.incoming: IncomingTable | None = None
        if case.event.type == "move_in":
            self.incoming = IncomingTable(self._catalog)
            self.incoming.changed.connect(self.refresh)
            self.incoming.changed.connect(self.schedule_save)
            box = QGroupBox(self.tr("転入する人"))
            box.setObjectName("incomingPersons")
            QVBoxLayout(box).addWidget(self.incoming)
            self._content_layout.insertWidget(0, box)
        self._content_layout.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(content)
        self.refresh()

    def _group(self, atena_no: str | None, title: str) -> QFormLayout:
        box = QGroupBox(title)
        box.setObjectName("eventQuestions" if atena_no is None else "personQuestions")
        box.setProperty("atena_no", atena_no)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._boxes[atena_no] = box
        self._forms[atena_no] = form
        self._rows[atena_no] = []
        count = self._content_layout.count()
        stretch_at_end = count and self._content_layout.itemAt(count - 1).spacerItem()
        self._content_layout.insertWidget(count - 1 if stretch_at_end else count, box)
        return form

    def _field(self, question: Question, person: PersonRecord | None) -> AnswerField:
        atena = person.atena_no if person is not None else None
        key = (question.key, atena)
        field = self.fields.get(key)
        if field is not None:
            return field
        form = self._forms.get(atena) or self._group(atena, self._person_name(atena))
        field = AnswerField(question, self._catalog, self._fallback_day())
        field.setObjectName(f"field_{question.key}" + (f"_{atena}" if atena else ""))
        field.editor.set_persons(self.person_choices())
        field.editor.changed.connect(self.refresh)
        field.editor.changed.connect(self.schedule_save)
        rows = self._rows[atena]
        position = sum(1 for k in rows if self._order.get(k, 0) < self._order.get(question.key, 0))
        rows.insert(position, question.key)
        form.insertRow(position, field.label, field)
        self.fields[key] = field
        return field

    def _fallback_day(self) -> date:
        assert self._base is not None
        return self._base.reference_date

    # --- persons ----------------------------------------------------------------------

    def persons(self) -> list[PersonRecord]:
        case = self._case or self._base
        if case is None:
            return []
        extra = [case.event.newborn] if case.event.newborn is not None else []
        return [*case.household.members, *extra, *case.event.incoming]

    def _label(self, person: PersonRecord) -> str:
        case = self._case
        if case is not None and person is case.event.newborn:
            given = str(person.data.get("name_kanji") or "").strip()
            return (
                self.tr("{name}（生まれた子）").format(name=given)
                if given and given != person.atena_no
                else self.tr("生まれた子")
            )
        return person.name

    def person_choices(self) -> list[PersonChoice]:
        return [PersonChoice(p.atena_no, self._label(p)) for p in self.persons()]

    def _person_name(self, atena_no: str | None) -> str:
        for person in self.persons():
            if person.atena_no == atena_no:
                return self._label(person)
        return atena_no or ""

    # --- the case ---------------------------------------------------------------------

    def case(self) -> GuideCase:
        assert self._case is not None
        return self._case

    def refresh(self) -> None:
        """Ask the guide which questions apply now and show them with their values."""
        if self._base is None or self._refreshing:
            return
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False
        self.refreshed.emit()

    def _refresh(self) -> None:
        assert self._base is not None
        answers, person_answers = self.answers()
        incoming = self.incoming.persons() if self.incoming is not None else ()
        case, prompts = self._context.core.guide.ask(self._base, answers, person_answers, incoming)
        self._case = case

        choices = self.person_choices()
        for field in self.fields.values():
            field.editor.set_persons(choices)
        shown: list[Key] = []
        for prompt in prompts:
            field = self._field(prompt.question, prompt.person)
            field.show_prompt(prompt.value, prompt.origin, prompt.required)
            shown.append((prompt.question.key, prompt.person.atena_no if prompt.person else None))
        visible = set(shown)
        for key, field in self.fields.items():
            self._forms[key[1]].setRowVisible(field, key in visible)
        for atena, box in self._boxes.items():
            if atena is not None:
                box.setTitle(self._person_name(atena))
                box.setVisible(any(k[1] == atena for k in visible))
        self.asked = self._ordered(shown)
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        """Tab follows the questions as shown, whenever they were added."""
        editors = [self.fields[key].editor.input for key in self._ordered(list(self.fields))]
        if self.incoming is not None:
            editors.insert(0, self.incoming.table)
        for first, second in pairwise(editors):
            QWidget.setTabOrder(first, second)

    def _ordered(self, keys: list[Key]) -> list[Key]:
        groups = [None, *(a for a in self._boxes if a is not None)]
        return sorted(keys, key=lambda k: (groups.index(k[1]), self._order.get(k[0], 0)))

    # --- computing --------------------------------------------------------------------

    def missing(self) -> list[str]:
        """The keys still to answer before the guide can evaluate; focuses the first and
        says which they are."""
        keys = list(self._context.core.guide.missing_answers(self.case()))
        if keys:
            labels = [self._questions[k].label if k in self._questions else k for k in keys]
            self.status.setText(
                self.tr("次の質問に答えてください: {questions}").format(
                    questions=self.tr("、").join(labels)
                )
            )
            self._restyle(self.status, "error")
            field = self.fields.get((keys[0], None))
            if field is not None:
                field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                self.scroll.ensureWidgetVisible(field)
        return keys

    @staticmethod
    def _restyle(label: QLabel, name: str) -> None:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)

    def focus_first(self) -> None:
        if self.incoming is not None:
            self.incoming.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        for key in self.asked:
            field = self.fields.get(key)
            if field is not None:
                field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def person_names(self) -> dict[str, str]:
        return {p.atena_no: self._label(p) for p in self.persons()}

    # --- the draft --------------------------------------------------------------------

    def enable_drafts(
        self,
        actor: Actor,
        resident_id: int | None,
        selections: Callable[[], Mapping] = dict,
    ) -> None:
        """Save the answers as the clerk's draft after every change (debounced)."""
        if actor.user_id is not None:
            self._drafts = (actor, resident_id)
            self._selections = selections

    def answers(self) -> tuple[dict, dict[str, dict]]:
        """What the clerk answered (not the suggestions): for the event, and per person."""
        answers: dict = {}
        person_answers: dict[str, dict] = {}
        for (key, atena), field in self.fields.items():
            value = field.editor.value()
            if not field.editor.touched or value is MISSING:
                continue
            if atena is None:
                answers[key] = value
            else:
                person_answers.setdefault(atena, {})[key] = value
        return answers, person_answers

    def schedule_save(self) -> None:
        """Save soon: at most DRAFT_DELAY_MS after the first change not saved yet."""
        if self._drafts is None or self._restoring or self._base is None:
            return
        if not self._save_timer.isActive():
            self._save_timer.start()

    def stop_saving(self) -> None:
        """The visit is being confirmed (which discards the draft): no save after it."""
        self._save_timer.stop()
        self._save_pending = False

    def save_draft(self) -> None:
        if self._drafts is None or self._base is None:
            return
        if not self._context.runner.online:  # nothing is written while the database is gone
            self._save_pending = True
            return
        self._save_pending = False
        actor, resident_id = self._drafts
        event_type = self._base.event.type
        answers, person_answers = self.answers()
        selections = dict(self._selections())
        visits = self._context.core.visits
        ops.db(
            self,
            self._context.runner,
            lambda: visits.save_draft(
                actor, resident_id, event_type, answers, person_answers, selections
            ),
            on_success=lambda _none: self.draft_saved.emit((answers, person_answers)),
            on_failure=self._draft_failed,
        )

    def _draft_failed(self, error: CounterAppError) -> None:
        if error.code in DB_AWAY or error.code is ErrorCode.DB_BUSY:
            self._save_pending = True  # saved again once the database answers
        else:  # e.g. a user who may not serve the window: no drafts
            self._drafts = None

    def _online_changed(self, online: bool) -> None:
        if online and self._save_pending:
            self.save_draft()

    def restore(self, answers: Mapping, person_answers: Mapping) -> None:
        """Put a draft's answers back into the widgets, as if the clerk had typed them:
        answers open further questions, so this goes round until nothing more fits."""
        wanted: dict[Key, object] = {(k, None): v for k, v in answers.items()}
        for atena, values in person_answers.items():
            wanted.update({(k, atena): v for k, v in values.items()})
        self._restoring = True
        try:
            while wanted:
                placed = [key for key in wanted if key in self.fields]
                if not placed:
                    break
                for key in placed:
                    editor = self.fields[key].editor
                    editor.set_persons(self.person_choices())
                    editor.show_value(wanted.pop(key))
                    editor.touched = True
                self.refresh()
        finally:
            self._restoring = False


class DraftBanner(QFrame):
    """「入力途中の内容があります」 with 復元 and 破棄, above the guide's pages."""

    restore_requested = Signal(object)  # Draft
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setStyleSheet("QFrame#draftBanner { background: #fff4ce; border: 1px solid #c9a227; }")
        self.draft: Draft | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("復元"))
        self.restore_button.setObjectName("restoreDraft")
        self.restore_button.clicked.connect(self._restore)
        self.discard_button = QPushButton(self.tr("破棄"))
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.clicked.connect(self._discard)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()

    def offer(self, draft: Draft, event: str) -> None:
        self.draft = draft
        moment = draft.updated_at
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        self.text.setText(
            self.tr("入力途中の受付があります（{event}、{time} 保存）。復元しますか？").format(
                event=event, time=f"{moment:%H:%M}"
            )
        )
        self.show()

    def _restore(self) -> None:
        draft, self.draft = self.draft, None
        self.hide()
        if draft is not None:
            self.restore_requested.emit(draft)

    def _discard(self) -> None:
        self.draft = None
        self.hide()
        self.discard_requested.emit()


class IncomingTable(QWidget):
    """The persons moving in, one row each, as the 転出証明書 (or the card's transfer data)
    gives them; `persons()` turns the filled rows into provisional records."""

    changed = Signal()
    NAME, KANA, BIRTH, SEX, RELATIONSHIP, INSURANCE, CARD, SIGNATURE, PENSION = range(9)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.table = QTableWidget(0, 9)
        self.table.setObjectName("incomingTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("氏名"),
                self.tr("カナ"),
                self.tr("生年月日"),
                self.tr("性別"),
                self.tr("続柄"),
                self.tr("健康保険"),
                self.tr("マイナンバーカード"),
                self.tr("署名用電子証明書"),
                self.tr("国民年金"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        add = QPushButton(self.tr("転入する人を追加"))
        add.setObjectName("addIncoming")
        add.clicked.connect(self.add_row)
        remove = QPushButton(self.tr("選んだ行を削除"))
        remove.setObjectName("removeIncoming")
        remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.add_row()

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        return combo

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for column in (self.NAME, self.KANA, self.RELATIONSHIP):
            self.table.setItem(row, column, QTableWidgetItem(""))
        for column in (self.CARD, self.SIGNATURE):
            item = QTableWidgetItem()
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, column, item)
        birth = QDateEdit()
        birth.setDisplayFormat("yyyy-MM-dd")
        birth.setDate(QDate(1990, 1, 1))
        birth.dateChanged.connect(lambda _day: self.changed.emit())
        self.table.setCellWidget(row, self.BIRTH, birth)
        self.table.setCellWidget(
            row, self.SEX, self._combo([("—", None), (self.tr("男"), "男"), (self.tr("女"), "女")])
        )
        kinds = ("nhi", "kouki", "employer_insured", "employer_dependent", "public_assistance")
        self.table.setCellWidget(
            row,
            self.INSURANCE,
            self._combo([("—", None)] + [(choice_label(self._catalog, k), k) for k in kinds]),
        )
        self.table.setCellWidget(
            row,
            self.PENSION,
            self._combo(
                [("—", None)]
                + [(choice_label(self._catalog, c), c) for c in ("1", "2", "3")]
                + [(self.tr("なし"), "none")]
            ),
        )
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, self.NAME)
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _checked(self, row: int, column: int) -> bool:
        item = self.table.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _choice(self, row: int, column: int) -> object:
        widget = self.table.cellWidget(row, column)
        return widget.currentData() if isinstance(widget, QComboBox) else None

    def rows(self) -> list[dict]:
        """Every row as typed (for the draft), empty ones too: `set_rows` puts them back."""
        out = []
        for row in range(self.table.rowCount()):
            birth = self.table.cellWidget(row, self.BIRTH)
            out.append(
                {
                    "name": self._text(row, self.NAME),
                    "kana": self._text(row, self.KANA),
                    "birth_date": birth.date().toPython() if isinstance(birth, QDateEdit) else None,
                    "sex": self._choice(row, self.SEX),
                    "relationship": self._text(row, self.RELATIONSHIP),
                    "insurance": self._choice(row, self.INSURANCE),
                    "card": self._checked(row, self.CARD),
                    "signature": self._checked(row, self.SIGNATURE),
                    "pension": self._choice(row, self.PENSION),
                }
            )
        return out

    def set_rows(self, rows: Sequence[Mapping]) -> None:
        """Put a draft's rows back (replacing what is shown), then say so once."""
        self.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for values in rows:
                self.add_row()
                row = self.table.rowCount() - 1
                self.table.item(row, self.NAME).setText(values.get("name") or "")
                self.table.item(row, self.KANA).setText(values.get("kana") or "")
                self.table.item(row, self.RELATIONSHIP).setText(values.get("relationship") or "")
                birth = self.table.cellWidget(row, self.BIRTH)
                if isinstance(birth, QDateEdit) and isinstance(values.get("birth_date"), date):
                    birth.setDate(QDate(values["birth_date"]))
                for column, key in (
                    (self.SEX, "sex"),
                    (self.INSURANCE, "insurance"),
                    (self.PENSION, "pension"),
                ):
                    combo = self.table.cellWidget(row, column)
                    if isinstance(combo, QComboBox):
                        combo.setCurrentIndex(max(0, combo.findData(values.get(key))))
                for column, key in ((self.CARD, "card"), (self.SIGNATURE, "signature")):
                    self.table.item(row, column).setCheckState(
                        Qt.CheckState.Checked if values.get(key) else Qt.CheckState.Unchecked
                    )
            if not self.table.rowCount():
                self.add_row()
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def persons(self) -> list[PersonRecord]:
        out = []
        for row in range(self.table.rowCount()):
            name = self._text(row, self.NAME)
            if not name:
                continue
            birth = self.table.cellWidget(row, self.BIRTH)
            fields: dict = {
                "name_kanji": name,
                "name_kana": self._text(row, self.KANA) or None,
                "birth_date": birth.date().toPython() if isinstance(birth, QDateEdit) else None,
                "sex": self._choice(row, self.SEX),
                "relationship": self._text(row, self.RELATIONSHIP) or None,
                "mynumber_card": {
                    "has_card": self._checked(row, self.CARD),
                    "has_signature_cert": self._checked(row, self.SIGNATURE),
                },
            }
            if (kind := self._choice(row, self.INSURANCE)) is not None:
                fields["health_insurance"] = {"kind": kind}
            if (category := self._choice(row, self.PENSION)) is not None:
                fields["pension"] = {"category": int(category) if category != "none" else "none"}
            out.append(provisional_mover(len(out) + 1, fields))
        return out
