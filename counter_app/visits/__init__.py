"""Visits (受付) and the departments' inboxes: the domain types.

The window records a visit from the guide's result (`VisitService.create_visit`):
immediate, certificate and submission procedures are done at the window; review ones are
routed to their department with a due date (the catalog's `time_limit_days`). The
department's staff work them from their inbox (`InboxService`): claim (one holder at a
time), return to the window with a question (差戻し), approve or reject with a note; a
supervisor reassigns. Who may take which of these (`InboxAction`) is decided by one rule
(`.inbox_rules`), both when an action is taken and for the list of actions an inbox row
offers (`InboxItem.actions`). Every action is logged with who, role, terminal, when and why.

This module holds only plain types (no database), so that printing and the screens can
use them; the services are in `.service` and `.inbox`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

# V-YYYYMMDD-NNNN: numbered per business day, easy to read out and to type.
VISIT_NUMBER = re.compile(r"V-(?P<day>\d{8})-(?P<number>\d{4,})", re.ASCII)


class VisitStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ProcedureStatus(StrEnum):
    DONE = "done"  # completed at the window
    ROUTED = "routed"  # in the department's inbox, nobody holds it
    CLAIMED = "claimed"  # one of the department's staff holds it
    RETURNED = "returned"  # 差戻し: the department asks the window a question
    ANSWERED = "answered"  # the window answered; back with its holder
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"  # dropped by the clerk against the guide, with a reason


# The statuses a department still has work on; the inbox shows these by default.
OPEN_STATUSES = frozenset(
    {
        ProcedureStatus.ROUTED,
        ProcedureStatus.CLAIMED,
        ProcedureStatus.RETURNED,
        ProcedureStatus.ANSWERED,
    }
)
# Statuses in which the holder may return, approve or reject.
DECIDABLE_STATUSES = frozenset({ProcedureStatus.CLAIMED, ProcedureStatus.ANSWERED})
# Kinds routed to the department; every other kind is done at the window.
ROUTED_KINDS = frozenset({"review"})


class InboxAction(StrEnum):
    """What a department's staff (or a supervisor) can do to a routed procedure."""

    CLAIM = "claim"
    RELEASE = "release"
    RETURN = "return"  # 差戻し: a question to the window
    APPROVE = "approve"
    REJECT = "reject"
    REASSIGN = "reassign"


class ActionKind(StrEnum):
    DONE = "done"
    ROUTED = "routed"
    ADDED = "added"  # the clerk added it against the guide (reason)
    DROPPED = "dropped"  # the clerk dropped it against the guide (reason)
    CLAIMED = "claimed"
    RELEASED = "released"
    RETURNED = "returned"  # reason: the question
    ANSWERED = "answered"  # reason: the answer
    APPROVED = "approved"  # reason: the decision note
    REJECTED = "rejected"  # reason: the decision note
    REASSIGNED = "reassigned"  # reason: "<login>" or "<login>: why"
    CLOSED = "closed"  # the visit (no procedure)
    FORMS_PRINTED = "forms_printed"  # the visit (no procedure); reason: the forms' titles
    FORMS_REPRINTED = "forms_reprinted"  # the kept copy printed again; reason: the titles


@dataclass(frozen=True)
class Adjustment:
    """The clerk added ("add") or dropped ("drop") a procedure against the guide, and why."""

    procedure_id: str
    action: str
    reason: str


@dataclass(frozen=True)
class VisitProcedureInfo:
    id: int
    procedure_id: str
    name: str
    department_id: str
    kind: str
    status: ProcedureStatus
    persons: tuple[str, ...]
    reasons: tuple[str, ...]
    due_on: date | None
    holder_user_id: int | None
    holder_login: str | None
    question: str | None
    answer: str | None
    decision_note: str | None
    updated_at: datetime

    def overdue_on(self, day: date) -> bool:
        """Still open on `day` although it was due before: the department is late."""
        return self.due_on is not None and self.due_on < day and self.status in OPEN_STATUSES


@dataclass(frozen=True)
class VisitInfo:
    id: int
    visit_number: str
    business_day: date
    status: VisitStatus
    ticket_id: int | None
    resident_id: int | None
    household_no: str | None
    event_type: str
    event_date: date | None
    answers: dict
    person_answers: dict
    created_by: int | None
    terminal: str
    created_at: datetime
    closed_at: datetime | None
    procedures: tuple[VisitProcedureInfo, ...] = ()
    # Non-empty when the visit names a resident under a support measure (read under an
    # authorisation): the residents whose authorisation covers it (see visits/access.py).
    protected: tuple[int, ...] = ()
    # The certificates issued with the visit (the desk): copies by kind id, voids left out.
    certificates: dict[str, int] = field(default_factory=dict)

    def procedure(self, procedure_id: str) -> VisitProcedureInfo:
        return next(p for p in self.procedures if p.procedure_id == procedure_id)


@dataclass(frozen=True)
class InboxItem:
    """A routed procedure with the visit's data, as the department's inbox shows it."""

    procedure: VisitProcedureInfo
    visit_number: str
    visit_created_at: datetime
    visit_terminal: str
    resident_id: int | None
    resident_name: str | None
    household_no: str | None
    event_type: str
    event_date: date | None
    answers: dict = field(default_factory=dict)
    person_answers: dict = field(default_factory=dict)
    # The household's registered members by atena number (the answers name them so).
    person_names: dict[str, str] = field(default_factory=dict)
    # Non-empty when the visit names a resident under a support measure: the residents
    # whose authorisation covers it. `withheld`: the reader holds none, so every person's
    # data above (names, household, answers, persons, reasons, notes) is left out.
    protected: tuple[int, ...] = ()
    withheld: bool = False
    # What the reader may do to it now (`.inbox_rules.allowed_actions`).
    actions: frozenset[InboxAction] = frozenset()

    @property
    def id(self) -> int:
        return self.procedure.id

    @property
    def status(self) -> ProcedureStatus:
        return self.procedure.status


@dataclass(frozen=True)
class Action:
    """One entry of a visit's log."""

    id: int
    visit_id: int
    visit_procedure_id: int | None
    at: datetime
    user_id: int | None
    login: str
    role: str
    terminal: str
    action: ActionKind
    reason: str | None


@dataclass(frozen=True)
class Draft:
    """The clerk's visit as typed so far."""

    resident_id: int | None
    event_type: str | None
    answers: dict
    person_answers: dict
    selections: dict
    updated_at: datetime


__all__ = [
    "DECIDABLE_STATUSES",
    "OPEN_STATUSES",
    "ROUTED_KINDS",
    "VISIT_NUMBER",
    "Action",
    "ActionKind",
    "Adjustment",
    "Draft",
    "InboxAction",
    "InboxItem",
    "ProcedureStatus",
    "VisitInfo",
    "VisitProcedureInfo",
    "VisitStatus",
]
