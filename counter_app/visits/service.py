"""The window's side of a visit: recording it from the guide, answering the departments'
questions (差戻し), closing it, and the clerk's draft saved as it is typed.

    visit = app.visits.create_visit(actor, case, result.procedures, resident_id=…,
                                    ticket_id=ticket.id, adjustments=[…])
    app.visits.visit(actor, visit.visit_number)     # any PC: the procedures' status live
    app.visits.answer(actor, procedure.id, "…")      # the department asked; the window answers
    app.visits.save_draft(actor, resident_id, "birth", answers, person_answers, selections)

Visit numbers are V-YYYYMMDD-NNNN, numbered per business day (Asia/Tokyo) from one
counter row incremented inside the creating unit of work, like the ticket numbers.
Answers are stored as JSON text; dates survive the round trip (tagged `{"$date": …}`).
Reading a visit follows the records' rules, checked and logged in `.access`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..catalog import Catalog
from ..changes.feed import Topic, publish
from ..clock import business_day, utcnow
from ..db.counters import next_number
from ..db.engine import Database
from ..db.models import (
    CertificateIssue,
    FeeVoid,
    ProcedureAction,
    Resident,
    StaffUser,
    Ticket,
    Visit,
    VisitCounter,
    VisitDraft,
    VisitProcedure,
)
from ..errors import CounterAppError, ErrorCode
from ..forms import FormBundle
from ..guide import GuideCase, ProcedureResult
from ..outbox.jobs import PrintJobKind, ReceiptOrder, add_receipt_job
from ..permissions import Actor, Permission, require
from ..services.residents import ResidentService
from . import (
    ROUTED_KINDS,
    VISIT_NUMBER,
    Action,
    ActionKind,
    Adjustment,
    Draft,
    ProcedureStatus,
    VisitInfo,
    VisitProcedureInfo,
    VisitStatus,
)
from .access import Grant, Part, VisitAccess
from .forms import store_forms
from .rows import append_action, dumps, loads, visit_by_number
from .scope import AnswerScope, Scope


class VisitService:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        *,
        now: Callable[[], datetime] = utcnow,
        residents: ResidentService | None = None,
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._now = now
        self._access = VisitAccess(db, catalog, residents or ResidentService(db))

    def business_day(self, at: datetime | None = None) -> date:
        return business_day(at or self._now())

    # -- the visit ------------------------------------------------------------------------

    def create_visit(
        self,
        actor: Actor,
        case: GuideCase,
        procedures: Iterable[ProcedureResult],
        *,
        ticket_id: int | None = None,
        adjustments: Iterable[Adjustment] = (),
        resident_id: int | None = None,
        visit_number: str | None = None,
        forms: FormBundle | None = None,
        forms_printed: bool = False,
        receipt: ReceiptOrder | None = None,
    ) -> VisitInfo:
        """Record the visit: immediate, certificate and submission procedures are done at
        the window; review ones are routed to their department, due on the business day
        plus the catalog's `time_limit_days`. A dropped procedure (an adjustment "drop")
        is kept as `cancelled` with its reason; an added one is logged with its reason.
        `resident_id` is the resident the clerk opened (else the household's head, found
        by atena number). `visit_number`: one drawn by `reserve_number` (the forms
        printed before the visit was recorded carry it), else a new one. `forms`: the
        forms prepared for the visit, kept with it (`forms_printed`: and printed).
        `receipt`: its receipt (受付の控え), queued in the print outbox with the visit, so
        it prints once the printer can even if it cannot now. The clerk's draft on this
        terminal is discarded with it."""
        require(actor, Permission.SERVE_WINDOW)
        procedures = list(procedures)
        adjustments = list(adjustments)
        known = {p.id for p in self._catalog.procedures}
        for adjustment in adjustments:
            if adjustment.action not in ("add", "drop"):
                raise ValueError(f"action must be 'add' or 'drop', not {adjustment.action!r}")
            if not (adjustment.reason or "").strip():
                raise CounterAppError(ErrorCode.GUIDE_REASON_REQUIRED)
        for procedure_id in [p.id for p in procedures] + [a.procedure_id for a in adjustments]:
            if procedure_id not in known:
                raise CounterAppError(ErrorCode.GUIDE_UNKNOWN_PROCEDURE, procedure=procedure_id)
        added = {a.procedure_id: a.reason.strip() for a in adjustments if a.action == "add"}
        now = self._now()
        if visit_number is None:
            visit_number = self._draw_number(now)
        day = self._reserved_day(visit_number)
        with self._db.write() as session:
            if session.scalar(select(Visit.id).where(Visit.visit_number == visit_number)):
                raise CounterAppError(ErrorCode.VISIT_NUMBER_NOT_RESERVED, visit=visit_number)
            if ticket_id is not None and session.get(Ticket, ticket_id) is None:
                raise CounterAppError(ErrorCode.QUEUE_TICKET_NOT_FOUND, ticket=ticket_id)
            if resident_id is None:
                resident_id = _household_resident(session, case)
            elif session.get(Resident, resident_id) is None:
                raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=resident_id)
            visit = Visit(
                visit_number=visit_number,
                business_day=day,
                ticket_id=ticket_id,
                resident_id=resident_id,
                household_no=case.household.household_no or None,
                event_type=case.event.type,
                event_date=case.event.date,
                answers=dumps(case.event.answers),
                person_answers=dumps(case.event.person_answers),
                status=VisitStatus.OPEN,
                created_by=actor.user_id,
                terminal=actor.terminal,
                created_at=now,
            )
            session.add(visit)
            session.flush()
            for result in procedures:
                entry = self._catalog.procedure(result.id)
                routed = result.kind in ROUTED_KINDS
                row = VisitProcedure(
                    visit_id=visit.id,
                    procedure_id=result.id,
                    name=result.name,
                    department_id=result.department,
                    kind=result.kind,
                    persons=dumps(result.persons),
                    reasons=dumps(result.reasons),
                    status=ProcedureStatus.ROUTED if routed else ProcedureStatus.DONE,
                    due_on=(
                        day + timedelta(days=entry.time_limit_days)
                        if routed and entry.time_limit_days
                        else None
                    ),
                    updated_at=now,
                )
                session.add(row)
                session.flush()
                if result.id in added:
                    log_action(session, actor, row, ActionKind.ADDED, added[result.id], now)
                log_action(
                    session, actor, row, ActionKind.ROUTED if routed else ActionKind.DONE, None, now
                )
                if routed:  # for its department's inbox; the visit's own change covers the rest
                    publish(
                        session,
                        Topic.PROCEDURE,
                        str(row.id),
                        department_id=row.department_id,
                        terminal=actor.terminal,
                    )
            for adjustment in adjustments:
                if adjustment.action != "drop":
                    continue
                entry = self._catalog.procedure(adjustment.procedure_id)
                row = VisitProcedure(
                    visit_id=visit.id,
                    procedure_id=entry.id,
                    name=entry.name,
                    department_id=entry.department,
                    kind=entry.kind,
                    persons="[]",
                    reasons="[]",
                    status=ProcedureStatus.CANCELLED,
                    updated_at=now,
                )
                session.add(row)
                session.flush()
                log_action(session, actor, row, ActionKind.DROPPED, adjustment.reason.strip(), now)
            if forms is not None:
                store_forms(
                    session, self._catalog, actor, visit, forms, printed=forms_printed, now=now
                )
            if actor.user_id is not None:
                session.execute(_draft_delete(actor))
            publish(session, Topic.VISIT, str(visit.id), terminal=actor.terminal)
            info = visit_info(session, visit)
            if receipt is not None:
                kind = PrintJobKind.VISIT_RECEIPT
                add_receipt_job(session, kind, receipt, info, visit_number, now)
            return info

    def reserve_number(self, actor: Actor) -> str:
        """Draw the next visit number before the visit is recorded: the forms printed
        while the clerk still works on the visit carry it; `create_visit` then takes it."""
        require(actor, Permission.SERVE_WINDOW)
        return self._draw_number(self._now())

    def _draw_number(self, now: datetime) -> str:
        # The day's number in a unit of work of its own: its counter row is locked only for
        # that instant, so windows recording visits at once do not queue behind it. A
        # number whose visit is never recorded stays unused (visit numbers need no gapless
        # run, unlike tickets).
        day = self.business_day(now)
        with self._db.write() as session:
            number = next_number(session, VisitCounter, business_day=day)
        return f"V-{day:%Y%m%d}-{number:04d}"

    def _reserved_day(self, visit_number: str) -> date:
        """The business day of a number drawn here; VISIT_NUMBER_NOT_RESERVED otherwise."""
        match = VISIT_NUMBER.fullmatch(visit_number)
        if match is None:
            raise CounterAppError(ErrorCode.VISIT_NUMBER_NOT_RESERVED, visit=visit_number)
        try:
            day = datetime.strptime(match["day"], "%Y%m%d").date()
        except ValueError:
            raise CounterAppError(ErrorCode.VISIT_NUMBER_NOT_RESERVED, visit=visit_number) from None
        with self._db.read() as session:
            drawn = session.scalar(
                select(VisitCounter.last).where(VisitCounter.business_day == day)
            )
        if drawn is None or int(match["number"]) > drawn:
            raise CounterAppError(ErrorCode.VISIT_NUMBER_NOT_RESERVED, visit=visit_number)
        return day

    def visit(self, actor: Actor, visit_number: str) -> VisitInfo:
        """The visit with its procedures' current status (from any PC), as far as the
        reader may read it (`.access`, `.scope`): back-office staff get their departments'
        procedures and the answers serving them. Every call is logged, found or not."""

        def show(session: Session, visit: Visit, _procedure, grant: Grant) -> VisitInfo:
            return scoped_info(visit_info(session, visit), grant, self._access.answers)

        return self._access.read(actor, Part.VISIT, visit_number, show)

    def log(self, actor: Actor, visit_number: str) -> list[Action]:
        """The actions on the visit and on the procedures the reader sees, oldest first."""

        def show(session: Session, visit: Visit, _procedure, grant: Grant) -> list[Action]:
            rows = session.scalars(
                select(ProcedureAction)
                .where(ProcedureAction.visit_id == visit.id)
                .order_by(ProcedureAction.id)
            )
            seen = _procedures_seen(session, visit, grant.scope)
            return [
                action_of(row)
                for row in rows
                if seen is None or row.visit_procedure_id is None or row.visit_procedure_id in seen
            ]

        return self._access.read(actor, Part.LOG, visit_number, show)

    def answer(self, actor: Actor, visit_procedure_id: int, text: str) -> VisitProcedureInfo:
        """The window answers the department's question (差戻し): status `answered`, back
        with its holder."""
        require(actor, Permission.SERVE_WINDOW)
        text = (text or "").strip()
        if not text:
            raise CounterAppError(ErrorCode.VISIT_ANSWER_REQUIRED)
        now = self._now()
        with self._db.write() as session:
            row = locked_procedure(session, visit_procedure_id)
            visit = session.get(Visit, row.visit_id)
            decided = self._access.decide(session, actor, Scope(), visit, Part.ANSWER, row)
            refusal = decided if isinstance(decided, CounterAppError) else None
            if refusal is None:
                if row.status != ProcedureStatus.RETURNED:
                    raise state_error(row)
                row.answer = text
                row.status = ProcedureStatus.ANSWERED
                row.updated_at = now
                log_action(session, actor, row, ActionKind.ANSWERED, text, now)
                publish(
                    session,
                    Topic.PROCEDURE,
                    str(row.id),
                    department_id=row.department_id,
                    terminal=actor.terminal,
                )
                session.flush()
                answered = procedure_info(session, row)
        if refusal is not None:
            raise refusal
        return answered

    def close(self, actor: Actor, visit_number: str) -> VisitInfo:
        """The resident leaves the window; routed procedures go on in the departments."""
        require(actor, Permission.SERVE_WINDOW)
        now = self._now()
        with self._db.write() as session:
            visit = visit_by_number(session, visit_number, lock=True)
            decided = self._access.decide(session, actor, Scope(), visit, Part.CLOSE)
            refusal = decided if isinstance(decided, CounterAppError) else None
            if refusal is None:
                if visit.status != VisitStatus.OPEN:
                    raise CounterAppError(ErrorCode.VISIT_CLOSED, visit=visit_number)
                _close(session, actor, visit, now)
                session.flush()
                closed = scoped_info(visit_info(session, visit), decided, self._access.answers)
        if refusal is not None:
            raise refusal
        return closed

    def close_ticket_visits(self, actor: Actor, ticket_id: int) -> list[str]:
        """The window finished the ticket: its visits still open are closed (their
        numbers, oldest first; none when there are none)."""
        require(actor, Permission.SERVE_WINDOW)
        now = self._now()
        with self._db.write() as session:
            visits = session.scalars(
                select(Visit)
                .where(Visit.ticket_id == ticket_id, Visit.status == VisitStatus.OPEN.value)
                .order_by(Visit.id)
                .with_for_update()
            ).all()
            for visit in visits:
                _close(session, actor, visit, now)
            return [visit.visit_number for visit in visits]

    # -- the clerk's draft ------------------------------------------------------------------

    def save_draft(
        self,
        actor: Actor,
        resident_id: int | None,
        event_type: str | None,
        answers: Mapping,
        person_answers: Mapping,
        selections: Mapping,
    ) -> None:
        """Keep the visit as typed so far: one upsert of one row (per user and terminal),
        cheap enough to call on every edit (debounced)."""
        require(actor, Permission.SERVE_WINDOW)
        if actor.user_id is None:
            raise CounterAppError(ErrorCode.VISIT_DRAFT_NEEDS_USER)
        values = {
            "resident_id": resident_id,
            "event_type": event_type,
            "answers": dumps(answers),
            "person_answers": dumps(person_answers),
            "selections": dumps(selections),
            "updated_at": self._now(),
        }
        with self._db.write() as session:
            insert = (
                postgresql.insert
                if session.get_bind().dialect.name == "postgresql"
                else sqlite.insert
            )
            statement = insert(VisitDraft).values(
                user_id=actor.user_id, terminal=actor.terminal, **values
            )
            session.execute(
                statement.on_conflict_do_update(
                    index_elements=[VisitDraft.user_id, VisitDraft.terminal],
                    set_={key: statement.excluded[key] for key in values},
                )
            )

    def load_draft(self, actor: Actor) -> Draft | None:
        """The draft this user left on this terminal, or None."""
        if actor.user_id is None:
            return None
        with self._db.read() as session:
            row = session.scalars(
                select(VisitDraft).where(
                    VisitDraft.user_id == actor.user_id, VisitDraft.terminal == actor.terminal
                )
            ).one_or_none()
            if row is None:
                return None
            return Draft(
                resident_id=row.resident_id,
                event_type=row.event_type,
                answers=loads(row.answers),
                person_answers=loads(row.person_answers),
                selections=loads(row.selections),
                updated_at=row.updated_at,
            )

    def discard_draft(self, actor: Actor) -> None:
        if actor.user_id is None:
            return
        with self._db.write() as session:
            session.execute(_draft_delete(actor))


# -- shared with the inbox ---------------------------------------------------------------------


def log_action(
    session: Session,
    actor: Actor,
    row: VisitProcedure,
    action: ActionKind,
    reason: str | None,
    at: datetime,
) -> None:
    """Append one entry about this procedure to its visit's log."""
    append_action(session, actor, row.visit_id, row.id, action, reason, at)


