"""Reading a visit follows the records' rules: one gate for the visit, its log, its kept
forms, a procedure's history, the inbox list, and the window's writes that hand back
what they changed.

    access.read(actor, Part.VISIT, "V-20261201-0007", show)    # show(session, visit, …)
    grant = access.decide(session, actor, scope, visit, Part.CLOSE)  # Grant or an error

The checks, in order, each refusal logged before it is raised:

1. the right to view residents (PERMISSION_DENIED);
2. the visit exists (VISIT_NOT_FOUND, VISIT_PROCEDURE_NOT_FOUND); a text that is not a
   visit number (V-YYYYMMDD-NNNN) is not even looked up;
3. back-office staff read a procedure of their departments only (VISIT_OTHER_DEPARTMENT),
   and a visit only when it has one (VISIT_NOT_ROUTED); `scope.py` then says which parts;
4. a visit naming a resident under a support measure (`protection.py`) needs a fresh
   authorisation (`ResidentService.authorisation_in_force`, the record's own): for the
   visit's resident, whose household the guide opened under it, or else for every
   protected resident it names. Without one: VISIT_PROTECTED, and a `resident.view_blocked`
   entry for each protected resident, as when their record is refused. The authorisation
   is not used up by reading a visit (the live screens read it again on every change);
   it lapses after its minutes.

Every read is logged, allowed or not: `visit.read` (the forms: `visit.forms_viewed`) or
`visit.read_refused`, with who, terminal, the visit (as typed, when it does not exist, so
guessing numbers leaves a trace), the part read and why it was refused. The visit number
stays human-friendly: these checks protect the data, not the number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from ..catalog import Catalog
from ..db.engine import Database
from ..db.models import Visit, VisitProcedure
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission
from ..services import audit
from ..services.residents import SUBJECT as RESIDENT
from ..services.residents import VIEW_BLOCKED, ResidentService
from . import VISIT_NUMBER
from .protection import protected_residents
from .scope import AnswerScope, Scope, scope_of

VISIT_READ = "visit.read"
VISIT_READ_REFUSED = "visit.read_refused"
VISIT = "visit"
VISIT_PROCEDURE = "visit_procedure"
_SUBJECT_LENGTH = 40  # audit_log.subject_id
_LARGEST_ID = 2**31 - 1

T = TypeVar("T")


class Part(StrEnum):
    """What was read (the audit entry says it)."""

    VISIT = "visit"
    LOG = "log"
    FORMS = "forms"
    HISTORY = "history"
    INBOX = "inbox"
    CLOSE = "close"
    ANSWER = "answer"


@dataclass(frozen=True)
class Protection:
    """The support measures a visit meets for one reader. `protected`: the residents under
    one it names; `covering`: whose authorisation lets one read it; `authorisations`: the
    reader's authorisation entries that do, or None when the reader holds none."""

    protected: frozenset[int] = frozenset()
    covering: tuple[int, ...] = ()
    authorisations: tuple[int, ...] | None = ()

    @property
    def withheld(self) -> bool:
        return self.authorisations is None


@dataclass(frozen=True)
class Grant:
    """What the reader may read of the visit."""

    scope: Scope
    protection: Protection


