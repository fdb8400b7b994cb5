"""Counter displays (20 columns × 2 lines over serial): Epson DM-D and CD5220 command sets.

They show ASCII and JIS X 0201 half-width katakana only (shared/devices/escpos.md), so
every text goes through `to_halfwidth_katakana` and is sent as single cp932 bytes:

    display = CounterDisplay("/dev/ttyUSB1", "cd5220")
    display.show("ﾊﾞﾝｺﾞｳ A012", "3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ")      # or "バンゴウ A012": converted
    display.close()

Which command set a device speaks is data (PROTOCOLS), chosen per device.

Katakana need the display's Japanese (JIS X 0201) character table, which a display selects
at power-on from its DIP switches and forgets when it is power-cycled. So every `show`
selects it again (DM-D: ESC t 1; CD5220: CLR, ESC f J, ESC c J), and `CounterDisplay`
re-sends the whole set-up on the connection it reopens after a failed write.
"""

from __future__ import annotations

import logging
import unicodedata

import serial

from . import escpos
from .ascii import CAN, CR, ESC, FF, US
from .transport import Port, open_port

log = logging.getLogger(__name__)

COLUMNS = 20
ROWS = 2


class DisplayTextError(ValueError):
    """Text a counter display cannot show: a character outside ASCII and kana, or too long."""


# --- text -----------------------------------------------------------------------------

# Kana with no half-width form, replaced by the nearest one (documented, never "?"):
# small ヮ ヵ ヶ become full-size ﾜ ｶ ｹ, the archaic ヰ ヱ become ｲ ｴ.
KANA_REPLACEMENTS = {"ヮ": "ﾜ", "ヵ": "ｶ", "ヶ": "ｹ", "ヰ": "ｲ", "ヱ": "ｴ"}
# 0x5C and 0x7E are \ and ~ or ¥ and ‾ depending on the display's international set
# (a DIP switch): refused rather than shown as either.
AMBIGUOUS_ASCII = frozenset("\\~")
DAKUTEN = {"\u3099": "ﾞ", "\u309a": "ﾟ", "゛": "ﾞ", "゜": "ﾟ"}


def _halfwidth_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):  # ｡ to ﾟ: each one's full-width form via NFKC
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
    for code in range(0xFF01, 0xFF5F):  # ！ to ～ → ASCII
        table[chr(code)] = chr(code - 0xFEE0)
    table["\u3000"] = " "
    table["ー"] = "ｰ"
    table.update(KANA_REPLACEMENTS)
    table.update(DAKUTEN)
    return table


HALFWIDTH = _halfwidth_table()


def to_halfwidth_katakana(text: str) -> str:
    """Full-width katakana, hiragana, ASCII and punctuation as JIS X 0201 half-width.

    ガ → ｶﾞ, ぱ → ﾊﾟ, ヴ → ｳﾞ, Ａ１ → A1, 、。「」・ー → ､｡｢｣･ｰ. Kanji, ¥ and other
    characters a counter display lacks raise DisplayTextError naming them, and so do \\ ~ ＼ ～
    (their glyph depends on the display's international set).
    """
    out: list[str] = []
    bad: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if "ぁ" <= char <= "ゖ":
            char = chr(ord(char) + 0x60)  # hiragana → katakana
        plain = " " <= char <= "~" or "\uff61" <= char <= "\uff9f"  # ASCII, half-width kana
        half = char if plain else HALFWIDTH.get(char)
        if half is None or half in AMBIGUOUS_ASCII:
            if char not in bad:
                bad.append(char)
        else:
            out.append(half)
    if bad:
        names = " ".join(f"{c} (U+{ord(c):04X})" for c in bad)
        raise DisplayTextError(f"a counter display cannot show {names} in {text!r}")
    return "".join(out)


def display_bytes(text: str, columns: int = COLUMNS) -> bytes:
    """One display line: converted, padded to `columns`, as JIS X 0201 bytes."""
    half = to_halfwidth_katakana(text)
    if len(half) > columns:
        raise DisplayTextError(f"{half!r} is {len(half)} columns, the display has {columns}")
    return half.ljust(columns).encode("cp932")


# --- command sets ---------------------------------------------------------------------


def _level(n: int, low: int, high: int, what: str) -> bytes:
    if not low <= n <= high:
        raise ValueError(f"{what} is {low}–{high}: {n}")
    return bytes([n])


class _SharedCommands:
    """The commands both sets share (ESC @, FF, CAN)."""

    INITIALIZE = escpos.INITIALIZE  # ESC @, as on ESC/POS printers
    CLEAR = FF
    CLEAR_LINE = CAN

    @classmethod
    def initialize(cls) -> bytes:
        """ESC @: clear the screen, cursor home (1B 40)."""
        return cls.INITIALIZE

    @classmethod
    def clear(cls) -> bytes:
        return cls.CLEAR

    @classmethod
    def clear_line(cls) -> bytes:
        return cls.CLEAR_LINE


