"""Logging in: password check, lock-out after repeated failures, terminal registration."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import StaffUser, Terminal
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..passwords import hash_password, needs_rehash, verify_password
from ..permissions import Actor, RoleCode
from . import audit
from .users import find_user

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True)
class TerminalInfo:
    name: str
    kind: str
    window_number: int | None = None
    department: str | None = None


def _anonymous(login: str, terminal: TerminalInfo) -> Actor:
    return Actor(
        user_id=None, login=login, display_name="", roles=frozenset(), terminal=terminal.name
    )


def _locked_out(until: datetime, now: datetime) -> CounterAppError:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return CounterAppError(ErrorCode.AUTH_LOCKED_OUT, minutes=minutes)


def _count_failure(user: StaffUser, now: datetime) -> CounterAppError:
    """One more wrong password; the fifth in a row locks the user out."""
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.failed_logins = 0
        user.locked_until = now + LOCKOUT
        return _locked_out(user.locked_until, now)
    return CounterAppError(ErrorCode.AUTH_BAD_CREDENTIALS)


class AuthService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def login(self, login: str, password: str, terminal: TerminalInfo) -> Actor:
        """The acting user, or CounterAppError: AUTH_BAD_CREDENTIALS for an unknown login or
        a wrong password alike (so logins cannot be probed), AUTH_DISABLED, AUTH_LOCKED_OUT."""
        login = login.strip().lower()
        failure: CounterAppError | None = None
        with self._db.write() as session:
            user = find_user(session, login)
            now = utcnow()
            if user is None:
                verify_password(None, password)
                failure = CounterAppError(ErrorCode.AUTH_BAD_CREDENTIALS)
                reason = "unknown_user"
            elif not user.active:
                failure = CounterAppError(ErrorCode.AUTH_DISABLED, login=login)
                reason = "disabled"
            elif user.locked_until is not None and user.locked_until > now:
                failure = _locked_out(user.locked_until, now)
                reason = "locked_out"
            elif not verify_password(user.password_hash, password):
                failure = _count_failure(user, now)
                reason = "wrong_password"
            if failure is not None:
                audit.append(
                    session,
                    _anonymous(login, terminal),
                    "auth.login_failed",
                    subject_type="staff_user",
                    subject_id=login,
                    detail={"reason": reason},
                )
            else:
                actor = self._succeed(session, user, password, terminal)
        if failure is not None:
            raise failure
        return actor

    def unlock(self, actor: Actor, password: str) -> None:
        """Re-check the current user's password to unlock an idle screen. Wrong passwords
        count towards the same lock-out as failed logins; raises AUTH_BAD_CREDENTIALS,
        AUTH_LOCKED_OUT or AUTH_DISABLED (the screen then logs the user out)."""
        failure: CounterAppError | None = None
        with self._db.write() as session:
            user = find_user(session, actor.login)
            now = utcnow()
            if user is None or not user.active:
                failure = CounterAppError(ErrorCode.AUTH_DISABLED, login=actor.login)
            elif user.locked_until is not None and user.locked_until > now:
                failure = _locked_out(user.locked_until, now)
            elif not verify_password(user.password_hash, password):
                failure = _count_failure(user, now)
            else:
                user.failed_logins = 0
            audit.append(
                session,
                actor,
                "auth.unlock_failed" if failure else "auth.unlock",
                subject_type="staff_user",
                subject_id=actor.login,
                detail={"reason": failure.code.value} if failure else None,
            )
        if failure is not None:
            raise failure

    def logout(self, actor: Actor, reason: str = "user") -> None:
        with self._db.write() as session:
            audit.append(
                session,
                actor,
                "auth.logout",
                subject_type="staff_user",
                subject_id=actor.login,
                detail={"reason": reason},
            )

    def _succeed(self, session: Session, user, password: str, terminal: TerminalInfo) -> Actor:
        now = utcnow()
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        self._register_terminal(session, terminal)
        actor = Actor(
            user_id=user.id,
            login=user.login,
            display_name=user.display_name,
            roles=frozenset(RoleCode(r.role_code) for r in user.roles),
            departments=frozenset(m.department_id for m in user.memberships),
            terminal=terminal.name,
        )
        audit.append(session, actor, "auth.login", subject_type="staff_user", subject_id=user.login)
        return actor

    @staticmethod
    def _register_terminal(session: Session, info: TerminalInfo) -> None:
        terminal = session.scalar(select(Terminal).where(Terminal.name == info.name))
        if terminal is None:
            terminal = Terminal(name=info.name)
            session.add(terminal)
        terminal.kind = info.kind
        terminal.window_number = info.window_number
        terminal.department_id = info.department
        terminal.last_seen_at = utcnow()
