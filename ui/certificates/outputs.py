"""What the desk makes besides database rows, each where it belongs: the 領収書's print
order (station/fee_receipts.py), the payment terminal's device worker, the certificates'
PDF and the 交付請求書 (both rendered on the CPU pool)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from counter_app import clock
from counter_app.app import CounterApp
from counter_app.certificates.model import CertificateRequest, Issuance
from counter_app.guide.inputs import PersonRecord
from counter_app.outbox import ReceiptOrder
from counter_app.records import ResidentRecord
from station.device_workers import DeviceWorker

from ..context import UiContext
from ..forms.preview_dialog import PreparedForms, render_forms
from .pdf_dialog import PreparedPdf

# The ticket category whose tickets are certificates only: calling one opens the desk.
CERTIFICATE_CATEGORY = "shomei"


def fee_receipt_order(context: UiContext) -> ReceiptOrder | None:
    """The 領収書 for this PC's ticket printer (None: no printer here)."""
    url = context.core.config.devices.ticket_printer
    if not url:
        return None
    from station.fee_receipts import fee_receipt_order as order

    return order(context.core.certificates.catalog, context.municipality, url)


def payment_terminal(context: UiContext) -> DeviceWorker | None:
    """The window's payment terminal's worker (None: none configured, or no devices)."""
    url = context.core.config.devices.payment_terminal
    if not url or context.devices is None:
        return None
    return context.devices.payment_terminal(url)


def certificates_pdf(issuance: Issuance) -> PreparedPdf:
    """On the CPU pool: the issued certificates as one PDF, its pages as images, and the
    characters the font lacked (each prints as 〓 in a red frame)."""
    from printing.certificates import render_certificates
    from printing.city import load_city

    rendered = render_certificates([c.document for c in issuance.certificates], load_city())
    problems = tuple(
        QCoreApplication.translate(
            "Certificates", "{number}: 「{char}」は字形がないため〓で印刷されます（{field}）"
        ).format(number=w.form_id, char=w.char, field=w.field_label)
        for w in rendered.glyph_warnings
    )
    name = f"証明書_{issuance.payment.receipt_number}"
    return PreparedPdf.of(name, rendered.pdf, problems)


def request_form(
    core: CounterApp,
    municipality: str,
    record: ResidentRecord,
    request: CertificateRequest,
    reference: str,
) -> PreparedForms:
    """On the CPU pool: the 交付請求書 filled in from the request and the record already
    open at the desk (read and audited when it was opened), rendered like every form."""
    from counter_app.certificates.request_form import request_form as fill

    person = record.person
    birth = person.birth_date if isinstance(person.birth_date, date) else None
    subject = PersonRecord(
        {"atena_no": str(person.atena_no), "name_kanji": person.name, "birth_date": birth}
    )
    address = " ".join(
        str(part) for part in (record.address, record.katagaki) if isinstance(part, str) and part
    )
    bundle = fill(
        core.catalog,
        core.certificates.catalog,
        request,
        subject,
        address,
        requested_on=clock.today(),
        municipality=municipality,
        reference=reference,
    )
    return render_forms(bundle, core.catalog)
