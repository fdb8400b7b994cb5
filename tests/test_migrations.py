"""The schema: migrations create it, agree with the models, and keep the audit log append-only."""

from collections import defaultdict

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from counter_app.db.engine import Database, make_engine
from counter_app.db.migrate import alembic_config, current_revision, head_revision, upgrade
from counter_app.db.models import Base, ProcedureAction, Ticket
from counter_app.db.models.voices import is_schema_object
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.security.keyring import Purpose
from tests.helpers import open_app

pytestmark = pytest.mark.empty_database  # each test starts before the first migration

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
    "login_lockouts",
    "desk_counters",
    "fee_payments",
    "certificate_issues",
    "fee_voids",
    "cash_counts",
    "cash_sign_offs",
    "tax_assessments",
}


def test_upgrade_creates_every_table_and_the_models_agree(database_url):
    engine = make_engine(database_url)
    assert upgrade(engine) is True
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) >= REQUIRED_TABLES
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": is_schema_object}
        )
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
    assert codes == {
        "window_clerk",
        "floor_manager",
        "back_office",
        "supervisor",
        "administrator",
        "reform_officer",
    }
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


def test_a_lock_out_in_progress_moves_to_the_lock_out_table(database_url, tmp_path):
    """0011 keys lock-outs by the digest of the user ID; the user, its roles and the
    audit log that point at staff_users all stay (SQLite drops the columns in place)."""
    from datetime import UTC, datetime, timedelta

    from counter_app.security.keyring import create_key_file
    from counter_app.services.lockout import locked_logins

    engine = make_engine(database_url)
    upgrade(engine, "0009")
    locked_until = datetime.now(UTC) + timedelta(minutes=10)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff_users (id, login, display_name, password_hash, active, "
                "failed_logins, locked_until, password_changed_at, created_at) VALUES "
                "(1, 'clerk1', 'X', 'h', true, 0, :until, :now, :now), "
                "(2, 'clerk2', 'Y', 'h', true, 3, NULL, :now, :now)"
            ),
            {"until": locked_until, "now": datetime.now(UTC)},
        )
        connection.execute(text("INSERT INTO user_roles VALUES (1, 'window_clerk')"))
        connection.execute(
            text(
                "INSERT INTO audit_log (at, user_id, login, terminal, action, detail, "
                "previous_hash, entry_hash) VALUES (:now, 1, 'clerk1', 'T', 'x', '{}', 'p', 'e')"
            ),
            {"now": datetime.now(UTC)},
        )
    ring = create_key_file(tmp_path / "counter-app.key")
    upgrade(engine, keys=ring)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM user_roles")) == 1
        assert connection.scalar(text("SELECT count(*) FROM audit_log")) == 1
        counts = dict(
            connection.execute(text("SELECT login_digest, failed_logins FROM login_lockouts")).all()
        )
    assert counts == {
        ring.digest(Purpose.LOGIN_ID, "clerk1"): 0,
        ring.digest(Purpose.LOGIN_ID, "clerk2"): 3,
    }
    with Database(engine, ring).read() as session:
        locked = locked_logins(session, ["clerk1", "clerk2"], datetime.now(UTC))
    assert list(locked) == ["clerk1"]
    assert abs(locked["clerk1"] - locked_until) < timedelta(seconds=1)
    engine.dispose()


