"""The visit receipt (受付の控え) as it goes to the printer: what the paper says and the bytes.

Confirming a visit queues its receipt in the print outbox (`receipt_order`): what the
paper says is worded when the visit is recorded and kept with the job as a snapshot, so
the receipt printed once paper is back, or reprinted later, says exactly that. No Qt here.
Never a name: the paper carries the visit number, the procedures and where each goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from counter_app.catalog import Catalog
from counter_app.clock import local
from counter_app.outbox import ReceiptOrder
from counter_app.search.wareki import format_wareki
from counter_app.visits import OPEN_STATUSES, ProcedureStatus, VisitInfo, VisitProcedureInfo
from devices.profiles import DEFAULT, PrinterProfile
from devices.receipt import ReceiptContent, ReceiptItem, receipt_bytes
from station.tickets import RASTER_FONT

DONE_AT_WINDOW = "窓口で完了"
CERTIFICATE_ISSUED = "証明書交付済み"


def receipt_content(
    visit: VisitInfo, catalog: Catalog, municipality: str, now: datetime
) -> ReceiptContent:
    """What the receipt says: each procedure (cancelled ones left out) and its next step.

    done → 窓口で完了 (a certificate: 証明書交付済み); still with the department →
    「{課}で審査（{M月D日}までに通知）」, the year in 和暦 only when it is not this year's."""
    printed = local(now)
    items = tuple(
        ReceiptItem(
            procedure=procedure.name,
            department=department_name(catalog, procedure.department_id),
            next_step=next_step(procedure, catalog, printed.date()),
        )
        for procedure in visit.procedures
        if procedure.status != ProcedureStatus.CANCELLED
    )
    return ReceiptContent(
        municipality=municipality,
        visit_number=visit.visit_number,
        printed_at=printed_at(now),
        items=items,
    )


def printed_at(moment: datetime) -> str:
    """When a slip is printed, in Japanese time and 和暦: 「令和8年12月1日 14:05」."""
    at = local(moment)
    return f"{format_wareki(at.date())} {at.hour}:{at.minute:02d}"


def department_name(catalog: Catalog, department_id: str) -> str:
    try:
        return catalog.department(department_id).name
    except KeyError:  # a department since removed from the catalog: its id, not a crash
        return department_id


def next_step(procedure: VisitProcedureInfo, catalog: Catalog, today: date) -> str:
    """Where the procedure goes from the window, in the words printed on the receipt."""
    department = department_name(catalog, procedure.department_id)
    if procedure.status == ProcedureStatus.DONE:
        return CERTIFICATE_ISSUED if procedure.kind == "certificate" else DONE_AT_WINDOW
    if procedure.status in OPEN_STATUSES:
        if procedure.due_on is None:
            return f"{department}で審査"
        return f"{department}で審査（{due_text(procedure.due_on, today)}までに通知）"
    if procedure.status in (ProcedureStatus.APPROVED, ProcedureStatus.REJECTED):
        return f"{department}で審査済み"
    raise ValueError(f"no next step for a procedure in status {procedure.status!r}")


def due_text(due: date, today: date) -> str:
    """「12月15日」 this year; 「令和9年1月15日」 when the due date falls in another year."""
    if due.year == today.year:
        return f"{due.month}月{due.day}日"
    return format_wareki(due)


def receipt_order(catalog: Catalog, municipality: str, printer_url: str) -> ReceiptOrder:
    """The receipt of the visit being recorded, for `VisitService.create_visit`: printed
    on `printer_url`, dated when the visit is recorded."""

    def content(visit: VisitInfo) -> dict[str, Any]:
        return receipt_snapshot(receipt_content(visit, catalog, municipality, visit.created_at))

    return ReceiptOrder(printer_url=printer_url, content=content)


def receipt_snapshot(content: ReceiptContent) -> dict[str, Any]:
    """What the paper says, as the print job keeps it (JSON)."""
    return asdict(content)


def receipt_from_snapshot(snapshot: Mapping[str, Any]) -> ReceiptContent:
    return ReceiptContent(
        municipality=snapshot["municipality"],
        visit_number=snapshot["visit_number"],
        printed_at=snapshot["printed_at"],
        items=tuple(ReceiptItem(**item) for item in snapshot["items"]),
        notes=tuple(snapshot.get("notes", ())),
    )


def receipt_data(content: ReceiptContent, profile: PrinterProfile = DEFAULT) -> bytes:
    """The receipt's bytes, laid out for the printer's profile."""
    return receipt_bytes(content, profile=profile, raster_font=str(RASTER_FONT))
