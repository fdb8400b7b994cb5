"""The certificate desk (証明書交付), keyboard first.

Left, the resident: the search and the record (the widgets every clerk knows). Right,
the request: who asks and what they show (RequesterBox), the certificate being chosen
(ItemEditor; Ins adds it to the list, Del drops the selected line), the running fee
with 減免, 「交付請求書を印刷」 (Ctrl+P: the request form pre-filled for the resident's
signature, in the forms preview) and お会計 (F9). F3 goes back to the search.

お会計 asks the core first (`check`: a refusal is shown as the core words it, and nothing
is issued), then the payment dialog, then `issue` in one unit of work with the 領収書
queued for this PC's ticket printer; the certificates' PDF is rendered on the CPU pool
and opens to be printed. The desk may carry the ticket being served (a category E
ticket called at the window) and a life-event visit the certificates join.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.certificates.model import (
    CertificateCatalog,
    CertificateItem,
    CertificateRequest,
    Issuance,
    PaymentInput,
    PaymentMethod,
    Quote,
)
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.records import ResidentRecord
from ui import ops

from ..context import UiContext
from ..residents.record_view import ResidentRecordView
from ..residents.search_panel import ResidentSearchPanel
from . import outputs
from .item_editor import ItemEditor
from .payment_dialog import PaymentDialog
from .pdf_dialog import PdfDialog, PreparedPdf
from .request_lines import RequestLines
from .requester_box import RequesterBox
from .words import method_label, named, yen


class CertificateDesk(QWidget):
    """Emits `issued(Issuance)` once the certificates are issued and paid for, and
    `refused(message)` when the core refuses the request."""

    issued = Signal(object)
    refused = Signal(str)
    quoted = Signal(object)  # Quote
    pdf_shown = Signal(object)  # the PdfDialog
    request_form_shown = Signal(object)  # the forms preview of the 交付請求書

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        ticket_id: int | None = None,
        ticket_label: str = "",
        visit_number: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._catalog: CertificateCatalog = context.core.certificates.catalog
        self.ticket_id = ticket_id
        self.ticket_label = ticket_label
        self.visit_number = visit_number
        self.record: ResidentRecord | None = None
        self.items: list[CertificateItem] = []
        self.quote: Quote | None = None
        self.issuance: Issuance | None = None
        self.pdf_dialog: PdfDialog | None = None
        self._busy = False
        self._quote_serial = 0

        # --- the resident ---
        self.search_panel = ResidentSearchPanel(context, actor)
        self.record_view = ResidentRecordView(context, actor)
        self.search_panel.resident_chosen.connect(self.record_view.open)
        self.record_view.back_to_search.connect(self.search_panel.focus_search)
        self.record_view.record_shown.connect(self._record_shown)
        self.record_view.protected_shown.connect(self._protected_shown)
        resident = QSplitter(Qt.Orientation.Vertical)
        resident.addWidget(self.search_panel)
        resident.addWidget(self.record_view)
        resident.setStretchFactor(0, 2)
        resident.setStretchFactor(1, 3)

        # --- the request ---
        where = []
        if ticket_label:
            where.append(self.tr("番号札 {number}").format(number=ticket_label))
        if visit_number:
            where.append(self.tr("受付 {number} に追加").format(number=visit_number))
        self.context_label = QLabel("　".join(where))
        self.context_label.setObjectName("deskContext")
        self.context_label.setVisible(bool(where))
        self.subject_label = QLabel(self.tr("対象者: 住民を検索して開いてください（F3）"))
        self.subject_label.setObjectName("deskSubject")
        self.subject_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.subject_label.setWordWrap(True)

        self.requester_box = RequesterBox(self._catalog.identity_documents, context.language)
        self.editor = ItemEditor(self._catalog, context.language)
        self.requester_box.changed.connect(self._requester_changed)
        self.add_button = QPushButton(self.tr("この証明書を追加（Ins）"))
        self.add_button.setObjectName("addCertificate")
        self.add_button.clicked.connect(self.add_item)

        self.lines = RequestLines(self._catalog, context.language)
        self.lines.remove_requested.connect(self.remove_line)
        self.remove_button = QPushButton(self.tr("削除（Del）"))
        self.remove_button.clicked.connect(self.remove_selected)

        self.exemption_box = QComboBox()
        self.exemption_box.setObjectName("exemption")
        self.exemption_box.addItem(self.tr("なし"), None)
        for exemption in self._catalog.exemptions:
            self.exemption_box.addItem(named(exemption, context.language), exemption.id)
        self.exemption_box.currentIndexChanged.connect(self.requote)
        self.total_label = QLabel(yen(0))
        self.total_label.setObjectName("deskTotal")
        self.total_label.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1f4e79;")
        self.total_label.setMinimumWidth(180)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        fee = QGroupBox(self.tr("手数料"))
        fee_row = QHBoxLayout(fee)
        fee_row.addWidget(QLabel(self.tr("減免")))
        fee_row.addWidget(self.exemption_box, 1)
        fee_row.addSpacing(24)
        fee_row.addWidget(QLabel(self.tr("合計")))
        fee_row.addWidget(self.total_label)

        self.message = QLabel()
        self.message.setObjectName("deskMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.form_button = QPushButton(self.tr("交付請求書を印刷（Ctrl+P）"))
        self.form_button.setObjectName("printRequestForm")
        self.form_button.clicked.connect(self.print_request_form)
        self.pay_button = QPushButton(self.tr("お会計（F9）"))
        self.pay_button.setObjectName("primary")
        self.pay_button.clicked.connect(self.pay)

        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_button)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addStretch(1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.form_button)
        actions.addWidget(self.pay_button)
        request = QWidget()
        column = QVBoxLayout(request)
        column.addWidget(self.context_label)
        column.addWidget(self.subject_label)
        column.addWidget(self.requester_box)
        column.addWidget(self.editor)
        column.addLayout(line_buttons)
        column.addWidget(self.lines, 1)
        scroll = QScrollArea()
        scroll.setWidget(request)
        scroll.setWidgetResizable(True)
        # The fee and the actions stay in sight however long the request grows.
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(scroll, 1)
        right_column.addWidget(fee)
        right_column.addWidget(self.message)
        right_column.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(resident)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        for key, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add_item),
            (QKeySequence(Qt.Key.Key_F9), self.pay),
            (QKeySequence("Ctrl+P"), self.print_request_form),
            (QKeySequence(Qt.Key.Key_F3), self.search_panel.focus_search),
        ):
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.runner.online_changed.connect(self._update_actions)
        self._requester_changed()

    # --- the resident -------------------------------------------------------------------

    def open_resident(self, resident_id: int) -> None:
        self.record_view.open(resident_id)

    def _record_shown(self, record: ResidentRecord) -> None:
        self.record = record
        person = record.person
        self.subject_label.setText(
            self.tr("対象者: {name}（宛名番号 {atena}）").format(
                name=person.name, atena=person.atena_no
            )
        )
        self._clear_message()
        self.requester_box.focus_first()
        self.requote()

    def _protected_shown(self, _resident_id: int) -> None:
        self.record = None
        self.subject_label.setText(
            self.tr(
                "対象者: 支援措置対象の記録です。監督者の許可があるまで請求を受け付けられません。"
            )
        )
        self._update_actions()

    @property
    def subject(self) -> str | None:
        return None if self.record is None else str(self.record.person.atena_no)

    # --- the request --------------------------------------------------------------------

    def _requester_changed(self) -> None:
        self.editor.set_requester(self.requester_box.kind())
        self._update_actions()

    def add_item(self) -> None:
        if not self.editor.kind_allowed():
            self._say(self.editor.kind_reason.text(), error=True)
            return
        self.items.append(self.editor.item())
        self.editor.reset()
        self._show_lines()
        self.requote()

    def remove_selected(self) -> None:
        self.remove_line(self.lines.current_row())

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.items):
            del self.items[row]
            self._show_lines()
            self.requote()

    def request(self) -> CertificateRequest | None:
        subject = self.subject
        if subject is None or not self.items:
            return None
        return CertificateRequest(
            subject=subject,
            requester=self.requester_box.requester(),
            items=tuple(self.items),
            exemption_id=self.exemption_box.currentData(),
            ticket_id=self.ticket_id,
            visit_number=self.visit_number,
        )

    def _show_lines(self) -> None:
        self.lines.show_items(self.items, self.quote)
        self._update_actions()

    def requote(self) -> None:
        """The running fee, as the core computes it (減免 included)."""
        request = self.request()
        self._quote_serial += 1
        serial = self._quote_serial
        if request is None:
            self.quote = None
            self.total_label.setText(yen(0))
            self._show_lines()
            return
        service = self._context.core.certificates
        ops.db(
            self,
            self._context.runner,
            lambda: service.quote(request),
            on_success=lambda quote: self._quoted(serial, quote),
            on_failure=self._failed,
        )

    def _quoted(self, serial: int, quote: Quote) -> None:
        if serial != self._quote_serial:  # the request changed meanwhile
            return
        self.quote = quote
        self.total_label.setText(yen(quote.total_yen))
        self._show_lines()
        self.quoted.emit(quote)

    def _update_actions(self, *_args) -> None:
        ready = self.record is not None and not self._busy and self._context.runner.online
        self.pay_button.setEnabled(ready and bool(self.items))
        self.form_button.setEnabled(ready and bool(self.items))
        self.add_button.setEnabled(not self._busy)
        self.remove_button.setEnabled(not self._busy and bool(self.items))

    # --- the request form ---------------------------------------------------------------

    def print_request_form(self) -> None:
        """The 交付請求書 filled in from the request and the record, for the signature."""
        request, record = self.request(), self.record
        if request is None or record is None or self._busy:
            return
        core, municipality = self._context.core, self._context.municipality
        reference = self.visit_number or self.ticket_label or record.person.atena_no
        ops.cpu(
            self,
            self._context.cpu,
            lambda: outputs.request_form(core, municipality, record, request, str(reference)),
            on_success=self._show_request_form,
            on_failure=self._failed,
        )

    def _show_request_form(self, prepared) -> None:
        from ..forms.preview_dialog import FormsPreviewDialog

        dialog = FormsPreviewDialog(prepared, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.request_form_shown.emit(dialog)

    # --- paying and issuing -------------------------------------------------------------

    def pay(self) -> None:
        """お会計: the core checks the request; then the payment; then the issue."""
        request = self.request()
        if request is None or self._busy or not self._context.runner.online:
            return
        service, actor = self._context.core.certificates, self._actor

        def check_and_quote() -> tuple[Quote, Quote]:
            service.check(actor, request)
            # the dialog may take the fee after all, or exempt it: both totals, the core's
            return service.quote(request), service.quote(replace(request, exemption_id=None))

        self._set_busy(True)
        ops.db(
            self,
            self._context.runner,
            check_and_quote,
            on_success=lambda quotes: self._take_payment(request, *quotes),
            on_failure=self._refused,
            on_done=lambda: self._set_busy(False),
        )

    def _take_payment(self, request: CertificateRequest, quote: Quote, payable: Quote) -> None:
        self.quote = quote
        self.total_label.setText(yen(quote.total_yen))
        dialog = PaymentDialog(
            self,
            payable.total_yen,
            self._catalog.exemptions,
            self._context.language,
            exemption_id=request.exemption_id,
            terminal=outputs.payment_terminal(self._context),
            order=self._order_reference(),
        )
        try:
            if PaymentDialog.present(dialog) != QDialog.DialogCode.Accepted:
                return
            payment = dialog.payment()
            exemption_id = dialog.exemption_id()
        finally:
            dialog.deleteLater()
        if payment is None:
            return
        if payment.method is PaymentMethod.EXEMPT:
            request = replace(request, exemption_id=exemption_id)
        elif request.exemption_id is not None:
            request = replace(request, exemption_id=None)
        self.issue(request, payment)

    def _order_reference(self) -> str:
        """What the terminal's journal names the charge by (ASCII, before the receipt
        number exists): the window and the moment."""
        window = self._context.core.terminal.window_number
        return f"W{window or 0}-{clock.utcnow():%Y%m%d%H%M%S%f}"

    def issue(self, request: CertificateRequest, payment: PaymentInput) -> None:
        service, actor = self._context.core.certificates, self._actor
        window = self._context.core.terminal.window_number
        receipt = outputs.fee_receipt_order(self._context)
        self._set_busy(True)
        ops.db(
            self,
            self._context.runner,
            lambda: service.issue(actor, request, payment, window=window, receipt=receipt),
            on_success=self._issued,
            on_failure=lambda error: self._issue_failed(error, payment),
            on_done=lambda: self._set_busy(False),
        )

    def _issued(self, issuance: Issuance) -> None:
        self.issuance = issuance
        paid = issuance.payment
        if paid.method is PaymentMethod.CASH:
            text = self.tr(
                "{count}通を交付しました。領収書 {receipt}　合計 {total}　お預かり {received}　"
                "お釣り {change}"
            ).format(
                count=len(issuance.certificates),
                receipt=paid.receipt_number,
                total=yen(paid.total_yen),
                received=yen(paid.received_yen),
                change=yen(paid.change_yen),
            )
        else:
            text = self.tr("{count}通を交付しました。領収書 {receipt}　{method} {total}").format(
                count=len(issuance.certificates),
                receipt=paid.receipt_number,
                method=method_label(paid.method),
                total=yen(paid.total_yen),
            )
        self._say(text)
        self.items.clear()
        self.quote = None
        self.exemption_box.setCurrentIndex(0)
        self.total_label.setText(yen(0))
        self._show_lines()
        self.issued.emit(issuance)
        ops.cpu(
            self,
            self._context.cpu,
            lambda: outputs.certificates_pdf(issuance),
            on_success=self._show_pdf,
            on_failure=self._failed,
        )

    def _show_pdf(self, prepared: PreparedPdf) -> None:
        self.pdf_dialog = PdfDialog(prepared, self.tr("証明書"), self)
        self.pdf_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf_dialog.show()
        self.pdf_shown.emit(self.pdf_dialog)

    def _refused(self, error: CounterAppError) -> None:
        text = message_for(error, self._context.language)
        self._say(text, error=True)
        self.refused.emit(text)

    def _issue_failed(self, error: CounterAppError, payment: PaymentInput) -> None:
        text = message_for(error, self._context.language)
        if payment.method is PaymentMethod.CASHLESS:
            text = self.tr(
                "{error}\n決済 {reference} は端末で承認済みです。交付できなかったため、"
                "端末で取消してください。"
            ).format(error=text, reference=payment.cashless_reference)
        self._say(text, error=True)
        self.refused.emit(text)

    def _failed(self, error: CounterAppError) -> None:
        self._say(message_for(error, self._context.language), error=True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_actions()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setObjectName("error" if error else "deskMessage")
        self.message.setStyleSheet("" if error else "font-size: 13pt; color: #1f4e79;")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def _clear_message(self) -> None:
        self.message.hide()
        self.message.setText("")


class CertificateDeskWindow(QDialog):
    """The desk in a window of its own (non-modal), beside the clerk's screen."""

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None, **kw):
        super().__init__(parent)
        self.setWindowTitle(self.tr("証明書交付"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.desk = CertificateDesk(context, actor, **kw)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.desk)
        self.resize(1240, 780)


def open_desk(
    parent: QWidget | None,
    context: UiContext,
    actor: Actor,
    *,
    resident_id: int | None = None,
    ticket_id: int | None = None,
    ticket_label: str = "",
    visit_number: str | None = None,
) -> CertificateDeskWindow:
    window = CertificateDeskWindow(
        context,
        actor,
        parent,
        ticket_id=ticket_id,
        ticket_label=ticket_label,
        visit_number=visit_number,
    )
    window.show()
    window.raise_()
    window.activateWindow()
    if resident_id is not None:
        window.desk.open_resident(resident_id)
    else:
        window.desk.search_panel.focus_search()
    return window
