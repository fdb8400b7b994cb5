"""The two 20-column lines a counter display shows after the bytes it received.

Reads the Epson DM-D or the CD5220 command set by the command bytes `devices.displays`
names. A command the set does not have is an `Unknown` event.

Characters are ASCII, and at A1-DF the JIS X 0201 half-width katakana while the katakana
table is selected (DM-D ESC t 1, CD5220 ESC c J). With another table those bytes are not
katakana: the DM-D's table 0 (PC437) shows them as its box and block glyphs, any other
table as U+FFFD; so is any byte neither ASCII nor katakana. A display starts, at power-on
and after ESC @, with the table its DIP switches select (`katakana_switch`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import escpos
from ..ascii import CR, LF
from ..displays import COLUMNS, PROTOCOLS, ROWS, Cd5220Display, DmdDisplay
from .stream import NeedMore, StreamDecoder, Unknown


@dataclass(frozen=True)
class DisplayLines:
    upper: str
    lower: str


# What a display's DIP switches select at power-on and after ESC @: (character table,
# international set). Japanese switches: DM-D table 1 Katakana and set 8 Japan; CD5220
# JIS code and Japan. Other switches: DM-D table 0 (PC437) and set 0 (USA, as on ESC/POS
# printers); CD5220 "A" for both, a letter that only stands for "not JIS, not Japan" (the
# manual pages read do not give the ASCII/USA letters).
POWER_ON: dict[str, dict[bool, tuple[int, int]]] = {
    "dmd": {True: (escpos.KATAKANA_TABLE, escpos.INTERNATIONAL_JAPAN), False: (0, 0)},
    "cd5220": {True: (Cd5220Display.JIS, Cd5220Display.JAPAN), False: (ord("A"), ord("A"))},
}
KATAKANA = {"dmd": escpos.KATAKANA_TABLE, "cd5220": Cd5220Display.JIS}
DMD_PC437_TABLE = 0


class DisplayDecoder(StreamDecoder):
    """The two lines of a counter display speaking `protocol` ("dmd" or "cd5220").

    `katakana_switch`: its DIP switches select the katakana table and Japan at power-on,
    so katakana show without the host selecting them. `character_table` and
    `international_set` are the parameters of the last ESC t / ESC R (DM-D) or ESC c /
    ESC f (CD5220), or the power-on ones.
    """

    def __init__(self, protocol: str = "dmd", *, katakana_switch: bool = True):
        if protocol not in PROTOCOLS:
            raise ValueError(f"display protocol is one of {', '.join(PROTOCOLS)}: {protocol!r}")
        commands = PROTOCOLS[protocol]
        readers = {
            commands.INITIALIZE: self._initialize,
            commands.CLEAR: self._clear_screen,
            commands.CLEAR_LINE: self._clear_line,
            CR: self._carriage_return,
            LF: self._line_feed,
        }
        if commands is DmdDisplay:
            readers |= {
                DmdDisplay.SELECT_CHARACTER_TABLE: self._select_character_table,
                DmdDisplay.SELECT_INTERNATIONAL_SET: self._select_international_set,
                DmdDisplay.MOVE_CURSOR: self._move_cursor,
                DmdDisplay.BRIGHTNESS: self._brightness,
                DmdDisplay.BLINK: self._skip(1),
                DmdDisplay.OVERWRITE_MODE: self._skip(0),
                DmdDisplay.VERTICAL_SCROLL_MODE: self._skip(0),
                DmdDisplay.HORIZONTAL_SCROLL_MODE: self._skip(0),
            }
        else:
            readers |= {
                Cd5220Display.WRITE_UPPER: self._write_line(0),
                Cd5220Display.WRITE_LOWER: self._write_line(1),
                Cd5220Display.MOVE_CURSOR: self._move_cursor,
                Cd5220Display.BRIGHTNESS: self._brightness,
                Cd5220Display.CURSOR: self._cursor,
                Cd5220Display.SELECT_INTERNATIONAL_SET: self._select_international_set,
                Cd5220Display.SELECT_CODE_TABLE: self._select_character_table,
            }
        super().__init__(readers)
        self.protocol = protocol
        self.katakana_switch = katakana_switch
        self.power_on()

    def power_on(self) -> None:
        """The state after the display is switched off and on: blank, the DIP switches'
        character table and set, default brightness and cursor; a command half received
        is lost."""
        self._buffer.clear()
        self.brightness: int | None = None
        self.cursor_visible = True
        self._reset_character_sets()
        self._clear()

    @property
    def lines(self) -> DisplayLines:
        return DisplayLines("".join(self.cells[0]), "".join(self.cells[1]))

    @property
    def katakana(self) -> bool:
        """Whether bytes A1-DF show as half-width katakana."""
        return self.character_table == KATAKANA[self.protocol]

    def _reset_character_sets(self) -> None:
        self.character_table, self.international_set = POWER_ON[self.protocol][self.katakana_switch]

    def _clear(self) -> None:
        self.cells = [[" "] * COLUMNS for _ in range(ROWS)]
        self.row = self.column = 0

    def _character(self, byte: int, events: list) -> None:
        self.cells[self.row][self.column] = self._decode(byte)
        self.column += 1
        if self.column >= COLUMNS:  # overwrite mode: wrap to the next line
            self.column = 0
            self.row = (self.row + 1) % ROWS

    def _decode(self, byte: int) -> str:
        if byte < 0x80 or self.katakana:
            return decode_display_byte(byte)
        if self.protocol == "dmd" and self.character_table == DMD_PC437_TABLE:
            return bytes([byte]).decode("cp437")
        return "\ufffd"

    def _initialize(self, at: int, events: list) -> int:
        """ESC @: blank, and the character table and set back to the DIP switches'."""
        self._reset_character_sets()
        self._clear()
        return at

    def _clear_screen(self, at: int, events: list) -> int:
        self._clear()
        return at

    def _select_character_table(self, at: int, events: list) -> int:
        self.character_table = self._parameter(at)
        return at + 1

    def _select_international_set(self, at: int, events: list) -> int:
        self.international_set = self._parameter(at)
        return at + 1

    def _clear_line(self, at: int, events: list) -> int:
        self.cells[self.row] = [" "] * COLUMNS
        self.column = 0
        return at

    def _carriage_return(self, at: int, events: list) -> int:
        self.column = 0
        return at

    def _line_feed(self, at: int, events: list) -> int:
        self.row = min(ROWS - 1, self.row + 1)
        return at

    def _move_cursor(self, at: int, events: list) -> int:
        x, y = self._parameters(at, 2)  # both count from 1
        self.column = min(max(x, 1), COLUMNS) - 1
        self.row = min(max(y, 1), ROWS) - 1
        return at + 2

    def _brightness(self, at: int, events: list) -> int:
        self.brightness = self._parameter(at)
        return at + 1

    def _cursor(self, at: int, events: list) -> int:
        self.cursor_visible = bool(self._parameter(at))
        return at + 1

    def _skip(self, count: int):
        """A command that changes nothing shown: read its `count` parameters and go on."""

        def read(at: int, events: list) -> int:
            self._need(at + count)
            return at + count

        return read

    def _write_line(self, row: int):
        """CD5220 ESC Q A/B: the text up to CR replaces the whole line."""

        def read(at: int, events: list) -> int:
            end = self._buffer.find(Cd5220Display.END_OF_TEXT, at)
            if end < 0:
                raise NeedMore
            text = [self._decode(b) for b in self._buffer[at:end]][:COLUMNS]
            self.cells[row] = text + [" "] * (COLUMNS - len(text))
            return end + len(Cd5220Display.END_OF_TEXT)

        return read


def decode_display_byte(byte: int) -> str:
    """ASCII or JIS X 0201 half-width katakana; anything else shows as U+FFFD."""
    char = bytes([byte]).decode("shift_jis", "replace")
    return char if char.isprintable() else "\ufffd"


def describe_display_event(event: object) -> list[str]:
    """Readable lines for the simulator."""
    match event:
        case DisplayLines(upper=upper, lower=lower):
            return [f"[display 1] |{upper}|", f"[display 2] |{lower}|"]
        case Unknown(data=data):
            return [f"[unknown] {data.hex(' ')}"]
    return []
