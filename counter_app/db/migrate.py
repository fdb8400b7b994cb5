"""Apply the migrations shipped inside the package; the app calls this at start-up."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import CounterAppError, ErrorCode
from ..security.keyring import KeyRing
from .engine import database_error, describe_target

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# PostgreSQL's SQLSTATE for "permission denied" and "must be owner of": an app role
# (docs/postgresql-roles.md) meeting a schema only its owner may upgrade.
INSUFFICIENT_PRIVILEGE = "42501"


def alembic_config(engine: Engine | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _is_known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(engine: Engine, revision: str = "head", *, keys: KeyRing | None = None) -> bool:
    """Bring the schema to `revision`; returns True if anything was applied.

    Each migration runs in one transaction, so a failure leaves the previous schema.
    `keys` reach migrations that seal or sign existing rows (`config.attributes["keys"]`).
    """
    script = ScriptDirectory.from_config(alembic_config())
    current = None
    try:
        current = current_revision(engine)
        if current is not None and not _is_known(script, current):
            raise CounterAppError(ErrorCode.DB_NEWER_SCHEMA, revision=current)
        if current == script.get_current_head() and revision == "head":
            return False
        with engine.begin() as connection:
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            config.attributes["keys"] = keys
            command.upgrade(config, revision)
        return True
    except OperationalError as exc:
        if (
            exc.connection_invalidated
            or "connect" in str(exc.orig).lower()
            or ("database is locked" in str(exc.orig))
        ):
            raise database_error(exc, str(engine.url)) from exc
        raise CounterAppError(ErrorCode.DB_MIGRATION_FAILED, detail=str(exc.orig)) from exc
    except SQLAlchemyError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise CounterAppError(
                ErrorCode.DB_UPGRADE_NEEDS_OWNER,
                target=describe_target(str(engine.url)),
                current=current or "none",
                head=script.get_current_head(),
            ) from exc
        raise CounterAppError(ErrorCode.DB_MIGRATION_FAILED, detail=str(exc)) from exc
