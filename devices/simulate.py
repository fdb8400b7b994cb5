"""A fake printer or display to print tickets to in demos and training.

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
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from .decoders.display import describe_display_event
from .decoders.printer import describe_printer_event
from .fakes import PRINTER_STATES, FakeDevice, FakeDisplay, FakePrinter


def parse_listen(listen: str) -> tuple[str, int] | None:
    """(host, port) for socket://HOST:PORT, None for "pty"; ValueError otherwise."""
    if listen == "pty":
        return None
    parts = urlsplit(listen)
    if parts.scheme != "socket" or not parts.hostname or parts.port is None:
        raise ValueError(f"listen on socket://HOST:PORT or pty, not {listen!r}")
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
    """Serve a fake `kind` ("printer" or "display") until `quit`, `stop` or Ctrl+C.

    `commands` are the state-switching lines (stdin by default); when they run out the
    simulator keeps serving until `stop` is set or the process is interrupted.
    """
    address = parse_listen(listen)
    lock = threading.Lock()

    def say(line: str) -> None:
        with lock:
            out(line)

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
    stop = stop or threading.Event()
    say(f"[listen] {device.url}")
    if isinstance(device, FakePrinter):
        say(f"[state] {device.state} (type: {' '.join(PRINTER_STATES)}, quit)")
    try:
        for line in commands if commands is not None else sys.stdin:
            if stop.is_set() or not _command(line.strip(), device, say):
                break
        else:
            stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        device.stop()
    return 0


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
