"""The demo history's fast path (`build_history(…, bulk=True)`): one transaction per day.

The floor's steps (issue, call, recall, no-show, start, finish, transfer, cancel) are
written as the ticket rows they end in, computed from the day's plan: the number drawn,
the tickets waiting ahead and the estimated wait printed on the ticket (the same formula
as `TicketService`, reckoned at the moment of issue), the times and the final status; and
the ticket's print job, printed. What has rules of its own — visits (the guide, the
numbers, due dates, forms, the hash-chained action log), the departments' work and the
certificate desk — still goes through the services, lent the day's transaction
(`DayDatabase`: each of their units of work is a savepoint in it), so those rows are the
ones the services write. tests/test_demo_history.py checks that both paths give the same
rows.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import PrintJob, Ticket, TicketCounter
from ..outbox.jobs import PrintJobKind, PrintJobStatus
from ..queue.categories import Category
from ..queue.rows import TicketStatus
from ..queue.tickets import OPEN_WINDOW_MINUTES
from ..security.keyring import KeyRing
from .history_plan import DayPlan, Op, PlannedTicket

_ENDS = (Op.FINISH, Op.NO_SHOW, Op.TRANSFER, Op.CANCEL)


class DayDatabase(Database):
    """The day's unit of work lent to the services: `read()` is that session and each
    `write()` a savepoint in it; everything commits (or rolls back) with the day."""

    def __init__(self, session: Session, keys: KeyRing | None) -> None:
        bind = session.get_bind()
        self.engine = bind if isinstance(bind, Engine) else bind.engine
        self.keys = keys
        self._session = session

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._session.begin_nested():
            yield self._session


class DayTickets:
    """The day's ticket rows from its plan, made in the order the steps create them."""

    def __init__(self, plan: DayPlan, categories: Sequence[Category], floor_terminal: str):
        self.plan = plan
        self.categories = {c.id: c for c in categories}
        self.floor_terminal = floor_terminal
        self.index: dict[tuple[int, Op], int] = {}
        for position, step in enumerate(plan.steps):
            self.index.setdefault((step.ticket, step.op), position)
        self.made: list[PlannedTicket] = []  # in creation order
        self.rows: dict[int, Ticket] = {}
        self.numbers: dict[str, int] = {}
        self.issued: list[Ticket] = []

    def issue(self, session: Session, key: int, position: int) -> Ticket:
        planned = self.plan.tickets[key]
        category = self.categories[planned.category_id]
        number = self.numbers.get(category.id, 0) + 1
        self.numbers[category.id] = number
        ahead = self._waiting(category.id, position)
        row = self._row(planned, category.display_number(number), number, self.floor_terminal)
        row.waiting_ahead = ahead
        row.estimated_wait_minutes = self._estimate(category, ahead, position, planned.issued_at)
        session.add(row)
        self.issued.append(row)
        return self._made(planned, row)

    def transfer(self, session: Session, key: int, new_key: int, terminal: str) -> Ticket:
        old = self.rows[key]
        planned = self.plan.tickets[new_key]
        row = self._row(planned, old.display_number, None, terminal)
        session.flush()  # the old ticket's id
        row.transferred_from_id = old.id
        row.waiting_ahead = row.estimated_wait_minutes = 0
        session.add(row)
        return self._made(planned, row)

    def finish(self, session: Session) -> None:
        """The day's number counters, and each issued ticket's print job, printed at
        once by the floor's printer."""
        for category_id, last in self.numbers.items():
            session.add(
                TicketCounter(business_day=self.plan.day, category_id=category_id, last=last)
            )
        session.flush()  # the tickets' ids
        session.add_all(
            PrintJob(
                kind=PrintJobKind.TICKET.value,
                ticket_id=row.id,
                label=row.display_number,
                printer_url=None,
                status=PrintJobStatus.PRINTED.value,
                attempts=1,
                created_at=row.issued_at,
                printed_at=row.issued_at,
            )
            for row in self.issued
        )

    def _made(self, planned: PlannedTicket, row: Ticket) -> Ticket:
        self.made.append(planned)
        self.rows[planned.key] = row
        return row

    def _row(self, planned: PlannedTicket, display: str, number: int | None, terminal: str):
        recalled = self._at(planned.key, Op.RECALL)
        return Ticket(
            business_day=self.plan.day,
            category_id=planned.category_id,
            number=number,
            display_number=display,
            priority=False,
            status=planned.status,
            window_number=planned.window,
            assigned_window=None,
            issued_at=planned.issued_at,
            called_at=planned.called_at,
            last_called_at=recalled or planned.called_at,
            recalls=planned.recalls,
            started_at=planned.started_at,
            finished_at=planned.finished_at,
            terminal=terminal,
        )

    def _at(self, key: int, op: Op) -> datetime | None:
        position = self.index.get((key, op))
        return None if position is None else self.plan.steps[position].at

    def _before(self, key: int, op: Op, position: int) -> bool:
        found = self.index.get((key, op))
        return found is not None and found < position

    def _ended(self, key: int, position: int) -> bool:
        return any(self._before(key, op, position) for op in _ENDS)

    def _waiting(self, category_id: str, position: int) -> int:
        return sum(
            1
            for t in self.made
            if t.category_id == category_id
            and not self._before(t.key, Op.CALL, position)
            and not self._before(t.key, Op.CANCEL, position)
        )

    def _estimate(self, category: Category, waiting: int, position: int, now: datetime) -> int:
        """`queue.tickets._estimate` reckoned from the plan at step `position`."""
        if waiting <= 0:
            return 0
        durations = [
            (t.finished_at - t.started_at).total_seconds() / 60
            for t in self.made
            if t.category_id == category.id
            and t.status == TicketStatus.DONE
            and self._before(t.key, Op.FINISH, position)
        ]
        minutes = statistics.median(durations) if durations else category.service_minutes
        cutoff = now - timedelta(minutes=OPEN_WINDOW_MINUTES)
        open_windows = set()
        for t in self.made:
            if t.window not in category.windows or not self._before(t.key, Op.CALL, position):
                continue
            ended = self._ended(t.key, position)
            recalled = self._before(t.key, Op.RECALL, position)
            last_called = self._at(t.key, Op.RECALL) if recalled else t.called_at
            if not ended or last_called >= cutoff or t.finished_at >= cutoff:
                open_windows.add(t.window)
        return math.ceil(minutes * waiting / max(1, len(open_windows)))
