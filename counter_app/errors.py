"""Errors with stable codes.

The core never formats user-facing text inline: it raises a CounterAppError with a
code and parameters, and `counter_app.messages` turns that into Japanese or English
for the CLI and the screens alike.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    CONFIG_MALFORMED = "config.malformed"
    CONFIG_INVALID = "config.invalid"
    CONFIG_NOT_FOUND = "config.not_found"
    DB_UNREACHABLE = "db.unreachable"
    DB_BAD_URL = "db.bad_url"
    DB_BUSY = "db.busy"
    DB_NEWER_SCHEMA = "db.newer_schema"
    DB_MIGRATION_FAILED = "db.migration_failed"
    AUTH_BAD_CREDENTIALS = "auth.bad_credentials"
    AUTH_DISABLED = "auth.disabled"
    AUTH_LOCKED_OUT = "auth.locked_out"
    PERMISSION_DENIED = "permission.denied"
    USER_EXISTS = "user.exists"
    USER_NOT_FOUND = "user.not_found"
    USER_INVALID = "user.invalid"
    PASSWORD_TOO_SHORT = "password.too_short"
    PASSWORD_MISMATCH = "password.mismatch"
    DEPARTMENT_UNKNOWN = "department.unknown"
    ROLE_UNKNOWN = "role.unknown"
    DEMO_NOT_EMPTY = "demo.not_empty"
    RESOURCE_INVALID = "resource.invalid"


class CounterAppError(Exception):
    """An error the user can act on. `params` fill the message template."""

    def __init__(self, code: ErrorCode, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")
