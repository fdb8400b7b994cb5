"""The desk in the window's flow: a certificates-only ticket (category E) called at the
window opens the desk with the ticket attached, and what it issues carries the ticket."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.demo import fill_demo_city
from counter_app.permissions import RoleCode
from tests.ui.certificate_support import CashAnswer, add_certificate, open_resident
from tests.ui.support import PASSWORD
from tests.ui.test_resident_search_ui import no_message_boxes  # noqa: F401 (fixture)
from ui.certificates.outputs import CERTIFICATE_CATEGORY
from ui.certificates.payment_dialog import PaymentDialog
from ui.main_window import MainWindow


@pytest.fixture
def city(core):
    fill_demo_city(core.engine, 200, progress=False, keys=core.keys)
    return core


def clerk_screen(qtbot, context, actor):
    window = MainWindow(context, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window.role_screen


def test_a_category_e_ticket_called_opens_the_desk_with_the_ticket(
    qtbot, make_context, city, clerk, add_user, monkeypatch
):
    add_user("floor", roles=(RoleCode.FLOOR_MANAGER,))
    floor = city.auth.login("floor", PASSWORD, city.terminal)
    issued = city.tickets.issue(floor, CERTIFICATE_CATEGORY, force=True)
    screen = clerk_screen(qtbot, make_context(), clerk)
    calls = screen.window_panel
    qtbot.waitUntil(lambda: calls.call_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(calls.called, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget() or calls, Qt.Key.Key_F2)
    desk_window = screen.desk_window
    assert desk_window is not None and desk_window.isVisible()
    desk = desk_window.desk
    assert desk.ticket_id == issued.ticket.id
    assert desk.context_label.text() == f"番号札 {issued.ticket.display_number}"

    # a recall raises the same desk, it does not open a second one
    with qtbot.waitSignal(calls.called, timeout=10_000):
        calls.recall()
    assert screen.desk_window is desk_window

    open_resident(qtbot, desk, city, clerk)
    add_certificate(qtbot, desk, "juminhyo")
    monkeypatch.setattr(PaymentDialog, "run", staticmethod(CashAnswer(qtbot, "300")))
    with qtbot.waitSignal(desk.issued, timeout=10_000) as done:
        desk.pay()
    assert done.args[0].payment.change_yen == 0


def test_other_tickets_do_not_open_the_desk_and_f8_opens_it_by_hand(
    qtbot, make_context, city, clerk, add_user
):
    add_user("floor", roles=(RoleCode.FLOOR_MANAGER,))
    floor = city.auth.login("floor", PASSWORD, city.terminal)
    other = next(
        c
        for c in city.tickets.categories()
        if c.id != CERTIFICATE_CATEGORY and city.terminal.window_number in c.windows
    )
    city.tickets.issue(floor, other.id, force=True)
    screen = clerk_screen(qtbot, make_context(), clerk)
    calls = screen.window_panel
    qtbot.waitUntil(lambda: calls.call_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(calls.called, timeout=10_000):
        calls.call_next()
    assert screen.desk_window is None
    qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_F8)
    assert screen.desk_window is not None
    assert screen.desk_window.desk.ticket_id == calls.current_ticket_id()
