"""The procedure guide for one resident, as three pages: the life event, the questions,
the procedures. Keyboard first: Enter chooses the event, Tab walks the questions,
Ctrl+Enter shows the procedures (on the procedures: 受付を確定), Esc goes back a page (from
the first page: closes). The answers are saved as the clerk's draft as they are typed; when
the guide opens on a resident with a draft, a banner offers to restore it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from counter_app.guide import GuideCase, GuideResult
from counter_app.permissions import Actor
from counter_app.visits import Draft
from ui import ops

from ..context import UiContext
from .event_picker import EventPicker, event_name
from .question_page import DraftBanner, QuestionPage
from .result_page import CurrentTicket, ResultPage, no_ticket


class GuidePanel(QWidget):
    """Emits `questions_shown(case)` once the household is read, `computed(result)` once the
    procedures are shown and `closed()` when the clerk leaves the guide."""

    questions_shown = Signal(object)
    computed = Signal(object)
    closed = Signal()
    draft_offered = Signal(object)  # Draft, once the banner offers it
    draft_restored = Signal()

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        resident_id: int,
        resident_name: str,
        parent: QWidget | None = None,
        *,
        current_ticket: CurrentTicket = no_ticket,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._error = ops.error_box(self, self.tr("手続きナビ"), context.language)
        self.resident_id = resident_id
        self.resident_name = resident_name
        self.event_type: str | None = None
        self._busy = False
        self._draft: Draft | None = None  # the draft being restored
        self._restored_selections: dict | None = None  # applied once its procedures show

        self.heading = QLabel(self.tr("手続きナビ: {name}").format(name=resident_name))
        self.heading.setObjectName("guideHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.steps = QLabel()
        self.steps.setObjectName("muted")

        self.events = EventPicker(context.core.catalog, context.language)
        self.events.event_chosen.connect(self.choose_event)
        self.questions = QuestionPage(context)
        self.results = ResultPage(context, actor, current_ticket=current_ticket)
        self.questions.enable_drafts(actor, resident_id, self.selections)
        self.results.adjusted.connect(lambda *_args: self.questions.schedule_save())
        self.results.visit_number_drawn.connect(lambda _number: self.questions.schedule_save())
        self.results.about_to_confirm.connect(self.questions.stop_saving)
        self.draft_banner = DraftBanner()
        self.draft_banner.restore_requested.connect(self.restore_draft)
        self.draft_banner.discard_requested.connect(self.discard_draft)
        self.stack = QStackedWidget()
        for page in (self.events, self.questions, self.results):
            self.stack.addWidget(page)

        self.back_button = QPushButton(self.tr("戻る（Esc）"))
        self.back_button.setObjectName("guideBack")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.back)
        self.compute_button = QPushButton(self.tr("必要な手続きを表示（Ctrl+Enter）"))
        self.compute_button.setObjectName("guideCompute")
        self.compute_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.compute_button.clicked.connect(self.compute)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.compute_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.compute)
        self._show_page(self.events)

    # --- pages ------------------------------------------------------------------------

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        event = (
            event_name(self._context.core.catalog.event(self.event_type), self._context.language)
            if self.event_type
            else ""
        )
        if page is self.events:
            text = self.tr("1. ライフイベント → 2. 質問 → 3. 必要な手続き")
        elif page is self.questions:
            text = self.tr("{event}　2. 質問（Ctrl+Enter で手続きを表示）").format(event=event)
        else:
            text = self.tr(
                "{event}　3. 必要な手続き（Del 除外・Ins 追加・Ctrl+P 書類・Ctrl+Enter 受付を確定）"
            ).format(event=event)
        self.steps.setText(text)
        self.compute_button.setVisible(page is self.questions)
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def start(self) -> None:
        """Show the first page with the focus in the event list's filter."""
        self._show_page(self.events)
        self.events.reset()
        self.look_for_draft()

    # --- the draft --------------------------------------------------------------------

    def look_for_draft(self) -> None:
        """Offer this user's draft on this terminal if it is about this resident."""
        if self._actor.user_id is None:
            return
        visits, actor = self._context.core.visits, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: visits.load_draft(actor),
            on_success=self._offer_draft,
            on_failure=lambda _error: None,
        )

    def _offer_draft(self, draft: Draft | None) -> None:
        if draft is None or draft.resident_id != self.resident_id or not draft.event_type:
            return
        try:
            event = self._context.core.catalog.event(draft.event_type)
        except KeyError:
            return
        self.draft_banner.offer(draft, event_name(event, self._context.language))
        self.draft_offered.emit(draft)

    def selections(self) -> dict:
        """What the draft keeps besides the answers: the persons moving in, the clerk's
        adjustments and the visit number the printed forms carry."""
        results = self.results
        kept: dict = {"dropped": dict(results.dropped), "added": dict(results.added)}
        if results.visit_number and results.visit is None:
            kept["visit_number"] = results.visit_number
        if self.questions.incoming is not None:
            kept["incoming"] = self.questions.incoming.rows()
        return kept

    def restore_draft(self, draft: Draft) -> None:
        """復元: the draft's event, then every answer back into its widget; a draft that
        had come as far as the procedures shows them again, with its adjustments, and
        makes its forms again under the number they were printed with."""
        self.draft_banner.hide()
        self._draft = draft
        assert draft.event_type is not None
        self.choose_event(draft.event_type)

    def discard_draft(self) -> None:
        self.draft_banner.hide()
        visits, actor = self._context.core.visits, self._actor
        ops.db(
            self, self._context.runner, lambda: visits.discard_draft(actor), on_failure=self._error
        )

    def back(self) -> None:
        page = self.stack.currentWidget()
        if page is self.results:
            self._show_page(self.questions)
            self.questions.focus_first()
        elif page is self.questions:
            self._show_page(self.events)
        else:
            self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back()
            return
        super().keyPressEvent(event)

    # --- the flow ---------------------------------------------------------------------

    def choose_event(self, event_type: str) -> None:
        if self._busy:
            return
        self._busy = True
        core, actor, resident_id = self._context.core, self._actor, self.resident_id
        ops.db(
            self,
            self._context.runner,
            lambda: core.guide.household_case(actor, resident_id, event_type),
            on_success=lambda case: self._ask(event_type, case),
            on_failure=self._error,
            on_done=self._not_busy,
        )

    def _not_busy(self) -> None:
        self._busy = False

    def _ask(self, event_type: str, case: GuideCase) -> None:
        self.event_type = event_type
        self.questions.start(case)
        self.draft_banner.hide()  # a new start: the first change replaces the old draft
        draft, self._draft = self._draft, None
        restoring = draft is not None and draft.event_type == event_type
        if restoring:
            selections = dict(draft.selections)
            if self.questions.incoming is not None and selections.get("incoming"):
                self.questions.incoming.set_rows(selections["incoming"])
            self.questions.restore(draft.answers, draft.person_answers)
            self.results.visit_number = selections.get("visit_number")
        self._show_page(self.questions)
        self.questions.focus_first()
        self.questions_shown.emit(case)
        if restoring:
            if (
                selections.get("dropped")
                or selections.get("added")
                or selections.get("visit_number")
            ):
                self._restored_selections = selections
                self.compute()
            self.draft_restored.emit()

    def compute(self) -> None:
        page = self.stack.currentWidget()
        if page is self.events:
            self.events.choose_current()
            return
        if page is self.results:  # Ctrl+Enter on the procedures: 受付を確定
            self.results.confirm()
            return
        if page is not self.questions or self._busy or self.event_type is None:
            return
        if self.questions.missing():
            return
        case = self.questions.case()
        core = self._context.core
        self._busy = True
        ops.db(
            self,
            self._context.runner,
            lambda: core.guide.evaluate(case),
            on_success=self._show_result,
            on_failure=self._error,
            on_done=self._not_busy,
        )

    def _show_result(self, result: GuideResult) -> None:
        assert self.event_type is not None
        self.results.show_result(
            result,
            resident_id=self.resident_id,
            event_type=self.event_type,
            person_names=self.questions.person_names(),
            case=self.questions.case(),
        )
        restored, self._restored_selections = self._restored_selections, None
        if restored is not None:
            self.results.restore_adjustments(
                restored.get("dropped") or {}, restored.get("added") or {}
            )
        self._show_page(self.results)
        self.computed.emit(result)
        if restored is not None and restored.get("visit_number"):
            # Forms had been made under this number: made again, so the visit keeps them.
            self.results.make_forms()
