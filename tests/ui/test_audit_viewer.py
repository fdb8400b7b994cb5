"""The supervisors' audit viewer: recent entries in Japanese, and the tamper check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from counter_app.permissions import RoleCode
from tests.audit.tamper import lift_triggers
from tests.ui.support import PASSWORD
from ui.audit.audit_model import ACTION, PURPOSE, SUBJECT, TIME, USER, AuditRow, AuditTableModel
from ui.main_window import MainWindow


@pytest.fixture
def boss(core, add_user):
    add_user("kantoku", "監督 一郎", (RoleCode.SUPERVISOR, RoleCode.WINDOW_CLERK))
    return core.auth.login("kantoku", PASSWORD, core.terminal)


def open_viewer(qtbot, make_context, actor, language="ja"):
    window = MainWindow(make_context(language=language), actor)
    qtbot.addWidget(window)
    window.show()
    screen = window.role_screen
    screen.tabs.setCurrentWidget(screen.audit_viewer)
    viewer = screen.audit_viewer
    qtbot.waitUntil(lambda: viewer.model.rowCount() > 0, timeout=10_000)
    return window, viewer


def test_model_over_plain_rows(qtmodeltester):
    model = AuditTableModel()
    qtmodeltester.check(model)
    at = datetime(2026, 11, 23, 1, 2, 3, tzinfo=UTC)
    model.set_rows(
        [
            AuditRow(1, at, "madoguchi", "MADO-01", "resident.view", "resident", "42", "転入届"),
            AuditRow(2, at, "console", "PC", "something.new", None, None, None),
            AuditRow(3, at, "?", "MADO-01", "auth.login_failed", "login_id", "5f0c", None),
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, TIME)) == at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert model.data(model.index(0, ACTION)) == "住民記録の閲覧"
    assert model.data(model.index(0, SUBJECT)) == "住民 42"
    assert model.data(model.index(0, PURPOSE)) == "転入届"
    assert model.data(model.index(1, ACTION)) == "something.new"
    assert model.data(model.index(2, SUBJECT)) == "登録のないユーザーID（ダイジェスト 5f0c）"
    assert model.headerData(USER, Qt.Orientation.Horizontal) == "ユーザー"


def test_supervisor_sees_recent_entries_and_an_intact_chain(qtbot, make_context, core, boss):
    _window, viewer = open_viewer(qtbot, make_context, boss)
    actions = [
        viewer.model.data(viewer.model.index(r, ACTION)) for r in range(viewer.model.rowCount())
    ]
    assert "ログイン" in actions and "職員ユーザーの追加" in actions
    users = {viewer.model.data(viewer.model.index(r, USER)) for r in range(viewer.model.rowCount())}
    assert "kantoku" in users
    viewer.verify_button.click()
    qtbot.waitUntil(lambda: "件を検査" in viewer.result.text(), timeout=10_000)
    audit_log, visit_log = core.audit.verify(boss)
    assert viewer.result.text() == (
        f"改ざんは見つかりませんでした（監査ログ {audit_log.entries}件、"
        f"受付の操作記録 {visit_log.entries}件を検査）。"
    )


def test_tampered_row_is_named(qtbot, make_context, core, boss):
    lift_triggers(core.engine)
    with core.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET login = 'someone' WHERE id = 2"))
    _window, viewer = open_viewer(qtbot, make_context, boss)
    viewer.verify_button.click()
    qtbot.waitUntil(lambda: "#" in viewer.result.text(), timeout=10_000)
    assert viewer.result.text() == "改ざんを検出しました: 監査ログ 記録 #2（内容の不一致）"


def test_removed_newest_entries_are_named(qtbot, make_context, core, boss):
    lift_triggers(core.engine)
    with core.engine.begin() as connection:
        newest = connection.scalar(text("SELECT max(id) FROM audit_log"))
        connection.execute(text(f"DELETE FROM audit_log WHERE id = {newest}"))
    _window, viewer = open_viewer(qtbot, make_context, boss)
    viewer.verify_button.click()
    qtbot.waitUntil(lambda: "#" in viewer.result.text(), timeout=10_000)
    # Opening the viewer logged nothing, so the head still names the newest entry.
    assert viewer.result.text() == (
        f"改ざんを検出しました: 監査ログ 記録 #{newest - 1} より後の記録が削除されています"
        f"（署名済みの末尾: 記録 #{newest} まで）"
    )


def test_clerk_has_no_audit_viewer(qtbot, make_context, clerk):
    window = MainWindow(make_context(), clerk)
    qtbot.addWidget(window)
    assert not hasattr(window.role_screen, "audit_viewer")


def test_english_audit_viewer(qtbot, make_context, boss, english):
    _window, viewer = open_viewer(qtbot, make_context, boss, language="en")
    assert viewer.verify_button.text() == "Check for tampering"
    actions = [
        viewer.model.data(viewer.model.index(r, ACTION)) for r in range(viewer.model.rowCount())
    ]
    assert "Login" in actions
