"""What the visit services share: answers and field values kept as JSON text (dates
survive the round trip, tagged `{"$date": …}`), the visit's log, finding a visit by its
number, and who may handle a department's procedures."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..db.models import (
    DepartmentMembership,
    ProcedureAction,
    StaffUser,
    UserRole,
    Visit,
)
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, RoleCode
from ..security import chain
from ..security.chain import VISIT_LOG
from . import ActionKind


def dumps(value: object) -> str:
    return json.dumps(_tagged(value), ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> object:
    if not text:
        return {}
    return json.loads(text, object_hook=_untag)


def _tagged(value: object) -> object:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): _tagged(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_tagged(v) for v in value]
    return value


def _untag(obj: dict) -> object:
    if len(obj) == 1:
        if "$date" in obj:
            return date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return datetime.fromisoformat(obj["$datetime"])
    return obj


def append_action(
    session: Session,
    actor: Actor,
    visit_id: int,
    visit_procedure_id: int | None,
    action: ActionKind,
    reason: str | None,
    at: datetime,
) -> None:
    """Append one entry to the visit's log (`visit_procedure_id` None: the visit's own),
    signed into its chain when the unit of work commits (counter_app.security.chain)."""
    chain.append(
        session,
        VISIT_LOG,
        [
            ProcedureAction(
                visit_id=visit_id,
                visit_procedure_id=visit_procedure_id,
                at=at,
                user_id=actor.user_id,
                login=actor.login,
                role=actor.primary_role.value,
                terminal=actor.terminal,
                action=action.value,
                reason=reason,
            ),
        ],
    )


def visit_by_number(session: Session, visit_number: str, *, lock: bool = False) -> Visit:
    """The visit, or VISIT_NOT_FOUND; `lock`: FOR UPDATE until the unit of work ends."""
    statement = select(Visit).where(Visit.visit_number == visit_number)
    if lock:
        statement = statement.with_for_update()
    visit = session.scalars(statement).one_or_none()
    if visit is None:
        raise CounterAppError(ErrorCode.VISIT_NOT_FOUND, visit=visit_number)
    return visit


def is_supervisor(actor: Actor) -> bool:
    return actor.can(Permission.REASSIGN_PROCEDURES)


def check_department(actor: Actor, department_id: str) -> None:
    """Back-office staff work their own departments only; supervisors every one."""
    if department_id in actor.departments or is_supervisor(actor):
        return
    raise CounterAppError(ErrorCode.VISIT_OTHER_DEPARTMENT, department=department_id)


def _login(session: Session, user_id: int) -> str:
    return session.scalar(select(StaffUser.login).where(StaffUser.id == user_id)) or str(user_id)


def back_office_staff(department_id: str) -> Select[tuple[StaffUser]]:
    """The department's active back-office staff."""
    return (
        select(StaffUser)
        .join(UserRole, UserRole.user_id == StaffUser.id)
        .join(DepartmentMembership, DepartmentMembership.user_id == StaffUser.id)
        .where(
            StaffUser.active.is_(True),
            UserRole.role_code == RoleCode.BACK_OFFICE.value,
            DepartmentMembership.department_id == department_id,
        )
    )


def department_assignee(session: Session, user_id: int, department_id: str) -> StaffUser:
    """The user to reassign work to, or VISIT_ASSIGNEE_INVALID if they do not work there."""
    user = session.scalar(back_office_staff(department_id).where(StaffUser.id == user_id))
    if user is None:
        raise CounterAppError(
            ErrorCode.VISIT_ASSIGNEE_INVALID,
            login=_login(session, user_id),
            department=department_id,
        )
    return user
