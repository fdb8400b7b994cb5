"""Roles, the permissions each grants, and the acting user.

Every service checks permissions itself (`require`), so a screen that forgets a check
cannot open a hole: the UI only hides what the core would refuse anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .errors import CounterAppError, ErrorCode


class RoleCode(StrEnum):
    WINDOW_CLERK = "window_clerk"
    FLOOR_MANAGER = "floor_manager"
    BACK_OFFICE = "back_office"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"
    REFORM_OFFICER = "reform_officer"  # 業務改革担当: decides the staff letters


class Permission(StrEnum):
    VIEW_RESIDENTS = "view_residents"
    SHOW_MY_NUMBER = "show_my_number"
    OVERRIDE_SUPPORT_MEASURE = "override_support_measure"
    SERVE_WINDOW = "serve_window"
    ISSUE_TICKETS = "issue_tickets"
    WORK_DEPARTMENT_INBOX = "work_department_inbox"
    DECIDE_PROCEDURES = "decide_procedures"
    REASSIGN_PROCEDURES = "reassign_procedures"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    ISSUE_CERTIFICATES = "issue_certificates"  # the certificate desk: request, fee, issue
    VOID_FEE_PAYMENTS = "void_fee_payments"  # 取消 of a payment and its certificates
    SIGN_OFF_CASH = "sign_off_cash"  # the day's 金種表
    VOICES = "voices"  # record residents' voices, search them all, write and support letters
    DECIDE_LETTERS = "decide_letters"  # move a staff letter through its statuses
    VIEW_STATISTICS = "view_statistics"  # the statistics, their exports and the floor's waits


# What every member of staff may do, whatever their role: what residents say and what
# staff propose is shared across the office.
EVERY_STAFF_MEMBER = frozenset({Permission.VOICES})

ROLE_PERMISSIONS: dict[RoleCode, frozenset[Permission]] = {
    RoleCode.WINDOW_CLERK: frozenset(
        {
            Permission.VIEW_RESIDENTS,
            Permission.SERVE_WINDOW,
            Permission.SHOW_MY_NUMBER,
            Permission.ISSUE_CERTIFICATES,
        }
    ),
    RoleCode.FLOOR_MANAGER: frozenset({Permission.ISSUE_TICKETS, Permission.VIEW_STATISTICS}),
    RoleCode.BACK_OFFICE: frozenset(
        {
            Permission.VIEW_RESIDENTS,
            Permission.SHOW_MY_NUMBER,
            Permission.WORK_DEPARTMENT_INBOX,
            Permission.DECIDE_PROCEDURES,
        }
    ),
    RoleCode.SUPERVISOR: frozenset(
        {
            Permission.VIEW_RESIDENTS,
            Permission.SHOW_MY_NUMBER,
            Permission.SERVE_WINDOW,
            Permission.ISSUE_TICKETS,
            Permission.OVERRIDE_SUPPORT_MEASURE,
            Permission.REASSIGN_PROCEDURES,
            Permission.VIEW_AUDIT_LOG,
            Permission.ISSUE_CERTIFICATES,
            Permission.VOID_FEE_PAYMENTS,
            Permission.SIGN_OFF_CASH,
            Permission.VIEW_STATISTICS,
        }
    ),
    RoleCode.ADMINISTRATOR: frozenset(
        {
            Permission.MANAGE_USERS,
            Permission.MANAGE_SETTINGS,
            Permission.VIEW_AUDIT_LOG,
            Permission.VIEW_STATISTICS,
        }
    ),
    RoleCode.REFORM_OFFICER: frozenset({Permission.DECIDE_LETTERS}),
}

# Which screen a user sees first when they hold several roles.
ROLE_PRECEDENCE = (
    RoleCode.SUPERVISOR,
    RoleCode.WINDOW_CLERK,
    RoleCode.BACK_OFFICE,
    RoleCode.FLOOR_MANAGER,
    RoleCode.ADMINISTRATOR,
    RoleCode.REFORM_OFFICER,
)


def parse_role(value: str) -> RoleCode:
    try:
        return RoleCode(value)
    except ValueError:
        raise CounterAppError(
            ErrorCode.ROLE_UNKNOWN, role=value, choices=", ".join(r.value for r in RoleCode)
        ) from None


@dataclass(frozen=True)
class Actor:
    """Who is acting, and from which terminal: every service call and audit entry names one."""

    user_id: int | None
    login: str
    display_name: str
    roles: frozenset[RoleCode]
    departments: frozenset[str] = field(default_factory=frozenset)
    terminal: str = ""

    @property
    def permissions(self) -> frozenset[Permission]:
        granted: set[Permission] = set(EVERY_STAFF_MEMBER) if self.roles else set()
        for role in self.roles:
            granted |= ROLE_PERMISSIONS[role]
        return frozenset(granted)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def primary_role(self) -> RoleCode:
        return next(role for role in ROLE_PRECEDENCE if role in self.roles)


def require(actor: Actor, permission: Permission) -> None:
    if not actor.can(permission):
        raise CounterAppError(ErrorCode.PERMISSION_DENIED, action=permission.value)


def console_actor(terminal: str) -> Actor:
    """The IT staff at the command line of a PC that holds the database credentials.

    Whoever can run `counter-app users …` on such a PC can already reach the database
    directly; the CLI acts as an administrator and every action is still audited.
    """
    return Actor(
        user_id=None,
        login="console",
        display_name="コマンドライン",
        roles=frozenset({RoleCode.ADMINISTRATOR}),
        terminal=terminal,
    )
