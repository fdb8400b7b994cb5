"""The back-office inbox (原課の受付箱): the procedures the window routed to the user's
departments, with the visit's data, worked from here and updated live.

A department selector (when the user has several), filters (status, due on or before a
day, procedure), the list (visit number, procedure, persons, status, holder, due date,
overdue in red) and the selected one's detail: the event, the clerk's answers, the
guide's reasons, the question and answer of a 差戻し, and the log of every action. The
actions: 受付 (claim; nothing else before it), 差戻し… (a question), 承認… / 却下… (a
decision note), 手放す (release); supervisors 担当替え…. The core decides who may do
what: each listed row carries the actions it allows the reader (`InboxItem.actions`), and
the buttons only follow them. While the database is away (`runner.online` False) every
action is off. 帳票を表示 (Ctrl+P) previews the forms printed for the visit at the window.
The list follows the change feed: when a change names some of the department's
procedures, from any PC, those rows alone are read again and merged into the list
(counter_app/visits/inbox_rows.py), on a back-office PC's live connection
(`context.live_reads`), so a procedure routed or taken elsewhere shows while this PC is
still writing its clerk's own action. The whole list is read after the clerk's own
actions, when a filter changes and whenever the feed (re)connects, since changes made
while it was not followed were missed.

What the list holds is what the core allows (counter_app/visits/access.py): a row whose
visit names a resident under a support measure (支援措置) stays listed, marked 保護, but
without an authorisation it names nobody: the detail says so, its log and forms are not
read, and a supervisor may authorise (閲覧を許可…) for themselves or for the department's
staff member who asked.

Tests replace `NoteDialog.ask`, `ReassignDialog.ask` and `AuthoriseDialog.ask`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from counter_app import clock
from counter_app.changes import Change, Topic
from counter_app.errors import DB_AWAY, CounterAppError
from counter_app.guide.wording import Described, describe_answers, event_name
from counter_app.messages import message_for
from counter_app.permissions import Actor, Permission, RoleCode
from counter_app.visits import (
    ROUTED_KINDS,
    Action,
    InboxAction,
    InboxItem,
    ProcedureStatus,
)
from counter_app.visits.inbox import Assignee
from counter_app.visits.inbox_rows import InboxRows, read_stamp
from counter_app.visits.inbox_rules import inbox_departments
from ui import ops

from ..context import UiContext
from ..forms.kept_forms import forms_title, show_kept_forms
from ..forms.preview_dialog import FormsPreviewDialog
from ..labels import department_label, role_label
from ..live import LiveStateLabel
from ..message_box import MessageBox
from ..residents.authorise_dialog import authorise_residents
from ..visits import NoteDialog, action_label, local_time, status_label

VISIT, PROCEDURE, PERSONS, STATUS, HOLDER, DUE = range(6)
ROW_ID = Qt.ItemDataRole.UserRole  # the visit procedure's id
OVERDUE = QColor("#b91c1c")

# The status filter: None = every open status (the core's default).
STATUS_FILTERS: tuple[ProcedureStatus | None, ...] = (
    None,
    ProcedureStatus.ROUTED,
    ProcedureStatus.CLAIMED,
    ProcedureStatus.RETURNED,
    ProcedureStatus.ANSWERED,
    ProcedureStatus.APPROVED,
    ProcedureStatus.REJECTED,
)


def today() -> date:
    return clock.today()


class InboxScreen(QWidget):
    """Emits `loaded(items)` after every (re)load of the list."""

    loaded = Signal(list)

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._core = context.core
        self.items: list[InboxItem] = []
        self.history: list[Action] = []
        self._reads = ops.Reads(self, context.runner)
        self._rows = InboxRows()
        self._named: set[int] = set()  # procedures the feed named, not read again yet
        self._refreshing = False
        self._selected_id: int | None = None
        self.forms_preview: FormsPreviewDialog | None = None
        self.supervisor = actor.can(Permission.REASSIGN_PROCEDURES)

        departments = inbox_departments(actor, [d.id for d in self._core.catalog.departments])
        self.department = QComboBox()
        self.department.setObjectName("inboxDepartment")
        for department_id in departments:
            self.department.addItem(
                department_label(department_id, context.language), department_id
            )
        self.department.setVisible(len(departments) > 1)
        self.status = QComboBox()
        self.status.setObjectName("inboxStatus")
        for status in STATUS_FILTERS:
            self.status.addItem(
                status_label(status) if status else self.tr("未完了（すべて）"),
                status.value if status else None,
            )
        self.due_filter = QCheckBox(self.tr("期限がこの日まで"))
        self.due_filter.setObjectName("inboxDueFilter")
        self.due_before = QDateEdit(QDate(today()).addDays(7))
        self.due_before.setObjectName("inboxDueBefore")
        self.due_before.setCalendarPopup(True)
        self.due_before.setDisplayFormat("yyyy-MM-dd")
        self.due_before.setEnabled(False)
        self.procedure = QComboBox()
        self.procedure.setObjectName("inboxProcedure")
        self._fill_procedures()
        self.live_state = LiveStateLabel(context.live)

        filters = QHBoxLayout()
        if len(departments) > 1:
            filters.addWidget(QLabel(self.tr("課")))
            filters.addWidget(self.department)
        filters.addWidget(QLabel(self.tr("状況")))
        filters.addWidget(self.status)
        filters.addWidget(self.due_filter)
        filters.addWidget(self.due_before)
        filters.addWidget(QLabel(self.tr("手続き")))
        filters.addWidget(self.procedure, 1)
        filters.addStretch(1)
        filters.addWidget(self.live_state)

        self.table = QTreeWidget()
        self.table.setObjectName("inboxItems")
        self.table.setColumnCount(6)
        self.table.setHeaderLabels(
            [
                self.tr("受付番号"),
                self.tr("手続き"),
                self.tr("人数"),
                self.tr("状況"),
                self.tr("担当者"),
                self.tr("期限"),
            ]
        )
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setSectionResizeMode(PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.table.header().setStretchLastSection(False)
        self.table.currentItemChanged.connect(self._selection_changed)
        self.empty = QLabel(self.tr("該当する手続きはありません。"))
        self.empty.setObjectName("muted")
        self.empty.hide()

        self.detail = QLabel()
        self.detail.setObjectName("inboxDetail")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        log_title = QLabel(self.tr("記録"))
        log_title.setObjectName("panelTitle")
        self.log = QTreeWidget()
        self.log.setObjectName("inboxLog")
        self.log.setColumnCount(6)
        self.log.setHeaderLabels(
            [
                self.tr("日時"),
                self.tr("操作"),
                self.tr("職員"),
                self.tr("役割"),
                self.tr("端末"),
                self.tr("理由・内容"),
            ]
        )
        self.log.setRootIsDecorated(False)
        self.log.setWordWrap(True)
        self.log.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.log.header().setStretchLastSection(True)

        self.claim_button = self._button(self.tr("受付"), "inboxClaim", self.claim)
        self.return_button = self._button(self.tr("差戻し…"), "inboxReturn", self.return_to_window)
        self.approve_button = self._button(self.tr("承認…"), "inboxApprove", self.approve)
        self.reject_button = self._button(self.tr("却下…"), "inboxReject", self.reject)
        self.release_button = self._button(self.tr("手放す"), "inboxRelease", self.release)
        self.reassign_button = self._button(self.tr("担当替え…"), "inboxReassign", self.reassign)
        self.reassign_button.setVisible(self.supervisor)
        self._action_buttons = {
            InboxAction.CLAIM: self.claim_button,
            InboxAction.RETURN: self.return_button,
            InboxAction.APPROVE: self.approve_button,
            InboxAction.REJECT: self.reject_button,
            InboxAction.RELEASE: self.release_button,
            InboxAction.REASSIGN: self.reassign_button,
        }
        self.authorise_button = self._button(self.tr("閲覧を許可…"), "authorise", self.authorise)
        self.authorise_button.setVisible(self._actor.can(Permission.OVERRIDE_SUPPORT_MEASURE))
        self.forms_button = self._button(forms_title(), "formsButton", self.show_forms)
        self.forms_button.setToolTip(self.tr("窓口で印刷した帳票を表示します（Ctrl+P）"))
        forms_key = QShortcut(QKeySequence("Ctrl+P"), self)
        forms_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        forms_key.activated.connect(self.show_forms)
        actions = QHBoxLayout()
        for button in (
            self.claim_button,
            self.return_button,
            self.approve_button,
            self.reject_button,
            self.release_button,
            self.reassign_button,
            self.authorise_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.forms_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addLayout(actions)
        right_layout.addWidget(log_title)
        right_layout.addWidget(self.log, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.setMinimumHeight(480)

        self.department.currentIndexChanged.connect(self._department_changed)
        self.status.currentIndexChanged.connect(self.reload)
        self.due_filter.toggled.connect(self._due_filter_toggled)
        self.due_before.dateChanged.connect(
            lambda _d: self.due_filter.isChecked() and self.reload()
        )
        self.procedure.currentIndexChanged.connect(self.reload)
        live = context.live
        if live is not None:
            live.changed.connect(self._on_changes)
            live.connection_changed.connect(self._feed_connected)
        context.runner.online_changed.connect(self._online_changed)
        self._show_detail(None)
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    # --- filters -------------------------------------------------------------------------

    @property
    def department_id(self) -> str | None:
        return self.department.currentData()

    def _fill_procedures(self) -> None:
        self.procedure.blockSignals(True)
        self.procedure.clear()
        self.procedure.addItem(self.tr("すべての手続き"), None)
        for entry in self._core.catalog.procedures:
            if entry.department == self.department_id and entry.kind in ROUTED_KINDS:
                name = entry.name_en if self._context.language == "en" else entry.name
                self.procedure.addItem(name, entry.id)
        self.procedure.blockSignals(False)

    def _department_changed(self) -> None:
        self._fill_procedures()
        self._selected_id = None
        self.reload()

    def _due_filter_toggled(self, on: bool) -> None:
        self.due_before.setEnabled(on)
        self.reload()

    def filters(self) -> dict:
        due = self.due_before.date()
        return {
            "status": self.status.currentData(),
            "due_before": date(due.year(), due.month(), due.day())
            if self.due_filter.isChecked()
            else None,
            "procedure_id": self.procedure.currentData(),
        }

    # --- loading -------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._reads.running

    def reload(self) -> None:
        department_id = self.department_id
        if department_id is None:
            return
        inbox, actor, filters = self._core.inbox, self._actor, self.filters()

        def read() -> tuple[int, str, dict, list[InboxItem]]:
            stamp = read_stamp()
            return stamp, department_id, filters, inbox.inbox(actor, department_id, **filters)

        self._reads.start(self.reload, read, self._loaded, self._failed)

    def _on_changes(self, changes: list[Change]) -> None:
        if not isValid(self):
            return
        department_id = self.department_id
        self._named |= {
            int(c.entity_id)
            for c in changes
            if c.topic == Topic.PROCEDURE and c.department_id == department_id
        }
        self._refresh_named()

    def _refresh_named(self) -> None:
        """Read the rows the feed named (one read at a time; what is named meanwhile is
        read right after it)."""
        department_id = self.department_id
        if self._refreshing or not self._named or department_id is None:
            return
        named, self._named = self._named, set()
        inbox, actor, filters = self._core.live_inbox, self._actor, self.filters()

        def read() -> tuple[int, str, dict, set[int], list[InboxItem]]:
            stamp = read_stamp()
            items = inbox.inbox(actor, department_id, only=named, **filters)
            return stamp, department_id, filters, named, items

        def done() -> None:
            self._refreshing = False
            self._refresh_named()

        self._refreshing = True
        ops.db(
            self,
            self._context.live_reads,
            read,
            on_success=self._refreshed,
            on_failure=lambda _error: self.reload(),  # the whole list, on the work connection
            on_done=done,
        )

    def _current(self, department_id: str, filters: dict) -> bool:
        """Whether a read was made for what the screen shows now."""
        return department_id == self.department_id and filters == self.filters()

    def _feed_connected(self, connected: bool) -> None:
        """Changes made while the feed was not followed were missed: load afresh."""
        if connected and isValid(self):
            self.reload()

    def _loaded(self, read: tuple[int, str, dict, list[InboxItem]]) -> None:
        stamp, department_id, filters, items = read
        if not isValid(self) or not self._current(department_id, filters):
            return
        if self._rows.loaded(stamp, items):
            self._show(self._rows.items)

    def _refreshed(self, read: tuple[int, str, dict, set[int], list[InboxItem]]) -> None:
        stamp, department_id, filters, named, items = read
        if not self._current(department_id, filters):
            return
        if self._rows.refreshed(stamp, named, items):
            self._show(self._rows.items)

    def _show(self, items: list[InboxItem]) -> None:
        self.items = items
        keep = self._selected_id
        self.table.blockSignals(True)
        self.table.clear()
        current = None
        now = today()
        for item in items:
            procedure = item.procedure
            row = QTreeWidgetItem(
                [
                    item.visit_number,
                    self._procedure_name(procedure.procedure_id, procedure.name),
                    self.tr("保護") if item.withheld else str(len(procedure.persons)),
                    status_label(procedure.status),
                    procedure.holder_login or "",
                    procedure.due_on.isoformat() if procedure.due_on else "",
                ]
            )
            row.setData(VISIT, ROW_ID, procedure.id)
            row.setTextAlignment(PERSONS, Qt.AlignmentFlag.AlignCenter)
            if item.withheld:
                row.setToolTip(
                    PERSONS, self.tr("支援措置の対象者を含むため、氏名・住所は表示しません")
                )
            if item.procedure.overdue_on(now):
                for column in range(6):
                    row.setForeground(column, QBrush(OVERDUE))
                row.setToolTip(DUE, self.tr("期限を過ぎています"))
            self.table.addTopLevelItem(row)
            if procedure.id == keep:
                current = row
        self.table.blockSignals(False)
        self.empty.setVisible(not items)
        if current is None and items and keep is None:
            current = self.table.topLevelItem(0)
        if current is not None:
            self.table.setCurrentItem(current)
        self._selection_changed(self.table.currentItem() if current is not None else None)
        self.loaded.emit(items)

    def _failed(self, error: CounterAppError) -> None:
        # A lost database is told by the banner (ui/connection_guard.py), not at every load.
        if isValid(self) and error.code not in DB_AWAY:
            MessageBox.error(self, self.tr("受付箱"), message_for(error, self._context.language))

    # --- the selected one ----------------------------------------------------------------

    def selected(self) -> InboxItem | None:
        return next((i for i in self.items if i.id == self._selected_id), None)

    def _actionable(self) -> InboxItem | None:
        """The selected item, or None while the database is away: nothing is done then."""
        return self.selected() if self._context.runner.online else None

    def select(self, visit_number: str, procedure_id: str) -> bool:
        """Select the row of that visit's procedure; False when it is not listed."""
        for index in range(self.table.topLevelItemCount()):
            row = self.table.topLevelItem(index)
            item = self._item_of(row)
            if (
                item is not None
                and item.visit_number == visit_number
                and item.procedure.procedure_id == procedure_id
            ):
                self.table.setCurrentItem(row)
                return True
        return False

    def find(self, visit_number: str, procedure_id: str) -> InboxItem | None:
        return next(
            (
                i
                for i in self.items
                if i.visit_number == visit_number and i.procedure.procedure_id == procedure_id
            ),
            None,
        )

    def _item_of(self, row: QTreeWidgetItem | None) -> InboxItem | None:
        if row is None:
            return None
        item_id = row.data(VISIT, ROW_ID)
        return next((i for i in self.items if i.id == item_id), None)

    def _selection_changed(self, row: QTreeWidgetItem | None, _previous=None) -> None:
        item = self._item_of(row)
        changed = (item.id if item else None) != self._selected_id
        self._selected_id = item.id if item else None
        if changed:
            self.history = []
            self.log.clear()
        self._show_detail(item)
        if item is not None and not item.withheld:  # the core would refuse a withheld one's
            self._load_history(item.id)

    def _load_history(self, item_id: int) -> None:
        inbox, actor = self._core.inbox, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: inbox.history(actor, item_id),
            on_success=lambda actions: self._show_history(item_id, actions),
            on_failure=self._failed,
        )

    def _show_history(self, item_id: int, actions: list[Action]) -> None:
        if not isValid(self) or item_id != self._selected_id:
            return
        self.history = actions
        self.log.clear()
        for action in actions:
            role = action.role
            if role in {r.value for r in RoleCode}:
                role = role_label(RoleCode(role))
            entry = QTreeWidgetItem(
                [
                    local_time(action.at),
                    action_label(action.action),
                    action.login,
                    role,
                    action.terminal,
                    action.reason or "",
                ]
            )
            entry.setToolTip(5, action.reason or "")
            self.log.addTopLevelItem(entry)

    def _procedure_name(self, procedure_id: str, fallback: str) -> str:
        if self._context.language == "en":
            try:
                return self._core.catalog.procedure(procedure_id).name_en
            except KeyError:
                pass
        return fallback

    def _show_detail(self, item: InboxItem | None) -> None:
        self._enable_actions(item)
        if item is None:
            self.detail.setText(self.tr("手続きを選んでください。"))
            return
        procedure = item.procedure
        heading = [
            f"{item.visit_number}　{self._procedure_name(procedure.procedure_id, procedure.name)}",
            self.tr("状況: {status}").format(status=status_label(procedure.status)),
        ]
        if item.withheld:
            advice = (
                self.tr("閲覧を許可すると、あなたか依頼した職員が10分間閲覧できます。")
                if self._actor.can(Permission.OVERRIDE_SUPPORT_MEASURE)
                else self.tr("閲覧が必要な場合は、監督者に許可を依頼してください。")
            )
            self.detail.setText(
                "\n".join(
                    [
                        *heading,
                        self.tr(
                            "この受付には支援措置（DV・ストーカー・児童虐待等）の対象者が"
                            "含まれているため、氏名・住所・窓口で伺った内容は表示しません。"
                        ),
                        advice,
                    ]
                )
            )
            return
        lines = [
            *heading,
            self.tr("住民: {name}（世帯番号 {household}）").format(
                name=item.resident_name or "-", household=item.household_no or "-"
            ),
            self.tr("届出: {event}　{date}").format(
                event=event_name(self._core.catalog, item.event_type, self._context.language),
                date=item.event_date.isoformat() if item.event_date else "",
            ),
            self.tr("受付: {at}（{terminal}）").format(
                at=local_time(item.visit_created_at), terminal=item.visit_terminal
            ),
        ]
        if item.protected:
            lines.append(self.tr("支援措置の対象者を含む受付です。許可に基づいて表示しています。"))
        answers = self._answers(item)
        if answers:
            lines.append(self.tr("窓口で伺った内容:"))
            lines.extend(f"・{a}" for a in answers)
        if procedure.reasons:
            lines.append(self.tr("必要な理由:"))
            lines.extend(f"・{r}" for r in procedure.reasons)
        if procedure.question:
            lines.append(self.tr("質問（差戻し）: {text}").format(text=procedure.question))
        if procedure.answer:
            lines.append(self.tr("窓口の回答: {text}").format(text=procedure.answer))
        if procedure.decision_note:
            lines.append(self.tr("決定メモ: {text}").format(text=procedure.decision_note))
        self.detail.setText("\n".join(lines))

    def _answers(self, item: InboxItem) -> list[str]:
        """The clerk's answers as the core describes them (`counter_app.guide.wording`)."""
        lines = []
        for answer in describe_answers(
            self._core.catalog,
            item.event_type,
            item.answers,
            item.person_answers,
            item.person_names,
        ):
            text = f"{answer.label}: {self._value(answer.value)}"
            lines.append(text if answer.person_name is None else f"{answer.person_name} {text}")
        return lines

    def _value(self, value: Described) -> str:
        """What the catalog does not word, in the screen's language and local time."""
        if value is True:
            return self.tr("はい")
        if value is False:
            return self.tr("いいえ")
        if value is None:
            return "-"
        if isinstance(value, datetime):
            return local_time(value) if value.tzinfo else value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, tuple):
            return self.tr("、").join(self._value(v) for v in value)
        return value

    def _online_changed(self, online: bool) -> None:
        if not isValid(self):
            return
        self._enable_actions(self.selected())
        if online:  # loads failed while the database was away
            self.reload()

    def _enable_actions(self, item: InboxItem | None) -> None:
        """The buttons follow what the core allows the reader on the row (`item.actions`)."""
        if not self._context.runner.online:
            item = None  # the database is away: nothing can be done
        allowed = item.actions if item is not None else frozenset()
        for action, button in self._action_buttons.items():
            button.setEnabled(action in allowed)
        self.authorise_button.setEnabled(item is not None and item.withheld)
        self.forms_button.setEnabled(item is not None and not item.withheld)

    # --- actions ---------------------------------------------------------------------------

    def _act(self, call: Callable[[], object]) -> None:
        self._enable_actions(None)
        ops.db(
            self,
            self._context.runner,
            call,
            on_success=lambda _r: isValid(self) and self.reload(),
            on_failure=self._action_failed,
        )

    def _action_failed(self, error: CounterAppError) -> None:
        if not isValid(self):
            return
        MessageBox.error(self, self.tr("受付箱"), message_for(error, self._context.language))
        self.reload()

    def _name(self, item: InboxItem) -> str:
        return self._procedure_name(item.procedure.procedure_id, item.procedure.name)

    def claim(self) -> None:
        item = self._actionable()
        if item is None:
            return
        inbox, actor = self._core.inbox, self._actor
        self._act(lambda: inbox.claim(actor, item.id))

    def release(self) -> None:
        item = self._actionable()
        if item is None:
            return
        inbox, actor = self._core.inbox, self._actor
        self._act(lambda: inbox.release(actor, item.id))

    def return_to_window(self) -> None:
        item = self._actionable()
        if item is None:
            return
        question = NoteDialog.ask(
            self,
            self.tr("窓口へ差戻し"),
            self.tr("「{name}」（{visit}）について窓口に尋ねることを入力してください。").format(
                name=self._name(item), visit=item.visit_number
            ),
        )
        if not question:
            return
        inbox, actor = self._core.inbox, self._actor
        self._act(lambda: inbox.return_to_window(actor, item.id, question))

    def approve(self) -> None:
        self._decide(approve=True)

    def reject(self) -> None:
        self._decide(approve=False)

    def _decide(self, *, approve: bool) -> None:
        item = self._actionable()
        if item is None:
            return
        title = self.tr("承認") if approve else self.tr("却下")
        note = NoteDialog.ask(
            self,
            title,
            self.tr("「{name}」（{visit}）を{decision}します。決定メモを入力してください。").format(
                name=self._name(item), visit=item.visit_number, decision=title
            ),
        )
        if not note:
            return
        inbox, actor = self._core.inbox, self._actor
        decide = inbox.approve if approve else inbox.reject
        self._act(lambda: decide(actor, item.id, note))

    def reassign(self) -> None:
        item = self._actionable()
        if item is None:
            return
        inbox, actor, department_id = self._core.inbox, self._actor, item.procedure.department_id
        ops.db(
            self,
            self._context.runner,
            lambda: inbox.assignees(actor, department_id),
            on_success=lambda staff: self._ask_reassign(item, staff),
            on_failure=self._action_failed,
        )

    def _ask_reassign(self, item: InboxItem, staff: list[Assignee]) -> None:
        if not isValid(self):
            return
        chosen = ReassignDialog.ask(self, self._name(item), staff)
        if chosen is None:
            return
        user_id, reason = chosen
        inbox, actor = self._core.inbox, self._actor
        self._act(lambda: inbox.reassign(actor, item.id, user_id, reason))

    def authorise(self) -> None:
        """A supervisor authorises reading the selected protected row: for themselves or
        for one of the department's staff (who asked), then the list is read again."""
        item = self._actionable()
        if item is None or not item.withheld:
            return
        inbox, actor, department_id = self._core.inbox, self._actor, item.procedure.department_id
        ops.db(
            self,
            self._context.runner,
            lambda: inbox.assignees(actor, department_id),
            on_success=lambda staff: self._ask_authorise(item, staff),
            on_failure=self._action_failed,
        )

    def _ask_authorise(self, item: InboxItem, staff: list[Assignee]) -> None:
        if not isValid(self):
            return
        authorise_residents(
            self,
            self._context,
            self._actor,
            item.protected,
            [(a.login, f"{a.login}（{a.display_name}）") for a in staff],
            on_done=self.reload,
            on_failure=self._action_failed,
        )

    def show_forms(self) -> None:
        """Preview the forms printed at the window for the selected procedure."""
        item = self._actionable()
        if item is None:
            return
        forms, actor = self._core.visit_forms, self._actor
        show_kept_forms(
            self,
            self._context,
            actor,
            lambda: forms.for_procedure(actor, item.id),
            on_failure=self._failed,
        )


class ReassignDialog(QDialog):
    """A supervisor picks the department's staff member to hold the procedure, and why."""

    def __init__(
        self, parent: QWidget | None, procedure_name: str, staff: Sequence[Assignee]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("担当替え"))
        prompt = QLabel(self.tr("「{name}」の担当者を選んでください。").format(name=procedure_name))
        prompt.setWordWrap(True)
        self.user = QComboBox()
        self.user.setObjectName("reassignUser")
        for assignee in staff:
            self.user.addItem(f"{assignee.login}（{assignee.display_name}）", assignee.user_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("reassignReason")
        form = QFormLayout()
        form.addRow(self.tr("担当者"), self.user)
        form.addRow(self.tr("理由"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(staff))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    @classmethod
    def ask(
        cls, parent: QWidget | None, procedure_name: str, staff: Sequence[Assignee]
    ) -> tuple[int, str] | None:
        """(user id, reason) or None when cancelled."""
        dialog = cls(parent, procedure_name, staff)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user.currentData() is None:
            return None
        return int(dialog.user.currentData()), dialog.reason.text().strip()


__all__ = ["InboxScreen", "ReassignDialog"]
