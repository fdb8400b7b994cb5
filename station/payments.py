"""This PC's cashless payment terminal, bound to the core's port (counter_app.ports).

The driver (devices/payment.py) speaks a small JSON-lines protocol of our own over TCP;
no vendor's protocol is claimed. A city's real terminal sits behind a gateway that speaks
it, or the fake terminal (devices/payment_fake.py) stands in for demos and training.
"""

from __future__ import annotations

from counter_app.config import Config
from counter_app.ports import PaymentTerminal
from devices.payment import PaymentTerminalClient


def open_payment_terminal(config: Config, url: str | None = None) -> PaymentTerminal | None:
    """The terminal at `url` (default: `[devices] payment_terminal`), or None without one."""
    url = url or config.devices.payment_terminal
    return PaymentTerminalClient(url) if url else None
