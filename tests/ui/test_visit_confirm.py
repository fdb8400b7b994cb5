"""受付を確定: SC01 through the guide to a recorded visit, its receipt on the ticket
printer (the visit number as a barcode, never a name) and the visit on screen; the
number typed on another PC's 受付番号 box opens the same visit."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.permissions import RoleCode
from counter_app.visits import ActionKind, ProcedureStatus, VisitStatus
from devices.decoders.printer import Barcode
from devices.fakes import FakePrinter
from tests.ui import test_guide_flow as guide_flow
from tests.ui.support import PASSWORD
from tests.ui.test_guide_flow import (
    SC01_PROCEDURES,
    answer_sc01,
    compute,
    open_guide,
    open_kenta,
    open_screen,
    type_text,
)
from ui.visits.open_visit import VisitWindow, normalize_visit_number
from ui.visits.visit_panel import VisitPanel

# the SC01 walk-through's fixtures
sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes


NAMES = ("佐藤", "健太", "美咲", "陽菜", "サトウ")


@pytest.fixture
def printer():
    fake = FakePrinter().start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def config(config, printer):
    """This PC's ticket printer is the fake one."""
    devices = dataclasses.replace(config.devices, ticket_printer=printer.url)
    return dataclasses.replace(config, devices=devices)


def confirm(qtbot, panel):
    page = panel.results
    assert page.confirm_button.isEnabled()
    with qtbot.waitSignal(page.visit_shown, timeout=10_000) as shown:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    return page.visit, shown.args[0]


def test_sc01_confirmed_prints_the_receipt_and_opens_the_visit_anywhere(
    qtbot, make_context, sc01, clerk, printer, no_message_boxes
):
    context = make_context()
    _window, workspace = open_screen(qtbot, context, clerk)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    with qtbot.waitSignal(panel.results.receipt_printed, timeout=10_000):
        visit, shown = confirm(qtbot, panel)

    # the visit, with every procedure of the guide; the review ones routed
    stored = sc01.visits.visit(clerk, visit.visit_number)
    assert {p.procedure_id for p in stored.procedures} == SC01_PROCEDURES
    routed = [p for p in stored.procedures if p.status is ProcedureStatus.ROUTED]
    assert len(routed) == 3
    assert all(p.due_on is not None for p in routed)
    assert stored.resident_id == workspace.record_view.record.person.resident_id
    assert stored.event_type == "birth"
    assert not panel.results.confirm_button.isEnabled()  # once only
    assert sc01.visits.load_draft(clerk) is None  # the draft went with it

    # the receipt: the visit number as CODE128, the procedures, no name
    assert printer.wait_for(lambda: printer.cuts)
    assert printer.of_type(Barcode) == [Barcode("CODE128", visit.visit_number)]
    text = "\n".join(printer.text_lines())
    assert visit.visit_number in text
    assert "子育て支援課で審査" in text and "窓口で完了" in text
    assert not any(name in text for name in NAMES)
    # (no field for a name exists in ReceiptContent; raster lines only carry its text)

    # the visit on screen, with its live statuses
    assert isinstance(shown, VisitWindow)
    visit_panel = shown.panel
    assert isinstance(visit_panel, VisitPanel)
    qtbot.waitUntil(lambda: visit_panel.visit is not None, timeout=10_000)
    assert visit_panel.visit.visit_number == visit.visit_number
    assert visit_panel.tree.topLevelItemCount() == len(SC01_PROCEDURES)
    # 受付終了 on the visit's window: closed, said in its title, not twice
    assert visit_panel.close_button.isEnabled()
    visit_panel.close_button.click()
    qtbot.waitUntil(lambda: "受付終了" in visit_panel.title.text(), timeout=10_000)
    assert not visit_panel.close_button.isEnabled()
    assert sc01.visits.visit(clerk, visit.visit_number).status is VisitStatus.CLOSED

    # another PC: the number typed (or scanned) into 受付番号 opens the same visit
    other, _workspace = open_screen(qtbot, context, clerk)
    box = other.role_screen.open_visit
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    qtbot.keyClick(
        QApplication.focusWidget() or other, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.edit)
    type_text(box.edit, visit.visit_number.lower())
    with qtbot.waitSignal(box.opened, timeout=10_000) as opened:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    window = opened.args[0]
    qtbot.waitUntil(lambda: window.panel.visit is not None, timeout=10_000)
    assert window.panel.visit.visit_number == visit.visit_number

    # an unknown number: said plainly, nothing opens
    type_text(box.edit, "V-20000101-9999")
    with qtbot.waitSignal(box.refused, timeout=10_000) as refused:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert "V-20000101-9999" in refused.args[0]
    assert not box.message.isHidden()
    assert not no_message_boxes


def test_a_printer_out_of_reach_keeps_the_receipt_waiting_and_the_visit_stays(
    qtbot, make_context, sc01, clerk, printer, no_message_boxes
):
    printer.stop()  # nothing listens on the printer's port any more
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    with qtbot.waitSignal(panel.results.receipt_waiting, timeout=10_000) as waiting:
        visit, _shown = confirm(qtbot, panel)
    assert waiting.args == [visit, "unreachable"]
    assert sc01.visits.visit(clerk, visit.visit_number).procedures
    status = panel.results.confirm_status.text()
    assert visit.visit_number in status and "控えを印刷待ち" in status
    assert no_message_boxes and visit.visit_number in no_message_boxes[0][1]
    [job] = sc01.outbox.pending_jobs(printer.url)  # it prints once the printer answers
    assert job.label == visit.visit_number


def test_the_visit_takes_the_windows_current_ticket(
    qtbot, make_context, sc01, clerk, add_user, no_message_boxes
):
    add_user("floor", roles=(RoleCode.FLOOR_MANAGER,))
    floor = sc01.auth.login("floor", PASSWORD, sc01.terminal)
    category = sc01.tickets.categories()[0]
    issued = sc01.tickets.issue(floor, category.id, force=True)
    window, workspace = open_screen(qtbot, make_context(), clerk)
    calls = window.role_screen.window_panel
    qtbot.waitUntil(lambda: calls.call_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(calls.called, timeout=10_000):
        calls.call_next()
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    visit, shown = confirm(qtbot, panel)
    assert visit.ticket_id == calls.current_ticket_id() == issued.ticket.id
    visit_panel = shown.panel
    qtbot.waitUntil(lambda: visit_panel.close_button.isEnabled(), timeout=10_000)

    # 完了 on the calling panel: the ticket ends and its visit with it; the routed
    # procedures go on in the departments; the visit's window says so by itself
    window.activateWindow()
    calls.start_serving()
    qtbot.waitUntil(lambda: calls.finish_button.isEnabled(), timeout=10_000)
    calls.finish()
    qtbot.waitUntil(
        lambda: sc01.visits.visit(clerk, visit.visit_number).status is VisitStatus.CLOSED,
        timeout=10_000,
    )
    closed = sc01.visits.visit(clerk, visit.visit_number)
    assert sum(p.status is ProcedureStatus.ROUTED for p in closed.procedures) == 3
    log = sc01.visits.log(clerk, visit.visit_number)
    assert [a.action for a in log if a.visit_procedure_id is None] == [ActionKind.CLOSED]


def test_visit_numbers_are_normalized():
    assert normalize_visit_number(" ｖ－２０２６１２０１－０００７ ") == "V-20261201-0007"
