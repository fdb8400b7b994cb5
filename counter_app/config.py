"""Per-PC configuration: one TOML file says which terminal this PC is and where things are.

Lookup order for the file: the `--config` option, then `COUNTER_APP_CONFIG`, then the
platform's user config directory (platformdirs). A missing default file is not an error:
every setting has a default, so the demo needs no configuration at all.
"""

from __future__ import annotations

import os
import re
import socket
import tomllib
from dataclasses import dataclass, field, fields
from datetime import timedelta
from enum import StrEnum
from pathlib import Path

import platformdirs

from .errors import CounterAppError, ErrorCode
from .safe_text import first_unsafe_character
from .security.keyring import KEY_FILE_NAME

APP_NAME = "counter-app"
CONFIG_ENV = "COUNTER_APP_CONFIG"
CONFIG_FILE_NAME = "config.toml"


class TerminalKind(StrEnum):
    """What the PC is used for; it picks the screens offered after login."""

    WINDOW = "window"
    FLOOR = "floor"
    BACK_OFFICE = "back_office"
    HALL_DISPLAY = "hall_display"
    ADMIN = "admin"


class DisplayProtocol(StrEnum):
    EPSON_DMD = "dmd"
    CD5220 = "cd5220"


@dataclass(frozen=True)
class PrinterSettings:
    """`[devices.printer]`: the ticket printer's profile and the figures a site sets over
    it (None: the profile's). The names and figures are checked against the printers'
    facts where the driver is built (station/printer_settings.py)."""

    profile: str = "tm-t20"  # devices/profiles.py: tm-t20 | tm-t88-180 | 58mm
    paper_mm: int | None = None
    printable_dots: int | None = None
    dpi: int | None = None
    baudrate: int | None = None
    parity: str | None = None  # none | even | odd
    handshake: str | None = None  # none | rts-cts | dtr-dsr | xon-xoff
    kanji_rom: bool | None = None
    close_after_job: bool | None = None

    def overrides(self) -> dict:
        """The figures the site set over its profile."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "profile" and getattr(self, f.name) is not None
        }


# The serial line's words as the profiles use them (devices/profiles.py).
PARITIES = ("none", "even", "odd")
HANDSHAKES = ("none", "rts-cts", "dtr-dsr", "xon-xoff")

_PRINTER_TYPES = {
    "profile": str,
    "paper_mm": int,
    "printable_dots": int,
    "dpi": int,
    "baudrate": int,
    "parity": str,
    "handshake": str,
    "kanji_rom": bool,
    "close_after_job": bool,
}


@dataclass(frozen=True)
class DeviceSettings:
    ticket_printer: str | None = None
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    counter_display: str | None = None
    counter_display_protocol: DisplayProtocol = DisplayProtocol.EPSON_DMD
    hall_display_screen: int = 0
    payment_terminal: str | None = None  # "tcp://host:port" (devices/payment.py, our protocol)


@dataclass(frozen=True)
class Config:
    terminal_name: str = field(default_factory=lambda: socket.gethostname() or "counter-pc")
    terminal_kind: TerminalKind = TerminalKind.WINDOW
    window_number: int | None = None
    department: str | None = None
    database_url: str | None = None
    language: str = "ja"
    idle_lock_minutes: int = 5
    devices: DeviceSettings = field(default_factory=DeviceSettings)
    catalog_dir: Path | None = None  # None: the catalog shipped in resources/catalog
    changes_keep_days: int = 7  # how long the change feed keeps a change (see changes.prune_if_due)
    key_file: Path | None = None  # None: counter-app.key in the user data directory
    source: Path | None = None

    @property
    def effective_database_url(self) -> str:
        return self.database_url or default_database_url()

    @property
    def effective_key_file(self) -> Path:
        return self.key_file or default_data_dir() / KEY_FILE_NAME

    @property
    def changes_keep(self) -> timedelta:
        return timedelta(days=self.changes_keep_days)


def default_config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILE_NAME


def default_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_url() -> str:
    return f"sqlite:///{default_data_dir() / 'counter-app.sqlite3'}"


def resolve_config_path(explicit: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The file to read and whether the user named it (a named file must exist)."""
    if explicit:
        return Path(explicit), True
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env), True
    return default_config_path(), False


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    path, named = resolve_config_path(explicit)
    if not path.exists():
        if named:
            raise CounterAppError(ErrorCode.CONFIG_NOT_FOUND, path=path)
        return Config()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CounterAppError(
            ErrorCode.CONFIG_MALFORMED, path=path, line="?", column="?", detail="not UTF-8"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        detail, line, column = _toml_error_parts(exc)
        raise CounterAppError(
            ErrorCode.CONFIG_MALFORMED, path=path, line=line, column=column, detail=detail
        ) from exc
    return parse_config(raw, path)


_TOML_POSITION = re.compile(
    r"^(?P<detail>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$"
)


def _toml_error_parts(exc: tomllib.TOMLDecodeError) -> tuple[str, str, str]:
    """Python 3.11 puts the position only in the text: split it out."""
    match = _TOML_POSITION.match(str(exc))
    if match:
        return match["detail"], match["line"], match["column"]
    return str(exc), "?", "?"


_SECTIONS = {
    "terminal": {"name", "kind", "window_number", "department"},
    "database": {"url"},
    "ui": {"language", "idle_lock_minutes"},
    "devices": {f.name for f in fields(DeviceSettings)},
    "catalog": {"dir"},
    "changes": {"keep_days"},
    "security": {"key_file"},
}


# The range of each number a real site needs; anything outside is a typing mistake (and
# idle_lock_minutes = 40000 would overflow the screens' timer).
SETTING_RANGES: dict[str, tuple[int, int]] = {
    "ui.idle_lock_minutes": (0, 720),  # 0 never locks … 12 hours, the longest opening day
    "terminal.window_number": (1, 999),  # displays and tickets show at most 3 digits
    "devices.hall_display_screen": (0, 15),  # a monitor of this PC
    "devices.printer.paper_mm": (58, 80),
    "devices.printer.printable_dots": (200, 640),
    "devices.printer.dpi": (180, 203),
    "devices.printer.baudrate": (1200, 115200),
    "changes.keep_days": (1, 365),
}

# The longest each text setting may be. Control and format characters are refused in all
# of them: they would reach the logs, the screens and the device drivers as they are.
_TEXT_LIMITS: dict[str, int] = {
    "terminal.name": 64,  # the terminals table and every log keep 64 characters
    "terminal.kind": 32,
    "terminal.department": 32,  # a department id
    "database.url": 2048,
    "ui.language": 8,
    "devices.ticket_printer": 1024,
    "devices.counter_display": 1024,
    "devices.counter_display_protocol": 32,
    "devices.printer.profile": 32,
    "devices.printer.parity": 8,
    "devices.printer.handshake": 16,
    "devices.payment_terminal": 270,  # tcp:// + a 253-character host name + :65535
    "catalog.dir": 4096,  # PATH_MAX
    "security.key_file": 4096,
}
_DEFAULT_TEXT_LIMIT = 1024


def _checked(value: object, label: str, path: Path | None) -> None:
    if isinstance(value, int) and label in SETTING_RANGES:
        low, high = SETTING_RANGES[label]
        if not low <= value <= high:
            raise CounterAppError(
                ErrorCode.CONFIG_OUT_OF_RANGE, path=path, key=label, value=value, low=low, high=high
            )
    if isinstance(value, str):
        limit = _TEXT_LIMITS.get(label, _DEFAULT_TEXT_LIMIT)
        if len(value) > limit:
            raise CounterAppError(
                ErrorCode.CONFIG_TEXT_TOO_LONG, path=path, key=label, length=len(value), limit=limit
            )
        unsafe = first_unsafe_character(value)
        if unsafe is not None:
            position, character = unsafe
            raise CounterAppError(
                ErrorCode.CONFIG_CONTROL_CHARACTER,
                path=path,
                key=label,
                character=character,
                position=position,
            )


def parse_config(raw: dict, path: Path | None = None) -> Config:
    def invalid(key: str, detail: str) -> CounterAppError:
        return CounterAppError(ErrorCode.CONFIG_INVALID, path=path, key=key, detail=detail)

    for section, value in raw.items():
        if section not in _SECTIONS:
            raise invalid(section, "unknown section / 不明なセクション")
        if not isinstance(value, dict):
            raise invalid(section, "must be a table / [テーブル] で書いてください")
        for key in value:
            if key not in _SECTIONS[section]:
                raise invalid(f"{section}.{key}", "unknown key / 不明な項目")

    terminal = raw.get("terminal", {})
    database = raw.get("database", {})
    ui = raw.get("ui", {})
    devices = raw.get("devices", {})
    catalog = raw.get("catalog", {})
    changes = raw.get("changes", {})
    security = raw.get("security", {})

    def typed(section: dict, key: str, kind: type, label: str):
        value = section.get(key)
        if (value is not None and not isinstance(value, kind)) or (
            isinstance(value, bool) and kind is int
        ):
            if kind is dict:
                raise invalid(label, "must be a table / [テーブル] で書いてください")
            raise invalid(label, f"expected {kind.__name__} / {kind.__name__} で書いてください")
        _checked(value, label, path)
        return value

    def enum_value(enum: type[StrEnum], value: str | None, label: str, default):
        if value is None:
            return default
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(member.value for member in enum)
            raise invalid(label, f"one of {choices} / 次のいずれか: {choices}") from None

    language = typed(ui, "language", str, "ui.language") or "ja"
    if language not in ("ja", "en"):
        raise invalid("ui.language", "ja or en / ja か en")
    idle = typed(ui, "idle_lock_minutes", int, "ui.idle_lock_minutes")
    window_number = typed(terminal, "window_number", int, "terminal.window_number")
    url = typed(database, "url", str, "database.url")
    screen = typed(devices, "hall_display_screen", int, "devices.hall_display_screen")
    keep_days = typed(changes, "keep_days", int, "changes.keep_days")
    payment_terminal = typed(devices, "payment_terminal", str, "devices.payment_terminal")
    if payment_terminal is not None and not _is_terminal_url(payment_terminal):
        raise invalid(
            "devices.payment_terminal",
            "tcp://HOST:PORT (port 1-65535) / tcp://ホスト:ポート（ポートは1〜65535）で書いてください",
        )

    printer = typed(devices, "printer", dict, "devices.printer") or {}
    for key in printer:
        if key not in _PRINTER_TYPES:
            raise invalid(f"devices.printer.{key}", "unknown key / 不明な項目")
    printer_settings = PrinterSettings(
        **{
            key: typed(printer, key, kind, f"devices.printer.{key}")
            for key, kind in _PRINTER_TYPES.items()
            if key in printer
        }
    )
    for key, choices in (("parity", PARITIES), ("handshake", HANDSHAKES)):
        value = getattr(printer_settings, key)
        if value is not None and value not in choices:
            listed = ", ".join(choices)
            raise invalid(f"devices.printer.{key}", f"one of {listed} / 次のいずれか: {listed}")

    defaults = Config()
    return Config(
        terminal_name=typed(terminal, "name", str, "terminal.name") or defaults.terminal_name,
        terminal_kind=enum_value(
            TerminalKind,
            typed(terminal, "kind", str, "terminal.kind"),
            "terminal.kind",
            TerminalKind.WINDOW,
        ),
        window_number=window_number,
        department=typed(terminal, "department", str, "terminal.department"),
        database_url=url,
        language=language,
        idle_lock_minutes=5 if idle is None else idle,
        devices=DeviceSettings(
            ticket_printer=typed(devices, "ticket_printer", str, "devices.ticket_printer"),
            printer=printer_settings,
            counter_display=typed(devices, "counter_display", str, "devices.counter_display"),
            counter_display_protocol=enum_value(
                DisplayProtocol,
                typed(devices, "counter_display_protocol", str, "devices.counter_display_protocol"),
                "devices.counter_display_protocol",
                DisplayProtocol.EPSON_DMD,
            ),
            hall_display_screen=0 if screen is None else screen,
            payment_terminal=payment_terminal,
        ),
        catalog_dir=_relative_to(typed(catalog, "dir", str, "catalog.dir"), path),
        changes_keep_days=defaults.changes_keep_days if keep_days is None else keep_days,
        key_file=_relative_to(typed(security, "key_file", str, "security.key_file"), path),
        source=path,
    )


_TERMINAL_URL = re.compile(
    r"tcp://(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\]):(?P<port>[0-9]{1,5})"
)


def _is_terminal_url(value: str) -> bool:
    """Whether `value` reads tcp://HOST:PORT with a port of 1-65535 (the driver in
    devices/payment.py parses it again when it connects)."""
    match = _TERMINAL_URL.fullmatch(value)
    return match is not None and 1 <= int(match["port"]) <= 65535


def _relative_to(value: str | None, config_path: Path | None) -> Path | None:
    """A relative path is taken from the configuration file's folder."""
    if value is None:
        return None
    folder = Path(value).expanduser()
    if not folder.is_absolute() and config_path is not None:
        folder = config_path.parent / folder
    return folder


EXAMPLE_CONFIG = """\
# counter-app: settings for this PC. Every key is optional.
[terminal]
name = "MADO-01"            # shown in the audit log and on screens
kind = "window"             # window | floor | back_office | hall_display | admin
window_number = 1           # the window this PC serves (window terminals), 1-999
# department = "hoken_nenkin" # back-office terminals: the department's id

[database]
# Leave out for the embedded SQLite file in the user data directory.
# url = "postgresql+psycopg://counter:secret@db-server.city.local/counter"

[ui]
language = "ja"             # ja | en
idle_lock_minutes = 5       # 0 never locks; at most 720 (12 hours)

[catalog]
# The city's own procedure catalog (a copy of resources/catalog, edited); leave out for
# the shipped one. Check it with `counter-app catalog check DIR` before pointing here.
# dir = "/etc/counter-app/catalog"

[changes]
# Days the shared change feed keeps a change; older ones are deleted when a PC starts.
# keep_days = 7             # 1-365

[security]
# The key file that seals My Numbers and signs the audit logs (docs/security.md). Every PC
# on one database needs a copy of the same file; leave out for counter-app.key in the
# user data directory, made on first use for a new database.
# key_file = "/etc/counter-app/counter-app.key"

[devices]
# ticket_printer = "socket://192.168.10.20:9100"   # or /dev/ttyUSB0, rfc2217://host:port
# counter_display = "/dev/ttyUSB1"
# counter_display_protocol = "dmd"                 # dmd (Epson DM-D) | cd5220
# hall_display_screen = 1                          # the monitor, 0-15
# payment_terminal = "tcp://192.168.10.30:7000"    # cashless terminal (our own protocol:
#                                                  # devices/payment.py; no vendor's)

[devices.printer]
# The ticket printer (README "Ticket printers": how to read these off its self-test page).
# profile = "tm-t20"        # tm-t20 (80 mm, 203 dpi) | tm-t88-180 (80 mm, 180 dpi) | 58mm
# Figures set over the profile's, each optional:
# paper_mm = 80             # 58 | 80
# printable_dots = 576      # the print head's width: 576 (72 mm at 203 dpi), 512, 384 …
# dpi = 203                 # 180 | 203
# baudrate = 9600           # serial printers: the speed on the self-test page
# parity = "none"           # none | even | odd
# handshake = "none"        # none | rts-cts | dtr-dsr | xon-xoff
# kanji_rom = true          # false: the printer has no kanji font, every line is an image
# close_after_job = false   # true: a network interface that takes one client at a time
"""
