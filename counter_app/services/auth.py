"""Logging in: password check, lock-out after repeated failures, terminal registration."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from ..db.engine import Database
from ..db.models import StaffUser, Terminal
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..passwords import hash_password, needs_rehash, verify_password
from ..permissions import Actor, Permission, RoleCode, require
from . import audit, lockout
from .users import find_user

# A typed user ID that matches no user is logged as this, never as the text typed, with
# its keyed digest (cut to the width of audit_log.subject_id) as the subject.
UNKNOWN_LOGIN = "?"
AUDIT_DIGEST_LENGTH = 40


@dataclass(frozen=True)
class TerminalInfo:
    name: str
    kind: str
    window_number: int | None = None
    department: str | None = None


def _locked_out(until: datetime, now: datetime) -> CounterAppError:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return CounterAppError(ErrorCode.AUTH_LOCKED_OUT, minutes=minutes)


def _count_failure(session: Session, digest: str, now: datetime) -> CounterAppError:
    """One more failure in a row for the typed ID; the fifth locks it out."""
    until = lockout.count_failure(session, digest, now)
    if until is not None:
        return _locked_out(until, now)
    return CounterAppError(ErrorCode.AUTH_BAD_CREDENTIALS)


def _user_without_roles(session: Session, login: str) -> StaffUser | None:
    """The user, its roles and departments left to load on success: a refusal then runs
    the same statements whether the ID exists or not."""
    return session.scalar(
        select(StaffUser)
        .where(StaffUser.login == login)
        .options(lazyload(StaffUser.roles), lazyload(StaffUser.memberships))
    )


def _refusal(user: StaffUser | None, password_ok: bool, *, locked: bool) -> str | None:
    """Why a login is refused, for the audit log only: the user is told the same for all
    but a lock-out."""
    if locked:
        return "locked_out"
    if user is None:
        return "unknown_user"
    if not user.active:
        return "disabled"
    return None if password_ok else "wrong_password"


class AuthService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def login(self, login: str, password: str, terminal: TerminalInfo) -> Actor:
        """The acting user, or CounterAppError AUTH_BAD_CREDENTIALS or AUTH_LOCKED_OUT.

        Nothing tells which user IDs exist: an unknown ID, a disabled user and a wrong
        password get the same answer after the same password hashing (every attempt,
        a locked-out one too, verifies one Argon2 hash: the user's or a stand-in), and
        five failures in a row lock any typed ID out, real or not."""
        login = lockout.normalise_login(login)
        failure: CounterAppError | None = None
        with self._db.write() as session:
            digest = lockout.login_digest(session, login)
            user = _user_without_roles(session, login)
            now = utcnow()
            until = lockout.locked_until(session, digest, now)
            password_ok = verify_password(user.password_hash if user else None, password)
            reason = _refusal(user, password_ok, locked=until is not None)
            if reason is None:
                lockout.clear(session, digest)
                actor = self._succeed(session, user, password, terminal)
            else:
                failure = (
                    _locked_out(until, now)
                    if until is not None
                    else _count_failure(session, digest, now)
                )
                self._audit_failure(session, login if user else None, digest, terminal, reason)
        if failure is not None:
            raise failure
        return actor

    def unlock(self, actor: Actor, password: str) -> None:
        """Re-check the current user's password to unlock an idle screen. Wrong passwords
        count towards the same lock-out as failed logins; raises AUTH_BAD_CREDENTIALS,
        AUTH_LOCKED_OUT or AUTH_DISABLED (the screen then logs the user out)."""
        failure: CounterAppError | None = None
        with self._db.write() as session:
            digest = lockout.login_digest(session, actor.login)
            user = find_user(session, actor.login)
            now = utcnow()
            until = lockout.locked_until(session, digest, now)
            if user is None or not user.active:
                failure = CounterAppError(ErrorCode.AUTH_DISABLED, login=actor.login)
            elif until is not None:
                failure = _locked_out(until, now)
            elif not verify_password(user.password_hash, password):
                failure = _count_failure(session, digest, now)
            else:
                lockout.clear(session, digest)
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

    def act_as(self, console: Actor, login: str, terminal: TerminalInfo) -> Actor:
        """The active user `login` as an actor, for IT staff at the command line of a PC
        that holds the database credentials (`console`: an administrator), e.g.
        `counter-app certificate issue --as USER_ID`: the same checks and the same log as
        at a window; `auth.acted_as` names who did it. USER_NOT_FOUND or AUTH_DISABLED."""
        require(console, Permission.MANAGE_USERS)
        with self._db.write() as session:
            user = _user_without_roles(session, lockout.normalise_login(login))
            if user is None:
                raise CounterAppError(ErrorCode.USER_NOT_FOUND, login=login)
            if not user.active:
                raise CounterAppError(ErrorCode.AUTH_DISABLED, login=user.login)
            self._register_terminal(session, terminal)
            actor = _actor_of(user, terminal)
            audit.append(
                session,
                console,
                "auth.acted_as",
                subject_type="staff_user",
                subject_id=user.login,
            )
        return actor

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

    @staticmethod
    def _audit_failure(
        session: Session,
        login: str | None,
        digest: str,
        terminal: TerminalInfo,
        reason: str,
    ) -> None:
        """A real user ID is logged as typed; any other only as its keyed digest."""
        actor = Actor(
            user_id=None,
            login=login or UNKNOWN_LOGIN,
            display_name="",
            roles=frozenset(),
            terminal=terminal.name,
        )
        audit.append(
            session,
            actor,
            "auth.login_failed",
            subject_type="staff_user" if login else "login_id",
            subject_id=login or digest[:AUDIT_DIGEST_LENGTH],
            detail={"reason": reason},
        )

    def _succeed(
        self, session: Session, user: StaffUser, password: str, terminal: TerminalInfo
    ) -> Actor:
        now = utcnow()
        user.last_login_at = now
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        self._register_terminal(session, terminal)
        actor = _actor_of(user, terminal)
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


def _actor_of(user: StaffUser, terminal: TerminalInfo) -> Actor:
    """The user as the services see them, at `terminal`."""
    return Actor(
        user_id=user.id,
        login=user.login,
        display_name=user.display_name,
        roles=frozenset(RoleCode(r.role_code) for r in user.roles),
        departments=frozenset(m.department_id for m in user.memberships),
        terminal=terminal.name,
    )
