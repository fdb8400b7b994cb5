"""What the desk makes besides database rows, each where it belongs: the 領収書's print
order (station/fee_receipts.py), the payment terminal's device worker, the certificates'
PDF and the 交付請求書 (rendered on the CPU pool, read on the database worker)."""

from __future__ import annotations

from counter_app.app import CounterApp
from counter_app.catalog import Catalog
from counter_app.certificates.model import CertificateRequest, Issuance
from counter_app.forms import FormBundle
from counter_app.outbox import ReceiptOrder
from counter_app.permissions import Actor
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


def certificates_pdf(issuance: Issuance, municipality: str) -> PreparedPdf:
    """On the CPU pool: the issued certificates as one PDF, and its pages as images."""
    from printing.certificates import render_certificates

    rendered = render_certificates([c.document for c in issuance.certificates])
    name = f"証明書_{issuance.payment.receipt_number}"
    return PreparedPdf.of(name, rendered.pdf, tuple(rendered.problems))


def request_form(core: CounterApp, actor: Actor, request: CertificateRequest) -> FormBundle:
    """On the database worker: the 交付請求書 filled in from the request and the record."""
    from counter_app.certificates.request_form import request_form_bundle

    return request_form_bundle(core, actor, request)


def render_request_form(bundle: FormBundle, catalog: Catalog) -> PreparedForms:
    """On the CPU pool: the 交付請求書 rendered like every other form."""
    return render_forms(bundle, catalog)
