"""A visit receipt confirmed while the window's printer is out of paper is not lost: the
window says it waits, the floor screen's alarms show it with its visit number, it comes
out once paper is back, and the floor manager reprints it, saying exactly the same.

Real parts: the SC01 walk-through on the clerk's screen, this PC's print spooler and the
printer's one worker, a fake ESC/POS printer on a local socket, a real SQLite file."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from counter_app.outbox import PrintJobKind, PrintJobStatus
from counter_app.permissions import RoleCode
from devices.decoders.printer import Barcode
from devices.fakes import FakePrinter
from tests.ui import test_guide_flow as guide_flow
from tests.ui.support import PASSWORD
from tests.ui.test_guide_flow import answer_sc01, compute, open_guide, open_kenta, open_screen
from tests.ui.test_visit_confirm import confirm
from ui.outbox.alarms import KIND, LABEL, STATE
from ui.queue.floor_screen import FloorScreen

sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes


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


def alarm_row(floor: FloorScreen, visit_number: str) -> dict[int, str]:
    [row] = [i for i, job in enumerate(floor.alarms.jobs) if job.label == visit_number]
    table = floor.alarms.table
    return {column: table.item(row, column).text() for column in (KIND, LABEL, STATE)}


def test_a_receipt_at_paper_end_prints_when_paper_is_back_and_reprints_the_same(
    qtbot, make_context, sc01, clerk, add_user, printer, no_message_boxes
):
    context = make_context()
    _window, workspace = open_screen(qtbot, context, clerk)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    page = panel.results
    printer.state = "paper_end"
    with qtbot.waitSignal(page.receipt_waiting, timeout=10_000) as waiting:
        visit, _shown = confirm(qtbot, panel)
    assert waiting.args == [visit, "paper_end"]
    assert "控えを印刷待ち（紙切れ）" in page.confirm_status.text()
    assert [title for title, _text in no_message_boxes] == ["受付の控え"]  # told once
    assert printer.job_byte_count() == 0 and printer.cuts == []

    # The floor manager's screen: the receipt among the alarms, by its visit number.
    add_user("annai", name="案内 次郎", roles=(RoleCode.FLOOR_MANAGER,))
    floor_manager = sc01.auth.login("annai", PASSWORD, sc01.terminal)
    floor = FloorScreen(context, floor_manager)
    qtbot.addWidget(floor)
    floor.show()
    qtbot.waitUntil(lambda: floor.alarms.isVisible(), timeout=5000)
    assert alarm_row(floor, visit.visit_number) == {
        KIND: "受付の控え",
        LABEL: visit.visit_number,
        STATE: "印刷待ち（紙切れ）",
    }
    floor.alarms.table.selectRow(0)
    assert floor.alarms.cancel_button.isEnabled()
    assert not floor.alarms.reprint_button.isEnabled()  # it prints by itself

    # Paper is back: the receipt comes out, and the window says so.
    with qtbot.waitSignal(page.receipt_printed, timeout=10_000):
        printer.state = "normal"
    assert printer.wait_for(lambda: printer.cuts)
    first = printer.text_lines()
    text = "\n".join(first)
    assert visit.visit_number in text
    assert "子育て支援課で審査" in text and "窓口で完了" in text
    assert "出生届" in text and "児童手当 認定請求" in text
    assert printer.of_type(Barcode) == [Barcode("CODE128", visit.visit_number)]
    assert "控えを印刷しました" in page.confirm_status.text()
    qtbot.waitUntil(lambda: alarm_row(floor, visit.visit_number)[STATE] == "印刷済み")

    # The resident had left: the floor manager reprints it from the alarms.
    floor.alarms.table.selectRow(0)
    assert floor.alarms.reprint_button.isEnabled()
    qtbot.mouseClick(floor.alarms.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.cuts) == 2, timeout=10_000)
    assert printer.text_lines() == first + first  # word for word, time included
    assert printer.of_type(Barcode) == [Barcode("CODE128", visit.visit_number)] * 2
    assert f"受付の控え {visit.visit_number} を再印刷します。" == floor.alarms.message.text()
    jobs = [job for job in sc01.outbox.alarms() if job.kind is PrintJobKind.VISIT_RECEIPT]
    assert [(job.label, job.status) for job in jobs] == [
        (visit.visit_number, PrintJobStatus.PRINTED)
    ]  # the reprint printed at once: no alarm of its own
    floor.shut_down()


def test_the_floor_cancels_a_receipt_that_waits(
    qtbot, make_context, sc01, clerk, add_user, printer, monkeypatch, no_message_boxes
):
    context = make_context()
    _window, workspace = open_screen(qtbot, context, clerk)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    printer.state = "cover_open"
    with qtbot.waitSignal(panel.results.receipt_waiting, timeout=10_000):
        visit, _shown = confirm(qtbot, panel)

    add_user("annai", name="案内 次郎", roles=(RoleCode.FLOOR_MANAGER,))
    floor = FloorScreen(context, sc01.auth.login("annai", PASSWORD, sc01.terminal))
    qtbot.addWidget(floor)
    floor.show()
    qtbot.waitUntil(lambda: bool(floor.alarms.jobs), timeout=5000)
    assert alarm_row(floor, visit.visit_number)[STATE] == "印刷待ち（カバーオープン）"
    monkeypatch.setattr(type(floor.alarms), "confirm", classmethod(lambda cls, *args: True))
    floor.alarms.table.selectRow(0)
    qtbot.mouseClick(floor.alarms.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: alarm_row(floor, visit.visit_number)[STATE] == "取消済み")
    printer.state = "normal"
    qtbot.wait(2500)  # two more ticks of the spooler
    assert printer.cuts == [] and sc01.outbox.pending_jobs(printer.url) == []
    floor.shut_down()
