"""From the login dialog to the main window and back, as the application runs it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.permissions import RoleCode
from tests.ui.support import PASSWORD
from ui import ops
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.session import SessionFlow


@pytest.fixture
def flow(qtbot, config, core) -> Iterator[SessionFlow]:
    session = SessionFlow(config, "ja", idle_ms=0)
    exits: list[int] = []
    session.finished.connect(exits.append)
    session.start()
    qtbot.waitUntil(lambda: session.login_dialog is not None and session.login_dialog.isVisible())
    yield session
    if not exits:
        with qtbot.waitSignal(session.finished):
            session.quit()


def type_into_focus(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def log_in(qtbot, flow: SessionFlow, login: str) -> MainWindow:
    dialog = flow.login_dialog
    dialog.user_edit.setText(login)
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(flow.main_shown) as blocker:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_keyboard_only_login_opens_the_clerks_main_window(qtbot, flow, add_user):
    add_user("madoguchi")
    dialog: LoginDialog = flow.login_dialog
    qtbot.waitActive(dialog)
    assert QApplication.focusWidget() is dialog.user_edit

    type_into_focus(qtbot, "madoguchi")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.password_edit
    type_into_focus(qtbot, PASSWORD)
    with qtbot.waitSignal(flow.main_shown) as blocker:
        press(qtbot, Qt.Key.Key_Return)

    window: MainWindow = blocker.args[0]
    assert window.isVisible()
    assert window.windowTitle() == "総合窓口端末 - 窓口職員 - 窓口 花子 - TEST-01"
    assert window.role_screen.title == "窓口業務"
    qtbot.waitUntil(lambda: flow.login_dialog is None and not dialog.isVisible())


def test_status_bar_names_user_terminal_and_database(qtbot, flow, add_user, tmp_path):
    add_user("madoguchi")
    window = log_in(qtbot, flow, "madoguchi")
    texts = [label.text() for label in window.statusBar().findChildren(type(window.user_status))]
    assert "ユーザー: 窓口 花子（madoguchi）" in texts
    assert "端末: TEST-01" in texts
    assert f"データベース: {tmp_path}/db.sqlite3" in texts


def test_logout_returns_to_the_login_dialog(qtbot, flow, add_user):
    add_user("madoguchi")
    window = log_in(qtbot, flow, "madoguchi")
    with qtbot.waitSignal(flow.login_shown) as blocker:
        window.logout_action.trigger()
    dialog = blocker.args[0]
    assert dialog.isVisible()
    assert dialog.user_edit.text() == ""
    assert dialog.password_edit.text() == ""
    assert flow.main_window is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))


def test_switch_user_on_the_lock_screen_logs_out(qtbot, flow, add_user):
    add_user("madoguchi")
    window = log_in(qtbot, flow, "madoguchi")
    window.lock()
    assert not window.content_area.isVisible()
    with qtbot.waitSignal(flow.login_shown):
        qtbot.mouseClick(window.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    assert flow.main_window is None


def test_exit_from_the_menu_ends_with_code_zero(qtbot, flow, add_user):
    add_user("madoguchi")
    window = log_in(qtbot, flow, "madoguchi")
    with qtbot.waitSignal(flow.finished) as blocker:
        window.quit_action.trigger()
    assert blocker.args == [0]
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    # both workers are closed: nothing more runs on them
    ran: list[str] = []
    assert not ops.db(flow, flow.runner, lambda: ran.append("database"))
    assert not ops.cpu(flow, flow.cpu, lambda: ran.append("cpu"))
    assert ran == []


def test_multi_role_user_opens_the_first_role_and_can_switch(qtbot, flow, add_user):
    add_user("kantoku", "監督 一郎", (RoleCode.SUPERVISOR, RoleCode.WINDOW_CLERK))
    window = log_in(qtbot, flow, "kantoku")
    assert window.role is RoleCode.SUPERVISOR
    assert window.role_screen.title == "窓口の監督"
    assert set(window.role_actions) == {RoleCode.SUPERVISOR, RoleCode.WINDOW_CLERK}
    window.role_actions[RoleCode.WINDOW_CLERK].trigger()
    assert window.role_screen.title == "窓口業務"
    assert window.windowTitle() == "総合窓口端末 - 窓口職員 - 監督 一郎 - TEST-01"
