"""The resident record: who may open it, what it holds, and the audit trail of every look.

    record = app.residents.open_record(actor, resident_id, purpose="転入届の受付")
    number = app.residents.reveal_my_number(actor, resident_id, purpose="国民健康保険の加入")

Privacy rules (issue 3):

- Every opened record writes `resident.view` (user, terminal, time, purpose or visit).
- The My Number leaves the service masked (`********1234`). `reveal_my_number` needs
  SHOW_MY_NUMBER and a purpose, logged as `resident.my_number_shown`. Window clerks hold
  that permission on purpose: the one-stop window takes in 個人番号利用事務 (国保, 年金,
  児童手当, 児童扶養手当, 介護) for the departments, so a clerk may show the number, but
  only for a stated purpose that lands in the audit log; the screen offers those 事務 as
  the purposes.
- A record under an active 支援措置 raises SUPPORT_MEASURE_BLOCKED (the attempt is logged
  as `resident.view_blocked`) unless the same user holds an unused authorisation. A
  supervisor (OVERRIDE_SUPPORT_MEASURE) authorises with a reason:
  `resident.support_measure_authorised` in the audit log. The authorisation lives there,
  in the database, not in memory: it is valid for SUPPORT_OVERRIDE_MINUTES, for that
  user and that resident only, and the first `resident.view` after it uses it up. While
  it is fresh the same user may also reveal that record's My Number.
- The supervisor may name another member of staff (`for_login`, e.g. the clerk or the
  department's staff member who asked): the authorisation is then that user's, not the
  supervisor's, with the same minutes and the same single use. Visits that name a
  protected resident ask for the same authorisation (`counter_app/visits/access.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from ..db.engine import Database
from ..db.models import (
    AuditEntry,
    Resident,
    StaffUser,
    SupportMeasure,
)
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..permissions import ROLE_PERMISSIONS, Actor, Permission, RoleCode, require
from ..records import (
    ResidentRecord,
)
from ..records.assemble import build_record
from ..security.my_numbers import load_my_number
from . import audit
from .users import find_user

SUPPORT_OVERRIDE_MINUTES = 10

VIEW = "resident.view"
VIEW_BLOCKED = "resident.view_blocked"
MY_NUMBER_SHOWN = "resident.my_number_shown"
MY_NUMBER_BLOCKED = "resident.my_number_blocked"
SUPPORT_MEASURE_AUTHORISED = "resident.support_measure_authorised"
SUBJECT = "resident"
# In an authorisation's detail: the staff user it was given for (absent: the supervisor).
GRANTEE_ID = "for_user"
GRANTEE_LOGIN = "for_login"


class ResidentService:
    def __init__(
        self,
        db: Database,
        today: Callable[[], date] = clock.today,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._today = today
        self._now = now

    # --- opening a record -------------------------------------------------------------

    def open_record(
        self,
        actor: Actor,
        resident_id: int,
        purpose: str | None = None,
        visit: str | None = None,
        *,
        on: date | None = None,
    ) -> ResidentRecord:
        """The whole record of one resident, notices computed on `on` (default today).

        Raises RESIDENT_NOT_FOUND, PERMISSION_DENIED, or SUPPORT_MEASURE_BLOCKED (logged)."""
        require(actor, Permission.VIEW_RESIDENTS)
        today = on or self._today()
        purpose = (purpose or "").strip() or None
        blocked = False
        with self._db.write() as session:
            resident = _resident(session, resident_id)
            authorisation = None
            protected = _protected(session, resident_id, self._today())
            if protected:
                audit.lock_chain(session)
                authorisation = self._authorisation(session, actor, resident_id, unused=True)
                blocked = authorisation is None
            if blocked:
                audit.append(
                    session,
                    actor,
                    VIEW_BLOCKED,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                    detail={"visit": visit, "reason": "support_measure"},
                )
            else:
                record = build_record(session, resident, today, protected)
                detail: dict[str, object] = {"visit": visit}
                if authorisation is not None:
                    detail["authorisation"] = authorisation.id
                entry = audit.append(
                    session,
                    actor,
                    VIEW,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                    detail=detail,
                )
        if blocked:
            raise CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED, resident_id=resident_id)
        return _with_entry(record, entry.id)  # known once the unit of work has committed

    def is_protected(self, actor: Actor, resident_id: int) -> bool:
        """Whether an active support measure covers the resident (no record content)."""
        require(actor, Permission.VIEW_RESIDENTS)
        with self._db.read() as session:
            _resident(session, resident_id)
            return _protected(session, resident_id, self._today())

    # --- My Number --------------------------------------------------------------------

    def reveal_my_number(self, actor: Actor, resident_id: int, purpose: str) -> str:
        """The full My Number, for a stated purpose that goes into the audit log."""
        require(actor, Permission.SHOW_MY_NUMBER)
        purpose = (purpose or "").strip()
        if not purpose:
            raise CounterAppError(ErrorCode.PURPOSE_REQUIRED)
        blocked = False
        with self._db.write() as session:
            _resident(session, resident_id)
            if _protected(session, resident_id, self._today()):
                blocked = self._authorisation(session, actor, resident_id, unused=False) is None
            if blocked:
                audit.append(
                    session,
                    actor,
                    MY_NUMBER_BLOCKED,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                    detail={"reason": "support_measure"},
                )
            else:
                number = load_my_number(session, resident_id)
                if number is None:
                    raise CounterAppError(ErrorCode.MY_NUMBER_NOT_RECORDED)
                audit.append(
                    session,
                    actor,
                    MY_NUMBER_SHOWN,
                    subject_type=SUBJECT,
                    subject_id=resident_id,
                    purpose=purpose,
                )
        if blocked:
            raise CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED, resident_id=resident_id)
        return number

    # --- support measures -------------------------------------------------------------

    def authorise_support_measure(
        self, actor: Actor, resident_id: int, reason: str, *, for_login: str | None = None
    ) -> datetime:
        """Let `actor` (a supervisor), or the active staff user `for_login` who may view
        residents, open this protected record once within SUPPORT_OVERRIDE_MINUTES;
        returns until when (UTC). Logged with the reason and, for another user, whom."""
        require(actor, Permission.OVERRIDE_SUPPORT_MEASURE)
        reason = (reason or "").strip()
        if not reason:
            raise CounterAppError(ErrorCode.REASON_REQUIRED)
        for_login = (for_login or "").strip() or None
        detail: dict[str, object] = {"minutes": SUPPORT_OVERRIDE_MINUTES}
        with self._db.write() as session:
            _resident(session, resident_id)
            if for_login is not None and for_login != actor.login:
                grantee = find_user(session, for_login)
                if grantee is None or not grantee.active or not _views_residents(grantee):
                    raise CounterAppError(
                        ErrorCode.SUPPORT_MEASURE_GRANTEE_INVALID, login=for_login[:64]
                    )
                detail |= {GRANTEE_ID: grantee.id, GRANTEE_LOGIN: grantee.login}
            entry = audit.append(
                session,
                actor,
                SUPPORT_MEASURE_AUTHORISED,
                subject_type=SUBJECT,
                subject_id=resident_id,
                purpose=reason,
                detail=detail,
            )
            at = entry.at
        return at + timedelta(minutes=SUPPORT_OVERRIDE_MINUTES)

    def authorisation_in_force(
        self, session: Session, actor: Actor, resident_id: int
    ) -> AuditEntry | None:
        """The actor's support-measure authorisation for this resident, if still fresh
        (used or not): work that follows an authorised view (the guide on the household)
        may go on within its minutes."""
        return self._authorisation(session, actor, resident_id, unused=False)

    def _authorisation(
        self, session: Session, actor: Actor, resident_id: int, *, unused: bool
    ) -> AuditEntry | None:
        """The actor's latest fresh authorisation for this resident (unused, if asked):
        one the actor gave themselves, or one a supervisor gave them."""
        since = self._now() - timedelta(minutes=SUPPORT_OVERRIDE_MINUTES)
        about = (
            AuditEntry.subject_type == SUBJECT,
            AuditEntry.subject_id == str(resident_id),
        )
        granted = session.scalars(
            select(AuditEntry)
            .where(*about, AuditEntry.action == SUPPORT_MEASURE_AUTHORISED)
            .order_by(AuditEntry.id.desc())
        )
        entry = None
        for candidate in granted:  # newest first: stop at the first one too old
            if candidate.at < since:
                return None
            if _granted_to(candidate, actor):
                entry = candidate
                break
        if entry is None:
            return None
        if unused:
            used = session.scalar(
                select(AuditEntry.id)
                .where(
                    *about,
                    AuditEntry.user_id == actor.user_id,
                    AuditEntry.login == actor.login,
                    AuditEntry.action == VIEW,
                    AuditEntry.id > entry.id,
                )
                .limit(1)
            )
            if used is not None:
                return None
        return entry


# --- loading ----------------------------------------------------------------------------


def _resident(session: Session, resident_id: int) -> Resident:
    resident = session.get(Resident, resident_id)
    if resident is None:
        raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=resident_id)
    return resident


def _granted_to(entry: AuditEntry, actor: Actor) -> bool:
    """Whether the authorisation entry is the actor's: given for them by name, or taken by
    them for themselves."""
    detail = json.loads(entry.detail or "{}")
    if GRANTEE_ID in detail:
        return detail[GRANTEE_ID] == actor.user_id and detail.get(GRANTEE_LOGIN) == actor.login
    return entry.user_id == actor.user_id and entry.login == actor.login


def _views_residents(user: StaffUser) -> bool:
    return any(
        Permission.VIEW_RESIDENTS in ROLE_PERMISSIONS.get(RoleCode(r.role_code), frozenset())
        for r in user.roles
    )


def is_protected_on(session: Session, resident_id: int, today: date) -> bool:
    """Whether a support measure (支援措置) protects the resident on `today`."""
    return _protected(session, resident_id, today)


def _protected(session: Session, resident_id: int, today: date) -> bool:
    measures = session.scalars(
        select(SupportMeasure).where(SupportMeasure.resident_id == resident_id)
    )
    return any(measure.active_on(today) for measure in measures)


def _with_entry(record: ResidentRecord, entry_id: int) -> ResidentRecord:
    return replace(record, audit_entry_id=entry_id)
