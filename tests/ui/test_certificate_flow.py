"""The desk in the window's flow: a certificates-only ticket (category E) called at the
window opens the desk with the ticket attached; a life-event visit confirmed in the guide
adds certificates at the desk under the visit's number."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.demo import fill_demo_city
from counter_app.permissions import RoleCode
from tests.ui import test_guide_flow as guide_flow
from tests.ui.certificate_support import CashAnswer, add_certificate, open_resident
from tests.ui.support import PASSWORD
from tests.ui.test_visit_confirm import confirm
from ui.certificates.outputs import CERTIFICATE_CATEGORY
from ui.certificates.payment_dialog import PaymentDialog
from ui.main_window import MainWindow
from ui.visits.visit_panel import VisitPanel

sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes


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
        calls.call_next()
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
    monkeypatch.setattr(PaymentDialog, "present", staticmethod(CashAnswer(qtbot, "300")))
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


def test_a_life_event_visit_adds_certificates_at_the_desk(
    qtbot, make_context, sc01, clerk, no_message_boxes, monkeypatch
):
    """SC01 confirmed in the guide; 「証明書を追加」 opens the desk for 佐藤 健太 with the
    visit's number, and the 住民票 issued there joins that visit."""
    window, workspace = guide_flow.open_screen(qtbot, make_context(), clerk)
    guide_flow.open_kenta(qtbot, workspace)
    panel = guide_flow.open_guide(qtbot, workspace)
    guide_flow.answer_sc01(panel)
    guide_flow.compute(qtbot, panel)
    page = panel.results
    assert not page.certificates_button.isEnabled()
    visit, _shown = confirm(qtbot, panel)
    window.activateWindow()
    assert page.certificates_button.isEnabled()
    with qtbot.waitSignal(page.desk_opened, timeout=10_000) as opened:
        page.certificates_button.click()
    desk = opened.args[0].desk
    qtbot.addWidget(opened.args[0])
    assert desk.visit_number == visit.visit_number
    assert desk.context_label.text() == f"受付 {visit.visit_number} に追加"
    qtbot.waitUntil(lambda: desk.record is not None, timeout=10_000)
    assert desk.record.person.name == "佐藤\u3000健太"
    status = VisitPanel(make_context(), clerk, visit.visit_number)  # the visit as any PC shows it
    qtbot.addWidget(status)
    qtbot.waitUntil(lambda: status.visit is not None, timeout=10_000)
    assert not status.certificates_label.isVisibleTo(status)
    add_certificate(qtbot, desk, "juminhyo")
    monkeypatch.setattr(PaymentDialog, "present", staticmethod(CashAnswer(qtbot, "1000")))
    with qtbot.waitSignal(desk.issued, timeout=10_000) as done:
        desk.pay()
    assert done.args[0].payment.change_yen == 700
    assert sc01.certificates.issues_of_visit(visit.visit_number) == {"juminhyo": 1}
    with qtbot.waitSignal(status.loaded, timeout=10_000):
        status.reload()
    assert status.certificates_label.text() == "交付した証明書: 住民票の写し 1通"
    assert status.certificates_label.isVisibleTo(status)
    assert desk.request() is None  # the request is done; the desk waits for the next