def locked_procedure(session: Session, visit_procedure_id: int) -> VisitProcedure:
    """The procedure's row, locked until the unit of work ends (FOR UPDATE on PostgreSQL;
    SQLite's write units hold the database's write lock from BEGIN IMMEDIATE)."""
    row = session.scalars(
        select(VisitProcedure).where(VisitProcedure.id == visit_procedure_id).with_for_update()
    ).one_or_none()
    if row is None:
        raise CounterAppError(ErrorCode.VISIT_PROCEDURE_NOT_FOUND, procedure=visit_procedure_id)
    return row


def state_error(row: VisitProcedure) -> CounterAppError:
    return CounterAppError(ErrorCode.VISIT_PROCEDURE_STATE, name=row.name, status=row.status)


def procedure_info(
    session: Session, row: VisitProcedure, logins: Mapping[int, str] | None = None
) -> VisitProcedureInfo:
    holder = None
    if row.holder_user_id is not None:
        holder = (logins or {}).get(row.holder_user_id) or session.scalar(
            select(StaffUser.login).where(StaffUser.id == row.holder_user_id)
        )
    return VisitProcedureInfo(
        id=row.id,
        procedure_id=row.procedure_id,
        name=row.name,
        department_id=row.department_id,
        kind=row.kind,
        status=ProcedureStatus(row.status),
        persons=tuple(loads(row.persons) or ()),
        reasons=tuple(loads(row.reasons) or ()),
        due_on=row.due_on,
        holder_user_id=row.holder_user_id,
        holder_login=holder,
        question=row.question,
        answer=row.answer,
        decision_note=row.decision_note,
        updated_at=row.updated_at,
    )


