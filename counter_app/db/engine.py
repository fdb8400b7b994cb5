"""Engines for the embedded SQLite file and for a shared PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import CounterAppError, ErrorCode

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event open transactions (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_immediate(connection) -> None:
    """Take SQLite's write lock at BEGIN: a deferred transaction that reads and then writes
    fails at once with "database is locked" when another PC wrote in between, instead of
    waiting its turn (busy_timeout only applies to lock waits at BEGIN)."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def describe_target(url: str) -> str:
    """Where the database is, without the password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def make_engine(url: str, **kwargs) -> Engine:
    """An engine for `url`; SQLite files get WAL and foreign keys, their folder is created."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise CounterAppError(ErrorCode.DB_BAD_URL, url=url, detail=str(exc)) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        kwargs.setdefault("pool_pre_ping", True)
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("connect_timeout", 5)
        connect_args.setdefault("application_name", "counter-app")
        return create_engine(parsed, connect_args=connect_args, **kwargs)
    raise CounterAppError(
        ErrorCode.DB_BAD_URL,
        url=url,
        detail="sqlite:/// か postgresql+psycopg:// を指定してください",
    )


def check_connection(engine: Engine) -> None:
    """Raise DB_UNREACHABLE (no traceback material for the user) if the server cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        raise CounterAppError(
            ErrorCode.DB_UNREACHABLE, target=describe_target(str(engine.url))
        ) from exc


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
