"""Printer status from DLE EOT replies (shared/devices/escpos.md, "Status").

Each reply is one byte of the form 0xx1xx10b. n=1 printer: bit 3 offline. n=2 offline
cause: bit 2 cover open, bit 5 paper-end stop, bit 6 error. n=3 error cause: bit 3
autocutter, bit 5 unrecoverable, bit 6 auto-recoverable. n=4 roll paper: bits 2–3 near
end, bits 5–6 paper end. A missing or malformed reply means the status is
unknown, and an unknown printer is treated as offline: never as "paper OK".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

REPLY_MASK = 0x93  # bits 0, 1, 4 and 7 are fixed in every DLE EOT reply
REPLY_FIXED = 0x12  # 0xx1xx10b

PRINTER_OFFLINE = 0x08  # n=1 bit 3
CAUSE_COVER_OPEN = 0x04  # n=2 bit 2
CAUSE_PAPER_END = 0x20  # n=2 bit 5
CAUSE_ERROR = 0x40  # n=2 bit 6
ERROR_AUTOCUTTER = 0x08  # n=3 bit 3
ERROR_UNRECOVERABLE = 0x20  # n=3 bit 5
ERROR_AUTO_RECOVERABLE = 0x40  # n=3 bit 6
PAPER_NEAR_END = 0x0C  # n=4 bits 2-3
PAPER_END = 0x60  # n=4 bits 5-6


class PrinterProblem(StrEnum):
    """Why a printer cannot print: stable codes the UI turns into its own words."""

    OFFLINE = "offline"  # no reply, or offline without a known cause
    PAPER_END = "paper_end"
    COVER_OPEN = "cover_open"
    ERROR = "error"
    UNREACHABLE = "unreachable"  # the port cannot be opened or written


@dataclass(frozen=True)
class PrinterStatus:
    online: bool
    paper_end: bool
    paper_near_end: bool
    cover_open: bool
    error: bool
    unknown: bool  # no (valid) reply: the printer may be off, unplugged or another device

    @property
    def problem(self) -> PrinterProblem | None:
        """The reason it cannot print, or None when it can (a near end still prints)."""
        if self.unknown:
            return PrinterProblem.OFFLINE
        if self.cover_open:
            return PrinterProblem.COVER_OPEN
        if self.paper_end:
            return PrinterProblem.PAPER_END
        if self.error:
            return PrinterProblem.ERROR
        if not self.online:
            return PrinterProblem.OFFLINE
        return None

    @property
    def can_print(self) -> bool:
        return self.problem is None


UNKNOWN = PrinterStatus(
    online=False,
    paper_end=False,
    paper_near_end=False,
    cover_open=False,
    error=False,
    unknown=True,
)


def is_status_reply(byte: int) -> bool:
    """True for a byte of the form 0xx1xx10b."""
    return byte & REPLY_MASK == REPLY_FIXED


def parse_status(
    printer: int | None, offline_cause: int | None, paper: int | None
) -> PrinterStatus:
    """The status from the replies to DLE EOT 1, 2 and 4 (None: no reply)."""
    replies = (printer, offline_cause, paper)
    if any(reply is None or not is_status_reply(reply) for reply in replies):
        return UNKNOWN
    assert printer is not None and offline_cause is not None and paper is not None
    return PrinterStatus(
        online=not printer & PRINTER_OFFLINE,
        paper_end=bool(offline_cause & CAUSE_PAPER_END or paper & PAPER_END),
        paper_near_end=bool(paper & PAPER_NEAR_END),
        cover_open=bool(offline_cause & CAUSE_COVER_OPEN),
        error=bool(offline_cause & CAUSE_ERROR),
        unknown=False,
    )
