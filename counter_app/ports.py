"""What the core needs from the world outside it, as small Protocols.

The core never imports a driver: the composition layer (`station/`) binds these ports
to the drivers in `devices/` (and tests to the same drivers talking to fake devices).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Protocol


class Clock(Protocol):
    """Now (in UTC) and the office's business day (see counter_app.clock)."""

    def now(self) -> datetime: ...

    def business_day(self, at: datetime | None = None) -> date: ...


class PrinterState(Protocol):
    """A ticket printer's answer to a status request."""

    @property
    def can_print(self) -> bool: ...

    @property
    def paper_near_end(self) -> bool: ...

    @property
    def problem(self) -> Enum | None: ...


class TicketPrinter(Protocol):
    """The ticket printer of a floor or a window: tickets and receipts, as printer bytes."""

    def status(self) -> PrinterState: ...

    def print_ticket(self, data: bytes) -> None:
        """Print one job; raises when the printer cannot (nothing is sent then)."""

    def close(self) -> None: ...


class CounterDisplay(Protocol):
    """The two-line display above a window."""

    def show(self, upper: str, lower: str = "") -> None: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...
