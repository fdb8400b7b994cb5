"""The day's close (日計): the payments of a business day per window and fee kind, the
voids, and the 金種表 counted against the cash takings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import CashCountRow, CashSignOff, FeePayment, FeeVoid
from ..errors import CounterAppError, ErrorCode
from .model import (
    DENOMINATIONS,
    CashCount,
    CertificateCatalog,
    DayReport,
    FeeKindTotal,
    FeeLine,
    PaymentInfo,
    PaymentMethod,
)


def payment_info(row: FeePayment, void: FeeVoid | None) -> PaymentInfo:
    return PaymentInfo(
        id=row.id,
        receipt_number=row.receipt_number,
        business_day=row.business_day,
        window=row.window,
        terminal=row.terminal,
        lines=tuple(FeeLine(**line) for line in json.loads(row.lines)),
        total_yen=row.total_yen,
        method=PaymentMethod(row.method),
        received_yen=row.received_yen,
        change_yen=row.change_yen,
        cashless_method=row.cashless_method,
        exemption_id=row.exemption_id,
        paid_at=row.paid_at,
        clerk=row.clerk_login,
        voided=void is not None,
        void_reason=None if void is None else void.reason,
    )


def day_payments(session: Session, day: date, window: int | None) -> list[PaymentInfo]:
    """The day's payments (of one window, or every one), in the order they were taken."""
    statement = select(FeePayment, FeeVoid).outerjoin(FeeVoid, FeeVoid.payment_id == FeePayment.id)
    statement = statement.where(FeePayment.business_day == day)
    if window is not None:
        statement = statement.where(FeePayment.window == window)
    rows = session.execute(statement.order_by(FeePayment.id)).all()
    return [payment_info(payment, void) for payment, void in rows]


def cash_takings(payments: list[PaymentInfo]) -> int:
    return sum(p.total_yen for p in payments if p.method is PaymentMethod.CASH and not p.voided)


def day_report(
    session: Session, catalog: CertificateCatalog, day: date, window: int | None
) -> DayReport:
    payments = day_payments(session, day, window)
    kept = [p for p in payments if not p.voided]
    totals: dict[str, list[int]] = {}  # kind id → [copies, amount, exempt copies]
    names: dict[str, str] = {}
    for payment in kept:
        for line in payment.lines:
            total = totals.setdefault(line.kind_id, [0, 0, 0])
            total[0] += line.copies
            total[1] += line.amount_yen
            if payment.method is PaymentMethod.EXEMPT:
                total[2] += line.copies
            names[line.kind_id] = line.name
    order = [k.id for k in catalog.kinds]
    kinds = tuple(
        FeeKindTotal(kind_id, names[kind_id], *totals[kind_id])
        for kind_id in sorted(totals, key=lambda k: (order.index(k) if k in order else 99, k))
    )
    cash = cash_takings(payments)
    cashless = sum(p.total_yen for p in kept if p.method is PaymentMethod.CASHLESS)
    return DayReport(
        business_day=day,
        window=window,
        kinds=kinds,
        payments=len(kept),
        voided=len(payments) - len(kept),
        cash_yen=cash,
        cashless_yen=cashless,
        total_yen=cash + cashless,
        cash_counts=tuple(latest_counts(session, day, window)),
    )


def checked_counts(counts: Mapping[int, int]) -> dict[int, int]:
    """Every denomination with its pieces (0 when not given), or CASH_COUNT_INVALID."""
    full = dict.fromkeys(DENOMINATIONS, 0)
    for denomination, pieces in counts.items():
        if denomination not in full:
            raise CounterAppError(
                ErrorCode.CASH_COUNT_INVALID, detail=f"金種 {denomination} はありません"
            )
        if isinstance(pieces, bool) or not isinstance(pieces, int) or pieces < 0:
            raise CounterAppError(
                ErrorCode.CASH_COUNT_INVALID, detail=f"{denomination}円の枚数 {pieces}"
            )
        full[denomination] = pieces
    return full


def count_info(row: CashCountRow, sign_off: CashSignOff | None) -> CashCount:
    return CashCount(
        business_day=row.business_day,
        window=row.window,
        counts={int(k): v for k, v in json.loads(row.counts).items()},
        counted_yen=row.counted_yen,
        expected_yen=row.expected_yen,
        difference_yen=row.difference_yen,
        counted_by=row.counted_by_login,
        counted_at=row.counted_at,
        signed_off_by=None if sign_off is None else sign_off.signed_off_by_login,
        signed_off_at=None if sign_off is None else sign_off.signed_off_at,
    )


def latest_count(
    session: Session, day: date, window: int | None
) -> tuple[CashCountRow, CashSignOff | None] | None:
    window_is = CashCountRow.window.is_(None) if window is None else CashCountRow.window == window
    row = session.scalars(
        select(CashCountRow)
        .where(CashCountRow.business_day == day, window_is)
        .order_by(CashCountRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    sign_off = session.scalars(
        select(CashSignOff).where(CashSignOff.cash_count_id == row.id)
    ).first()
    return row, sign_off


def latest_counts(session: Session, day: date, window: int | None) -> list[CashCount]:
    """The latest count of each window (of `window` only, when given) on the day."""
    if window is not None:
        found = latest_count(session, day, window)
        return [] if found is None else [count_info(*found)]
    windows = session.scalars(
        select(CashCountRow.window).where(CashCountRow.business_day == day).distinct()
    ).all()
    counts = []
    for each in sorted(windows, key=lambda w: (w is None, w or 0)):
        found = latest_count(session, day, each)
        if found is not None:
            counts.append(count_info(*found))
    return counts


def windows_of_day(session: Session, day: date) -> tuple[int | None, ...]:
    paid = session.scalars(
        select(FeePayment.window).where(FeePayment.business_day == day).distinct()
    ).all()
    counted = session.scalars(
        select(CashCountRow.window).where(CashCountRow.business_day == day).distinct()
    ).all()
    return tuple(sorted(set(paid) | set(counted), key=lambda w: (w is None, w or 0)))
