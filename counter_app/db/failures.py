"""Telling a database that cannot be used now from one statement that failed.

Only the first is an outage (DB_UNREACHABLE, or DB_BUSY for a locked SQLite file, see
`engine.database_error`): the connection was lost or never made, the server is shutting
down or full of connections, the SQLite file cannot be opened or read. Anything else (a
statement the database refused, a lock or statement timeout, a value it cannot take) is
the failure of that one call, and the screen must not claim the database is gone.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# SQLite primary result codes (https://sqlite.org/rescode.html).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_IOERR = 10
_SQLITE_CANTOPEN = 14
_SQLITE_UNAVAILABLE = {_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_CANTOPEN}
# PostgreSQL SQLSTATEs: class 08 (connection exception), admin or crash shutdown,
# cannot connect now, too many connections.
_POSTGRES_UNAVAILABLE = {"57P01", "57P02", "57P03", "53300"}


def is_unavailable(error: DBAPIError) -> bool:
    """Whether `error` means the database cannot be used now, not that one statement failed."""
    if error.connection_invalidated:
        return True
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _SQLITE_UNAVAILABLE
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate is None:
        # psycopg sets no SQLSTATE when no server answered (refused, timed out, closed).
        return isinstance(error, OperationalError | InterfaceError)
    return sqlstate.startswith("08") or sqlstate in _POSTGRES_UNAVAILABLE
