"""What the guide found: the procedures grouped by department, each with its reasons; the
notices (職権・自動) apart with their explanation; the warnings.

Del drops the selected procedure, Ins adds one of the event's other procedures; both ask
for a reason, which the core writes to the audit log. Dropped procedures stay in the
tree, struck out, with their reason. Ctrl+P fills in the forms of the procedures kept (on
the database worker), renders them (on the CPU pool, so a draft save never waits for it)
and opens their preview; the forms carry the visit's number, drawn then if the visit is
not recorded yet. 受付を確定 (Ctrl+Enter) records the visit under that number with the
procedures kept, the clerk's adjustments, the window's current ticket (asked of the
`current_ticket` the page was given) and the forms made for it, with its receipt (控え)
queued for this PC's ticket printer in the same unit of work, and shows the visit. The
receipt prints through the PC's print spooler (ui/outbox/spooler.py); while the printer
cannot print, the page says 控えを印刷待ち and the receipt comes out once it can. While
the database is away nothing that writes (Del, Ins, forms, 受付を確定) can be started.
Once the visit is recorded, 「証明書を追加」 opens the certificate desk for the resident:
what it issues joins the visit (its number goes with the request).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.catalog import Catalog
from counter_app.guide import GuideCase, GuideResult, ProcedureResult
from counter_app.outbox import PrintJobInfo, PrintJobKind, ReceiptOrder
from counter_app.permissions import Actor
from counter_app.visits import Adjustment, VisitInfo
from ui import ops

from ..context import UiContext
from ..forms.preview_dialog import FormsPreviewDialog, PreparedForms, fill_forms, render_forms
from ..labels import department_label
from ..message_box import MessageBox
from ..outbox import reason_label
from .adjust_dialog import AdjustDialog

# The ticket being served at this PC's window when the visit is confirmed, or None (a
# supervisor's screen has no window; the clerk's passes its calling panel's).
CurrentTicket = Callable[[], int | None]

NAME, KIND, PERSONS, ADJUSTMENT = range(4)
ROW_KIND = Qt.ItemDataRole.UserRole  # "department" | "procedure" | "reason"
ROW_ID = Qt.ItemDataRole.UserRole + 1  # the department's or procedure's id


def no_ticket() -> int | None:
    return None


class ResultPage(QWidget):
    """Call `show_result`; emits `adjusted(action, procedure_id)` once an adjustment is
    logged and `forms_opened(dialog)` once the forms' preview is open. `current_ticket`
    says which ticket the visit confirmed here belongs to."""

    adjusted = Signal(str, str)
    forms_opened = Signal(object)
    about_to_confirm = Signal()  # before the visit is written (the draft stops saving)
    confirmed = Signal(object)  # VisitInfo, once the visit is recorded
    receipt_printed = Signal(object)  # VisitInfo
    receipt_waiting = Signal(object, str)  # VisitInfo, why its receipt cannot print yet
    visit_shown = Signal(object)  # the window showing the visit
    visit_number_drawn = Signal(str)  # the number the forms carry, before the visit exists
    desk_opened = Signal(object)  # the certificate desk's window, for the visit

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        current_ticket: CurrentTicket = no_ticket,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._error = ops.error_box(self, self.tr("手続きナビ"), context.language)
        self._current_ticket = current_ticket
        self._catalog: Catalog = context.core.catalog
        self.result: GuideResult | None = None
        self.case: GuideCase | None = None
        self.preview: FormsPreviewDialog | None = None
        self._making_forms = False
        self._confirming = False
        self.visit: VisitInfo | None = None
        # The visit's number once drawn (for the forms), kept until the visit is recorded.
        self.visit_number: str | None = None
        # The forms last made, what they were made for (the case and the procedures kept)
        # and whether they were printed.
        self.prepared: PreparedForms | None = None
        self._prepared_for: tuple | None = None
        self.forms_printed = False
        self.visit_window: QWidget | None = None
        self.desk_window: QWidget | None = None
        self._receipt_for: VisitInfo | None = None  # the visit whose receipt is awaited
        self._receipt_told = False  # whether the clerk was told it waits
        self._following_spooler = False
        self.resident_id: int | None = None
        self.event_type = ""
        self.person_names: Mapping[str, str] = {}
        self.dropped: dict[str, str] = {}
        self.added: dict[str, str] = {}
        self._items: dict[str, QTreeWidgetItem] = {}

        title = QLabel(self.tr("必要な手続き"))
        title.setObjectName("panelTitle")
        self.summary = QLabel()
        self.summary.setObjectName("guideSummary")
        self.summary.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setObjectName("guideProcedures")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("課・手続き"), self.tr("種別"), self.tr("対象者"), self.tr("調整")]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.installEventFilter(self)
        self.tree.currentItemChanged.connect(self._show_detail)
        # The selected procedure's reasons in full, wrapped (the tree's rows elide them).
        self.detail = QLabel()
        self.detail.setObjectName("guideDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.drop_button = QPushButton(self.tr("除外（Del）"))
        self.drop_button.setObjectName("dropProcedure")
        self.drop_button.clicked.connect(self.drop_selected)
        self.add_button = QPushButton(self.tr("追加（Ins）"))
        self.add_button.setObjectName("addProcedure")
        self.add_button.clicked.connect(self.add_procedure)
        buttons = QHBoxLayout()
        buttons.addWidget(self.drop_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.forms_button = QPushButton(self.tr("書類を作成（Ctrl+P）"))
        self.forms_button.setObjectName("makeForms")
        self.forms_button.clicked.connect(self.make_forms)
        buttons.addWidget(self.forms_button)
        self.confirm_button = QPushButton(self.tr("受付を確定（Ctrl+Enter）"))
        self.confirm_button.setObjectName("confirmVisit")
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.confirm_button)
        # Certificates (住民票 after a 転入 …) join the confirmed visit, at the desk.
        self.certificates_button = QPushButton(self.tr("証明書を追加"))
        self.certificates_button.setObjectName("addCertificates")
        self.certificates_button.clicked.connect(self.add_certificates)
        self.certificates_button.setEnabled(False)
        buttons.addWidget(self.certificates_button)
        context.runner.online_changed.connect(self._update_actions)
        self.confirm_status = QLabel()
        self.confirm_status.setObjectName("muted")
        self.confirm_status.setWordWrap(True)
        self.confirm_status.hide()
        forms_key = QShortcut(QKeySequence("Ctrl+P"), self)
        forms_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        forms_key.activated.connect(self.make_forms)

        notices_title = QLabel(self.tr("職権・自動で行われるもの（届出は不要）"))
        notices_title.setObjectName("panelTitle")
        self.notices = QTreeWidget()
        self.notices.setObjectName("guideNotices")
        self.notices.setColumnCount(2)
        self.notices.setHeaderLabels([self.tr("お知らせ"), self.tr("担当課")])
        self.notices.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.notices.header().setStretchLastSection(False)
        self.notices.setMaximumHeight(160)
        self.no_notices = QLabel(self.tr("ありません。"))
        self.no_notices.setObjectName("muted")

        self.warnings = QLabel()
        self.warnings.setObjectName("guideWarnings")
        self.warnings.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        layout.addWidget(self.confirm_status)
        layout.addWidget(notices_title)
        layout.addWidget(self.no_notices)
        layout.addWidget(self.notices)
        self.setFocusProxy(self.tree)

    # --- words ------------------------------------------------------------------------

    def kind_label(self, kind: str) -> str:
        labels = {
            "immediate": self.tr("即時処理可"),
            "review": self.tr("要審査後処理"),
            "certificate": self.tr("証明書交付"),
            "submission": self.tr("提出のみ"),
        }
        return labels.get(kind, kind)

    def procedure_name(self, procedure_id: str) -> str:
        procedure = self._catalog.procedure(procedure_id)
        return procedure.name_en if self._context.language == "en" else procedure.name

    def _persons(self, atena_nos: list[str]) -> str:
        return self.tr("、").join(self.person_names.get(a, a) for a in atena_nos)

    # --- showing ----------------------------------------------------------------------

    def _show_detail(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is not None and item.data(0, ROW_KIND) == "reason":
            item = item.parent()
        if item is None or item.data(0, ROW_KIND) != "procedure":
            self.detail.clear()
            return
        reasons = [item.child(i).text(0) for i in range(item.childCount())]
        self.detail.setText("\n".join([item.text(NAME), *(f"・{r}" for r in reasons)]))

    def show_result(
        self,
        result: GuideResult,
        *,
        resident_id: int,
        event_type: str,
        person_names: Mapping[str, str],
        case: GuideCase | None = None,
    ) -> None:
        self.result = result
        self.case = case
        self.resident_id = resident_id
        self.event_type = event_type
        self.person_names = dict(person_names)
        self.dropped.clear()
        self.added.clear()
        self._items.clear()
        self.tree.clear()
        if self.visit is not None:  # the last visit is recorded: this is a new one
            self.visit_number = None
            self.prepared = self._prepared_for = None
        self.visit = None
        self.confirm_status.hide()
        self._update_actions()
        for procedure in result.procedures:
            item = self._procedure_item(procedure.id, procedure.department)
            item.setText(PERSONS, self._persons(procedure.persons))
            for reason in procedure.reasons:
                child = QTreeWidgetItem([reason])
                child.setData(0, ROW_KIND, "reason")
                child.setToolTip(0, reason)
                item.addChild(child)
                child.setFirstColumnSpanned(True)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(KIND)
        self.tree.resizeColumnToContents(PERSONS)
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))

        self.notices.clear()
        for notice in result.notices:
            item = QTreeWidgetItem(
                [notice.name, department_label(notice.department, self._context.language)]
            )
            for text in (notice.explain, *notice.reasons):
                child = QTreeWidgetItem([text])
                child.setToolTip(0, text)
                item.addChild(child)
                child.setFirstColumnSpanned(True)
            self.notices.addTopLevelItem(item)
        self.notices.expandAll()
        self.notices.setVisible(bool(result.notices))
        self.no_notices.setVisible(not result.notices)

        self.warnings.setText("\n".join(result.warnings))
        self.warnings.setVisible(bool(result.warnings))
        self._update_summary()

    def _department_item(self, department_id: str) -> QTreeWidgetItem:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ROW_ID) == department_id:
                return item
        item = QTreeWidgetItem([department_label(department_id, self._context.language)])
        item.setData(0, ROW_KIND, "department")
        item.setData(0, ROW_ID, department_id)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        order = self._catalog.department_order(department_id)
        position = sum(
            1
            for i in range(self.tree.topLevelItemCount())
            if self._catalog.department_order(self.tree.topLevelItem(i).data(0, ROW_ID)) < order
        )
        self.tree.insertTopLevelItem(position, item)
        item.setFirstColumnSpanned(True)
        item.setExpanded(True)
        return item

    def _procedure_item(self, procedure_id: str, department_id: str) -> QTreeWidgetItem:
        department = self._department_item(department_id)
        procedure = self._catalog.procedure(procedure_id)
        item = QTreeWidgetItem(
            [self.procedure_name(procedure_id), self.kind_label(procedure.kind), "", ""]
        )
        item.setData(0, ROW_KIND, "procedure")
        item.setData(0, ROW_ID, procedure_id)
        department.addChild(item)
        self._items[procedure_id] = item
        return item

    def _update_summary(self) -> None:
        active = [p for p in self._items if p not in self.dropped]
        departments = {self._catalog.procedure(p).department for p in active}
        self.summary.setText(
            self.tr("{count}件の手続き（{departments}課）。Del で除外、Ins で追加します。").format(
                count=len(active), departments=len(departments)
            )
        )

    # --- what the tree holds ----------------------------------------------------------

    def procedure_ids(self, *, include_dropped: bool = False) -> list[str]:
        """The procedures in the tree, in tree order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            department = self.tree.topLevelItem(i)
            for j in range(department.childCount()):
                pid = department.child(j).data(0, ROW_ID)
                if include_dropped or pid not in self.dropped:
                    out.append(pid)
        return out

    def item(self, procedure_id: str) -> QTreeWidgetItem:
        return self._items[procedure_id]

    def selected_procedure(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        if item.data(0, ROW_KIND) == "reason":
            item = item.parent()
        return item.data(0, ROW_ID) if item.data(0, ROW_KIND) == "procedure" else None

    # --- the forms -------------------------------------------------------------------

    def procedures_for_forms(self) -> list[ProcedureResult]:
        """The procedures kept, in tree order; one the clerk added has no findings."""
        assert self.result is not None
        found = {p.id: p for p in self.result.procedures}
        out = []
        for procedure_id in self.procedure_ids():
            if procedure_id in found:
                out.append(found[procedure_id])
            else:
                p = self._catalog.procedure(procedure_id)
                out.append(ProcedureResult(p.id, p.name, p.department, p.kind, findings=()))
        return out

    def make_forms(self) -> None:
        if self.result is None or self.case is None or self.resident_id is None:
            return
        if self._making_forms or not self._context.runner.online:
            return
        procedures = self.procedures_for_forms()
        if not procedures:
            return
        core, actor, resident_id, case = (
            self._context.core,
            self._actor,
            self.resident_id,
            self.case,
        )
        visit_number = self.visit.visit_number if self.visit is not None else self.visit_number
        made_for = self._forms_key(case, procedures)
        self._making_forms = True
        self._update_actions()
        ops.db_then_cpu(
            self,
            self._context.runner,
            self._context.cpu,
            lambda: fill_forms(core, actor, resident_id, case, procedures, visit_number),
            lambda bundle: render_forms(bundle, core.catalog),
            on_success=lambda prepared: self._forms_ready(prepared, made_for),
            on_failure=self._error,
            on_done=self._forms_made,
        )

    def _forms_made(self) -> None:
        self._making_forms = False
        self._update_actions()

    def _forms_ready(self, prepared: PreparedForms, made_for: tuple) -> None:
        self.prepared, self._prepared_for = prepared, made_for
        self.forms_printed = False
        number = prepared.bundle.visit_number
        if self.visit is not None:
            self._keep_forms_with_visit(prepared)
        elif number != self.visit_number:
            self.visit_number = number
            self.visit_number_drawn.emit(number)
        self._open_preview(prepared)

    @staticmethod
    def _forms_key(case: GuideCase | None, procedures: list[ProcedureResult]) -> tuple:
        return (case, tuple(p.id for p in procedures))

    def current_forms(self) -> PreparedForms | None:
        """The forms last made, if they still match the answers and the procedures kept."""
        if self.prepared is None or self.result is None:
            return None
        if self._prepared_for != self._forms_key(self.case, self.procedures_for_forms()):
            return None
        return self.prepared

    def _open_preview(self, prepared: PreparedForms) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = FormsPreviewDialog(prepared, self)
        self.preview.finished.connect(self._preview_closed)
        self.preview.printed.connect(lambda _pages: self._forms_printed(prepared))
        self.preview.open()
        self.forms_opened.emit(self.preview)

    def _forms_printed(self, prepared: PreparedForms) -> None:
        if prepared is not self.prepared:
            return
        self.forms_printed = True
        if self.visit is None:
            return  # recorded with the visit
        core, actor, number = self._context.core, self._actor, self.visit.visit_number
        ops.db(
            self,
            self._context.runner,
            lambda: core.visit_forms.mark_printed(actor, number),
            on_failure=self._error,
        )

    def _keep_forms_with_visit(self, prepared: PreparedForms) -> None:
        """Forms made after the visit was recorded are kept with it too."""
        core, actor, bundle = self._context.core, self._actor, prepared.bundle
        ops.db(
            self,
            self._context.runner,
            lambda: core.visit_forms.record(actor, bundle.visit_number, bundle, printed=False),
            on_failure=self._error,
        )

    def _preview_closed(self) -> None:
        self.activateWindow()
        self.tree.setFocus()

    # --- the visit -------------------------------------------------------------------

    def adjustments(self) -> list[Adjustment]:
        return [Adjustment(p, "add", r) for p, r in self.added.items()] + [
            Adjustment(p, "drop", r) for p, r in self.dropped.items()
        ]

    def _update_actions(self, *_args) -> None:
        """What writes is enabled only while the database answers."""
        online = self._context.runner.online
        shown = self.result is not None
        # Not while forms are being made: the visit keeps the forms made for it.
        self.confirm_button.setEnabled(
            shown
            and self.visit is None
            and not self._confirming
            and not self._making_forms
            and online
        )
        self.forms_button.setEnabled(shown and not self._making_forms and online)
        self.certificates_button.setEnabled(self.visit is not None and online)
        adjustable = shown and self.visit is None and online
        self.drop_button.setEnabled(adjustable)
        self.add_button.setEnabled(adjustable)

    def confirm(self) -> None:
        """受付を確定: record the visit with its receipt queued, show it."""
        if self.result is None or self.case is None or self.visit is not None:
            return
        if self._confirming or self._making_forms or not self._context.runner.online:
            return
        procedures = self.procedures_for_forms()
        adjustments = self.adjustments()
        core, actor, case, resident_id = (
            self._context.core,
            self._actor,
            self.case,
            self.resident_id,
        )
        ticket_id = self._current_ticket()
        visit_number = self.visit_number
        current = self.current_forms()
        forms = current.bundle if current is not None else None
        forms_printed = current is not None and self.forms_printed
        receipt = self._receipt_order()
        self.about_to_confirm.emit()
        self._confirming = True
        self._update_actions()
        ops.db(
            self,
            self._context.runner,
            lambda: core.visits.create_visit(
                actor,
                case,
                procedures,
                ticket_id=ticket_id,
                adjustments=adjustments,
                resident_id=resident_id,
                visit_number=visit_number,
                forms=forms,
                forms_printed=forms_printed,
                receipt=receipt,
            ),
            on_success=self._confirmed,
            on_failure=self._error,
            on_done=self._confirm_done,
        )

    def _confirm_done(self) -> None:
        self._confirming = False
        self._update_actions()

    def _confirmed(self, visit: VisitInfo) -> None:
        self.visit = visit
        self._update_actions()
        self._say(self.tr("受付 {number} を確定しました。").format(number=visit.visit_number))
        self.confirmed.emit(visit)
        self._follow_receipt(visit)
        self.show_visit(visit.visit_number)

    def add_certificates(self) -> None:
        """The certificate desk for this visit's resident; what it issues joins the visit."""
        visit = self.visit
        if visit is None:
            return
        from ..certificates.desk import open_desk

        self.desk_window = open_desk(
            self,
            self._context,
            self._actor,
            resident_id=self.resident_id,
            ticket_id=self._current_ticket(),
            visit_number=visit.visit_number,
        )
        self.desk_opened.emit(self.desk_window)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.confirm_status.setText(text)
        self.confirm_status.setObjectName("error" if error else "muted")
        self.confirm_status.style().unpolish(self.confirm_status)
        self.confirm_status.style().polish(self.confirm_status)
        self.confirm_status.show()

    # --- the receipt ----------------------------------------------------------------

    def _receipt_order(self) -> ReceiptOrder | None:
        """The visit's receipt for this PC's ticket printer (None: no printer here)."""
        url = self._context.core.config.devices.ticket_printer
        if not url:
            return None
        from station.receipts import receipt_order

        return receipt_order(self._catalog, self._context.municipality, url)

    def _follow_receipt(self, visit: VisitInfo) -> None:
        """Say how the visit's receipt fares on this PC's printer, until it prints."""
        if not self._context.core.config.devices.ticket_printer:
            self._say(
                self.tr(
                    "受付 {number} を確定しました。この端末には控えを印刷するプリンターが"
                    "設定されていません（設定ファイルの devices.ticket_printer）。"
                ).format(number=visit.visit_number)
            )
            return
        self._receipt_for, self._receipt_told = visit, False
        self._say(
            self.tr("受付 {number} を確定しました。控えを印刷しています。").format(
                number=visit.visit_number
            )
        )
        spooler = self._context.spooler
        if spooler is None:  # nothing prints on this PC: the receipt waits in the outbox
            self._receipt_waits(visit, "")
            return
        if not self._following_spooler:
            self._following_spooler = True
            spooler.job_printed.connect(self._receipt_job_printed)
            spooler.job_failed.connect(self._receipt_job_failed)
        spooler.tick()

    def _is_awaited(self, job: PrintJobInfo) -> bool:
        visit = self._receipt_for
        return (
            visit is not None
            and job.kind is PrintJobKind.VISIT_RECEIPT
            and job.label == visit.visit_number
        )

    def _receipt_job_printed(self, job: PrintJobInfo) -> None:
        if not self._is_awaited(job):
            return
        visit, self._receipt_for = self._receipt_for, None
        self._say(
            self.tr("受付 {number} を確定しました。控えを印刷しました。").format(
                number=visit.visit_number
            )
        )
        self.receipt_printed.emit(visit)

    def _receipt_job_failed(self, job: PrintJobInfo, reason: str) -> None:
        if self._is_awaited(job):
            self._receipt_waits(self._receipt_for, reason)

    def _receipt_waits(self, visit: VisitInfo, reason: str) -> None:
        text = self.tr(
            "受付 {number} を確定しました。控えを印刷待ち（{reason}）：プリンターが"
            "印刷できるようになると印刷されます。"
        ).format(number=visit.visit_number, reason=reason_label(reason))
        self._say(text, error=True)
        if not self._receipt_told:  # once: the visit's window may cover this page
            self._receipt_told = True
            MessageBox.error(self, self.tr("受付の控え"), text)
        self.receipt_waiting.emit(visit, reason)

    def show_visit(self, visit_number: str) -> None:
        from ..visits.open_visit import show_visit

        self.visit_window = show_visit(self, self._context, self._actor, visit_number)
        self.visit_shown.emit(self.visit_window)

    # --- adjusting --------------------------------------------------------------------

    def _adjustable(self) -> bool:
        return self.result is not None and self.visit is None and self._context.runner.online

    def drop_selected(self) -> None:
        if not self._adjustable():
            return
        procedure_id = self.selected_procedure()
        if procedure_id is None or procedure_id in self.dropped:
            return
        reason = AdjustDialog.ask_drop(self, self.procedure_name(procedure_id))
        if reason is None:
            return
        self._record(procedure_id, "drop", reason)

    def add_procedure(self) -> None:
        if not self._adjustable():
            return
        shown = set(self.procedure_ids())
        choices = [
            (p.id, self.procedure_name(p.id))
            for p in self._catalog.procedures_for(self.event_type)
            if p.id not in shown
        ]
        if not choices:
            return
        answer = AdjustDialog.ask_add(self, choices)
        if answer is None:
            return
        procedure_id, reason = answer
        self._record(procedure_id, "add", reason)

    def restore_adjustments(self, dropped: Mapping[str, str], added: Mapping[str, str]) -> None:
        """A restored draft's adjustments, shown again (their reasons were logged when the
        clerk made them). Ones that no longer fit the procedures shown are left out."""
        known = {p.id for p in self._catalog.procedures_for(self.event_type)}
        for procedure_id, reason in added.items():
            if procedure_id in known and procedure_id not in self._items:
                self._mark(procedure_id, "add", reason)
        for procedure_id, reason in dropped.items():
            if procedure_id in self._items:
                self._mark(procedure_id, "drop", reason)

    def _record(self, procedure_id: str, action: str, reason: str) -> None:
        core, actor = self._context.core, self._actor
        resident_id, event_type = self.resident_id, self.event_type
        ops.db(
            self,
            self._context.runner,
            lambda: core.guide.record_adjustment(
                actor, resident_id, event_type, procedure_id, action, reason
            ),
            on_success=lambda _none: self._mark(procedure_id, action, reason),
            on_failure=self._error,
        )

    def _mark(self, procedure_id: str, action: str, reason: str) -> None:
        item = self._items.get(procedure_id)
        if action == "drop":
            self.dropped[procedure_id] = reason
            self.added.pop(procedure_id, None)
            text = self.tr("除外: {reason}").format(reason=reason)
        else:
            self.dropped.pop(procedure_id, None)
            self.added[procedure_id] = reason
            text = self.tr("追加: {reason}").format(reason=reason)
            if item is None:
                item = self._procedure_item(
                    procedure_id, self._catalog.procedure(procedure_id).department
                )
        assert item is not None
        self._style(item, dropped=action == "drop")
        item.setText(ADJUSTMENT, text)
        item.setToolTip(ADJUSTMENT, text)
        self.tree.resizeColumnToContents(ADJUSTMENT)
        self.tree.setCurrentItem(item)
        self._update_summary()
        self.adjusted.emit(action, procedure_id)

    def _style(self, item: QTreeWidgetItem, *, dropped: bool) -> None:
        grey = QBrush(QColor("#888888"))
        for column in range(self.tree.columnCount()):
            font = item.font(column)
            font.setStrikeOut(dropped and column != ADJUSTMENT)
            item.setFont(column, font)
            item.setForeground(column, grey if dropped else QBrush())
        for i in range(item.childCount()):
            item.child(i).setForeground(0, grey if dropped else QBrush())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete:
                self.drop_selected()
                return True
            if event.key() == Qt.Key.Key_Insert:
                self.add_procedure()
                return True
        return super().eventFilter(watched, event)
