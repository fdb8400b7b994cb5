"""Staff user administration: add, change password, list, disable and enable."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Department, DepartmentMembership, StaffUser, UserRole
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..passwords import hash_password
from ..permissions import Actor, Permission, RoleCode, require
from . import audit, lockout
from .lockout import normalise_login

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class UserSummary:
    login: str
    display_name: str
    roles: tuple[RoleCode, ...]
    departments: tuple[str, ...]
    active: bool
    last_login_at: datetime | None
    locked_until: datetime | None = None  # locked out by failed logins until then


def summarise(user: StaffUser, locked_until: datetime | None = None) -> UserSummary:
    return UserSummary(
        login=user.login,
        display_name=user.display_name,
        roles=tuple(sorted(RoleCode(r.role_code) for r in user.roles)),
        departments=tuple(sorted(m.department_id for m in user.memberships)),
        active=user.active,
        last_login_at=user.last_login_at,
        locked_until=locked_until,
    )


def find_user(session: Session, login: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.login == login))


def add_user(
    session: Session,
    actor: Actor,
    login: str,
    display_name: str,
    password_hash: str,
    roles: Iterable[RoleCode],
    departments: Iterable[str] = (),
) -> UserSummary:
    """Add a user inside the caller's unit of work, its password already hashed (no unit
    of work waits for Argon2); USER_INVALID, USER_EXISTS or DEPARTMENT_UNKNOWN."""
    require(actor, Permission.MANAGE_USERS)
    login = normalise_login(login)
    roles = sorted(set(roles))
    departments = sorted(set(departments))
    if not LOGIN_PATTERN.match(login):
        raise CounterAppError(
            ErrorCode.USER_INVALID,
            field="login",
            detail="半角英小文字・数字・. _ - の2〜64文字 / 2-64 of a-z 0-9 . _ -",
        )
    if not display_name.strip():
        raise CounterAppError(ErrorCode.USER_INVALID, field="name", detail="必須です / required")
    if not roles:
        raise CounterAppError(ErrorCode.USER_INVALID, field="role", detail="1つ以上 / at least one")
    if RoleCode.BACK_OFFICE in roles and not departments:
        raise CounterAppError(
            ErrorCode.USER_INVALID,
            field="department",
            detail="原課職員には部署が必要です / back-office staff need a department",
        )
    if find_user(session, login) is not None:
        raise CounterAppError(ErrorCode.USER_EXISTS, login=login)
    for department in departments:
        if session.get(Department, department) is None:
            raise CounterAppError(ErrorCode.DEPARTMENT_UNKNOWN, department=department)
    user = StaffUser(
        login=login,
        display_name=display_name.strip(),
        password_hash=password_hash,
        active=True,
        roles=[UserRole(role_code=role.value) for role in roles],
        memberships=[DepartmentMembership(department_id=d) for d in departments],
    )
    session.add(user)
    session.flush()
    audit.append(
        session,
        actor,
        "user.add",
        subject_type="staff_user",
        subject_id=login,
        detail={"roles": [r.value for r in roles], "departments": departments},
    )
    return summarise(user)


class UserService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(
        self,
        actor: Actor,
        login: str,
        display_name: str,
        password: str,
        roles: Iterable[RoleCode],
        departments: Iterable[str] = (),
    ) -> UserSummary:
        require(actor, Permission.MANAGE_USERS)
        password_hash = hash_password(password)
        with self._db.write() as session:
            return add_user(session, actor, login, display_name, password_hash, roles, departments)

    def change_password(self, actor: Actor, login: str, new_password: str) -> None:
        """Users change their own password; administrators anyone's. Ends a lock-out."""
        if actor.login != login:
            require(actor, Permission.MANAGE_USERS)
        password_hash = hash_password(new_password)
        with self._db.write() as session:
            user = self._existing(session, login)
            user.password_hash = password_hash
            user.password_changed_at = utcnow()
            lockout.clear(session, lockout.login_digest(session, user.login))
            audit.append(session, actor, "user.passwd", subject_type="staff_user", subject_id=login)

    def set_active(self, actor: Actor, login: str, active: bool) -> None:
        """Disable or enable a user; enabling also ends a lock-out."""
        require(actor, Permission.MANAGE_USERS)
        with self._db.write() as session:
            user = self._existing(session, login)
            user.active = active
            if active:
                lockout.clear(session, lockout.login_digest(session, user.login))
            audit.append(
                session,
                actor,
                "user.enable" if active else "user.disable",
                subject_type="staff_user",
                subject_id=login,
            )

    def list(self, actor: Actor) -> list[UserSummary]:
        require(actor, Permission.MANAGE_USERS)
        with self._db.read() as session:
            users = session.scalars(select(StaffUser).order_by(StaffUser.login)).all()
            locked = lockout.locked_logins(session, (user.login for user in users), utcnow())
            return [summarise(user, locked.get(user.login)) for user in users]

    @staticmethod
    def _existing(session: Session, login: str) -> StaffUser:
        user = find_user(session, normalise_login(login))
        if user is None:
            raise CounterAppError(ErrorCode.USER_NOT_FOUND, login=login)
        return user
