"""The certificate desk's 領収書 as it goes to the printer: what the paper says and the bytes.

Issuing certificates queues the 領収書 in the print outbox in the same unit of work
(`fee_receipt_order`, passed to `CertificateService.issue`): what the paper says is
worded from the payment when it is recorded and kept with the job as a snapshot, so the
receipt printed once paper is back, or reprinted, says exactly that. Never a name: the
paper carries the receipt number, the fees, the payment, the time and the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from counter_app.certificates.model import CertificateCatalog, PaymentInfo, PaymentMethod
from counter_app.outbox import ReceiptOrder
from devices.fee_receipt import (
    FeeReceiptContent,
    FeeReceiptLine,
    PaidWith,
    fee_receipt_bytes,
)
from devices.profiles import DEFAULT, PrinterProfile
from station.receipts import printed_at
from station.tickets import RASTER_FONT

# How the 領収書 words the method a payment terminal names; any other is printed as named.
CASHLESS_METHODS = {
    "credit": "クレジットカード",
    "debit": "デビットカード",
    "ic": "電子マネー",
    "qr": "QRコード決済",
}

_PAID_WITH = {
    PaymentMethod.CASH: PaidWith.CASH,
    PaymentMethod.CASHLESS: PaidWith.CASHLESS,
    PaymentMethod.EXEMPT: PaidWith.EXEMPT,
}


def fee_receipt_content(
    payment: PaymentInfo, catalog: CertificateCatalog, municipality: str
) -> FeeReceiptContent:
    """What the 領収書 of `payment` says, dated when it was paid."""
    return FeeReceiptContent(
        municipality=municipality,
        receipt_number=payment.receipt_number,
        printed_at=printed_at(payment.paid_at),
        window=payment.window,
        lines=tuple(
            FeeReceiptLine(line.name, line.copies, line.unit_yen, line.amount_yen)
            for line in payment.lines
        ),
        total_yen=payment.total_yen,
        paid_with=_PAID_WITH[payment.method],
        received_yen=payment.received_yen,
        change_yen=payment.change_yen,
        cashless_method=cashless_words(payment.cashless_method),
        exemption=exemption_words(catalog, payment.exemption_id),
    )


def cashless_words(method: str | None) -> str | None:
    if method is None:
        return None
    return CASHLESS_METHODS.get(method, method)


def exemption_words(catalog: CertificateCatalog, exemption_id: str | None) -> str | None:
    if exemption_id is None:
        return None
    try:
        return catalog.exemption(exemption_id).name
    except KeyError:  # a reason since removed from the catalog: its id, not a crash
        return exemption_id


def fee_receipt_order(
    catalog: CertificateCatalog, municipality: str, printer_url: str
) -> ReceiptOrder:
    """The 領収書 of the payment being recorded, for `CertificateService.issue`: printed
    on `printer_url`, saying what `fee_receipt_content` says of the PaymentInfo."""

    def content(payment: PaymentInfo) -> dict[str, Any]:
        return fee_receipt_snapshot(fee_receipt_content(payment, catalog, municipality))

    return ReceiptOrder(printer_url=printer_url, content=content)


def fee_receipt_snapshot(content: FeeReceiptContent) -> dict[str, Any]:
    """What the paper says, as the print job keeps it (JSON)."""
    snapshot = asdict(content)
    snapshot["paid_with"] = content.paid_with.value
    return snapshot


def fee_receipt_from_snapshot(snapshot: Mapping[str, Any]) -> FeeReceiptContent:
    return FeeReceiptContent(
        municipality=snapshot["municipality"],
        receipt_number=snapshot["receipt_number"],
        printed_at=snapshot["printed_at"],
        window=snapshot["window"],
        lines=tuple(FeeReceiptLine(**line) for line in snapshot["lines"]),
        total_yen=snapshot["total_yen"],
        paid_with=PaidWith(snapshot["paid_with"]),
        received_yen=snapshot.get("received_yen"),
        change_yen=snapshot.get("change_yen"),
        cashless_method=snapshot.get("cashless_method"),
        exemption=snapshot.get("exemption"),
        notes=tuple(snapshot.get("notes", ())),
    )


def fee_receipt_data(content: FeeReceiptContent, profile: PrinterProfile = DEFAULT) -> bytes:
    """The 領収書's bytes, laid out for the printer's profile."""
    return fee_receipt_bytes(content, profile=profile, raster_font=str(RASTER_FONT))
