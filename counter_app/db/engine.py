"""Engines for the embedded SQLite file and for a shared PostgreSQL server."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import CounterAppError, ErrorCode
from ..security.keyring import KeyRing
from .budget import postgres_connect_args, postgres_pool_options
from .sqlite_file import prepare_sqlite_file, sqlite_file_of
from .tolerant import decode_text, tolerate_postgres_out_of_range

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event open transactions (see _begin_immediate).
    dbapi_connection.isolation_level = None
    # SQLite keeps any bytes in a text column: read them, never fail the query on them.
    dbapi_connection.text_factory = decode_text
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


WRITE_OPTION = "counter_app_write"


def _begin(connection) -> None:
    """Units of work that write take SQLite's write lock at BEGIN (IMMEDIATE): a deferred
    transaction that reads and then writes fails at once with "database is locked" when
    another process wrote in between, instead of waiting its turn. Reads stay deferred so
    they never block a writer."""
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


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
    """An engine for `url`; SQLite files get WAL and foreign keys and are kept private
    (`sqlite_file.prepare_sqlite_file`); a PostgreSQL engine holds the PC's one connection
    (`budget`)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise CounterAppError(ErrorCode.DB_BAD_URL, url=url, detail=str(exc)) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_file_of(parsed)
        if path is not None:
            prepare_sqlite_file(path)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        connect_args = {**postgres_connect_args("counter-app"), **kwargs.pop("connect_args", {})}
        options = {**postgres_pool_options(), **kwargs}
        engine = create_engine(parsed, connect_args=connect_args, **options)
        event.listen(engine, "connect", tolerate_postgres_out_of_range)
        from ..changes.listening import install_pool_events  # psycopg: only on PostgreSQL

        install_pool_events(engine)  # before any thread uses the engine (listening.py says why)
        return engine
    raise CounterAppError(
        ErrorCode.DB_BAD_URL,
        url=url,
        detail="sqlite:/// か postgresql+psycopg:// を指定してください",
    )


# What PostgreSQL answers a client over max_connections (SQLSTATE 53300), in English and
# in its Japanese translation: a refused connection carries no SQLSTATE, only the text.
_SERVER_FULL_TEXTS = ("too many clients", "クライアント数が多すぎます", "53300")


def database_error(error: DBAPIError, url: str) -> CounterAppError:
    """What a database error that is an outage means to the user: a locked SQLite file, a
    server with no free connections, or a lost server."""
    target = describe_target(url)
    text_ = str(error.orig)
    if "database is locked" in text_:
        return CounterAppError(ErrorCode.DB_BUSY, target=target)
    if any(part in text_ for part in _SERVER_FULL_TEXTS):
        return CounterAppError(ErrorCode.DB_SERVER_FULL, target=target)
    return CounterAppError(ErrorCode.DB_UNREACHABLE, target=target)


# What SQLite answers for a file that is not a database, or one cut short or damaged.
SQLITE_NOT_A_DATABASE_CODES = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def check_connection(engine: Engine) -> None:
    """Raise DB_UNREACHABLE, DB_BUSY or DB_NOT_A_DATABASE if the database cannot be used now.
    On SQLite the schema is read too, so a damaged file is found here, not mid-work."""
    probe = "SELECT count(*) FROM sqlite_master" if engine.dialect.name == "sqlite" else "SELECT 1"
    try:
        with engine.connect() as connection:
            connection.execute(text(probe))
    except OperationalError as exc:
        raise database_error(exc, str(engine.url)) from exc
    except DatabaseError as exc:
        if getattr(exc.orig, "sqlite_errorcode", None) in SQLITE_NOT_A_DATABASE_CODES:
            path = describe_target(str(engine.url))
            raise CounterAppError(ErrorCode.DB_NOT_A_DATABASE, path=path) from exc
        raise


class Database:
    """Units of work over one engine: `write()` commits on success and rolls back on any
    error, so nothing half-written is left; `read()` never writes. Each unit of work
    carries the PC's key ring (`session_keys`), for what is sealed or signed inside it."""

    def __init__(self, engine: Engine, keys: KeyRing | None = None) -> None:
        self.engine = engine
        self.keys = keys
        info = {"keys": keys}  # counter_app.security.keyring.session_keys reads it
        self._reads = sessionmaker(engine, expire_on_commit=False, info=info)
        self._writes = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False, info=info
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reads() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writes.begin() as session:
            yield session

    @contextmanager
    def write_within(self, connection: Connection) -> Iterator[Session]:
        """A unit of work inside the transaction `connection` holds (e.g. a bulk fill's):
        flushed at the end, committed or rolled back with that transaction by its owner."""
        with Session(
            bind=connection,
            info={"keys": self.keys},
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        ) as session:
            yield session
            session.commit()  # releases the savepoint; the owner's transaction goes on
