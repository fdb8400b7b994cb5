"""The queue on screen: the floor manager issues, the PC's spooler prints on a fake printer,
the clerk calls, the hall display and the counter display show the number and the window.
A printer at paper end never loses a ticket: it prints when the paper is back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.app import CounterApp
from counter_app.config import Config, DeviceSettings, DisplayProtocol
from counter_app.outbox import PrintJobStatus
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.calls import CallService
from counter_app.queue.tickets import TicketService
from devices.fakes import FakeDisplay, FakePrinter
from tests.helpers import TERMINAL
from tests.ui.support import PASSWORD
from tests.ui.test_guide_flow import SCREENSHOT_DIR, keep_screen
from ui.fonts import apply_application_font
from ui.queue.counter_display import call_lines
from ui.queue.floor_screen import FloorScreen
from ui.queue.hall_display import HallDisplay
from ui.queue.window_panel import TransferDialog, WindowPanel

OPEN_HOURS = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo, every category open


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter().start_pty()
    yield fake
    fake.stop()


@pytest.fixture
def counter_display() -> Iterator[FakeDisplay]:
    fake = FakeDisplay("dmd").start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def config(tmp_path: Path, printer: FakePrinter, counter_display: FakeDisplay) -> Config:
    """This PC: window 2, with the fake ticket printer and the fake counter display."""
    return Config(
        database_url=f"sqlite:///{tmp_path}/db.sqlite3",
        terminal_name=TERMINAL,
        window_number=2,
        idle_lock_minutes=0,
        devices=DeviceSettings(
            ticket_printer=printer.url,
            counter_display=counter_display.url,
            counter_display_protocol=DisplayProtocol.EPSON_DMD,
        ),
    )


@pytest.fixture
def core(config: Config) -> Iterator[CounterApp]:
    app = CounterApp.open(config)
    app.tickets = TicketService(app.db, now=lambda: OPEN_HOURS)
    app.calls = CallService(app.db, now=lambda: OPEN_HOURS)
    yield app
    app.close()


@pytest.fixture
def floor_manager(core: CounterApp, add_user) -> Actor:
    add_user("annai", name="案内 次郎", roles=(RoleCode.FLOOR_MANAGER,))
    return core.auth.login("annai", PASSWORD, core.terminal)


@pytest.fixture
def shut_down() -> Iterator[list]:
    """Screens whose refresh stops before the fake devices do (the PC's spooler and
    device workers are the `spooler` and `devices` fixtures')."""
    screens: list = []
    yield screens
    for screen in screens:
        screen.shut_down()


def open_floor(qtbot, context, actor, shut_down) -> FloorScreen:
    floor = FloorScreen(context, actor)
    qtbot.addWidget(floor)
    shut_down.append(floor)
    floor.show()
    qtbot.waitUntil(lambda: "todokede" in floor.buttons)
    return floor


def test_issue_call_and_both_displays_show_the_number_and_the_window(
    qtbot, make_context, floor_manager, clerk, printer, counter_display, shut_down
):
    if SCREENSHOT_DIR:
        apply_application_font(QApplication.instance())
    context = make_context()
    floor = open_floor(qtbot, context, floor_manager, shut_down)
    qtbot.mouseClick(floor.buttons["todokede"], Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: bool(floor.rows) and floor.rows[0].print_state == "printed", timeout=5000
    )
    assert floor.rows[0].ticket.display_number == "A-001"
    assert printer.wait_for(lambda: printer.cuts)
    lines = printer.text_lines()
    assert "A-001" in lines
    assert "お待ちの方 0人" in lines
    assert "T-20261201-A-001" in lines
    assert "窓口 花子" not in "".join(lines) and "案内 次郎" not in "".join(lines)
    if SCREENSHOT_DIR:
        floor.resize(1280, 800)
        qtbot.wait(300)
        keep_screen(floor, "floor-ja")

    hall = HallDisplay(context, speech=False)
    qtbot.addWidget(hall)
    with qtbot.waitSignal(hall.board_shown, timeout=3000):
        hall.show()
    assert hall.current_texts() == []

    panel = WindowPanel(context, clerk)
    qtbot.addWidget(panel)
    shut_down.append(panel)
    panel.show()
    qtbot.waitUntil(panel.call_button.isEnabled)
    with qtbot.waitSignal(hall.announcer.started, timeout=4000) as announced:
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: hall.current_texts() == ["A-001 → 2番窓口"], timeout=3000)
    assert announced.args == ["A 1番の方、2番窓口へお越しください。"]
    if SCREENSHOT_DIR:
        hall.resize(1280, 720)
        qtbot.wait(300)
        keep_screen(hall, "hall-ja")
    assert panel.number_label.text() == "A-001"

    assert call_lines("A-001", 2) == ("ﾊﾞﾝｺﾞｳ A-001", "2ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ")
    assert counter_display.wait_for(
        lambda: counter_display.decoder.lines.upper.rstrip() == "ﾊﾞﾝｺﾞｳ A-001"
    )
    assert counter_display.visible() == ("ﾊﾞﾝｺﾞｳ A-001", "2ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ")

    # Serving, then done: the number leaves the current calls for the history.
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.finish_button.isEnabled)
    qtbot.mouseClick(panel.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hall.history_texts() == ["A-001 → 2番窓口"], timeout=3000)
    assert hall.current_texts() == []


