"""The multi-PC install path: IT staff create the schema and the first user on an empty
PostgreSQL database from the command line, then the screens run against it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from counter_app.config import Config
from tests.helpers import TERMINAL, cli_add_back_office_user, run_cli
from tests.ui.support import PASSWORD
from ui.main_window import MainWindow
from ui.session import SessionFlow


@pytest.mark.postgres
def test_db_upgrade_then_the_app_logs_in_on_postgresql(qtbot, postgres_url):
    upgraded = run_cli("db", "upgrade", "--database", postgres_url)
    assert upgraded.returncode == 0, upgraded.stderr
    added = cli_add_back_office_user(postgres_url, PASSWORD)
    assert added.returncode == 0, added.stderr

    flow = SessionFlow(
        Config(database_url=postgres_url, terminal_name=TERMINAL, idle_lock_minutes=0),
        "ja",
        idle_ms=0,
    )
    exits: list[int] = []
    flow.finished.connect(exits.append)
    flow.start()
    qtbot.waitUntil(lambda: flow.login_dialog is not None and flow.login_dialog.isVisible())
    dialog = flow.login_dialog
    dialog.user_edit.setText("hoken1")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(flow.main_shown, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    window: MainWindow = blocker.args[0]
    assert window.windowTitle() == f"総合窓口端末 - 原課職員 - 保険 花子 - {TERMINAL}"
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    port = postgres_url.rsplit(":", 1)[1].split("/")[0]
    assert f"データベース: 127.0.0.1:{port}/{postgres_url.rsplit('/', 1)[1]}" in labels
    with qtbot.waitSignal(flow.finished, timeout=10_000):
        flow.quit()
    assert exits == [0]
