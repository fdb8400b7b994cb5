"""Fake devices for tests, demos and training: a ticket printer and a counter display.

Each runs in a thread behind a pseudo-terminal or a TCP socket on 127.0.0.1:

    with FakePrinter().start_pty() as fake:       # fake.url is "/dev/pts/N"
        TicketPrinter(fake.url).print_ticket(data)
        fake.wait_for(lambda: fake.cuts)
        fake.text_lines()                          # the decoded lines, in order

    fake = FakePrinter().start_socket()            # fake.url is "socket://127.0.0.1:PORT"
    fake.state = "paper_end"                       # normal near_end paper_end cover_open error offline
    fake.reply_delay = 0.3                         # a slow printer: each reply comes late

The printer reads the ESC/POS stream with `decoders.printer.EscPosDecoder` into events
(text lines with their size, alignment and emphasis, barcodes with their module width and
height, QR codes, raster images, cuts), draws them on paper (`paper(profile, font)`, to
scale: see `devices.paper`) and answers DLE EOT as its state says (PRINTER_STATES);
"offline" answers nothing;
`reply_delay` seconds pass before each reply. Every received byte is kept in `received`.
The display keeps its two 20-column lines with `decoders.display.DisplayDecoder`.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import tty
from abc import ABC, abstractmethod
from collections.abc import Callable

from . import escpos
from .decoders.display import DisplayDecoder, DisplayLines
from .decoders.printer import Cut, EscPosDecoder, StatusQuery, TextLine
from .paper import Paper, render_paper
from .profiles import PrinterProfile
from .status import (
    CAUSE_COVER_OPEN,
    CAUSE_ERROR,
    CAUSE_PAPER_END,
    ERROR_UNRECOVERABLE,
    PAPER_END,
    PAPER_NEAR_END,
    PRINTER_OFFLINE,
    REPLY_FIXED,
)


def _replies(printer: int = 0, offline_cause: int = 0, error_cause: int = 0, paper: int = 0):
    """The replies to DLE EOT 1–4: each REPLY_FIXED (0xx1xx10b) with the given bits."""
    return {
        escpos.STATUS_PRINTER: REPLY_FIXED | printer,
        escpos.STATUS_OFFLINE_CAUSE: REPLY_FIXED | offline_cause,
        escpos.STATUS_ERROR_CAUSE: REPLY_FIXED | error_cause,
        escpos.STATUS_PAPER: REPLY_FIXED | paper,
    }


# DLE EOT replies per state (shared/devices/escpos.md "Status").
PRINTER_STATES: dict[str, dict[int, int] | None] = {
    "normal": _replies(),
    "near_end": _replies(paper=PAPER_NEAR_END),
    "paper_end": _replies(
        printer=PRINTER_OFFLINE, offline_cause=CAUSE_PAPER_END, paper=PAPER_NEAR_END | PAPER_END
    ),
    "cover_open": _replies(printer=PRINTER_OFFLINE, offline_cause=CAUSE_COVER_OPEN),
    "error": _replies(
        printer=PRINTER_OFFLINE, offline_cause=CAUSE_ERROR, error_cause=ERROR_UNRECOVERABLE
    ),
    "offline": None,  # powered off or unplugged: no reply at all
}
# Bytes of one DLE EOT n query.
_STATUS_QUERY_SIZE = len(escpos.status_request(escpos.STATUS_PRINTER))


class FakeDevice(ABC):
    """A byte-stream device served from a thread, on a pty or a local TCP socket."""

    def __init__(self, on_event: Callable[[object], None] | None = None):
        self.on_event = on_event
        self.reply_delay = 0.0  # seconds before each reply: a slow or busy device
        self.url: str | None = None
        self.received = bytearray()
        self.events: list = []
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._fds: list[int] = []
        self._server: socket.socket | None = None

    @abstractmethod
    def _process(self, data: bytes) -> tuple[list, bytes]:
        """Bytes in, (decoded events, reply bytes) out."""

    def start_pty(self):
        """Serve on a new pseudo-terminal; the driver opens `self.url` (the slave's path)."""
        master, slave = os.openpty()
        tty.setraw(slave)
        self._fds = [master, slave]  # the slave stays open: no EIO while the driver reconnects
        self.url = os.ttyname(slave)
        self._start(self._serve_pty, master)
        return self

    def start_socket(self, host: str = "127.0.0.1", port: int = 0):
        """Serve on TCP (one connection at a time); the driver opens `self.url` (socket://)."""
        server = socket.create_server((host, port))
        server.settimeout(0.05)
        self._server = server
        self.url = f"socket://{host}:{server.getsockname()[1]}"
        self._start(self._serve_socket, server)
        return self

    def _start(self, target, *args) -> None:
        self._thread = threading.Thread(target=target, args=args, daemon=True, name="fake-device")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds = []
        if self._server is not None:
            self._server.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_for(self, condition: Callable[[], object], timeout: float = 3.0) -> bool:
        """Wait until `condition()` is true (checked after every received chunk)."""
        with self._changed:
            return bool(self._changed.wait_for(condition, timeout))

    def _receive(self, data: bytes) -> bytes:
        with self._changed:
            self.received += data
            events, reply = self._process(data)
            self.events.extend(events)
            self._changed.notify_all()
        if self.on_event is not None:
            for event in events:
                self.on_event(event)
        return reply

    def _serve_pty(self, master: int) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: no slave open (never, as we hold one) or closed by stop()
                continue
            reply = self._receive(data)
            if reply:
                self._stop.wait(self.reply_delay)
                os.write(master, reply)

    def _serve_socket(self, server: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            with connection:
                connection.settimeout(0.05)
                while not self._stop.is_set():
                    try:
                        data = connection.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    reply = self._receive(data)
                    if not reply:
                        continue
                    self._stop.wait(self.reply_delay)
                    try:
                        connection.sendall(reply)
                    except OSError:  # the other end went away while we were slow
                        break


class FakePrinter(FakeDevice):
    """An ESC/POS ticket printer; `state` picks its DLE EOT replies (PRINTER_STATES)."""

    def __init__(self, state: str = "normal", on_event=None):
        super().__init__(on_event)
        self.state = state
        self.decoder = EscPosDecoder(self._status_reply)

    @property
    def state(self) -> str:
        return self._state

    @state.setter
    def state(self, value: str) -> None:
        if value not in PRINTER_STATES:
            raise ValueError(f"printer state is one of {', '.join(PRINTER_STATES)}: {value!r}")
        self._state = value

    def _status_reply(self, n: int) -> int | None:
        replies = PRINTER_STATES[self._state]
        return None if replies is None else replies.get(n)

    def _process(self, data: bytes) -> tuple[list, bytes]:
        events = self.decoder.feed(data)
        reply = bytes(self.decoder.replies)
        self.decoder.replies.clear()
        return events, reply

    def of_type(self, kind: type) -> list:
        with self._changed:
            return [event for event in self.events if isinstance(event, kind)]

    def text_lines(self) -> list[str]:
        """The printed text lines, blank lines left out."""
        return [line.text for line in self.of_type(TextLine) if line.text]

    @property
    def cuts(self) -> list[Cut]:
        return self.of_type(Cut)

    def job_byte_count(self) -> int:
        """Bytes received apart from DLE EOT queries: 0 when no job was sent."""
        with self._changed:
            return len(self.received) - _STATUS_QUERY_SIZE * len(self.of_type(StatusQuery))

    def paper(self, profile: PrinterProfile, font: str) -> Paper:
        """What it printed, drawn `profile.printable_dots` wide (`devices.paper`): text
        from `font`, raster images and barcodes to scale, anything too wide in `overflows`."""
        with self._changed:
            events = list(self.events)
        return render_paper(events, profile, font)


class FakeDisplay(FakeDevice):
    """A 20×2 counter display speaking the DM-D or CD5220 command set.

    Its DIP switches select no katakana table unless `katakana_switch`: katakana show only
    when the host selects the table (shown otherwise as other glyphs, decoders.display).
    `power_cycle()` switches it off and on, which forgets the table the host selected.
    """

    def __init__(self, protocol: str = "dmd", on_event=None, *, katakana_switch: bool = False):
        super().__init__(on_event)
        self.decoder = DisplayDecoder(protocol, katakana_switch=katakana_switch)

    def power_cycle(self) -> None:
        """Off and on while the link stays up: blank, back to the DIP switches' settings."""
        with self._changed:
            self.decoder.power_on()
            self.events.append(self.decoder.lines)
            self._changed.notify_all()

    def _process(self, data: bytes) -> tuple[list, bytes]:
        before = self.decoder.lines
        events: list = self.decoder.feed(data)
        if self.decoder.lines != before:
            events.append(self.decoder.lines)
        return events, b""

    @property
    def lines(self) -> DisplayLines:
        with self._changed:
            return self.decoder.lines

    def visible(self) -> tuple[str, str]:
        """The two lines without trailing blanks."""
        lines = self.lines
        return lines.upper.rstrip(), lines.lower.rstrip()
