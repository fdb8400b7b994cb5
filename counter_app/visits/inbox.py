"""The departments' side: each department's inbox of routed procedures and what its staff
do with them.

    items = app.inbox.inbox(actor, "kodomo", status="routed", due_before=date(…))
    app.inbox.claim(actor, item.id)                  # one holder at a time
    app.inbox.return_to_window(actor, item.id, "…")  # 差戻し: the window answers
    app.inbox.approve(actor, item.id, "…")           # or reject, with a decision note
    app.inbox.assignees(supervisor, "kodomo")        # whom a supervisor may reassign to
    app.inbox.reassign(supervisor, item.id, user_id)

Permissions are checked here, not in the screens: back-office staff (WORK_DEPARTMENT_INBOX)
see and work only their own departments' procedures; supervisors (REASSIGN_PROCEDURES)
see every department's and reassign; deciding needs DECIDE_PROCEDURES; nothing is done
to a procedure without claiming it first, and then only by its holder. These rules live
in `.inbox_rules`: each action asks its `refusal`, and every listed row carries the
actions it lets through for the reader (`InboxItem.actions`), which is all a screen
needs to enable its buttons.

The list follows the visits' reading rules (`.access`, `.scope`): back-office staff see
the answers serving their departments only; a row whose visit names a resident under a
support measure stays in the list (there is work to do), but without an authorisation
for it every person's data is withheld: no name, household, answers, persons, reasons,
question, answer or note, only that it is protected (`InboxItem.withheld`) and whose
authorisation would show it. A row shown under an authorisation is logged (`visit.read`).

Each action locks the procedure's row for its unit of work (FOR UPDATE on PostgreSQL; on
SQLite every write unit holds the write lock from BEGIN IMMEDIATE) and checks the state
it finds there: of two claims at once, the second sees the first's holder and fails with
VISIT_ALREADY_CLAIMED. Every change is logged (procedure_actions) and published to the
change feed in the same unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..catalog import Catalog
from ..changes.feed import Topic, publish
from ..db.engine import Database
from ..db.models import (
    Household,
    ProcedureAction,
    Resident,
    StaffUser,
    Visit,
    VisitProcedure,
)
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from ..services.residents import ResidentService
from . import (
    OPEN_STATUSES,
    Action,
    ActionKind,
    InboxAction,
    InboxItem,
    ProcedureStatus,
    VisitProcedureInfo,
)
from .access import Part, Protection, VisitAccess
from .inbox_rules import allowed_actions, changes_nothing, permission_refusal, refusal
from .rows import back_office_staff, check_department, department_assignee, is_supervisor
from .scope import Scope, scope_of
from .service import (
    action_of,
    loads,
    locked_procedure,
    log_action,
    procedure_info,
)


@dataclass(frozen=True)
class Assignee:
    """A back-office staff member a procedure can be given to."""

    user_id: int
    login: str
    display_name: str


class InboxService:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        *,
        now: Callable[[], datetime] = utcnow,
        residents: ResidentService | None = None,
    ) -> None:
        self._db = db
        self._now = now
        self._access = VisitAccess(db, catalog, residents or ResidentService(db))

    def inbox(
        self,
        actor: Actor,
        department_id: str,
        *,
        status: str | Iterable[str] | None = None,
        due_before: date | None = None,
        procedure_id: str | None = None,
        only: Iterable[int] | None = None,
    ) -> list[InboxItem]:
        """The department's procedures, the soonest due first. `status`: one status or
        several (default: the open ones: routed, claimed, returned, answered);
        `due_before`: due on or before that day; `procedure_id`: one catalog procedure;
        `only`: these procedures (visit procedure ids) alone, those of them the other
        filters let through: what a screen reads again when the change feed names them."""
        if not (actor.can(Permission.WORK_DEPARTMENT_INBOX) or is_supervisor(actor)):
            raise CounterAppError(
                ErrorCode.PERMISSION_DENIED, action=Permission.WORK_DEPARTMENT_INBOX.value
            )
        check_department(actor, department_id)
        if status is None:
            statuses = {s.value for s in OPEN_STATUSES}
        elif isinstance(status, str):
            statuses = {ProcedureStatus(status).value}
        else:
            statuses = {ProcedureStatus(s).value for s in status}
        holder = aliased(StaffUser)
        statement = (
            select(VisitProcedure, Visit, Resident, holder.login)
            .join(Visit, Visit.id == VisitProcedure.visit_id)
            .outerjoin(Resident, Resident.id == Visit.resident_id)
            .outerjoin(holder, holder.id == VisitProcedure.holder_user_id)
            .where(
                VisitProcedure.department_id == department_id,
                VisitProcedure.status.in_(sorted(statuses)),
            )
            .order_by(VisitProcedure.due_on.is_(None), VisitProcedure.due_on, VisitProcedure.id)
        )
        if due_before is not None:
            statement = statement.where(VisitProcedure.due_on <= due_before)
        if procedure_id is not None:
            statement = statement.where(VisitProcedure.procedure_id == procedure_id)
        if only is not None:
            statement = statement.where(VisitProcedure.id.in_(sorted(set(only))))
        scope = scope_of(actor) or Scope(frozenset(actor.departments))
        with self._db.read() as session:
            results = session.execute(statement).all()
            visits = list({visit.id: visit for _row, visit, *_ in results}.values())
            protection = self._access.protection(session, actor, visits)
            names = _household_names(
                session,
                {v.household_no for v in visits if not protection[v.id].withheld},
            )
            items = []
            for row, visit, resident, login in results:
                procedure = procedure_info(session, row, {row.holder_user_id: login})
                guarded = protection[visit.id]
                if guarded.withheld:
                    items.append(_withheld_item(actor, procedure, visit, guarded))
                    continue
                answers, person_answers = self._access.answers.shown(
                    scope, visit.event_type, loads(visit.answers), loads(visit.person_answers)
                )
                items.append(
                    InboxItem(
                        procedure=procedure,
                        visit_number=visit.visit_number,
                        visit_created_at=visit.created_at,
                        visit_terminal=visit.terminal,
                        resident_id=visit.resident_id,
                        resident_name=(
                            f"{resident.surname_kanji} {resident.given_name_kanji}"
                            if resident is not None
                            else None
                        ),
                        household_no=visit.household_no,
                        event_type=visit.event_type,
                        event_date=visit.event_date,
                        answers=answers,
                        person_answers=person_answers,
                        person_names=names.get(visit.household_no, {}),
                        protected=guarded.covering,
                        actions=allowed_actions(actor, procedure),
                    )
                )
        self._access.log_shown(
            actor,
            [
                (v.visit_number, protection[v.id])
                for v in visits
                if protection[v.id].protected and not protection[v.id].withheld
            ],
        )
        return items

    def allowed_actions(self, actor: Actor, item: InboxItem) -> frozenset[InboxAction]:
        """What the actor may do to the row now: the rule each action checks when taken
        (`.inbox_rules`). The rows `inbox` lists carry it already (`InboxItem.actions`)."""
        return allowed_actions(actor, item.procedure)

    def claim(self, actor: Actor, visit_procedure_id: int) -> None:
        """Take the procedure: from now only this user acts on it. Fails with
        VISIT_ALREADY_CLAIMED when someone else holds it (claiming one's own again does
        nothing)."""

        def change(session: Session, row: VisitProcedure, now: datetime) -> None:
            row.holder_user_id = actor.user_id
            if row.status == ProcedureStatus.ROUTED:
                row.status = ProcedureStatus.CLAIMED
            self._changed(session, actor, row, ActionKind.CLAIMED, None, now)

        self._act(actor, InboxAction.CLAIM, visit_procedure_id, change)

    def release(self, actor: Actor, visit_procedure_id: int) -> None:
        """The holder lets it go back to the department's inbox, unclaimed."""

        def change(session: Session, row: VisitProcedure, now: datetime) -> None:
            row.holder_user_id = None
            if row.status == ProcedureStatus.CLAIMED:
                row.status = ProcedureStatus.ROUTED
            self._changed(session, actor, row, ActionKind.RELEASED, None, now)

        self._act(actor, InboxAction.RELEASE, visit_procedure_id, change)

    def return_to_window(self, actor: Actor, visit_procedure_id: int, question: str) -> None:
        """差戻し: ask the window a question (required); the holder keeps the procedure
        and gets it back `answered`."""
        _require(actor, InboxAction.RETURN)
        question = (question or "").strip()
        if not question:
            raise CounterAppError(ErrorCode.VISIT_QUESTION_REQUIRED)

        def change(session: Session, row: VisitProcedure, now: datetime) -> None:
            row.status = ProcedureStatus.RETURNED
            row.question = question
            row.answer = None
            self._changed(session, actor, row, ActionKind.RETURNED, question, now)

        self._act(actor, InboxAction.RETURN, visit_procedure_id, change)

    def approve(self, actor: Actor, visit_procedure_id: int, note: str) -> None:
        self._decide(actor, visit_procedure_id, note, InboxAction.APPROVE)

    def reject(self, actor: Actor, visit_procedure_id: int, note: str) -> None:
        self._decide(actor, visit_procedure_id, note, InboxAction.REJECT)

    def reassign(
        self, actor: Actor, visit_procedure_id: int, to_user_id: int, reason: str = ""
    ) -> None:
        """A supervisor gives the procedure to another back-office user of its department
        (whoever holds it now, or nobody)."""
        reason = (reason or "").strip()

        def change(session: Session, row: VisitProcedure, now: datetime) -> None:
            target = department_assignee(session, to_user_id, row.department_id)
            row.holder_user_id = target.id
            if row.status == ProcedureStatus.ROUTED:
                row.status = ProcedureStatus.CLAIMED
            why = f"{target.login}: {reason}" if reason else target.login
            self._changed(session, actor, row, ActionKind.REASSIGNED, why, now)

        self._act(actor, InboxAction.REASSIGN, visit_procedure_id, change)

    def assignees(self, actor: Actor, department_id: str) -> list[Assignee]:
        """Whom a supervisor may reassign the department's procedures to: its active
        back-office staff, by login."""
        require(actor, Permission.REASSIGN_PROCEDURES)
        with self._db.read() as session:
            users = session.scalars(back_office_staff(department_id).order_by(StaffUser.login))
            return [Assignee(u.id, u.login, u.display_name) for u in users]

    def history(self, actor: Actor, visit_procedure_id: int) -> list[Action]:
        """Every action on the procedure, oldest first, read as its visit is (`.access`):
        back-office staff read their departments' procedures only. Logged."""

        def show(session: Session, _visit, procedure: VisitProcedure | None, _grant):
            assert procedure is not None
            rows = session.scalars(
                select(ProcedureAction)
                .where(ProcedureAction.visit_procedure_id == procedure.id)
                .order_by(ProcedureAction.id)
            )
            return [action_of(row) for row in rows]

        return self._access.read(actor, Part.HISTORY, visit_procedure_id, show)

    # -- internals -------------------------------------------------------------------------

    def _decide(
        self, actor: Actor, visit_procedure_id: int, note: str, decision: InboxAction
    ) -> None:
        _require(actor, decision)
        note = (note or "").strip()
        if not note:
            raise CounterAppError(ErrorCode.VISIT_NOTE_REQUIRED)
        approve = decision is InboxAction.APPROVE

        def change(session: Session, row: VisitProcedure, now: datetime) -> None:
            row.status = ProcedureStatus.APPROVED if approve else ProcedureStatus.REJECTED
            row.decision_note = note
            action = ActionKind.APPROVED if approve else ActionKind.REJECTED
            self._changed(session, actor, row, action, note, now)

        self._act(actor, decision, visit_procedure_id, change)

    def _act(
        self,
        actor: Actor,
        action: InboxAction,
        visit_procedure_id: int,
        change: Callable[[Session, VisitProcedure, datetime], None],
    ) -> None:
        """Lock the procedure's row, ask the rule (`.inbox_rules.refusal`) about the state
        found there, then make the change, unless it would change nothing."""
        _require(actor, action)
        now = self._now()
        with self._db.write() as session:
            row = locked_procedure(session, visit_procedure_id)
            procedure = procedure_info(session, row, {actor.user_id: actor.login})
            refused = refusal(actor, action, procedure)
            if refused is not None:
                raise refused
            if changes_nothing(actor, action, procedure):
                return
            change(session, row, now)

    @staticmethod
    def _changed(
        session: Session,
        actor: Actor,
        row: VisitProcedure,
        action: ActionKind,
        reason: str | None,
        now: datetime,
    ) -> None:
        row.updated_at = now
        log_action(session, actor, row, action, reason, now)
        publish(
            session,
            Topic.PROCEDURE,
            str(row.id),
            department_id=row.department_id,
            terminal=actor.terminal,
        )


