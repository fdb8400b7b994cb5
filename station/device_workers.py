"""One worker per device for the life of the PC (after Vorta's jobs manager): a stuck
printer never holds up the database, the screen or another device.

    workers = DeviceWorkers()                       # bound to the drivers in devices/
    future = workers.printer(url).submit(lambda printer: printer.status())
    workers.close()                                  # at exit: every driver, every thread

`DeviceWorkers` hands out one `DeviceWorker` per device URL, however many screens ask
for it. Each worker is a single thread owning its driver: the driver is made on that
thread by the factory on first use, used only there, and closed there at the end. The
core sees the drivers through its ports (counter_app.ports); this module binds them to
devices.printer.TicketPrinter, devices.displays.CounterDisplay and
devices.payment.PaymentTerminalClient. No Qt: ui/ops.py delivers the results on the GUI
thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Generic, TypeVar

from counter_app.ports import CounterDisplay, PaymentTerminal, TicketPrinter

if TYPE_CHECKING:
    from devices.profiles import PrinterProfile

log = logging.getLogger(__name__)

Driver = TypeVar("Driver")  # a TicketPrinter, CounterDisplay or PaymentTerminal (ports)
Result = TypeVar("Result")

THREAD_PREFIX = "counter-app-device"


# The drivers (and pyserial) are imported when a device is first used, on its worker:
# a PC starts as fast with devices configured as without.


def open_ticket_printer(url: str, profile: PrinterProfile | None = None) -> TicketPrinter:
    """The printer at `url`, opened with its profile's line settings (default: the
    TM-T20-class profile)."""
    from devices.printer import TicketPrinter as Driver
    from devices.profiles import DEFAULT

    return Driver(url, profile=profile or DEFAULT)


def open_counter_display(url: str, protocol: str) -> CounterDisplay:
    from devices.displays import CounterDisplay as Driver

    return Driver(url, protocol)


def open_payment_terminal(url: str) -> PaymentTerminal:
    from devices.payment import PaymentTerminalClient

    return PaymentTerminalClient(url)


class DeviceWorker(Generic[Driver]):
    """The one thread that talks to the device at `url`, in the order calls come."""

    def __init__(self, url: str, open_driver: Callable[[], Driver]) -> None:
        self.url = url
        self._open_driver = open_driver
        self._driver: Driver | None = None  # touched on the worker thread only
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"{THREAD_PREFIX} {url}"
        )

    def submit(self, call: Callable[[Driver], Result]) -> Future[Result]:
        """Run `call(driver)` on the device's thread; RuntimeError once closed."""
        return self._executor.submit(self._run, call)

    def close(self) -> None:
        """Finish the calls already submitted, close the driver, stop the thread."""
        try:
            self._executor.submit(self._close_driver)
        except RuntimeError:  # closed already
            return
        self._executor.shutdown(wait=True)

    def _run(self, call: Callable[[Driver], Result]) -> Result:
        if self._driver is None:
            self._driver = self._open_driver()
        return call(self._driver)

    def _close_driver(self) -> None:
        driver, self._driver = self._driver, None
        if driver is None:
            return
        try:
            driver.close()
        except Exception:  # closing a broken port is best effort
            log.debug("closing the device at %s failed", self.url, exc_info=True)


class DeviceWorkers:
    """Every device worker of this PC, one per URL; `close()` ends them all."""

    def __init__(
        self,
        open_printer: Callable[[str, PrinterProfile | None], TicketPrinter] = open_ticket_printer,
        open_display: Callable[[str, str], CounterDisplay] = open_counter_display,
        open_terminal: Callable[[str], PaymentTerminal] = open_payment_terminal,
    ) -> None:
        self._open_printer = open_printer
        self._open_display = open_display
        self._open_terminal = open_terminal
        self._workers: dict[str, tuple[str, DeviceWorker]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def printer(
        self, url: str, profile: PrinterProfile | None = None
    ) -> DeviceWorker[TicketPrinter]:
        """The printer's worker; its driver is opened with `profile` when the worker is
        made (the first call for `url` decides)."""
        return self._worker(url, "printer", lambda: self._open_printer(url, profile))

    def display(self, url: str, protocol: str) -> DeviceWorker[CounterDisplay]:
        return self._worker(
            url, f"display:{protocol}", lambda: self._open_display(url, str(protocol))
        )

    def payment_terminal(self, url: str) -> DeviceWorker[PaymentTerminal]:
        """The window's cashless terminal: a charge waits for the resident's card on this
        worker, never on the screen's thread."""
        return self._worker(url, "payment_terminal", lambda: self._open_terminal(url))

    def urls(self) -> list[str]:
        """The devices with a worker, in the order they were first asked for."""
        with self._lock:
            return list(self._workers)

    def close(self) -> None:
        """Close every worker (each finishes its calls and closes its driver first)."""
        with self._lock:
            self._closed = True
            workers = [worker for _kind, worker in self._workers.values()]
            self._workers.clear()
        for worker in workers:
            worker.close()

    def _worker(self, url: str, kind: str, open_driver: Callable[[], Driver]) -> DeviceWorker:
        with self._lock:
            if self._closed:
                raise RuntimeError("the device workers are closed")
            known = self._workers.get(url)
            if known is not None:
                if known[0] != kind:
                    raise ValueError(f"{url} is configured as a {known[0]} and as a {kind}")
                return known[1]
            worker = DeviceWorker(url, open_driver)
            self._workers[url] = (kind, worker)
            return worker
