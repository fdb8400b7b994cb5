"""The window's live view of one visit: every procedure with its status and due date,
updated as the departments work on them (LiveFeed), and the departments' questions
(差戻し) with an 回答… button each.

    panel = VisitPanel(context, actor, "V-20261201-0001")

The panel loads the visit through the DbRunner when built (unless it is handed the visit
just read) and again whenever the change feed reports a change to the visit or one of its
procedures, from any PC. The core decides what this user reads (counter_app/visits/
access.py): a refusal empties the panel and says why; a visit naming a resident under a
support measure shows only within an authorisation, which a supervisor gives from here
(閲覧を許可), and the panel stops following the feed until then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from counter_app.changes import Change, Topic
from counter_app.errors import DB_AWAY, CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import Actor, Permission
from counter_app.visits import ProcedureStatus, VisitInfo, VisitProcedureInfo, VisitStatus
from ui import ops

from ..certificates.words import named
from ..context import UiContext
from ..forms.kept_forms import forms_title, show_kept_forms
from ..labels import department_label
from ..live import LiveStateLabel
from ..message_box import MessageBox
from ..residents.authorise_dialog import authorise_residents
from . import NoteDialog, status_label

NAME, DEPARTMENT, STATUS, DUE, HOLDER = range(5)
ROW_ID = Qt.ItemDataRole.UserRole  # the visit procedure's id

_STATUS_COLOURS = {
    ProcedureStatus.RETURNED: "#b45309",
    ProcedureStatus.APPROVED: "#15803d",
    ProcedureStatus.REJECTED: "#b91c1c",
    ProcedureStatus.CANCELLED: "#6b7280",
}


class VisitPanel(QWidget):
    """Emits `loaded(visit)` after every (re)load."""

    loaded = Signal(object)

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        visit_number: str,
        parent: QWidget | None = None,
        *,
        visit: VisitInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self.visit_number = visit_number
        self.visit: VisitInfo | None = None
        self._reads = ops.Reads(self, context.runner)
        self.refusal: CounterAppError | None = None  # the core's last refusal, if any
        self.answer_buttons: dict[str, QPushButton] = {}  # procedure id → its 回答… button

        self.title = QLabel(self.tr("受付 {number} の手続き").format(number=visit_number))
        self.title.setObjectName("panelTitle")
        self.live_state = LiveStateLabel(context.live)
        self.forms_preview: QWidget | None = None
        self.forms_button = QPushButton(forms_title())
        self.forms_button.setObjectName("formsButton")
        self.forms_button.setToolTip(self.tr("窓口で印刷した帳票を表示します（Ctrl+P）"))
        self.forms_button.clicked.connect(self.show_forms)
        forms_key = QShortcut(QKeySequence("Ctrl+P"), self)
        forms_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        forms_key.activated.connect(self.show_forms)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        self.close_button = QPushButton(self.tr("受付終了"))
        self.close_button.setObjectName("closeVisit")
        self.close_button.setToolTip(
            self.tr("住民が窓口を離れます。回付した手続きは各課で続きます。")
        )
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.close_visit)
        heading.addWidget(self.live_state)
        heading.addWidget(self.forms_button)
        heading.addWidget(self.close_button)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.authorise_button = QPushButton(self.tr("閲覧を許可"))
        self.authorise_button.setObjectName("authorise")
        self.authorise_button.clicked.connect(self.authorise)
        self.authorise_button.hide()
        self.protected_note = QLabel(
            self.tr("支援措置の対象者を含む受付です。許可に基づいて表示しています。")
        )
        self.protected_note.setObjectName("error")
        self.protected_note.hide()

        self.tree = QTreeWidget()
        self.tree.setObjectName("visitProcedures")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("手続き"),
                self.tr("担当課"),
                self.tr("状況"),
                self.tr("期限"),
                self.tr("担当者"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)

        self.questions = QVBoxLayout()
        self.questions.setContentsMargins(0, 0, 0, 0)
        self.certificates_label = QLabel()
        self.certificates_label.setObjectName("visitCertificates")
        self.certificates_label.setWordWrap(True)
        self.certificates_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.message)
        layout.addWidget(self.authorise_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.protected_note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.certificates_label)
        layout.addLayout(self.questions)

        live = context.live
        if live is not None:
            live.changed.connect(self._on_changes)
            live.connection_changed.connect(self._feed_connected)
        context.runner.online_changed.connect(self._online_changed)
        if visit is not None:
            self._loaded(visit)
        else:
            self.reload()

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        visits, actor, number = self._context.core.visits, self._actor, self.visit_number
        self._reads.start(
            self.reload, lambda: visits.visit(actor, number), self._loaded, self._load_failed
        )

    def _load_failed(self, error: CounterAppError) -> None:
        self.message.setText(message_for(error, self._context.language))
        self.message.show()
        if error.code in DB_AWAY:
            return  # the database is away: what was read stays until it is back
        # Refused: what was shown before (a lapsed authorisation) goes.
        self.refusal = error
        self.visit = None
        self.tree.clear()
        self._show_questions(None)
        self.protected_note.hide()
        self.forms_button.setEnabled(False)
        self._update_close()
        self.authorise_button.setVisible(
            error.code is ErrorCode.VISIT_PROTECTED
            and self._actor.can(Permission.OVERRIDE_SUPPORT_MEASURE)
        )

    def authorise(self) -> None:
        """A supervisor authorises reading the protected visit (for themselves or for the
        member of staff who asked), then it is read again."""
        if self.refusal is None or self.refusal.code is not ErrorCode.VISIT_PROTECTED:
            return
        residents = tuple(self.refusal.params.get("residents") or ())
        authorise_residents(
            self,
            self._context,
            self._actor,
            residents,
            (),
            on_done=self._authorised,
            on_failure=self._action_failed,
        )

    def _authorised(self) -> None:
        self.refusal = None
        self.reload()

    def show_forms(self) -> None:
        """Preview the forms printed at the window for this visit."""
        if not self._context.runner.online or self.refusal is not None:
            return
        forms, actor, number = self._context.core.visit_forms, self._actor, self.visit_number
        show_kept_forms(
            self,
            self._context,
            actor,
            lambda: forms.for_visit(actor, number),
            on_failure=ops.error_box(self, forms_title(), self._context.language),
        )

    def _feed_connected(self, connected: bool) -> None:
        """Back on the feed: what changed while it was away was not heard, so read again."""
        if connected and isValid(self) and self.refusal is None:
            self.reload()

    def _online_changed(self, online: bool) -> None:
        """Answers are written (and reading the forms is logged): only while the
        database answers."""
        if not isValid(self):
            return
        self.forms_button.setEnabled(online and self.refusal is None)
        self._update_close()
        for button in self.answer_buttons.values():
            button.setEnabled(online)
        if online and self.refusal is None:
            self.reload()

    def _on_changes(self, changes: list[Change]) -> None:
        # Refused: every read would be refused (and logged) again until someone acts.
        if not isValid(self) or self.refusal is not None:
            return
        if self.visit is None:
            self.reload()  # still loading: try again
            return
        ids = {str(p.id) for p in self.visit.procedures}
        if any(
            (c.topic == Topic.PROCEDURE and c.entity_id in ids)
            or (c.topic == Topic.VISIT and c.entity_id == str(self.visit.id))
            for c in changes
        ):
            self.reload()

    # --- showing -----------------------------------------------------------------------

    def _name(self, procedure: VisitProcedureInfo) -> str:
        if self._context.language == "en":
            try:
                return self._context.core.catalog.procedure(procedure.procedure_id).name_en
            except KeyError:
                pass
        return procedure.name

    def status_of(self, procedure_id: str) -> str:
        """The status column's text for a procedure (tests and tooltips)."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(NAME, ROW_ID + 1) == procedure_id:
                return item.text(STATUS)
        return ""

    def _loaded(self, visit: VisitInfo) -> None:
        self.visit = visit
        self.refusal = None
        self.message.hide()
        self.authorise_button.hide()
        self.protected_note.setVisible(bool(visit.protected))
        self.forms_button.setEnabled(self._context.runner.online)
        self.tree.clear()
        for procedure in visit.procedures:
            item = QTreeWidgetItem(
                [
                    self._name(procedure),
                    department_label(procedure.department_id, self._context.language),
                    status_label(procedure.status),
                    procedure.due_on.isoformat() if procedure.due_on else "",
                    procedure.holder_login or "",
                ]
            )
            item.setData(NAME, ROW_ID, procedure.id)
            item.setData(NAME, ROW_ID + 1, procedure.procedure_id)
            colour = _STATUS_COLOURS.get(procedure.status)
            if colour:
                item.setForeground(STATUS, QBrush(QColor(colour)))
            if procedure.decision_note:
                item.setToolTip(STATUS, procedure.decision_note)
            self.tree.addTopLevelItem(item)
        self._show_questions(visit)
        self._show_certificates(visit)
        self.title.setText(
            self.tr("受付 {number} の手続き").format(number=visit.visit_number)
            if visit.status == VisitStatus.OPEN
            else self.tr("受付 {number} の手続き（受付終了）").format(number=visit.visit_number)
        )
        self._update_close()
        self.loaded.emit(visit)

    def _show_certificates(self, visit: VisitInfo) -> None:
        """The certificates issued with the visit at the desk, copies by kind."""
        catalog = self._context.core.certificates.catalog
        language = self._context.language
        parts = []
        for kind_id, copies in visit.certificates.items():
            try:
                name = named(catalog.kind(kind_id), language)
            except KeyError:  # a kind the city's catalog has since dropped
                name = kind_id
            parts.append(self.tr("{name} {copies}通").format(name=name, copies=copies))
        self.certificates_label.setText(
            self.tr("交付した証明書: {list}").format(list=self.tr("、").join(parts))
        )
        self.certificates_label.setVisible(bool(parts))

    def _update_close(self) -> None:
        self.close_button.setEnabled(
            self.visit is not None
            and self.visit.status == VisitStatus.OPEN
            and self._actor.can(Permission.SERVE_WINDOW)
            and self._context.runner.online
        )

    def close_visit(self) -> None:
        """受付終了: the resident leaves the window (finishing the ticket does it too)."""
        if not self.close_button.isEnabled():
            return
        self.close_button.setEnabled(False)
        visits, actor, number = self._context.core.visits, self._actor, self.visit_number
        ops.db(
            self,
            self._context.runner,
            lambda: visits.close(actor, number),
            on_success=lambda _visit: self.reload(),
            on_failure=self._action_failed,
        )

    def _show_questions(self, visit: VisitInfo | None) -> None:
        while self.questions.count():
            widget = self.questions.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.answer_buttons.clear()
        for procedure in visit.procedures if visit is not None else ():
            if procedure.status != ProcedureStatus.RETURNED:
                continue
            box = QFrame()
            box.setObjectName("card")
            text = QLabel(
                self.tr("{department}から「{name}」について質問があります:\n{question}").format(
                    department=department_label(procedure.department_id, self._context.language),
                    name=self._name(procedure),
                    question=procedure.question or "",
                )
            )
            text.setObjectName("visitQuestion")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(self.tr("回答…"))
            button.setObjectName("answerQuestion")
            button.setEnabled(self._context.runner.online)
            button.clicked.connect(lambda _=False, p=procedure: self.answer(p))
            row = QHBoxLayout(box)
            row.addWidget(text, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.questions.addWidget(box)
            self.answer_buttons[procedure.procedure_id] = button

    def question_texts(self) -> list[str]:
        return [label.text() for label in self.findChildren(QLabel, "visitQuestion")]

    # --- answering ---------------------------------------------------------------------

    def answer(self, procedure: VisitProcedureInfo) -> None:
        if not self._context.runner.online:
            return
        text = NoteDialog.ask(
            self,
            self.tr("質問に回答"),
            self.tr("「{name}」についての質問:\n{question}\n\n回答を入力してください。").format(
                name=self._name(procedure), question=procedure.question or ""
            ),
        )
        if not text:
            return
        visits, actor = self._context.core.visits, self._actor
        button = self.answer_buttons.get(procedure.procedure_id)
        if button is not None:
            button.setEnabled(False)
        ops.db(
            self,
            self._context.runner,
            lambda: visits.answer(actor, procedure.id, text),
            on_success=lambda _info: self.reload(),
            on_failure=self._action_failed,
        )

    def _action_failed(self, error: CounterAppError) -> None:
        MessageBox.error(
            self,
            self.tr("受付 {number}").format(number=self.visit_number),
            message_for(error, self._context.language),
        )
        self.reload()
