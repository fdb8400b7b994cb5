"""The ticket printer driver: ask DLE EOT status, then send the job, over a pyserial URL.

    printer = TicketPrinter("socket://192.0.2.10:9100", timeout=1.0, profile=TM_T20)
    printer.print_ticket(ticket_bytes(content))   # raises PrinterError(kind) and sends nothing
    printer.close()

One instance per device, used from one worker thread (a stuck printer never blocks
anything else). The port is opened on first use with the profile's line settings
(speed, parity, handshake) and reopened after an I/O error; a profile with
`close_after_job` (a network interface that serves one client at a time, so another PC
sharing the printer can print) closes it after each job.
"""

from __future__ import annotations

import termios

import serial

from . import escpos
from .profiles import DEFAULT, PrinterProfile
from .status import UNKNOWN, PrinterProblem, PrinterStatus, parse_status
from .transport import Port, open_port


class PrinterError(Exception):
    """The printer cannot print; `kind` is a stable PrinterProblem code for the UI."""

    def __init__(self, kind: PrinterProblem | str, status: PrinterStatus | None = None, detail=""):
        self.kind = PrinterProblem(kind)
        self.status = status
        self.detail = detail
        super().__init__(f"printer {self.kind.value}" + (f": {detail}" if detail else ""))


class TicketPrinter:
    def __init__(
        self,
        url: str,
        timeout: float = 1.0,
        *,
        profile: PrinterProfile = DEFAULT,
    ):
        self.url = url
        self.timeout = timeout
        self.profile = profile
        self._settings = profile.link_settings()
        self._port: Port | None = None
        self.last_status: PrinterStatus | None = None

    def status(self) -> PrinterStatus:
        """DLE EOT 1, 2 and 4; no reply within `timeout` → UNKNOWN (treated as offline).

        Raises PrinterError("unreachable") when the device cannot be opened or written.
        """
        port = self._open()
        replies: list[int | None] = []
        try:
            port.discard_input()
            for n in (escpos.STATUS_PRINTER, escpos.STATUS_OFFLINE_CAUSE, escpos.STATUS_PAPER):
                port.write(escpos.status_request(n))
                reply = port.read(1, self.timeout)
                if not reply:  # no reply: don't wait out the other two as well
                    self.last_status = UNKNOWN
                    return UNKNOWN
                replies.append(reply[0])
        except (serial.SerialException, OSError) as error:
            self._drop_port()
            raise PrinterError(PrinterProblem.UNREACHABLE, detail=str(error)) from error
        self.last_status = parse_status(*replies)
        return self.last_status

    def print_ticket(self, data: bytes) -> None:
        """Send one job if the status says the printer can print; else raise, sending nothing."""
        status = self.status()
        if status.problem is not None:
            raise PrinterError(status.problem, status)
        port = self._open()
        try:
            port.write(data)
        except (serial.SerialException, OSError) as error:  # includes the write timeout
            self._drop_port()
            raise PrinterError(PrinterProblem.UNREACHABLE, status, str(error)) from error
        if self.profile.close_after_job:
            self._drop_port()

    def close(self) -> None:
        self._drop_port()

    def __enter__(self) -> TicketPrinter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _open(self) -> Port:
        if self._port is None:
            try:
                self._port = open_port(self.url, timeout=self.timeout, **self._settings)
            except (serial.SerialException, OSError, ValueError, termios.error) as error:
                raise PrinterError(PrinterProblem.UNREACHABLE, detail=str(error)) from error
        return self._port

    def _drop_port(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None
