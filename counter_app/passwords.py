"""Password hashing with Argon2id (argon2-cffi's recommended parameters)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import CounterAppError, ErrorCode

MIN_PASSWORD_LENGTH = 8

_hasher = PasswordHasher()


@cache
def _stand_in_hash(hasher: PasswordHasher) -> str:
    """Verified against when the user ID is unknown, so timing does not reveal which exist;
    made by the hasher in use, so it costs what a user's hash costs."""
    return hasher.hash("counter-app timing equaliser")


def check_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CounterAppError(ErrorCode.PASSWORD_TOO_SHORT, minimum=MIN_PASSWORD_LENGTH)


def hash_password(password: str) -> str:
    check_policy(password)
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether `password` matches `stored_hash`; None (no such user) verifies against a
    stand-in hash with the same parameters, so both take the time of one Argon2 check."""
    stand_in = _stand_in_hash(
        _hasher
    )  # made by the first check of any kind, not only an unknown ID's
    try:
        return _hasher.verify(stored_hash or stand_in, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
