"""The ticket printer's profile in force on this PC: `[devices.printer]` (a built-in
profile and the figures a site sets over it, counter_app.config.PrinterSettings) made
into the driver's devices.profiles.PrinterProfile, checked against the printers' facts.
Whether the printer is on the network comes from its address (`[devices] ticket_printer`).

A wrong name or an impossible figure is CONFIG_INVALID naming the setting, at start-up
and in `counter-app devices check`, never a printer that prints out of its paper.
"""

from __future__ import annotations

from dataclasses import replace

from counter_app.config import DeviceSettings
from counter_app.errors import CounterAppError, ErrorCode
from devices.profiles import PrinterProfile, is_network_address, printer_profile


def configured_profile(devices: DeviceSettings, source=None) -> PrinterProfile:
    """The profile `[devices.printer]` describes; CounterAppError(CONFIG_INVALID) if it
    names no profile or its figures do not fit together (58 mm paper with 576 dots …)."""
    settings = devices.printer
    try:
        base = printer_profile(settings.profile)
    except ValueError as error:
        raise _invalid("devices.printer.profile", error, source) from None
    network = is_network_address(devices.ticket_printer or "")
    overrides = settings.overrides()
    if not overrides:
        return replace(base, network=network)
    try:
        named = f"{base.name} (+ {', '.join(overrides)})"
        return replace(base, name=named, network=network, **overrides)
    except ValueError as error:
        raise _invalid("devices.printer", error, source) from None


def _invalid(key: str, error: ValueError, source) -> CounterAppError:
    return CounterAppError(ErrorCode.CONFIG_INVALID, path=source, key=key, detail=str(error))
