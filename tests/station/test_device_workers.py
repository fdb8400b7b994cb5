"""One worker per device URL for the life of the PC, without Qt: however many callers
ask, one thread talks to each device, with one driver; closing ends every thread and
lets go of every device.

Real parts: the drivers in devices/ talking to a fake printer and a fake display on
local sockets (a socket fake serves one connection at a time, so a driver still holding
the device shows as a second driver getting no answer)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from devices.fakes import FakeDisplay, FakePrinter
from devices.printer import PrinterError, TicketPrinter
from station.device_workers import DeviceWorkers


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


def thread_of(worker) -> int:
    return worker.submit(lambda _driver: threading.get_ident()).result(5)


def answers(url: str) -> bool:
    """Whether a driver of its own gets the printer's status now."""
    with TicketPrinter(url, timeout=0.3) as other:
        return other.status().can_print


def test_one_worker_per_device_for_every_caller_and_none_after_close(printer, display):
    workers = DeviceWorkers()
    try:
        first = workers.printer(printer.url)
        with ThreadPoolExecutor(8) as callers:  # screens and the spooler asking at once
            asked = set(callers.map(lambda _: workers.printer(printer.url), range(16)))
        assert asked == {first}
        drivers = {first.submit(id).result(5) for _ in range(5)}
        assert len(drivers) == 1, "one driver, made once"
        assert first.submit(lambda p: p.status()).result(5).can_print
        assert not answers(printer.url), "the worker's driver holds the printer"

        shown = workers.display(display.url, "dmd")
        assert workers.display(display.url, "dmd") is shown
        shown.submit(lambda d: d.show("ﾊﾞﾝｺﾞｳ A-001", "2ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ")).result(5)
        assert display.wait_for(lambda: display.visible()[0] == "ﾊﾞﾝｺﾞｳ A-001")
        assert workers.urls() == [printer.url, display.url]
        threads = {thread_of(first), thread_of(shown)}
        assert len(threads) == 2 and len({thread_of(first) for _ in range(5)}) == 1
        with pytest.raises(ValueError):
            workers.display(printer.url, "dmd")  # one URL, one device
    finally:
        workers.close()

    alive = {thread.ident for thread in threading.enumerate()}
    assert not threads & alive, "every device thread has ended"
    assert answers(printer.url), "the printer is free for whoever comes next"
    assert workers.urls() == []
    with pytest.raises(RuntimeError):
        workers.printer(printer.url)


def test_a_call_that_fails_is_the_callers_and_the_worker_goes_on(printer):
    workers = DeviceWorkers()
    try:
        worker = workers.printer(printer.url)
        printer.state = "paper_end"
        failed = worker.submit(lambda p: p.print_ticket(b"\x1b@A-001\n"))
        with pytest.raises(PrinterError) as caught:
            failed.result(5)
        assert caught.value.kind == "paper_end"
        printer.state = "normal"
        worker.submit(lambda p: p.print_ticket(b"\x1b@A-001\n")).result(5)
        assert printer.wait_for(lambda: b"A-001" in printer.received)
    finally:
        workers.close()
