"""Who may do what to a routed procedure, as it stands: one rule for the inbox.

`refusal` is what `InboxService` checks, under the procedure's row lock, before it takes
an action; `allowed_actions` is the list an inbox row offers, made by asking `refusal`
about every action. The buttons of a screen and the service's answer therefore cannot
disagree.

    refusal(actor, InboxAction.APPROVE, procedure)   # CounterAppError, or None
    allowed_actions(actor, procedure)                 # frozenset of InboxAction
    inbox_departments(actor, every_department)       # whose inbox the actor works

The rules: each action needs its permission (claiming, releasing and 差戻し need
WORK_DEPARTMENT_INBOX; approving and rejecting DECIDE_PROCEDURES; reassigning
REASSIGN_PROCEDURES) and the procedure's department (back-office staff their own ones,
supervisors every one). Claiming needs an open procedure nobody else holds; releasing an
open one the actor holds; 差戻し and the decisions one the actor holds that is claimed or
answered; reassigning any open one. Claiming what one already holds is not refused, but
changes nothing (`changes_nothing`), so it is not offered.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission
from . import DECIDABLE_STATUSES, OPEN_STATUSES, InboxAction, VisitProcedureInfo
from .rows import check_department, is_supervisor

PERMISSIONS: dict[InboxAction, Permission] = {
    InboxAction.CLAIM: Permission.WORK_DEPARTMENT_INBOX,
    InboxAction.RELEASE: Permission.WORK_DEPARTMENT_INBOX,
    InboxAction.RETURN: Permission.WORK_DEPARTMENT_INBOX,
    InboxAction.APPROVE: Permission.DECIDE_PROCEDURES,
    InboxAction.REJECT: Permission.DECIDE_PROCEDURES,
    InboxAction.REASSIGN: Permission.REASSIGN_PROCEDURES,
}


def permission_refusal(actor: Actor, action: InboxAction) -> CounterAppError | None:
    """The part of the rule that needs no procedure: whether the actor's roles allow it."""
    permission = PERMISSIONS[action]
    if actor.can(permission):
        return None
    return CounterAppError(ErrorCode.PERMISSION_DENIED, action=permission.value)


def refusal(
    actor: Actor, action: InboxAction, procedure: VisitProcedureInfo
) -> CounterAppError | None:
    """Why the actor may not take the action on the procedure as it stands, or None."""
    refused = permission_refusal(actor, action)
    if refused is not None:
        return refused
    try:
        check_department(actor, procedure.department_id)
    except CounterAppError as error:
        return error
    status, holder = procedure.status, procedure.holder_user_id
    if action is InboxAction.CLAIM:
        if status not in OPEN_STATUSES:
            return _state_error(procedure)
        if holder is not None and holder != actor.user_id:
            return CounterAppError(
                ErrorCode.VISIT_ALREADY_CLAIMED, name=procedure.name, holder=_holder(procedure)
            )
        return None
    if action is InboxAction.REASSIGN:
        return None if status in OPEN_STATUSES else _state_error(procedure)
    # Release, 差戻し and the decisions: the holder's alone.
    if holder is None:
        return CounterAppError(ErrorCode.VISIT_NOT_CLAIMED, name=procedure.name)
    if holder != actor.user_id:
        return CounterAppError(
            ErrorCode.VISIT_NOT_HOLDER, name=procedure.name, holder=_holder(procedure)
        )
    wanted = OPEN_STATUSES if action is InboxAction.RELEASE else DECIDABLE_STATUSES
    return None if status in wanted else _state_error(procedure)


def changes_nothing(actor: Actor, action: InboxAction, procedure: VisitProcedureInfo) -> bool:
    """An action the rule lets through that would leave the procedure as it is: claiming
    what the actor holds already (a double click)."""
    return action is InboxAction.CLAIM and procedure.holder_user_id == actor.user_id


def allowed_actions(actor: Actor, procedure: VisitProcedureInfo) -> frozenset[InboxAction]:
    """The actions worth offering the actor: refused by nothing, and changing something."""
    return frozenset(
        action
        for action in InboxAction
        if refusal(actor, action, procedure) is None
        and not changes_nothing(actor, action, procedure)
    )


def inbox_departments(actor: Actor, every: Iterable[str]) -> list[str]:
    """The departments whose inbox the actor works, of `every` one there is (in that
    order): back-office staff their own; a supervisor who belongs to none, every one
    (`InboxService.inbox` lets a supervisor read any)."""
    if not (actor.can(Permission.WORK_DEPARTMENT_INBOX) or is_supervisor(actor)):
        return []
    if actor.departments:
        return [d for d in every if d in actor.departments]
    return list(every) if is_supervisor(actor) else []


def _state_error(procedure: VisitProcedureInfo) -> CounterAppError:
    return CounterAppError(
        ErrorCode.VISIT_PROCEDURE_STATE, name=procedure.name, status=procedure.status
    )


def _holder(procedure: VisitProcedureInfo) -> str:
    return procedure.holder_login or str(procedure.holder_user_id)


__all__ = [
    "PERMISSIONS",
    "allowed_actions",
    "changes_nothing",
    "inbox_departments",
    "permission_refusal",
    "refusal",
]