class DmdDisplay(_SharedCommands):
    """Epson DM-D command set (POSX XP8200 §4.1.2; Epson P07303 §7.8; DM-D110 p.49).

    ESC t n and ESC R n are the ESC/POS printers' commands and numbers (escpos.py):
    table 1 Katakana, set 8 Japan. Every `show` starts with ESC t 1 (3 bytes): a DM-D
    power-cycled while its serial line stays connected starts again with the table its
    DIP switches select, and nothing tells the driver so.
    """

    SELECT_CHARACTER_TABLE = escpos.SELECT_CHARACTER_TABLE  # ESC t n, as on ESC/POS printers
    SELECT_INTERNATIONAL_SET = escpos.SELECT_INTERNATIONAL_SET  # ESC R n
    MOVE_CURSOR = US + b"$"  # + x y
    BRIGHTNESS = US + b"X"  # + n
    BLINK = US + b"E"  # + n
    OVERWRITE_MODE = US + b"\x01"
    VERTICAL_SCROLL_MODE = US + b"\x02"
    HORIZONTAL_SCROLL_MODE = US + b"\x03"

    @classmethod
    def select_katakana(cls) -> bytes:
        """ESC t 1: the Katakana character table (1B 74 01), as on ESC/POS printers."""
        return cls.SELECT_CHARACTER_TABLE + bytes([escpos.KATAKANA_TABLE])

    @classmethod
    def select_japan(cls) -> bytes:
        """ESC R 8: the Japanese international set (1B 52 08), as on ESC/POS printers."""
        return cls.SELECT_INTERNATIONAL_SET + bytes([escpos.INTERNATIONAL_JAPAN])

    @classmethod
    def move_cursor(cls, column: int, row: int) -> bytes:
        """US $ x y (1F 24 x y), x 1–20, y 1–2."""
        return cls.MOVE_CURSOR + _level(column, 1, COLUMNS, "column") + _level(row, 1, ROWS, "row")

    @classmethod
    def brightness(cls, level: int) -> bytes:
        """US X n (1F 58 n), 1–4."""
        return cls.BRIGHTNESS + _level(level, 1, 4, "brightness")

    @classmethod
    def blink(cls, interval: int) -> bytes:
        """US E n (1F 45 n): n × 50 ms, 0 off."""
        return cls.BLINK + _level(interval, 0, 255, "blink interval")

    @classmethod
    def overwrite_mode(cls) -> bytes:
        return cls.OVERWRITE_MODE

    @classmethod
    def setup(cls) -> bytes:
        """Initialise, Katakana table, Japanese set, overwrite mode (1B 40 1B 74 01 1B 52 08 1F 01)."""
        return cls.initialize() + cls.select_katakana() + cls.select_japan() + cls.overwrite_mode()

    @classmethod
    def show(cls, upper: str, lower: str) -> bytes:
        """The Katakana table again, then both lines, each written whole from its first column."""
        return (
            cls.select_katakana()
            + cls.move_cursor(1, 1)
            + display_bytes(upper)
            + cls.move_cursor(1, 2)
            + display_bytes(lower)
        )


