"""The audit log's hash chain shows any altered or removed row."""

import pytest
from sqlalchemy import text

from counter_app.permissions import console_actor
from tests.helpers import TERMINAL, add_user, open_app


def drop_append_only_triggers(engine) -> None:
    """What someone with direct database access could do before tampering."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            connection.execute(text("DROP TRIGGER audit_log_no_change ON audit_log"))


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("UPDATE audit_log SET subject_id = 'someone-else' WHERE id = 2", "content"),
        ("DELETE FROM audit_log WHERE id = 2", "link"),
    ],
)
def test_tampering_breaks_the_chain_at_that_row(database_url, tamper, reason):
    app = open_app(database_url)
    admin = console_actor(TERMINAL)
    for login in ("clerk1", "clerk2", "clerk3"):
        add_user(app, login)
    assert app.audit.verify(admin) == (3, None)
    drop_append_only_triggers(app.engine)
    with app.engine.begin() as connection:
        connection.execute(text(tamper))
    _, broken = app.audit.verify(admin)
    assert broken is not None
    assert broken.reason == reason
    assert broken.entry_id == (2 if reason == "content" else 3)
    app.close()