def test_the_print_jobs_stored_before_0012_are_tickets_and_receipts_leave_on_the_way_back(
    database_url,
):
    """0012 makes print_jobs the print outbox: a job already stored is a ticket job shown
    by its ticket's number; going back deletes the jobs the old schema cannot hold."""
    from datetime import UTC, date, datetime

    engine = make_engine(database_url)
    upgrade(engine, "0011")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO ticket_categories (id, name, name_en, prefix, windows, opens, "
                "closes, service_minutes, sort_order, active) VALUES ('todokede', '届出', "
                "'Notifications', 'A', '[1]', '08:30:00', '17:15:00', 15, 0, true)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO tickets (id, business_day, category_id, number, display_number, "
                "priority, status, issued_at, recalls, terminal, waiting_ahead, "
                "estimated_wait_minutes) VALUES (1, :day, 'todokede', 7, 'A-007', false, "
                "'waiting', :now, 0, 'F', 0, 0)"
            ),
            {"day": date(2026, 12, 1), "now": now},
        )
        connection.execute(
            text(
                "INSERT INTO print_jobs (id, ticket_id, printer_url, status, attempts, "
                "created_at) VALUES (1, 1, 'socket://printer:9100', 'pending', 0, :now)"
            ),
            {"now": now},
        )
    upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT kind, label, ticket_id FROM print_jobs")).one()
    assert tuple(row) == ("ticket", "A-007", 1)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO print_jobs (id, kind, label, content, status, attempts, "
                "created_at) VALUES (2, 'visit_receipt', 'V-20261201-0001', '{}', "
                "'pending', 0, :now)"
            ),
            {"now": now},
        )
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT id, ticket_id FROM print_jobs")).all() == [(1, 1)]
    engine.dispose()


def _kept_by_triggers(engine) -> tuple[list, list]:
    with engine.connect() as connection:
        minutes = connection.execute(
            text("SELECT id, wait_minutes, service_minutes FROM tickets ORDER BY id")
        ).all()
        routing = connection.execute(
            text(
                "SELECT visit_procedure_id, routed_at, decided_at, returns "
                "FROM procedure_routing ORDER BY visit_procedure_id"
            )
        ).all()
    return [tuple(row) for row in minutes], [tuple(row) for row in routing]


def test_what_the_triggers_keep_equals_what_0017_and_0018_fill_from_the_rows(database_url):
    """Each ticket's minutes (0017) and each procedure's routing (0018) are kept by
    triggers as the services write; a database upgraded from 0016 gets the same from its
    rows. Both are checked against the rows' own timestamps and log here."""
    from tests.stats.office import build_office

    app = open_app(database_url)
    build_office(app)
    with app.db.read() as session:
        tickets = {t.id: t for t in session.scalars(select(Ticket))}
        log = session.scalars(select(ProcedureAction).order_by(ProcedureAction.id)).all()
    app.close()
    engine = make_engine(database_url)
    minutes, routing = _kept_by_triggers(engine)

    def between(later, earlier):
        return None if later is None or earlier is None else (later - earlier).total_seconds() / 60

    for ticket_id, wait, service in minutes:
        ticket = tickets[ticket_id]
        assert wait == pytest.approx(between(ticket.called_at, ticket.issued_at), abs=1e-6)
        assert service == pytest.approx(between(ticket.finished_at, ticket.started_at), abs=1e-6)
    assert sum(wait is not None for _, wait, _ in minutes) > 50
    assert any(service is not None for _, _, service in minutes)
    by_procedure = defaultdict(list)
    for entry in log:
        if entry.visit_procedure_id is not None:
            by_procedure[entry.visit_procedure_id].append(entry)
    expected = []
    for procedure_id, entries in sorted(by_procedure.items()):
        routed = [e.at for e in entries if e.action == "routed"]
        decided = [e.at for e in entries if e.action in ("approved", "rejected")]
        returns = sum(e.action == "returned" for e in entries)
        if routed or decided or returns:
            expected.append(
                (procedure_id, min(routed, default=None), min(decided, default=None), returns)
            )
    got = [(i, _utc(r), _utc(d), n) for i, r, d, n in routing]
    assert got == expected
    assert any(n for *_, n in expected) and any(d for _, _, d, _ in expected)

    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0016")
    assert "procedure_routing" not in inspect(engine).get_table_names()
    assert upgrade(engine) is True
    assert _kept_by_triggers(engine) == (minutes, routing)
    engine.dispose()


def _utc(value):
    """A timestamp read back with plain text SQL: SQLite hands over its text."""
    from datetime import UTC, datetime

    if value is None or isinstance(value, datetime):
        return None if value is None else value.astimezone(UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
