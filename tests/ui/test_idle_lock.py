"""The idle lock covers the main window until the same user types their password."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from tests.ui.support import PASSWORD
from ui.context import idle_interval_ms
from ui.idle_lock import IdleWatcher
from ui.main_window import MainWindow

LOCK_MS = 150


def open_window(qtbot, context, actor) -> MainWindow:
    window = MainWindow(context, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_locked(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.locked_changed, timeout=3000) as blocker:
        pass
    assert blocker.args == [True]


def type_password(qtbot, window: MainWindow, password: str) -> None:
    edit = window.lock_screen.password_edit
    qtbot.keyClicks(edit, password)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_lock_hides_the_content_after_the_interval(qtbot, make_context, clerk):
    window = open_window(qtbot, make_context(idle_ms=LOCK_MS), clerk)
    assert window.role_screen.isVisible()
    wait_locked(qtbot, window)
    assert window.is_locked()
    assert not window.content_area.isVisible()
    assert not window.role_screen.isVisible()
    assert window.lock_screen.isVisible()
    assert not window.menuBar().isEnabled()
    assert window.lock_screen.who_label.text() == (
        "窓口 花子（madoguchi）が使用中です。続けるにはパスワードを入力してください。"
    )


def test_wrong_password_keeps_it_locked_and_the_right_one_unlocks(qtbot, make_context, clerk):
    window = open_window(qtbot, make_context(idle_ms=LOCK_MS), clerk)
    wait_locked(qtbot, window)

    type_password(qtbot, window, "wrong-password")
    error = window.lock_screen.error_label
    qtbot.waitUntil(lambda: error.isVisible() and window.lock_screen.password_edit.isEnabled())
    assert error.text() == "パスワードが正しくありません。"
    assert window.is_locked()
    assert not window.content_area.isVisible()

    with qtbot.waitSignal(window.locked_changed, timeout=3000) as blocker:
        type_password(qtbot, window, PASSWORD)
    assert blocker.args == [False]
    assert window.content_area.isVisible()
    assert window.menuBar().isEnabled()
    assert not window.lock_screen.isVisible()


def test_repeated_wrong_passwords_end_the_session(qtbot, make_context, clerk, monkeypatch):
    """The lock screen is no place to guess: it shares the login's lock-out."""
    from counter_app.services.lockout import MAX_FAILED_LOGINS
    from ui.message_box import MessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        MessageBox, "error", classmethod(lambda cls, p, t, text: shown.append(text))
    )
    window = open_window(qtbot, make_context(idle_ms=LOCK_MS), clerk)
    wait_locked(qtbot, window)
    edit = window.lock_screen.password_edit
    for _ in range(MAX_FAILED_LOGINS - 1):
        type_password(qtbot, window, "wrong-password")
        qtbot.waitUntil(lambda: window.lock_screen.error_label.isVisible() and edit.isEnabled())
    with qtbot.waitSignal(window.logout_requested, timeout=3000) as blocker:
        type_password(qtbot, window, "wrong-password")
    assert blocker.args == ["auth.locked_out"]
    assert shown == ["ログインの失敗が続いたため、15分間ログインできません。"]


def test_switch_user_asks_for_logout(qtbot, make_context, clerk):
    window = open_window(qtbot, make_context(idle_ms=LOCK_MS), clerk)
    wait_locked(qtbot, window)
    with qtbot.waitSignal(window.logout_requested) as blocker:
        qtbot.mouseClick(window.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["idle"]


def test_config_minutes_become_the_interval_and_zero_never_locks():
    assert idle_interval_ms(5) == 300_000
    assert idle_interval_ms(0) is None


def test_input_restarts_the_countdown(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(300)
    idle_at: list[float] = []
    watcher.idle.connect(lambda: idle_at.append(time.monotonic()))
    started = time.monotonic()
    watcher.start()
    for delay in (100, 200, 300, 400):
        QTimer.singleShot(delay, lambda: qtbot.keyClick(field, "a"))
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
    watcher.detach()
    assert field.text() == "aaaa"
    # The last key came at 400 ms, so the 300 ms countdown cannot end before about 700 ms.
    assert idle_at[0] - started >= 0.6
