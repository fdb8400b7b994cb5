"""How many connections a PC opens to the office's PostgreSQL server, and why.

A server takes a fixed number of clients (PostgreSQL's stock `max_connections` is 100,
three of them kept for superusers), shared by every PC of the office. So each PC keeps
exactly one:
- a running app's pool holds a single connection. The database worker (ui/db_runner.py)
  runs one unit of work at a time on it, and between them the change listener
  (counter_app.changes.listener) reads the notifications that connection LISTENs for;
  any other thread that needs the database waits its turn for it (POOL_TIMEOUT_SECONDS).
  Fifty counter PCs therefore use fifty connections, at the busiest moment too. The
  connection is never idle to give back: it listens while the PC does no work, and a PC
  that let it go would miss its screens' changes. No other connection is ever opened
  (no overflow), so there is none to return either.
- a command (`counter-app …`) uses the same pool: one connection while it runs.
The README's "Several PCs on one PostgreSQL server" gives the arithmetic for an office.

SQLite (one PC, or a few on one file) keeps SQLAlchemy's defaults: connections to a file
cost nothing on a server.
"""

from __future__ import annotations

POOL_SIZE = 1  # the PC's one connection
MAX_OVERFLOW = 0  # never a second one, even when two threads want the database at once
# A thread waits this long for the PC's connection before its call fails; the longest
# unit of work (an import of a whole city) finishes well within it.
POOL_TIMEOUT_SECONDS = 120
CONNECT_TIMEOUT_SECONDS = 5  # a server that does not answer is reported as away, not waited on
# Notice a silently dropped network (a failover, a pulled cable) within about 11 s, so the
# screen says the database is away instead of waiting on a dead socket; ignored on Unix
# sockets.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
}


def postgres_pool_options() -> dict:
    """create_engine() options for a PostgreSQL engine: one pooled connection, checked
    before use (a connection the server dropped while idle is replaced, not failed on)."""
    return {
        "pool_size": POOL_SIZE,
        "max_overflow": MAX_OVERFLOW,
        "pool_timeout": POOL_TIMEOUT_SECONDS,
        "pool_pre_ping": True,
    }


def postgres_connect_args(application_name: str) -> dict:
    return {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": application_name,
        **KEEPALIVES,
    }
