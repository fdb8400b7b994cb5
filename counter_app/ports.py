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


class CashlessResult(Protocol):
    """A payment terminal's answer to a charge."""

    @property
    def approved(self) -> bool: ...

    @property
    def method(self) -> str:
        """How the resident paid, as the terminal names it (credit, ic, qr …)."""

    @property
    def reference(self) -> str:
        """The terminal's transaction id (kept with the payment; never card data)."""

    @property
    def message(self) -> str:
        """Why it was declined or failed, as the terminal says it ("" when approved)."""


class PaymentTerminal(Protocol):
    """The window's cashless payment terminal (or register): charges an amount, answers
    approved or declined. No real terminal protocol is claimed; devices/ has a fake."""

    def charge(self, amount_yen: int, order: str) -> CashlessResult:
        """Charge `amount_yen` for `order` (the receipt number); raises when the terminal
        cannot be reached (nothing was charged then)."""

    def close(self) -> None: ...
