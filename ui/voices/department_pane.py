"""自課の未完了: the voices routed to the user's departments and not closed there, the
oldest due first, overdue in red, worked from here: 受付 (claim), 回答… (the answer and
what was changed), 完了 (close) and, for supervisors, 担当替え…. The buttons follow what
the core allows the reader on the selected routing (`RoutingInfo.actions`); while the
database is away they are all off. The list follows the change feed for its department.
Tests replace `AnswerDialog.ask` and `AssigneeDialog.ask`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget
from shiboken6 import isValid

from counter_app.changes import Change, Topic
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.visits.inbox import Assignee
from counter_app.visits.inbox_rules import inbox_departments
from counter_app.voices import RoutingInfo, VoiceInfo
from ui import ops

from ..context import UiContext
from ..labels import department_label
from ..live import LiveStateLabel
from ..message_box import MessageBox
from . import preview
from .dialogs import AnswerDialog, AssigneeDialog
from .pane import VoiceListPane
from .voice_views import VoiceTable


def worked_departments(context: UiContext, actor: Actor) -> list[str]:
    """The departments whose voices the actor works (none: no such view)."""
    return inbox_departments(actor, [d.id for d in context.core.catalog.departments])


class DepartmentVoicesPane(VoiceListPane):
    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        table = VoiceTable(context, "voiceInbox", with_due=True)
        super().__init__(context, actor, table, parent)
        self.routings: list[RoutingInfo] = []
        departments = worked_departments(context, actor)
        self.department = QComboBox()
        self.department.setObjectName("voiceInboxDepartment")
        for department_id in departments:
            self.department.addItem(
                department_label(department_id, context.language), department_id
            )
        self.department.currentIndexChanged.connect(lambda _i: self.reload())
        self.claim_button = self._button(self.tr("受付"), "voiceClaim", self.claim)
        self.answer_button = self._button(self.tr("回答…"), "voiceAnswerButton", self.answer)
        self.close_button = self._button(self.tr("完了"), "voiceClose", self.close_routing)
        self.reassign_button = self._button(self.tr("担当替え…"), "voiceReassign", self.reassign)
        self._buttons = {
            "claimed": self.claim_button,
            "answered": self.answer_button,
            "closed": self.close_button,
            "reassigned": self.reassign_button,
        }
        top = QHBoxLayout()
        if len(departments) > 1:
            top.addWidget(QLabel(self.tr("課")))
            top.addWidget(self.department)
        for button in self._buttons.values():
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(LiveStateLabel(context.live))
        self.split().insertLayout(0, top)
        self.selection_shown()
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def title(self) -> str:
        return self.tr("自課の未完了")

    @property
    def department_id(self) -> str | None:
        return self.department.currentData()

    def read(self) -> Callable[[], object] | None:
        department_id = self.department_id
        if department_id is None:
            return None
        voices, actor = self._core.voices, self._actor
        return lambda: voices.inbox(actor, department_id)

    def show_loaded(self, result: object) -> None:
        pairs: list[tuple[VoiceInfo, RoutingInfo]] = list(result)  # type: ignore[call-overload]
        self.voices = [voice for voice, _ in pairs]
        self.routings = [routing for _, routing in pairs]
        self.table.show_voices(self.voices, self.routings, keep=self.table.voice_id())

    def cares_about(self, change: Change) -> bool:
        return change.topic == Topic.VOICE and change.department_id == self.department_id

    # --- the selected routing --------------------------------------------------------------

    def routing(self) -> RoutingInfo | None:
        """The department's routing of the selected voice; None while the database is away."""
        if not self._context.runner.online:
            return None
        voice_id = self.table.voice_id()
        return next((r for r in self.routings if r.voice_id == voice_id), None)

    def selection_shown(self) -> None:
        routing = self.routing()
        allowed = routing.actions if routing is not None else frozenset()
        for action, button in self._buttons.items():
            button.setEnabled(action in allowed)

    def _act(self, call: Callable[[], object]) -> None:
        for button in self._buttons.values():
            button.setEnabled(False)
        ops.db(
            self,
            self._context.runner,
            call,
            on_success=lambda _voice: self.reload(),
            on_failure=self._action_failed,
        )

    def _action_failed(self, error: CounterAppError) -> None:
        MessageBox.error(self, self.title(), message_for(error, self._context.language))
        self.reload()

    def claim(self) -> None:
        routing = self.routing()
        if routing is not None:
            voices, actor = self._core.voices, self._actor
            self._act(lambda: voices.claim(actor, routing.id))

    def answer(self) -> None:
        routing, voice = self.routing(), self.selected()
        if routing is None or voice is None:
            return
        given = AnswerDialog.ask(
            self,
            self.tr("No.{id}「{text}」への回答と、改善した内容を入力してください。").format(
                id=voice.id, text=preview(voice.text)
            ),
        )
        if given is None:
            return
        voices, actor = self._core.voices, self._actor
        self._act(lambda: voices.answer(actor, routing.id, *given))

    def close_routing(self) -> None:
        routing = self.routing()
        if routing is not None:
            voices, actor = self._core.voices, self._actor
            self._act(lambda: voices.close(actor, routing.id))

    def reassign(self) -> None:
        routing = self.routing()
        if routing is None:
            return
        inbox, actor = self._core.inbox, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: inbox.assignees(actor, routing.department_id),
            on_success=lambda staff: self._ask_reassign(routing, staff),
            on_failure=self._action_failed,
        )

    def _ask_reassign(self, routing: RoutingInfo, staff: list[Assignee]) -> None:
        if not isValid(self):
            return
        user_id = AssigneeDialog.ask(
            self, self.tr("No.{id} の担当者を選んでください。").format(id=routing.voice_id), staff
        )
        if user_id is not None:
            voices, actor = self._core.voices, self._actor
            self._act(lambda: voices.reassign(actor, routing.id, user_id))
