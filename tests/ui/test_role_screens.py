"""Every role has a central screen; a later feature can plug in its own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.permissions import Actor, RoleCode
from ui import screens
from ui.main_window import MainWindow

TITLES = {
    RoleCode.WINDOW_CLERK: "窓口業務",
    RoleCode.FLOOR_MANAGER: "フロア案内",
    RoleCode.BACK_OFFICE: "保険年金課 受付箱",
    RoleCode.SUPERVISOR: "窓口の監督",
    RoleCode.ADMINISTRATOR: "システム管理",
    RoleCode.REFORM_OFFICER: "職員からの手紙",
}


def actor_with(role: RoleCode) -> Actor:
    departments = frozenset({"hoken_nenkin"}) if role is RoleCode.BACK_OFFICE else frozenset()
    return Actor(
        user_id=1,
        login="someone",
        display_name="試験 太郎",
        roles=frozenset({role}),
        departments=departments,
        terminal="TEST-01",
    )


def test_every_role_has_a_screen():
    assert screens.registered_roles() == frozenset(RoleCode)


@pytest.mark.parametrize("role", list(RoleCode))
def test_each_role_opens_its_screen(qtbot, make_context, role):
    window = MainWindow(make_context(), actor_with(role))
    qtbot.addWidget(window)
    assert window.role_screen.title == TITLES[role]
    headings = [label.text() for label in window.role_screen.findChildren(QLabel, "heading")]
    assert headings == [TITLES[role]]


def test_the_supervisor_watches_every_departments_procedures(qtbot, make_context):
    window = MainWindow(make_context(), actor_with(RoleCode.SUPERVISOR))
    qtbot.addWidget(window)
    screen = window.role_screen
    tabs = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert "原課の手続き" in tabs
    assert screen.tabs.widget(tabs.index("原課の手続き")) is screen.inbox


def test_window_clerk_screen_names_the_window_number(qtbot, make_context):
    window = MainWindow(make_context(), actor_with(RoleCode.WINDOW_CLERK))
    qtbot.addWidget(window)
    texts = [label.text() for label in window.role_screen.findChildren(QLabel)]
    assert "2番窓口で住民の用件を伺い、必要な手続きをまとめて受け付けます。" in texts
    assert {"呼出", "住民検索", "手続きナビ"} <= set(texts)


def test_english_screen(qtbot, make_context, english):
    window = MainWindow(make_context(language="en"), actor_with(RoleCode.BACK_OFFICE))
    qtbot.addWidget(window)
    assert window.role_screen.title == "Health Insurance and National Pension Division inbox"
    assert window.windowTitle() == (
        "One-Stop Window Terminal - Back-office staff - 試験 太郎 - TEST-01"
    )
    assert [action.text() for action in window.menuBar().actions()] == [
        "&File",
        "&View",
        "Residents' v&oices",
        "&Help",
    ]


def test_a_registered_screen_replaces_the_default(qtbot, make_context, monkeypatch):
    monkeypatch.setattr(screens, "_FACTORIES", dict(screens._FACTORIES))

    class TicketDesk(QWidget):
        def __init__(self, context, actor):
            super().__init__()
            self.actor = actor

    screens.register_screen(RoleCode.FLOOR_MANAGER, TicketDesk)
    window = MainWindow(make_context(), actor_with(RoleCode.FLOOR_MANAGER))
    qtbot.addWidget(window)
    assert isinstance(window.role_screen, TicketDesk)
    assert window.role_screen.actor.login == "someone"
