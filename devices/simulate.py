"""A fake printer, display or payment terminal for demos and training.

`run_simulator("printer", "socket://127.0.0.1:9100")` serves until interrupted and
prints what arrives as readable lines:

    [listen] socket://127.0.0.1:9100
    [status n=1] → 0x12
    [text] center x6 bold A-012
    [barcode CODE128] T-20261201-A-012
    [cut]

Lines typed on stdin switch the printer's state: normal, near_end, paper_end,
cover_open, error, offline (no reply to status queries); `quit` ends.
`listen` is socket://HOST:PORT (PORT 0 picks a free port) or `pty` (a pseudo-terminal;
the path to open is printed).

`run_simulator("payment", "tcp://127.0.0.1:7000")` serves the fake payment terminal
(devices/payment_fake.py) and prints each charge and its answer; stdin switches its mode:
approve, decline, silent, garbled.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from .decoders.display import describe_display_event
from .decoders.printer import describe_printer_event
from .fakes import PRINTER_STATES, FakeDevice, FakeDisplay, FakePrinter
from .payment_fake import MODES as PAYMENT_MODES
from .payment_fake import FakePaymentTerminal


def parse_listen(listen: str, kind: str = "printer") -> tuple[str, int] | None:
    """(host, port) for socket://HOST:PORT (tcp://HOST:PORT for a payment terminal),
    None for "pty" (printers and displays); ValueError otherwise."""
    scheme = "tcp" if kind == "payment" else "socket"
    if listen == "pty" and kind != "payment":
        return None
    parts = urlsplit(listen)
    if parts.scheme != scheme or not parts.hostname or parts.port is None:
        also = "" if kind == "payment" else " or pty"
        raise ValueError(f"listen on {scheme}://HOST:PORT{also}, not {listen!r}")
    return parts.hostname, parts.port


def run_simulator(
    kind: str,
    listen: str,
    *,
    protocol: str = "dmd",
    out: Callable[[str], None] = print,
    commands: Iterable[str] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve a fake `kind` ("printer", "display" or "payment") until `quit`, `stop` or
    Ctrl+C.

    `commands` are the state-switching lines (stdin by default); when they run out the
    simulator keeps serving until `stop` is set or the process is interrupted.
    """
    address = parse_listen(listen, kind)
    lock = threading.Lock()

    def say(line: str) -> None:
        with lock:
            out(line)

    if kind == "payment":
        assert address is not None
        terminal = FakePaymentTerminal(on_event=say).start(*address)
        say(f"[listen] {terminal.url}")
        say(f"[mode] {terminal.mode} (type: {' '.join(PAYMENT_MODES)}, quit)")
        return _serve(terminal, commands, stop, lambda word: _payment_command(word, terminal, say))

    device: FakeDevice
    if kind == "printer":
        device = FakePrinter(on_event=lambda e: _say_printer(say, e))
    elif kind == "display":
        device = FakeDisplay(protocol, on_event=lambda e: _say_display(say, e))
    else:
        raise ValueError(f"simulate printer or display, not {kind!r}")
    if address is None:
        device.start_pty()
    else:
        device.start_socket(*address)
    say(f"[listen] {device.url}")
    if isinstance(device, FakePrinter):
        say(f"[state] {device.state} (type: {' '.join(PRINTER_STATES)}, quit)")
    return _serve(device, commands, stop, lambda word: _command(word, device, say))


def _serve(
    device: FakeDevice | FakePaymentTerminal,
    commands: Iterable[str] | None,
    stop: threading.Event | None,
    command: Callable[[str], bool],
) -> int:
    """Apply the command lines until one says stop, then keep serving until `stop`."""
    stop = stop or threading.Event()
    try:
        for line in commands if commands is not None else sys.stdin:
            if stop.is_set() or not command(line.strip()):
                break
        else:
            stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        device.stop()
    return 0


def _payment_command(word: str, terminal: FakePaymentTerminal, say: Callable[[str], None]) -> bool:
    if not word:
        return True
    if word in ("quit", "exit"):
        return False
    if word in PAYMENT_MODES:
        terminal.mode = word
        say(f"[mode] {word}")
    else:
        say(f"[?] unknown command {word!r}; type {' '.join(PAYMENT_MODES)} quit")
    return True


def _command(word: str, device: FakeDevice, say: Callable[[str], None]) -> bool:
    """Apply one stdin line; False to stop."""
    if not word:
        return True
    if word in ("quit", "exit"):
        return False
    if isinstance(device, FakePrinter) and word in PRINTER_STATES:
        device.state = word
        say(f"[state] {word}")
    else:
        choices = " ".join(PRINTER_STATES) if isinstance(device, FakePrinter) else ""
        say(f"[?] unknown command {word!r}; type {choices + ' ' if choices else ''}quit")
    return True


def _say_printer(say: Callable[[str], None], event: object) -> None:
    line = describe_printer_event(event)
    if line is not None:
        say(line)


def _say_display(say: Callable[[str], None], event: object) -> None:
    for line in describe_display_event(event):
        say(line)
