"""`counter-app devices check`: the status of each device this PC is configured with.

    ticket_printer socket://192.168.10.20:9100: online
    ticket_printer profile tm-t20: 80 mm, 576 dots at 203 dpi (48 columns), 9600 bps …
    counter_display /dev/ttyUSB1 (dmd): ok

Exit status 0 when every configured device answers and can work, 1 otherwise. No Qt.
"""

from __future__ import annotations

import argparse

from counter_app.cli.common import guarded, language_of
from counter_app.cli.terminal import echo
from counter_app.config import Config
from devices.displays import CounterDisplay, DisplayError
from devices.printer import PrinterError, TicketPrinter
from devices.profiles import DEFAULT, PrinterProfile

from ..printer_settings import configured_profile

_WORDS = {
    "ja": {
        "none": "設定された機器がありません（[devices] ticket_printer / counter_display）",
        "online": "印刷できます",
        "near_end": "印刷できます（用紙ニアエンド）",
        "offline": "応答がありません（オフライン）",
        "paper_end": "用紙切れ",
        "cover_open": "カバーが開いています",
        "error": "エラー",
        "unreachable": "接続できません",
        "display_ok": "表示できます",
        "profile": "プロファイル",
    },
    "en": {
        "none": "no device is configured ([devices] ticket_printer / counter_display)",
        "online": "online",
        "near_end": "online (paper near end)",
        "offline": "no answer (offline)",
        "paper_end": "paper end",
        "cover_open": "cover open",
        "error": "error",
        "unreachable": "cannot connect",
        "display_ok": "ok",
        "profile": "profile",
    },
}


def register(subparsers, common) -> None:
    devices = subparsers.add_parser("devices", parents=[common], help="機器 / devices")
    actions = devices.add_subparsers(dest="devices_command", required=True)
    check = actions.add_parser(
        "check", parents=[common], help="機器の状態を確かめる / report each device's status"
    )
    check.set_defaults(handler=guarded(run_check))


def printer_state(url: str, profile: PrinterProfile = DEFAULT) -> str:
    try:
        with TicketPrinter(url, profile=profile) as printer:
            status = printer.status()
    except PrinterError as error:
        return str(error.kind)
    if status.can_print:
        return "near_end" if status.paper_near_end else "online"
    return str(status.problem)


def display_state(url: str, protocol: str) -> str:
    try:
        display = CounterDisplay(url, protocol)
        try:
            display.clear()
        finally:
            display.close()
    except DisplayError:
        return "unreachable"
    return "display_ok"


def run_check(args: argparse.Namespace, config: Config) -> int:
    words = _WORDS.get(language_of(args, config), _WORDS["ja"])
    devices = config.devices
    if not devices.ticket_printer and not devices.counter_display:
        echo(words["none"])
        return 1
    healthy = True
    if devices.ticket_printer:
        profile = configured_profile(devices, config.source)
        state = printer_state(devices.ticket_printer, profile)
        healthy &= state in ("online", "near_end")
        echo(f"ticket_printer {devices.ticket_printer}: {words.get(state, state)}")
        echo(f"ticket_printer {words['profile']} {profile.describe()}")
    if devices.counter_display:
        protocol = devices.counter_display_protocol.value
        state = display_state(devices.counter_display, protocol)
        healthy &= state == "display_ok"
        echo(f"counter_display {devices.counter_display} ({protocol}): {words[state]}")
    return 0 if healthy else 1
