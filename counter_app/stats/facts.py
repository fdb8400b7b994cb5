"""The certificate desk's facts the statistics count: copies issued per day, window or
kind, and the fees of the payments (their lines per kind), leaving out voided payments.
Nothing here names anyone. (Tickets, procedures and forms are counted in SQL: `.queries`.)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..db.models import CertificateIssue, FeePayment, FeeVoid
from .model import Period
from .queries import in_period

__all__ = [
    "PaymentFact",
    "certificate_copies",
    "payment_facts",
    "payment_sums",
]


@dataclass(frozen=True, slots=True)
class PaymentFact:
    total_yen: int
    by_kind: dict[str, int]  # kind id -> yen


@lru_cache(maxsize=4096)
def _day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _not_voided(payment_id) -> ColumnElement[bool]:
    return ~select(FeeVoid.id).where(FeeVoid.payment_id == payment_id).exists()


def _key(by: str):
    """The column certificates and payments are counted by: "kind", "window" or "day"."""
    return {
        "kind": CertificateIssue.kind_id,
        "window": CertificateIssue.window,
        "day": CertificateIssue.business_day,
    }[by]


def certificate_copies(session: Session, period: Period, by: str) -> list[tuple[object, int]]:
    """Copies of certificates issued in the period, except those of a voided payment,
    counted by kind id, window (None: issued without one) or day (a date)."""
    column = _key(by)
    rows = session.connection().execute(
        select(column, func.count())
        .where(
            in_period(session, period, CertificateIssue.business_day),
            _not_voided(CertificateIssue.payment_id),
        )
        .group_by(column)
    )
    return [(_day(key) if by == "day" else key, int(n)) for key, n in rows]


def payment_facts(session: Session, period: Period) -> list[PaymentFact]:
    """The period's fee payments, except voided ones, with their fees per kind."""
    rows = session.connection().execute(
        select(FeePayment.total_yen, FeePayment.lines).where(
            in_period(session, period, FeePayment.business_day), _not_voided(FeePayment.id)
        )
    )
    return [PaymentFact(int(total), dict(_fees(lines))) for total, lines in rows]


def payment_sums(session: Session, period: Period, by: str) -> list[tuple[object, int]]:
    """The yen of the period's payments, except voided ones, summed by window (None:
    taken without one) or day (a date)."""
    column = {"window": FeePayment.window, "day": FeePayment.business_day}[by]
    rows = session.connection().execute(
        select(column, func.sum(FeePayment.total_yen))
        .where(in_period(session, period, FeePayment.business_day), _not_voided(FeePayment.id))
        .group_by(column)
    )
    return [(_day(key) if by == "day" else key, int(yen or 0)) for key, yen in rows]


def _fees(lines: str) -> Iterator[tuple[str, int]]:
    try:
        loaded = json.loads(lines or "[]")
    except ValueError:
        return
    by_kind: dict[str, int] = defaultdict(int)
    for line in loaded if isinstance(loaded, list) else ():
        if isinstance(line, dict) and "kind_id" in line:
            by_kind[str(line["kind_id"])] += int(line.get("amount_yen") or 0)
    yield from by_kind.items()
