"""The PC's devices under the session: one worker per device URL however many screens
use it (the print spooler, the calling panels of two windows), each closed at exit; and
`ops.device` answers on the GUI thread, never after its owner is gone.

Real parts: the session as the application runs it, the drivers on a fake printer and a
fake counter display on local sockets (one connection at a time: a device still held
by this PC gives another driver no answer)."""

from __future__ import annotations

import dataclasses
import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt

from counter_app.config import DisplayProtocol
from devices.fakes import FakeDisplay, FakePrinter
from devices.printer import TicketPrinter
from station.device_workers import DeviceWorkers
from tests.ui.support import PASSWORD
from ui import ops
from ui.device_calls import courier
from ui.main_window import MainWindow
from ui.session import SessionFlow


@pytest.fixture
def printer():
    fake = FakePrinter().start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def display():
    fake = FakeDisplay("dmd").start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def config(config, printer, display):
    devices = dataclasses.replace(
        config.devices,
        ticket_printer=printer.url,
        counter_display=display.url,
        counter_display_protocol=DisplayProtocol.EPSON_DMD,
    )
    return dataclasses.replace(config, devices=devices)


def printer_answers(url: str) -> bool:
    with TicketPrinter(url, timeout=0.3) as other:
        return other.status().can_print


def thread_of(worker) -> int:
    return worker.submit(lambda _driver: threading.get_ident()).result(5)


def test_one_worker_per_device_for_the_life_of_the_pc_closed_at_exit(
    qtbot, config, core, add_user, printer, display
):
    add_user("madoguchi")
    flow = SessionFlow(config, "ja", idle_ms=0)
    flow.start()
    qtbot.waitUntil(lambda: flow.login_dialog is not None and flow.login_dialog.isVisible())
    assert flow.spooler is not None  # started with the PC, before anyone logs in
    qtbot.waitUntil(lambda: flow.spooler.known and flow.spooler.problem is None)

    dialog = flow.login_dialog
    dialog.user_edit.setText("madoguchi")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(flow.main_shown) as shown:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    first = shown.args[0].role_screen.window_panel
    second_window = MainWindow(flow.context, shown.args[0].actor)
    qtbot.addWidget(second_window)
    second = second_window.role_screen.window_panel
    assert first.display.worker is second.display.worker is not None
    second.display.show_call("A-001", 2)
    assert display.wait_for(lambda: display.visible()[0] == "ﾊﾞﾝｺﾞｳ A-001")

    devices = flow.devices
    assert devices.urls() == [printer.url, display.url]  # two devices, two workers
    printer_worker = devices.printer(printer.url)
    threads = {thread_of(printer_worker), thread_of(first.display.worker)}
    assert len(threads) == 2
    assert not printer_answers(printer.url), "this PC holds its printer"

    with qtbot.waitSignal(flow.finished, timeout=10_000):
        flow.quit()
    assert devices.urls() == []
    assert not threads & {thread.ident for thread in threading.enumerate()}
    assert printer_answers(printer.url), "closed at exit: the printer is free"


def test_a_device_answer_comes_on_the_gui_thread_and_never_after_its_owner_is_gone(qtbot, printer):
    workers = DeviceWorkers()
    try:
        worker = workers.printer(printer.url)
        owner, seen = QObject(), []
        ops.device(
            owner,
            worker,
            lambda p: p.status(),
            on_success=lambda status: seen.append(
                (status.can_print, threading.current_thread() is threading.main_thread())
            ),
        )
        qtbot.waitUntil(lambda: bool(seen))
        assert seen == [(True, True)]

        printer.reply_delay = 0.3  # the answer comes after the screen has closed
        gone, late = QObject(), []
        ops.device(gone, worker, lambda p: p.status(), on_success=late.append, on_error=late.append)
        shiboken6.delete(gone)
        qtbot.waitUntil(lambda: courier().pending() == 0, timeout=5000)
        assert late == []
    finally:
        workers.close()
    closed: list[str] = []
    assert not ops.device(owner, worker, lambda p: None, on_done=lambda: closed.append("done"))
    assert closed == ["done"]
