"""The two 20-column lines a counter display shows after the bytes it received.

Reads the Epson DM-D or the CD5220 command set by the command bytes `devices.displays`
names. Characters are ASCII and JIS X 0201 half-width katakana; any other byte shows as
U+FFFD. A command the set does not have is an `Unknown` event.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ascii import CR, LF
from ..displays import COLUMNS, PROTOCOLS, ROWS, Cd5220Display, DmdDisplay
from .stream import NeedMore, StreamDecoder, Unknown


@dataclass(frozen=True)
class DisplayLines:
    upper: str
    lower: str


class DisplayDecoder(StreamDecoder):
    """The two lines of a counter display speaking `protocol` ("dmd" or "cd5220")."""

    def __init__(self, protocol: str = "dmd"):
        if protocol not in PROTOCOLS:
            raise ValueError(f"display protocol is one of {', '.join(PROTOCOLS)}: {protocol!r}")
        commands = PROTOCOLS[protocol]
        readers = {
            commands.INITIALIZE: self._initialize,
            commands.CLEAR: self._initialize,
            commands.CLEAR_LINE: self._clear_line,
            CR: self._carriage_return,
            LF: self._line_feed,
        }
        if commands is DmdDisplay:
            readers |= {
                DmdDisplay.SELECT_CHARACTER_TABLE: self._skip(1),
                DmdDisplay.SELECT_INTERNATIONAL_SET: self._skip(1),
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
            }
        super().__init__(readers)
        self.protocol = protocol
        self.brightness: int | None = None
        self.cursor_visible = True
        self._clear()

    @property
    def lines(self) -> DisplayLines:
        return DisplayLines("".join(self.cells[0]), "".join(self.cells[1]))

    def _clear(self) -> None:
        self.cells = [[" "] * COLUMNS for _ in range(ROWS)]
        self.row = self.column = 0

    def _character(self, byte: int, events: list) -> None:
        self.cells[self.row][self.column] = decode_display_byte(byte)
        self.column += 1
        if self.column >= COLUMNS:  # overwrite mode: wrap to the next line
            self.column = 0
            self.row = (self.row + 1) % ROWS

    def _initialize(self, at: int, events: list) -> int:
        self._clear()
        return at

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
            text = [decode_display_byte(b) for b in self._buffer[at:end]][:COLUMNS]
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