def visit_info(session: Session, visit: Visit) -> VisitInfo:
    rows = list(
        session.scalars(
            select(VisitProcedure)
            .where(VisitProcedure.visit_id == visit.id)
            .order_by(VisitProcedure.id)
        )
    )
    holders = {r.holder_user_id for r in rows if r.holder_user_id is not None}
    logins = (
        dict(
            session.execute(
                select(StaffUser.id, StaffUser.login).where(StaffUser.id.in_(holders))
            ).all()
        )
        if holders
        else {}
    )
    return VisitInfo(
        id=visit.id,
        visit_number=visit.visit_number,
        business_day=visit.business_day,
        status=VisitStatus(visit.status),
        ticket_id=visit.ticket_id,
        resident_id=visit.resident_id,
        household_no=visit.household_no,
        event_type=visit.event_type,
        event_date=visit.event_date,
        answers=loads(visit.answers),
        person_answers=loads(visit.person_answers),
        created_by=visit.created_by,
        terminal=visit.terminal,
        created_at=visit.created_at,
        closed_at=visit.closed_at,
        procedures=tuple(procedure_info(session, r, logins) for r in rows),
        certificates=certificates_of_visit(session, visit.id),
    )


def certificates_of_visit(session: Session, visit_id: int) -> dict[str, int]:
    """Copies by certificate kind issued with the visit, voided payments left out."""
    kinds = session.scalars(
        select(CertificateIssue.kind_id)
        .outerjoin(FeeVoid, FeeVoid.payment_id == CertificateIssue.payment_id)
        .where(CertificateIssue.visit_id == visit_id, FeeVoid.id.is_(None))
        .order_by(CertificateIssue.id)
    )
    counted: dict[str, int] = {}
    for kind_id in kinds:
        counted[kind_id] = counted.get(kind_id, 0) + 1
    return counted


