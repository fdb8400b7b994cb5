"""Migration 0010 signs the logs of an existing database again with its key file, lifting
and restoring the append-only triggers; without the keys it refuses and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from counter_app.db.engine import make_engine
from counter_app.db.migrate import current_revision, upgrade
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import console_actor
from counter_app.security.keyring import create_key_file
from tests import helpers

pytestmark = pytest.mark.empty_database  # each test starts before the first migration

AT = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _entries_as_revision_0008_wrote_them(engine) -> None:
    """Three audit entries and two visit actions, chained with plain SHA-256 as before."""
    with engine.begin() as connection:
        for number in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, login, terminal, action, detail, previous_hash, "
                    "entry_hash) VALUES (:at, 'console', 'PC', 'user.add', '{}', :previous, :hash)"
                ),
                {"at": AT, "previous": f"{number - 1:064x}", "hash": f"{number:064x}"},
            )
        connection.execute(
            text(
                "INSERT INTO visits (visit_number, business_day, event_type, answers, "
                "person_answers, status, terminal, created_at) VALUES ('V-20261201-0001', "
                "'2026-12-01', 'birth', '{}', '{}', 'closed', 'PC', :at)"
            ),
            {"at": AT},
        )
        for action in ("forms_printed", "closed"):
            connection.execute(
                text(
                    "INSERT INTO procedure_actions (visit_id, at, login, role, terminal, action) "
                    "VALUES (1, :at, 'madoguchi', 'window_clerk', 'PC', :action)"
                ),
                {"at": AT, "action": action},
            )


def test_existing_entries_are_signed_again_with_the_key_file(database_url, tmp_path):
    engine = make_engine(database_url)
    upgrade(engine, "0008")
    _entries_as_revision_0008_wrote_them(engine)

    with pytest.raises(CounterAppError) as refused:
        upgrade(engine)
    assert refused.value.code is ErrorCode.CHAIN_NEEDS_KEYS
    assert "`counter-app db upgrade`" in message_for(refused.value, "ja")
    assert current_revision(engine) == "0008"

    key_file = tmp_path / "counter-app.key"
    ring = create_key_file(key_file)
    assert upgrade(engine, keys=ring) is True
    app = helpers.open_app(database_url, key_file=key_file)
    try:
        reports = app.audit.verify(console_actor(helpers.TERMINAL))
    finally:
        app.close()
    assert [(r.log, r.entries, r.findings) for r in reports] == [
        ("audit_log", 3, ()),
        ("procedure_actions", 2, ()),
    ]
    with engine.connect() as connection:
        signers = connection.execute(
            text("SELECT key_id FROM audit_log UNION SELECT key_id FROM procedure_actions")
        )
        assert set(signers.scalars()) == {ring.current.id}
        assert "0" * 63 + "1" not in set(
            connection.scalars(text("SELECT entry_hash FROM audit_log"))
        ), "nothing of the plain SHA-256 chain is left"

    refused_statements = [
        "UPDATE audit_log SET action = 'forged'",
        "DELETE FROM audit_log",
        "UPDATE procedure_actions SET reason = 'forged'",
        "DELETE FROM procedure_actions",
        "DELETE FROM chain_heads",
    ]
    if engine.dialect.name == "postgresql":
        refused_statements += [
            "TRUNCATE audit_log",
            "TRUNCATE procedure_actions",
            "TRUNCATE chain_heads",
            "TRUNCATE visits CASCADE",  # would take procedure_actions with it
            "TRUNCATE staff_users CASCADE",  # would take audit_log with it
        ]
    for statement in refused_statements:
        with (
            pytest.raises(DBAPIError, match=r"append-only|never deleted"),
            engine.begin() as connection,
        ):
            connection.execute(text(statement))
    engine.dispose()
