"""The schema: migrations create it, agree with the models, and keep the audit log append-only."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from counter_app.db.engine import make_engine
from counter_app.db.migrate import alembic_config, current_revision, head_revision, upgrade
from counter_app.db.models import Base
from counter_app.errors import CounterAppError, ErrorCode
from tests.helpers import open_app

REQUIRED_TABLES = {
    "ticket_categories",
    "ticket_counters",
    "tickets",
    "print_jobs",
    "departments",
    "roles",
    "staff_users",
    "user_roles",
    "department_memberships",
    "terminals",
    "households",
    "residents",
    "resident_my_numbers",
    "health_cover",
    "nhi_records",
    "kouki_records",
    "ltc_records",
    "pension_records",
    "child_allowances",
    "child_allowance_children",
    "child_medical",
    "seal_registrations",
    "mynumber_cards",
    "support_measures",
    "audit_log",
    "chain_heads",
    "app_settings",
    "change_feed",
    "visit_counters",
    "visits",
    "visit_procedures",
    "procedure_actions",
    "visit_drafts",
    "visit_forms",
}


def test_upgrade_creates_every_table_and_the_models_agree(database_url):
    engine = make_engine(database_url)
    assert upgrade(engine) is True
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= REQUIRED_TABLES
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
    assert upgrade(engine) is False, "a second upgrade has nothing to do"
    engine.dispose()


def test_downgrade_to_nothing_and_back(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert upgrade(engine) is True
    engine.dispose()


def test_the_roles_are_seeded(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as connection:
        codes = set(connection.scalars(text("SELECT code FROM roles")))
    assert codes == {"window_clerk", "floor_manager", "back_office", "supervisor", "administrator"}
    engine.dispose()


def test_the_audit_log_refuses_update_and_delete(database_url):
    app = open_app(database_url)
    from tests.helpers import add_user

    add_user(app, "clerk1")  # writes an audit entry
    for statement in ("UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), app.engine.begin() as connection:
            connection.execute(text(statement))
    with app.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM audit_log")) == 1
    app.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused(sqlite_url):
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(CounterAppError) as raised:
        upgrade(engine)
    assert raised.value.code is ErrorCode.DB_NEWER_SCHEMA
    engine.dispose()


def test_a_locked_sqlite_file_is_reported_as_busy_not_as_a_lost_server(tmp_path):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from counter_app.db.engine import database_error
    from counter_app.messages import message_for

    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as raised:
        other.execute("BEGIN IMMEDIATE")
    holder.close()
    other.close()
    error = database_error(OperationalError("BEGIN", {}, raised.value), f"sqlite:///{path}")
    assert error.code is ErrorCode.DB_BUSY
    assert message_for(error, "ja").startswith(f"データベース（{path}）は別の処理が使用中です。")
