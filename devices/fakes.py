"""Fake devices for tests, demos and training: a ticket printer and a counter display.

Each runs in a thread behind a pseudo-terminal or a TCP socket on 127.0.0.1:

    with FakePrinter().start_pty() as fake:       # fake.url is "/dev/pts/N"
        TicketPrinter(fake.url).print_ticket(data)
        fake.wait_for(lambda: fake.cuts)
        fake.text_lines()                          # the decoded lines, in order

    fake = FakePrinter().start_socket()            # fake.url is "socket://127.0.0.1:PORT"
    fake.state = "paper_end"                       # normal near_end paper_end cover_open error offline
    fake.reply_delay = 0.3                         # a slow printer: each reply comes late

The printer decodes the ESC/POS stream into events (text lines with their size,
alignment and emphasis, barcodes, QR codes, raster images, cuts) and answers DLE EOT as
its state says; "offline" answers nothing; `reply_delay` seconds pass before each reply.
Every received byte is kept in `received`.
The display decodes the Epson DM-D or the CD5220 command set into its two 20-column lines.
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
from dataclasses import dataclass

# --- printer events -------------------------------------------------------------------


@dataclass(frozen=True)
class TextLine:
    text: str
    align: str = "left"
    width: int = 1
    height: int = 1
    bold: bool = False


@dataclass(frozen=True)
class Barcode:
    symbology: str  # "CODE128"
    data: str


@dataclass(frozen=True)
class QrCode:
    data: str
    model: int
    module_size: int
    level: str


@dataclass(frozen=True)
class RasterImage:
    width_dots: int
    height_dots: int
    mode: int  # 0 normal, 1 double width, 2 double height, 3 both
    align: str
    bitmap: bytes


@dataclass(frozen=True)
class Cut:
    partial: bool
    feed: int


@dataclass(frozen=True)
class StatusQuery:
    n: int
    reply: int | None


@dataclass(frozen=True)
class Unknown:
    data: bytes


PrinterEvent = TextLine | Barcode | QrCode | RasterImage | Cut | StatusQuery | Unknown

ALIGN_NAMES = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
QR_LEVEL_NAMES = {48: "L", 49: "M", 50: "Q", 51: "H"}

# DLE EOT replies per state, n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper
# (shared/devices/escpos.md "Status"; every reply has the form 0xx1xx10b = 0x12 + bits).
PRINTER_STATES: dict[str, dict[int, int] | None] = {
    "normal": {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    "near_end": {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 | 0x0C},
    "paper_end": {1: 0x12 | 0x08, 2: 0x12 | 0x20, 3: 0x12, 4: 0x12 | 0x0C | 0x60},
    "cover_open": {1: 0x12 | 0x08, 2: 0x12 | 0x04, 3: 0x12, 4: 0x12},
    "error": {1: 0x12 | 0x08, 2: 0x12 | 0x40, 3: 0x12 | 0x20, 4: 0x12},
    "offline": None,  # powered off or unplugged: no reply at all
}


class _NeedMore(Exception):
    """The buffer ends in the middle of a command."""


class EscPosDecoder:
    """Turns an ESC/POS byte stream into events; `status_reply(n)` answers DLE EOT n."""

    def __init__(self, status_reply: Callable[[int], int | None] = lambda n: None):
        self.status_reply = status_reply
        self._buffer = bytearray()
        self._line = bytearray()
        self._line_attrs: tuple[str, int, int, bool] | None = None
        self.replies = bytearray()  # bytes to send back, taken by the device loop
        self.reset()

    def reset(self) -> None:
        self.align = "left"
        self.width = self.height = 1
        self.bold = False
        self.kanji_mode = False
        self.character_table = 0
        self.international = 0
        self.kanji_system = 0
        self.qr_model, self.qr_module_size, self.qr_level, self.qr_data = 2, 3, "L", b""

    def feed(self, data: bytes) -> list[PrinterEvent]:
        self._buffer += data
        events: list[PrinterEvent] = []
        while self._buffer:
            try:
                used = self._step(events)
            except _NeedMore:
                break
            del self._buffer[:used]
        return events

    def _need(self, n: int) -> None:
        if len(self._buffer) < n:
            raise _NeedMore

    def _step(self, events: list[PrinterEvent]) -> int:
        buf = self._buffer
        first = buf[0]
        if first == 0x0A:
            events.append(self._end_line())
            return 1
        if first == 0x0D:
            return 1
        if first == 0x10:
            self._need(3)
            if buf[1] == 0x04:
                reply = self.status_reply(buf[2])
                if reply is not None:
                    self.replies.append(reply)
                events.append(StatusQuery(buf[2], reply))
                return 3
            events.append(Unknown(bytes(buf[:1])))
            return 1
        if first == 0x1B:
            return self._esc(events)
        if first == 0x1C:
            return self._fs(events)
        if first == 0x1D:
            return self._gs(events)
        if first < 0x20:
            events.append(Unknown(bytes(buf[:1])))
            return 1
        if not self._line:
            self._line_attrs = (self.align, self.width, self.height, self.bold)
        self._line.append(first)
        return 1

    def _esc(self, events: list[PrinterEvent]) -> int:
        buf = self._buffer
        self._need(2)
        command = buf[1]
        if command == ord("@"):
            self.reset()
            return 2
        if command in b"taERd!-":
            self._need(3)
            n = buf[2]
            if command == ord("t"):
                self.character_table = n
            elif command == ord("a"):
                self.align = ALIGN_NAMES.get(n, "left")
            elif command == ord("E"):
                self.bold = bool(n & 1)
            elif command == ord("R"):
                self.international = n
            return 3
        events.append(Unknown(bytes(buf[:2])))
        return 2

    def _fs(self, events: list[PrinterEvent]) -> int:
        buf = self._buffer
        self._need(2)
        command = buf[1]
        if command == ord("&"):
            self.kanji_mode = True
            return 2
        if command == ord("."):
            self.kanji_mode = False
            return 2
        if command in b"C!":
            self._need(3)
            if command == ord("C"):
                self.kanji_system = buf[2]
            return 3
        events.append(Unknown(bytes(buf[:2])))
        return 2

    def _gs(self, events: list[PrinterEvent]) -> int:
        buf = self._buffer
        self._need(2)
        command = buf[1]
        if command == ord("!"):
            self._need(3)
            self.width = (buf[2] >> 4) + 1
            self.height = (buf[2] & 0x0F) + 1
            return 3
        if command == ord("V"):
            self._need(3)
            mode = buf[2]
            length = 4 if mode in (65, 66) else 3
            self._need(length)
            feed = buf[3] if length == 4 else 0
            events.append(Cut(partial=mode in (1, 49, 66), feed=feed))
            return length
        if command == ord("k"):
            self._need(4)
            if buf[2] < 65:  # NUL-terminated forms: not emitted by our driver
                events.append(Unknown(bytes(buf[:3])))
                return 3
            length = 4 + buf[3]
            self._need(length)
            data = bytes(buf[4:length])
            if buf[2] == 73:
                events.append(Barcode("CODE128", decode_code128(data)))
            else:
                events.append(Barcode(f"m={buf[2]}", data.decode("ascii", "replace")))
            return length
        if command == ord("("):
            self._need(5)
            length = 5 + buf[3] + (buf[4] << 8)
            self._need(length)
            if buf[2] == ord("k"):
                event = self._qr_function(bytes(buf[5:length]))
                if event is not None:
                    events.append(event)
            else:
                events.append(Unknown(bytes(buf[:length])))
            return length
        if command == ord("v"):
            self._need(8)
            if buf[2] != 0x30:
                events.append(Unknown(bytes(buf[:3])))
                return 3
            mode = buf[3]
            width_bytes = buf[4] | buf[5] << 8
            height = buf[6] | buf[7] << 8
            length = 8 + width_bytes * height
            self._need(length)
            events.append(
                RasterImage(width_bytes * 8, height, mode, self.align, bytes(buf[8:length]))
            )
            return length
        events.append(Unknown(bytes(buf[:2])))
        return 2

    def _qr_function(self, body: bytes) -> QrCode | None:
        if len(body) < 2 or body[0] != 49:
            return None
        fn, parameters = body[1], body[2:]
        if fn == 65 and parameters:
            self.qr_model = parameters[0] - 48
        elif fn == 67 and parameters:
            self.qr_module_size = parameters[0]
        elif fn == 69 and parameters:
            self.qr_level = QR_LEVEL_NAMES.get(parameters[0], f"n={parameters[0]}")
        elif fn == 80:
            self.qr_data = parameters[1:]
        elif fn == 81:
            return QrCode(
                self.qr_data.decode("utf-8", "replace"),
                self.qr_model,
                self.qr_module_size,
                self.qr_level,
            )
        return None

    def _end_line(self) -> TextLine:
        raw = bytes(self._line)
        self._line.clear()
        align, width, height, bold = self._line_attrs or (
            self.align,
            self.width,
            self.height,
            self.bold,
        )
        self._line_attrs = None
        return TextLine(decode_printer_text(raw, self.international), align, width, height, bold)


def decode_printer_text(raw: bytes, international: int = 8) -> str:
    """Shift_JIS as the printer prints it: under ESC R 8, 0x5C is ¥ and 0x7E is ‾."""
    text = raw.decode("shift_jis", "replace")  # U+FFFD marks garbage; never "?"
    if international == 8:
        text = text.replace("\\", "¥").replace("~", "‾")
    return text


def decode_code128(data: bytes) -> str:
    """GS k 73 data without its code-set selectors, `{{` back to `{`."""
    out = []
    i = 0
    while i < len(data):
        if data[i] == ord("{") and i + 1 < len(data):
            if data[i + 1] == ord("{"):
                out.append("{")
            i += 2  # {A {B {C and the other function codes carry no text
            continue
        out.append(chr(data[i]))
        i += 1
    return "".join(out)


def describe_printer_event(event: PrinterEvent) -> str | None:
    """One readable line for the simulator (None for nothing worth showing)."""
    match event:
        case TextLine(text=""):
            return "[feed]"
        case TextLine(text=text, align=align, width=width, height=height, bold=bold):
            size = f"x{width}" if width == height else f"{width}x{height}"
            return f"[text] {align} {size}{' bold' if bold else ''} {text}"
        case Barcode(symbology=symbology, data=data):
            return f"[barcode {symbology}] {data}"
        case QrCode(data=data, module_size=size, level=level):
            return f"[qr size={size} level={level}] {data}"
        case RasterImage(width_dots=w, height_dots=h, mode=mode, align=align):
            return f"[raster] {align} {w}x{h} dots mode={mode}"
        case Cut(partial=partial, feed=feed):
            return f"[cut]{' partial' if partial else ''}{f' feed={feed}' if feed else ''}"
        case StatusQuery(n=n, reply=reply):
            answer = "(no reply)" if reply is None else f"0x{reply:02X}"
            return f"[status n={n}] → {answer}"
        case Unknown(data=data):
            return f"[unknown] {data.hex(' ')}"
    return None


# --- display --------------------------------------------------------------------------

DISPLAY_COLUMNS = 20


@dataclass(frozen=True)
class DisplayLines:
    upper: str
    lower: str


class DisplayDecoder:
    """The two 20-column lines of a counter display after the bytes it received."""

    def __init__(self, protocol: str = "dmd"):
        if protocol not in ("dmd", "cd5220"):
            raise ValueError(f"display protocol is 'dmd' or 'cd5220': {protocol!r}")
        self.protocol = protocol
        self._buffer = bytearray()
        self.brightness: int | None = None
        self.cursor_visible = True
        self.clear()

    def clear(self) -> None:
        self.cells = [[" "] * DISPLAY_COLUMNS, [" "] * DISPLAY_COLUMNS]
        self.row = self.column = 0

    @property
    def lines(self) -> DisplayLines:
        return DisplayLines("".join(self.cells[0]), "".join(self.cells[1]))

    def feed(self, data: bytes) -> list[Unknown]:
        self._buffer += data
        unknown: list[Unknown] = []
        while self._buffer:
            try:
                used = self._step(unknown)
            except _NeedMore:
                break
            del self._buffer[:used]
        return unknown

    def _need(self, n: int) -> None:
        if len(self._buffer) < n:
            raise _NeedMore

    def _step(self, unknown: list[Unknown]) -> int:
        buf = self._buffer
        first = buf[0]
        if first == 0x0C:
            self.clear()
            return 1
        if first == 0x18:
            self.cells[self.row] = [" "] * DISPLAY_COLUMNS
            self.column = 0
            return 1
        if first == 0x0D:
            self.column = 0
            return 1
        if first == 0x0A:
            self.row = min(1, self.row + 1)
            return 1
        if first == 0x1B:
            self._need(2)
            if buf[1] == ord("@"):
                self.clear()
                return 2
            return self._cd5220(unknown) if self.protocol == "cd5220" else self._dmd_esc(unknown)
        if first == 0x1F and self.protocol == "dmd":
            return self._dmd_us(unknown)
        if first < 0x20:
            unknown.append(Unknown(bytes([first])))
            return 1
        self._put(first)
        return 1

    def _put(self, byte: int) -> None:
        self.cells[self.row][self.column] = decode_display_byte(byte)
        self.column += 1
        if self.column >= DISPLAY_COLUMNS:  # overwrite mode: wrap to the next line
            self.column = 0
            self.row = (self.row + 1) % 2

    def _dmd_esc(self, unknown: list[Unknown]) -> int:
        buf = self._buffer
        if buf[1] in b"tR":
            self._need(3)
            return 3
        unknown.append(Unknown(bytes(buf[:2])))
        return 2

    def _dmd_us(self, unknown: list[Unknown]) -> int:
        buf = self._buffer
        self._need(2)
        command = buf[1]
        if command in (0x01, 0x02, 0x03):
            return 2
        if command == 0x24:
            self._need(4)
            self._move(buf[2], buf[3])
            return 4
        if command in (0x58, 0x45):
            self._need(3)
            if command == 0x58:
                self.brightness = buf[2]
            return 3
        unknown.append(Unknown(bytes(buf[:2])))
        return 2

    def _cd5220(self, unknown: list[Unknown]) -> int:
        buf = self._buffer
        command = buf[1]
        if command == ord("Q"):
            self._need(3)
            end = buf.find(b"\r", 3)
            if end < 0:
                raise _NeedMore
            row = {ord("A"): 0, ord("B"): 1}.get(buf[2])
            if row is None:
                unknown.append(Unknown(bytes(buf[: end + 1])))
            else:
                text = [decode_display_byte(b) for b in buf[3:end]][:DISPLAY_COLUMNS]
                self.cells[row] = text + [" "] * (DISPLAY_COLUMNS - len(text))
            return end + 1
        if command == ord("l"):
            self._need(4)
            self._move(buf[2], buf[3])
            return 4
        if command in b"*_":
            self._need(3)
            if command == ord("*"):
                self.brightness = buf[2]
            else:
                self.cursor_visible = bool(buf[2])
            return 3
        unknown.append(Unknown(bytes(buf[:2])))
        return 2

    def _move(self, x: int, y: int) -> None:
        self.column = min(max(x, 1), DISPLAY_COLUMNS) - 1
        self.row = min(max(y, 1), 2) - 1


def decode_display_byte(byte: int) -> str:
    """ASCII or JIS X 0201 half-width katakana; anything else shows as U+FFFD."""
    if 0x20 <= byte <= 0x7E or 0xA1 <= byte <= 0xDF:
        return bytes([byte]).decode("cp932")
    return "\ufffd"


# --- the devices ----------------------------------------------------------------------


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
            return len(self.received) - 3 * len(self.of_type(StatusQuery))


class FakeDisplay(FakeDevice):
    """A 20×2 counter display speaking the DM-D or CD5220 command set."""

    def __init__(self, protocol: str = "dmd", on_event=None):
        super().__init__(on_event)
        self.decoder = DisplayDecoder(protocol)

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


def describe_display_event(event: object) -> list[str]:
    match event:
        case DisplayLines(upper=upper, lower=lower):
            return [f"[display 1] |{upper}|", f"[display 2] |{lower}|"]
        case Unknown(data=data):
            return [f"[unknown] {data.hex(' ')}"]
    return []
