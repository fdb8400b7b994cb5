"""`counter-app audit verify`: ok on an intact chain, names the altered row otherwise."""

from __future__ import annotations

from sqlalchemy import text

from counter_app.permissions import RoleCode
from tests.helpers import add_user, open_app, run_cli
from tests.test_audit_chain import drop_append_only_triggers


def _three_entries(database_url: str):
    app = open_app(database_url)
    for login in ("clerk1", "clerk2", "clerk3"):
        add_user(app, login, RoleCode.WINDOW_CLERK)
    return app


def test_verify_reports_an_intact_chain(database_url):
    app = _three_entries(database_url)
    app.close()
    result = run_cli("audit", "verify", "--database", database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "audit verify entries=3 ok"


def test_altering_one_row_makes_verify_fail_and_name_it(database_url):
    app = _three_entries(database_url)
    drop_append_only_triggers(app.engine)
    with app.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET purpose = '改ざん' WHERE id = 2"))
    app.close()

    result = run_cli("audit", "verify", "--database", database_url)
    assert result.returncode == 1
    assert result.stdout.strip() == "audit verify: 改ざんを検出しました: 記録 #2（内容の不一致）"

    english = run_cli("audit", "verify", "--database", database_url, "--lang", "en")
    assert english.returncode == 1
    assert english.stdout.strip() == (
        "audit verify: tampering detected: entry #2 (content does not match)"
    )


def test_a_removed_row_breaks_the_link_at_the_next_one(sqlite_url):
    app = _three_entries(sqlite_url)
    drop_append_only_triggers(app.engine)
    with app.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = 2"))
    app.close()
    result = run_cli("audit", "verify", "--database", sqlite_url)
    assert result.returncode == 1
    assert result.stdout.strip() == "audit verify: 改ざんを検出しました: 記録 #3（連鎖の欠落）"
