"""The login dialog as a clerk at the counter sees it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from counter_app.demo.staff import DEMO_PASSWORD, DEMO_USERS
from counter_app.errors import CounterAppError
from counter_app.permissions import RoleCode, console_actor
from counter_app.services.lockout import MAX_FAILED_LOGINS
from tests.helpers import TERMINAL
from tests.ui.support import PASSWORD, make_demo
from ui.demo_users import LOGIN_COLUMN, NAME_COLUMN, ROLE_COLUMN
from ui.login_dialog import LoginDialog

BAD_CREDENTIALS_JA = "ユーザーIDまたはパスワードが正しくありません。"


def open_dialog(qtbot, context) -> LoginDialog:
    dialog = LoginDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def try_login(qtbot, dialog: LoginDialog, login: str, password: str) -> None:
    dialog.user_edit.setText(login)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and dialog.login_button.isEnabled())


def label_texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_shows_city_and_terminal_with_focus_in_user_id(qtbot, core, make_context):
    with core.db.write() as session:
        from counter_app.services import settings

        settings.set_setting(session, settings.MUNICIPALITY_NAME, "みどり市")
    dialog = open_dialog(qtbot, make_context())
    assert "みどり市" in label_texts(dialog)
    assert f"端末: {TERMINAL}" in label_texts(dialog)
    assert dialog.login_button.text() == "ログイン"
    assert dialog.focusWidget() is dialog.user_edit


def test_wrong_password_shows_japanese_message_and_stays(qtbot, make_context, add_user):
    add_user("madoguchi")
    dialog = open_dialog(qtbot, make_context())
    logged_in = []
    dialog.logged_in.connect(logged_in.append)
    try_login(qtbot, dialog, "madoguchi", "wrong-password")
    assert dialog.error_label.text() == BAD_CREDENTIALS_JA
    assert dialog.isVisible()
    assert logged_in == []
    assert dialog.password_edit.text() == ""


def test_unknown_user_gets_the_same_message_as_a_wrong_password(qtbot, make_context):
    dialog = open_dialog(qtbot, make_context())
    try_login(qtbot, dialog, "nobody", "whatever-1")
    assert dialog.error_label.text() == BAD_CREDENTIALS_JA


def what_the_clerk_sees(qtbot, dialog: LoginDialog, login: str, password: str) -> list:
    """The message and where the dialog leaves the clerk after each of six tries."""
    seen = []
    for _ in range(MAX_FAILED_LOGINS + 1):
        try_login(qtbot, dialog, login, password)
        seen.append(
            (
                dialog.error_label.text(),
                bool(dialog.password_edit.text()),
                dialog.focusWidget().objectName(),
                dialog.user_edit.hasSelectedText(),
                dialog.isVisible(),
            )
        )
    return seen


def test_an_unknown_user_id_locks_out_exactly_like_a_real_one(qtbot, make_context, add_user):
    add_user("madoguchi")
    dialog = open_dialog(qtbot, make_context())
    real = what_the_clerk_sees(qtbot, dialog, "madoguchi", "wrong-password")
    unknown = what_the_clerk_sees(qtbot, dialog, "nobody", "wrong-password")
    assert unknown == real
    assert real[0] == (BAD_CREDENTIALS_JA, False, "password", False, True)
    assert real[-1][0] == "ログインの失敗が続いたため、15分間ログインできません。"


def test_a_disabled_user_is_answered_like_a_wrong_password(qtbot, core, make_context, add_user):
    add_user("madoguchi")
    add_user("kubo")
    core.users.set_active(console_actor(TERMINAL), "madoguchi", False)
    dialog = open_dialog(qtbot, make_context())
    disabled = what_the_clerk_sees(qtbot, dialog, "madoguchi", PASSWORD)
    assert disabled == what_the_clerk_sees(qtbot, dialog, "kubo", "wrong-password")
    assert disabled[0][0] == BAD_CREDENTIALS_JA


def test_locked_out_user_is_told_how_long(qtbot, core, make_context, add_user):
    add_user("madoguchi")
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(CounterAppError):
            core.auth.login("madoguchi", "wrong-password", core.terminal)
    dialog = open_dialog(qtbot, make_context())
    try_login(qtbot, dialog, "madoguchi", PASSWORD)
    assert dialog.error_label.text().startswith("ログインの失敗が続いたため、")
    assert "分間ログインできません" in dialog.error_label.text()


def test_empty_user_id_is_asked_for(qtbot, make_context):
    dialog = open_dialog(qtbot, make_context())
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "ユーザーIDを入力してください。"


def test_right_password_emits_the_actor(qtbot, make_context, add_user):
    add_user("madoguchi")
    dialog = open_dialog(qtbot, make_context())
    dialog.user_edit.setText("Madoguchi")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.logged_in) as blocker:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    actor = blocker.args[0]
    assert actor.login == "madoguchi"
    assert actor.primary_role is RoleCode.WINDOW_CLERK


def test_english_labels_and_messages(qtbot, make_context, english):
    dialog = open_dialog(qtbot, make_context(language="en"))
    texts = label_texts(dialog)
    assert "User &ID" in texts
    assert "&Password" in texts
    assert f"Terminal: {TERMINAL}" in texts
    assert dialog.login_button.text() == "Log in"
    assert dialog.windowTitle() == "Log in - One-Stop Window Terminal"
    try_login(qtbot, dialog, "nobody", "whatever-1")
    assert dialog.error_label.text() == "The user ID or password is incorrect."


def test_no_demo_panel_outside_demo_mode(qtbot, make_context, add_user):
    add_user("madoguchi")
    dialog = open_dialog(qtbot, make_context())
    assert dialog.demo_panel is None
    assert not any("demo1234" in text for text in label_texts(dialog))


def test_demo_panel_lists_demo_users_and_fills_the_fields(qtbot, core, make_context):
    make_demo(core)
    dialog = open_dialog(qtbot, make_context())
    table = dialog.demo_panel.table
    assert table.rowCount() == len(DEMO_USERS)
    row = dialog.demo_panel.row_of("hoken")
    assert table.item(row, LOGIN_COLUMN).text() == "hoken"
    assert table.item(row, NAME_COLUMN).text() == "保険 年子"
    assert table.item(row, ROLE_COLUMN).text() == "原課職員（保険年金課）"
    kantoku = dialog.demo_panel.row_of("kantoku")
    assert table.item(kantoku, ROLE_COLUMN).text() == "監督者、窓口職員"
    assert f"パスワード（全員共通）: {DEMO_PASSWORD}" in label_texts(dialog)

    clerk_row = dialog.demo_panel.row_of("madoguchi")
    rect = table.visualItemRect(table.item(clerk_row, NAME_COLUMN))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.user_edit.text() == "madoguchi"
    assert dialog.password_edit.text() == DEMO_PASSWORD


def test_demo_panel_in_english(qtbot, core, make_context, english):
    make_demo(core)
    dialog = open_dialog(qtbot, make_context(language="en"))
    table = dialog.demo_panel.table
    row = dialog.demo_panel.row_of("hoken")
    assert table.item(row, ROLE_COLUMN).text() == (
        "Back-office staff (Health Insurance and National Pension Division)"
    )
    assert table.horizontalHeaderItem(ROLE_COLUMN).text() == "Role"