def scoped_info(info: VisitInfo, grant: Grant, answers: AnswerScope) -> VisitInfo:
    """The visit as the grant lets its reader see it."""
    shown, per_person = answers.shown(
        grant.scope, info.event_type, info.answers, info.person_answers
    )
    return replace(
        info,
        procedures=tuple(p for p in info.procedures if grant.scope.sees(p.department_id)),
        answers=shown,
        person_answers=per_person,
        protected=grant.protection.covering,
    )


def _procedures_seen(session: Session, visit: Visit, scope: Scope) -> set[int] | None:
    """The ids of the visit's procedures `scope` sees (None: every one)."""
    if scope.whole:
        return None
    rows = session.execute(
        select(VisitProcedure.id, VisitProcedure.department_id).where(
            VisitProcedure.visit_id == visit.id
        )
    )
    return {procedure_id for procedure_id, department_id in rows if scope.sees(department_id)}


def action_of(row: ProcedureAction) -> Action:
    return Action(
        id=row.id,
        visit_id=row.visit_id,
        visit_procedure_id=row.visit_procedure_id,
        at=row.at,
        user_id=row.user_id,
        login=row.login,
        role=row.role,
        terminal=row.terminal,
        action=ActionKind(row.action),
        reason=row.reason,
    )


def _close(session: Session, actor: Actor, visit: Visit, now: datetime) -> None:
    visit.status = VisitStatus.CLOSED
    visit.closed_at = now
    append_action(session, actor, visit.id, None, ActionKind.CLOSED, None, now)
    publish(session, Topic.VISIT, str(visit.id), terminal=actor.terminal)


def _household_resident(session: Session, case: GuideCase) -> int | None:
    """The registered resident the visit is about: the household's head, else its first
    registered member (a move-in with nobody registered yet has none)."""
    members = sorted(case.household.members, key=lambda m: (m.relationship != "世帯主",))
    for member in members:
        found = session.scalar(select(Resident.id).where(Resident.atena_no == member.atena_no))
        if found is not None:
            return found
    return None


def _draft_delete(actor: Actor):
    return delete(VisitDraft).where(
        VisitDraft.user_id == actor.user_id, VisitDraft.terminal == actor.terminal
    )