class Cd5220Display(_SharedCommands):
    """CD5220 command set (POSX XP8200 §4.1.8; CD5220 manual §6.1).

    Character sets, from the CD5220 manual's table under §6.1 (POSX XP8200 §4.1.8 lists
    both commands without their values):
      ESC f n (1B 66 n) "select international font set", n a country letter: G Germany,
        I Italy, J Japan, U U.K., F France, S Spain, W Sweden, D Denmark I, E Denmark II,
        L Slavonic, R Russia. Japan is 'J' (4A).
      ESC c n (1B 63 n) "select fonts, ASCII code or JIS code": J JIS, R Russia, L
        Slavonic. JIS is 'J' (4A). Not confirmed by the pages read: that "JIS code" puts
        the JIS X 0201 katakana at A1-DF (taken as the meaning of JIS code here), and the
        letter for ASCII code (no value of it is used).
    The Epson CD5220 manual §7.2 remarks that after ESC Q A / ESC Q B (string display
    mode) "other commands can not be used except when using command CLR to change
    operating mode": so `show` and `setup` start with CLR (0C), or the previous show's
    string mode would swallow ESC f, ESC c and ESC @. Every `show` selects Japan and JIS
    again (CLR + 6 bytes), as a power-cycled display starts with its DIP switches' set.
    """

    SELECT_INTERNATIONAL_SET = ESC + b"f"  # + a country letter
    SELECT_CODE_TABLE = ESC + b"c"  # + n
    JAPAN = ord("J")  # ESC f J
    JIS = ord("J")  # ESC c J: JIS X 0201, half-width katakana at A1-DF
    WRITE_UPPER = ESC + b"QA"  # + text + END_OF_TEXT
    WRITE_LOWER = ESC + b"QB"  # + text + END_OF_TEXT
    END_OF_TEXT = CR
    MOVE_CURSOR = ESC + b"l"  # + x y
    BRIGHTNESS = ESC + b"*"  # + n
    CURSOR = ESC + b"_"  # + n: 1 shown, 0 hidden

    @classmethod
    def write_upper(cls, text: str) -> bytes:
        """ESC Q A … CR (1B 51 41 … 0D)."""
        return cls.WRITE_UPPER + display_bytes(text) + cls.END_OF_TEXT

    @classmethod
    def write_lower(cls, text: str) -> bytes:
        """ESC Q B … CR (1B 51 42 … 0D)."""
        return cls.WRITE_LOWER + display_bytes(text) + cls.END_OF_TEXT

    @classmethod
    def move_cursor(cls, column: int, row: int) -> bytes:
        """ESC l x y (1B 6C x y), x 1–20, y 1–2."""
        return cls.MOVE_CURSOR + _level(column, 1, COLUMNS, "column") + _level(row, 1, ROWS, "row")

    @classmethod
    def brightness(cls, level: int) -> bytes:
        """ESC * n (1B 2A n), 1–4."""
        return cls.BRIGHTNESS + _level(level, 1, 4, "brightness")

    @classmethod
    def cursor(cls, on: bool) -> bytes:
        """ESC _ n (1B 5F n)."""
        return cls.CURSOR + bytes([on])

    @classmethod
    def select_katakana(cls) -> bytes:
        """ESC f J, ESC c J: Japan and the JIS code table (1B 66 4A 1B 63 4A)."""
        return (
            cls.SELECT_INTERNATIONAL_SET
            + bytes([cls.JAPAN])
            + cls.SELECT_CODE_TABLE
            + bytes([cls.JIS])
        )

    @classmethod
    def setup(cls) -> bytes:
        """Leave string mode, initialise, hide the cursor (0C 1B 40 1B 5F 00)."""
        return cls.clear() + cls.initialize() + cls.cursor(False)

    @classmethod
    def show(cls, upper: str, lower: str) -> bytes:
        """CLR (leaves the previous show's string mode), Japan and JIS, both lines."""
        return cls.clear() + cls.select_katakana() + cls.write_upper(upper) + cls.write_lower(lower)


PROTOCOLS: dict[str, type[DmdDisplay] | type[Cd5220Display]] = {
    "dmd": DmdDisplay,
    "cd5220": Cd5220Display,
}


class DisplayError(Exception):
    """The display's port cannot be opened or written (kind "unreachable")."""

    kind = "unreachable"


class CounterDisplay:
    """One counter display on a pyserial URL; the setup is sent before the first text.

    A write that fails on the open port (a USB adapter unplugged and back, a TCP link the
    display's server closed) closes it, reopens it and sends the setup again before the
    text, once; if that fails too, DisplayError. A display power-cycled on a link that
    stays up is covered by each `show` selecting the katakana table again.
    """

    def __init__(
        self,
        url: str,
        protocol: str = "dmd",
        *,
        baudrate: int = 9600,
        timeout: float = 1.0,
        brightness: int | None = None,
    ):
        if protocol not in PROTOCOLS:
            raise ValueError(f"display protocol is one of {', '.join(PROTOCOLS)}: {protocol!r}")
        self.url = url
        self.commands = PROTOCOLS[protocol]
        self.baudrate = baudrate
        self.timeout = timeout
        self.brightness = brightness
        self._port: Port | None = None

    def show(self, upper: str, lower: str = "") -> None:
        """Show two lines (converted to half-width; DisplayTextError before anything is sent)."""
        data = self.commands.show(upper, lower)
        self._send(data)

    def clear(self) -> None:
        self._send(self.commands.clear())

    def close(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None

    def __enter__(self) -> CounterDisplay:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def setup(self) -> bytes:
        """The bytes sent on each newly opened connection, before the first text."""
        setup = self.commands.setup()
        if self.brightness is not None:
            setup += self.commands.brightness(self.brightness)
        return setup

    def _send(self, data: bytes) -> None:
        if self._port is not None:
            try:
                _check_link(self._port)
                self._port.write(data)
                return
            except (serial.SerialException, OSError) as error:
                log.warning("display %s: %s; reopening it", self.url, error)
                self.close()
        try:
            port = open_port(self.url, timeout=self.timeout, baudrate=self.baudrate)
            self._port = port
            port.write(self.setup())
            port.write(data)
        except (serial.SerialException, OSError) as error:
            self.close()
            raise DisplayError(f"display {self.url}: {error}") from error


def _check_link(port: Port) -> None:
    """Raise if the link is known to be down before writing to it.

    A TCP peer that closed the connection (a serial server restarted) makes the first
    write after it succeed and vanish; reading shows it at once, as pyserial raises
    SerialException("socket disconnected"). A display sends nothing, so bytes found
    waiting are dropped.
    """
    waiting = port.device.in_waiting
    if waiting:
        port.device.read(waiting)