def _withheld_item(
    actor: Actor, procedure: VisitProcedureInfo, visit: Visit, protection: Protection
) -> InboxItem:
    """The row of a protected visit for a reader without an authorisation: what work there
    is (and what the reader may do about it), and nothing about the persons."""
    return InboxItem(
        procedure=replace(
            procedure, persons=(), reasons=(), question=None, answer=None, decision_note=None
        ),
        visit_number=visit.visit_number,
        visit_created_at=visit.created_at,
        visit_terminal=visit.terminal,
        resident_id=None,
        resident_name=None,
        household_no=None,
        event_type=visit.event_type,
        event_date=None,
        protected=protection.covering,
        withheld=True,
        actions=allowed_actions(actor, procedure),
    )


def _household_names(session: Session, household_nos: set[str | None]) -> dict[str, dict]:
    """household_no -> {atena number: name} of its registered members, in one query."""
    wanted = sorted(n for n in household_nos if n)
    if not wanted:
        return {}
    rows = session.execute(
        select(
            Household.household_no,
            Resident.atena_no,
            Resident.surname_kanji,
            Resident.given_name_kanji,
        )
        .join(Household, Household.id == Resident.household_id)
        .where(Household.household_no.in_(wanted))
    )
    names: dict[str, dict] = {}
    for household_no, atena_no, surname, given_name in rows:
        names.setdefault(household_no, {})[atena_no] = f"{surname} {given_name}"
    return names


def _require(actor: Actor, action: InboxAction) -> None:
    """The permission an action needs, checked before the database is asked anything."""
    refused = permission_refusal(actor, action)
    if refused is not None:
        raise refused