class VisitAccess:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        residents: ResidentService,
        today: Callable[[], date] = clock.today,
    ) -> None:
        self._db = db
        self._residents = residents
        self._today = today
        self.answers = AnswerScope(catalog)

    # --- reading -------------------------------------------------------------------------

    def read(
        self,
        actor: Actor,
        part: Part,
        target: str | int,
        show: Callable[[Session, Visit, VisitProcedure | None, Grant], T],
        *,
        action: str = VISIT_READ,
        purpose: str | None = None,
        detail: Callable[[T], dict] | None = None,
    ) -> T:
        """One read in its own unit of work: `target` is a visit number or a visit
        procedure's id; `show` builds what the grant allows; the read is logged as
        `action` (with `detail(result)`), a refusal as VISIT_READ_REFUSED."""
        refusal: CounterAppError | None = None
        with self._db.write() as session:
            scope = scope_of(actor)
            visit, procedure = _find(session, target)
            if scope is None:
                refusal = self._refuse(
                    session,
                    actor,
                    part,
                    _subject(visit, target),
                    "permission",
                    CounterAppError(
                        ErrorCode.PERMISSION_DENIED, action=Permission.VIEW_RESIDENTS.value
                    ),
                )
            elif visit is None:
                refusal = self._refuse(
                    session, actor, part, _subject(None, target), "not_found", _not_found(target)
                )
            else:
                decided = self.decide(session, actor, scope, visit, part, procedure)
                if isinstance(decided, CounterAppError):
                    refusal = decided
                else:
                    result = show(session, visit, procedure, decided)
                    audit.append(
                        session,
                        actor,
                        action,
                        subject_type=VISIT,
                        subject_id=visit.visit_number,
                        purpose=purpose,
                        detail={
                            **_read_detail(part, procedure, decided),
                            **(detail(result) if detail is not None else {}),
                        },
                    )
        if refusal is not None:
            raise refusal
        return result

    def decide(
        self,
        session: Session,
        actor: Actor,
        scope: Scope,
        visit: Visit,
        part: Part,
        procedure: VisitProcedure | None = None,
    ) -> Grant | CounterAppError:
        """The department and support-measure checks on a visit found; a refusal is
        logged (in `session`) and returned, for the caller to raise once it is kept."""
        subject = (VISIT, visit.visit_number)
        if procedure is not None and not scope.sees(procedure.department_id):
            return self._refuse(
                session,
                actor,
                part,
                subject,
                "other_department",
                CounterAppError(
                    ErrorCode.VISIT_OTHER_DEPARTMENT, department=procedure.department_id
                ),
                procedure=procedure,
            )
        if procedure is None and not scope.whole:
            departments = session.scalars(
                select(VisitProcedure.department_id).where(VisitProcedure.visit_id == visit.id)
            )
            if not scope.sees_any(departments):
                return self._refuse(
                    session,
                    actor,
                    part,
                    subject,
                    "not_routed",
                    CounterAppError(ErrorCode.VISIT_NOT_ROUTED, visit=visit.visit_number),
                )
        protection = self.protection(session, actor, [visit])[visit.id]
        if protection.withheld:
            for resident_id in sorted(protection.protected):
                audit.append(
                    session,
                    actor,
                    VIEW_BLOCKED,
                    subject_type=RESIDENT,
                    subject_id=resident_id,
                    detail={
                        "visit": visit.visit_number,
                        "part": part.value,
                        "reason": "support_measure",
                    },
                )
            return self._refuse(
                session,
                actor,
                part,
                subject,
                "support_measure",
                CounterAppError(
                    ErrorCode.VISIT_PROTECTED,
                    visit=visit.visit_number,
                    residents=protection.covering,
                ),
                procedure=procedure,
            )
        return Grant(scope, protection)

    def protection(
        self, session: Session, actor: Actor, visits: Sequence[Visit]
    ) -> dict[int, Protection]:
        """visit id → the support measures each visit meets, for this reader."""
        named = protected_residents(session, visits, self._today())
        found: dict[int, Protection] = {}
        for visit in visits:
            protected = named.get(visit.id, frozenset())
            if not protected:
                found[visit.id] = Protection()
                continue
            covering = (
                (visit.resident_id,) if visit.resident_id is not None else tuple(sorted(protected))
            )
            found[visit.id] = Protection(
                protected, covering, self._authorisations(session, actor, visit, protected)
            )
        return found

    def log_shown(self, actor: Actor, shown: Sequence[tuple[str, Protection]]) -> None:
        """Log the protected visits a list showed under an authorisation (visit number,
        protection), in a unit of work of its own."""
        if not shown:
            return
        with self._db.write() as session:
            for visit_number, protection in shown:
                audit.append(
                    session,
                    actor,
                    VISIT_READ,
                    subject_type=VISIT,
                    subject_id=visit_number,
                    detail={
                        "part": Part.INBOX.value,
                        "protected": sorted(protection.protected),
                        "authorisations": list(protection.authorisations or ()),
                    },
                )

    # --- internals -----------------------------------------------------------------------

    def _authorisations(
        self, session: Session, actor: Actor, visit: Visit, protected: frozenset[int]
    ) -> tuple[int, ...] | None:
        """The actor's fresh authorisations that cover the visit, or None."""
        if visit.resident_id is not None:
            entry = self._residents.authorisation_in_force(session, actor, visit.resident_id)
            if entry is not None:
                return (entry.id,)
        entries = [
            self._residents.authorisation_in_force(session, actor, resident_id)
            for resident_id in sorted(protected)
        ]
        if any(entry is None for entry in entries):
            return None
        return tuple(entry.id for entry in entries if entry is not None)

    @staticmethod
    def _refuse(
        session: Session,
        actor: Actor,
        part: Part,
        subject: tuple[str, str],
        reason: str,
        error: CounterAppError,
        *,
        procedure: VisitProcedure | None = None,
    ) -> CounterAppError:
        detail: dict[str, object] = {"part": part.value, "reason": reason}
        if procedure is not None:
            detail["procedure"] = procedure.id
        subject_type, subject_id = subject
        audit.append(
            session,
            actor,
            VISIT_READ_REFUSED,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail,
        )
        return error


def _find(session: Session, target: str | int) -> tuple[Visit | None, VisitProcedure | None]:
    if isinstance(target, int):
        if not 0 < target <= _LARGEST_ID:
            return None, None
        procedure = session.get(VisitProcedure, target)
        if procedure is None:
            return None, None
        return session.get(Visit, procedure.visit_id), procedure
    if VISIT_NUMBER.fullmatch(target) is None:
        return None, None
    visit = session.scalars(select(Visit).where(Visit.visit_number == target)).one_or_none()
    return visit, None


def _subject(visit: Visit | None, target: str | int) -> tuple[str, str]:
    if visit is not None:
        return VISIT, visit.visit_number
    if isinstance(target, int):
        return VISIT_PROCEDURE, str(target)
    return VISIT, shortened(target, _SUBJECT_LENGTH)


def _not_found(target: str | int) -> CounterAppError:
    if isinstance(target, int):
        return CounterAppError(ErrorCode.VISIT_PROCEDURE_NOT_FOUND, procedure=target)
    return CounterAppError(ErrorCode.VISIT_NOT_FOUND, visit=shortened(target, _SUBJECT_LENGTH))


def _read_detail(part: Part, procedure: VisitProcedure | None, grant: Grant) -> dict:
    detail: dict[str, object] = {"part": part.value, "departments": grant.scope.as_detail()}
    if procedure is not None:
        detail["procedure"] = procedure.id
    if grant.protection.protected:
        detail["protected"] = sorted(grant.protection.protected)
        detail["authorisations"] = list(grant.protection.authorisations or ())
    return detail


def shortened(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis (a typed value kept or echoed)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
