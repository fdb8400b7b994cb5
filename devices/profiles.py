"""Printer profiles: what a driver must know of a receipt printer to lay a ticket out on
its paper and to open its port.

    profile = printer_profile("tm-t88-180")     # a built-in profile, by name
    profile = replace(profile, baudrate=38400)  # a city's own settings over it
    profile.columns                             # font A characters on a line (12 dots each)

A profile says the paper (80 or 58 mm), the print head's printable width in dots and its
resolution, the serial line (speed, parity, handshake), whether the ROM holds kanji
(else every line is sent as a raster image) and whether a network interface takes one
client at a time (the port is then closed after each job). The built-in profiles come
from the printers' manuals (README, "Ticket printers").

A ticket keeps to 900 bytes on every printer with a kanji ROM: that leaves a 9600 bps
line in under a second (shared/devices/escpos.md), the time a resident waits at the
dispenser, and one categories file then prints on every printer of the office. A printer
without kanji gets every line as an image (about 7 KB a ticket): it can print tickets
only on a line that carries that in about a second, the network (`network`, set from a
socket:// address) or a serial line at 115200 bps.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

FONT_A_DOTS = 12  # font A is 12 × 24 dots on every ESC/POS printer the profiles cover
TICKET_BYTES_AT_9600 = 900  # about 0.94 s on a 9600 bps line (10 bits a byte)
NETWORK_TICKET_BYTES = 16_384  # a ticket all of images is about 7 KB; this stops a runaway


class Handshake(StrEnum):
    NONE = "none"
    RTS_CTS = "rts-cts"
    DTR_DSR = "dtr-dsr"
    XON_XOFF = "xon-xoff"


class Parity(StrEnum):
    NONE = "none"
    EVEN = "even"
    ODD = "odd"


_PYSERIAL_PARITY = {Parity.NONE: "N", Parity.EVEN: "E", Parity.ODD: "O"}  # serial.PARITY_*
BAUDRATES = (2400, 4800, 9600, 19200, 38400, 57600, 115200)
PAPER_WIDTHS_MM = (58, 80)
DPIS = (180, 203)


@dataclass(frozen=True)
class PrinterProfile:
    name: str
    paper_mm: int = 80
    printable_dots: int = 576
    dpi: int = 203
    baudrate: int = 9600
    parity: Parity = Parity.NONE
    handshake: Handshake = Handshake.NONE
    kanji_rom: bool = True
    close_after_job: bool = False
    network: bool = False  # a socket:// printer: the serial line's speed does not apply

    def __post_init__(self) -> None:
        object.__setattr__(self, "parity", Parity(self.parity))
        object.__setattr__(self, "handshake", Handshake(self.handshake))
        problems = profile_problems(self)
        if problems:
            raise ValueError(f"printer profile {self.name!r}: " + "; ".join(problems))

    @property
    def columns(self) -> int:
        """Font A characters (half-width) on one line at 1×."""
        return self.printable_dots // FONT_A_DOTS

    @property
    def printable_mm(self) -> float:
        return self.printable_dots * 25.4 / self.dpi

    @property
    def max_ticket_bytes(self) -> int:
        """The largest ticket this printer is sent (see the module's docstring)."""
        if self.kanji_rom:
            return TICKET_BYTES_AT_9600
        if self.network:
            return NETWORK_TICKET_BYTES
        return _bytes_in_a_second(self.baudrate)

    def link_settings(self) -> dict:
        """The serial line as transport.open_port takes it (a network port ignores it)."""
        return {
            "baudrate": self.baudrate,
            "parity": _PYSERIAL_PARITY[self.parity],
            "rtscts": self.handshake is Handshake.RTS_CTS,
            "dsrdtr": self.handshake is Handshake.DTR_DSR,
            "xonxoff": self.handshake is Handshake.XON_XOFF,
        }

    def describe(self) -> str:
        """One line for `counter-app devices check`."""
        return (
            f"{self.name}: {self.paper_mm} mm, {self.printable_dots} dots at {self.dpi} dpi "
            f"({self.columns} columns), {self.baudrate} bps {self.parity.value} parity, "
            f"handshake {self.handshake.value}, kanji ROM {'yes' if self.kanji_rom else 'no'}, "
            f"port {'closed after each job' if self.close_after_job else 'kept open'}, "
            f"tickets up to {self.max_ticket_bytes} bytes"
        )


def profile_problems(profile: PrinterProfile) -> list[str]:
    """What is wrong with a profile's values (empty: nothing)."""
    problems = []
    if profile.paper_mm not in PAPER_WIDTHS_MM:
        problems.append(f"paper_mm is 58 or 80, not {profile.paper_mm}")
    if profile.dpi not in DPIS:
        problems.append(f"dpi is 180 or 203, not {profile.dpi}")
    widest = round((profile.paper_mm - 4) * profile.dpi / 25.4)  # 2 mm margins at least
    if not 200 <= profile.printable_dots <= widest:
        problems.append(
            f"printable_dots {profile.printable_dots} does not fit {profile.paper_mm} mm paper "
            f"at {profile.dpi} dpi (200 to {widest})"
        )
    if profile.baudrate not in BAUDRATES:
        problems.append(f"baudrate is one of {', '.join(map(str, BAUDRATES))}")
    return problems


# The built-in profiles (README "Ticket printers" gives the manual behind each figure).
TM_T20 = PrinterProfile("tm-t20")  # 80 mm, 203 dpi, 72 mm = 576 dots: also Star, Citizen
TM_T88_180 = PrinterProfile("tm-t88-180", printable_dots=512, dpi=180)  # 72.2 mm = 512 dots
PAPER_58 = PrinterProfile("58mm", paper_mm=58, printable_dots=384)  # 48 mm = 384 dots
BUILT_IN = {profile.name: profile for profile in (TM_T20, TM_T88_180, PAPER_58)}
DEFAULT = TM_T20

SETTINGS = tuple(f.name for f in fields(PrinterProfile) if f.name not in ("name", "network"))


def is_network_address(url: str) -> bool:
    """A raw TCP printer (socket://host:9100); rfc2217:// is a serial line over the network."""
    return url.startswith("socket://")


def slowest_baudrate_for(size: int) -> int | None:
    """The lowest serial speed at which a ticket of `size` bytes leaves in about a second
    (None: none is fast enough): for a printer without kanji."""
    return next((rate for rate in BAUDRATES if _bytes_in_a_second(rate) >= size), None)


def _bytes_in_a_second(baudrate: int) -> int:
    return baudrate * TICKET_BYTES_AT_9600 // 9600


def printer_profile(name: str) -> PrinterProfile:
    """A built-in profile by name; ValueError naming the known ones otherwise."""
    try:
        return BUILT_IN[name]
    except KeyError:
        known = ", ".join(BUILT_IN)
        raise ValueError(f"unknown printer profile {name!r} (known: {known})") from None
