"""Lock-out after failed logins, per typed user ID whether a user has it or not.

The state is keyed by the keyed digest of the normalised ID (`Purpose.LOGIN_ID`), so an
unknown ID locks exactly like a real one (nobody learns which IDs exist from the lock-out)
and the typed text, perhaps a password typed into the wrong field, is never stored.
Rotating the key file starts every count afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..db.models import LoginLockout
from ..security.keyring import Purpose, session_keys

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


def normalise_login(typed: str) -> str:
    """The user ID as logins, lock-outs and user records compare it."""
    return typed.strip().lower()


def login_digest(session: Session, login: str) -> str:
    """The keyed digest of a normalised user ID: the lock-out's key, and what the audit
    log keeps of an ID that matches no user."""
    return session_keys(session).digest(Purpose.LOGIN_ID, login)


def locked_until(session: Session, digest: str, now: datetime) -> datetime | None:
    """When the ID's lock-out ends, or None when it is not locked out now."""
    until = session.scalar(select(LoginLockout.locked_until).where(_is(digest)))
    return until if until is not None and until > now else None


def count_failure(session: Session, digest: str, now: datetime) -> datetime | None:
    """One more failed login in a row; returns when the lock-out ends if this one locks
    the ID. One atomic upsert, so logins failing at once on several PCs all count."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(LoginLockout).values(login_digest=digest, failed_logins=1)
    failed = session.execute(
        statement.on_conflict_do_update(
            index_elements=[LoginLockout.login_digest],
            set_={"failed_logins": LoginLockout.failed_logins + 1},
        ).returning(LoginLockout.failed_logins)
    ).scalar_one()
    if failed < MAX_FAILED_LOGINS:
        return None
    lockout = session.get(LoginLockout, digest, populate_existing=True)
    assert lockout is not None
    lockout.failed_logins = 0
    lockout.locked_until = now + LOCKOUT
    return lockout.locked_until


def clear(session: Session, digest: str) -> None:
    """A successful login, a new password or re-enabling the user: the count starts again."""
    session.execute(delete(LoginLockout).where(_is(digest)))


def locked_logins(session: Session, logins: Iterable[str], now: datetime) -> dict[str, datetime]:
    """Of `logins` (normalised), those locked out now, with when their lock-out ends."""
    by_digest = {login_digest(session, login): login for login in logins}
    rows = session.execute(
        select(LoginLockout.login_digest, LoginLockout.locked_until).where(
            LoginLockout.login_digest.in_(list(by_digest)), LoginLockout.locked_until > now
        )
    )
    return {by_digest[digest]: until for digest, until in rows}


def _is(digest: str):
    return LoginLockout.login_digest == digest