def test_paper_end_still_numbers_the_ticket_and_prints_it_when_paper_is_back(
    qtbot, make_context, core, floor_manager, printer, shut_down
):
    printer.state = "paper_end"
    floor = open_floor(qtbot, make_context(), floor_manager, shut_down)
    qtbot.mouseClick(floor.buttons["hoken_nenkin"], Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(floor.rows), timeout=2000)
    assert floor.rows[0].ticket.display_number == "B-001"
    qtbot.waitUntil(
        lambda: not floor.banner.isHidden() and "紙切れ" in floor.banner.text(), timeout=2500
    )
    assert printer.job_byte_count() == 0
    [job] = core.outbox.pending_jobs(printer.url)
    assert job.ticket.display_number == "B-001"

    printer.state = "normal"
    qtbot.waitUntil(lambda: floor.rows[0].print_state == "printed", timeout=5000)
    assert printer.wait_for(lambda: printer.cuts)
    assert "B-001" in printer.text_lines()
    assert core.outbox.pending_jobs(printer.url) == []
    assert core.outbox.mark_printed(job.id).status is PrintJobStatus.PRINTED
    qtbot.waitUntil(floor.banner.isHidden, timeout=2500)


def test_near_end_warns_and_prints(qtbot, make_context, floor_manager, printer, shut_down):
    printer.state = "near_end"
    floor = open_floor(qtbot, make_context(), floor_manager, shut_down)
    qtbot.waitUntil(lambda: "ニアエンド" in floor.banner.text(), timeout=2500)
    qtbot.mouseClick(floor.buttons["shomei"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool(floor.rows) and floor.rows[0].print_state == "printed", timeout=5000
    )
    # written to the pty before it was marked printed; the fake reads it a moment later
    assert printer.wait_for(lambda: "E-001" in printer.text_lines())


def test_offline_printer_priority_reprint_and_cancel(
    qtbot, make_context, core, floor_manager, printer, shut_down, monkeypatch
):
    printer.state = "offline"
    floor = open_floor(qtbot, make_context(), floor_manager, shut_down)
    qtbot.waitUntil(lambda: "オフライン" in floor.banner.text(), timeout=2500)
    qtbot.mouseClick(floor.buttons["todokede"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(floor.rows) == 1)
    floor.priority_button.click()
    qtbot.mouseClick(floor.buttons["todokede"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(floor.rows) == 2)
    assert [row.ticket.display_number for row in floor.rows] == ["A-002", "A-001"]
    assert floor.rows[0].ticket.priority and not floor.priority_button.isChecked()
    qtbot.waitUntil(lambda: floor.buttons["todokede"].text().endswith("待ち 2人・目安 約30分"))

    monkeypatch.setattr(FloorScreen, "confirm", classmethod(lambda cls, *args: True))
    floor.recent.selectRow(1)
    floor.cancel_selected()
    qtbot.waitUntil(lambda: floor.rows[1].print_state == "cancelled")
    assert not floor.cancel_button.isEnabled()

    floor.recent.selectRow(0)
    floor.reprint_selected()
    printer.state = "normal"
    qtbot.waitUntil(lambda: len(printer.cuts) == 2, timeout=5000)  # A-002 and its reprint
    assert printer.text_lines().count("A-002") == 2
    assert "A-001" not in printer.text_lines()


def test_recall_no_show_and_transfer(
    qtbot, make_context, core, floor_manager, clerk, counter_display, shut_down, monkeypatch
):
    for category in ("todokede", "todokede"):
        core.tickets.issue(floor_manager, category)
    context = make_context()
    panel = WindowPanel(context, clerk)
    qtbot.addWidget(panel)
    shut_down.append(panel)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    qtbot.waitUntil(panel.call_button.isEnabled)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A-001")
    qtbot.mouseClick(panel.recall_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "再呼出 1回" in panel.times_label.text())
    qtbot.mouseClick(panel.no_show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.current is None)
    assert panel.message.text() == "A-001 を不在にしました。"

    qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A-002")
    assert counter_display.wait_for(lambda: counter_display.visible()[0] == "ﾊﾞﾝｺﾞｳ A-002")
    monkeypatch.setattr(TransferDialog, "ask", classmethod(lambda cls, *args: ("shomei", 3)))
    qtbot.mouseClick(panel.transfer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.current is None)
    moved = core.calls.call_next(clerk, 3)
    assert moved is not None and moved.display_number == "A-002"
    assert moved.category_id == "shomei"


def test_hall_display_announces_each_call_in_turn(qtbot, make_context, core, floor_manager, clerk):
    for _ in range(2):
        core.tickets.issue(floor_manager, "todokede")
    hall = HallDisplay(make_context(), speech=False)
    qtbot.addWidget(hall)
    with qtbot.waitSignal(hall.board_shown):
        hall.show()
    core.calls.call_next(clerk, 1)
    core.calls.call_next(clerk, 2)
    spoken: list[str] = []
    hall.announcer.started.connect(spoken.append)
    qtbot.waitUntil(lambda: len(spoken) == 2, timeout=6000)
    assert spoken == [
        "A 1番の方、1番窓口へお越しください。",
        "A 2番の方、2番窓口へお越しください。",
    ]
    assert hall.current_texts() == ["A-002 → 2番窓口", "A-001 → 1番窓口"]


def test_a_hall_display_terminal_opens_the_hall_display_without_a_login(qtbot, config, core):
    from dataclasses import replace

    from counter_app.config import TerminalKind
    from ui.session import SessionFlow

    flow = SessionFlow(replace(config, terminal_kind=TerminalKind.HALL_DISPLAY), "ja", idle_ms=0)
    exits: list[int] = []
    flow.finished.connect(exits.append)
    flow.start()
    qtbot.waitUntil(lambda: flow.hall_display is not None and flow.hall_display.isVisible())
    assert flow.login_dialog is None
    assert flow.hall_display.windowState() & Qt.WindowState.WindowFullScreen
    with qtbot.waitSignal(flow.finished):
        flow.hall_display.close()
    assert exits == [0]


def test_a_supervisor_opens_the_hall_display_from_the_view_menu(
    qtbot, make_context, core, add_user
):
    from ui.main_window import MainWindow

    add_user("kantoku", name="監督 三郎", roles=(RoleCode.SUPERVISOR,))
    supervisor = core.auth.login("kantoku", PASSWORD, core.terminal)
    window = MainWindow(make_context(), supervisor)
    qtbot.addWidget(window)
    assert window.hall_action is not None
    window.hall_action.trigger()
    assert window.hall_display is not None and window.hall_display.isVisible()
    window.hall_display.close()
    qtbot.waitUntil(lambda: window.hall_display is None)


def test_a_ticket_that_can_never_print_says_so_and_is_not_retried(
    qtbot, make_context, core, floor_manager, printer, shut_down, monkeypatch
):
    """A category renamed to a name the printer's ROM mostly lacks (as a floor might
    before the check at start): its ticket is issued, but the floor sees it cannot
    print and why; the spooler does not send it again at every tick."""
    from sqlalchemy import update

    from counter_app.db.models import TicketCategory
    from tests.station.test_ticket_fit import LONG_KANJI

    with core.db.write() as session:
        session.execute(
            update(TicketCategory).where(TicketCategory.id == "todokede").values(name=LONG_KANJI)
        )
    monkeypatch.setattr(core.outbox, "_now", lambda: OPEN_HOURS)  # the alarms' "today"
    floor = open_floor(qtbot, make_context(), floor_manager, shut_down)
    qtbot.mouseClick(floor.buttons["todokede"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool(floor.rows) and floor.rows[0].print_state is PrintJobStatus.UNPRINTABLE,
        timeout=5000,
    )
    assert floor.recent.item(0, 3).text() == "印刷できません"
    qtbot.waitUntil(lambda: floor.alarms.jobs != [], timeout=3000)
    assert floor.alarms.table.item(0, 2).text() == "印刷できません: 券がプリンタの上限を超えます"
    qtbot.wait(2500)  # two more ticks of the spooler
    [job] = core.outbox.alarms()
    assert (job.status, job.attempts) == (PrintJobStatus.UNPRINTABLE, 1)
    assert printer.cuts == []
    floor.alarms.table.selectRow(0)  # once the name is fixed, the floor reprints it
    assert floor.alarms.reprint_button.isEnabled() and not floor.alarms.cancel_button.isEnabled()
