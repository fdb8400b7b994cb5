"""An ESC/POS byte stream read back as a Japanese ticket printer would print it.

    decoder = EscPosDecoder(status_reply=lambda n: REPLY_FIXED)   # every DLE EOT: all well
    decoder.feed(data)        # [TextLine("みどり市", "center", 1, 1, True), Barcode(...), Cut(...)]

Text lines carry their alignment, size and emphasis; barcodes, QR codes, raster images,
cuts and status queries are events of their own. Text reads as Shift_JIS only as far as
the stream selected it (ESC t 1, ESC R 8, FS C 1): without them the printer's defaults
are not ours to guess, and the bytes they would change read as U+FFFD. A command or a
value outside `shared/devices/escpos.md` is an `Unknown` event, never silently skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import barcodes, escpos
from ..ascii import CR, LF
from .stream import StreamDecoder, Unknown

# What a printer prints with before GS w / GS h / GS H (Epson TM-T20 and TM-T88: module
# width 3 dots, bars 162 dots high, no HRI text).
DEFAULT_MODULE_WIDTH = 3
DEFAULT_BAR_HEIGHT = 162


@dataclass(frozen=True)
class TextLine:
    text: str
    align: str = "left"
    width: int = 1
    height: int = 1
    bold: bool = False


@dataclass(frozen=True)
class Barcode:
    """A 1D barcode: what a reader decodes (`symbology`, `data`; equality compares these
    only) and how it prints, as GS w, GS h and GS H left it."""

    symbology: str  # "CODE128"
    data: str
    module_width: int = field(default=DEFAULT_MODULE_WIDTH, compare=False)  # GS w n, dots
    height: int = field(default=DEFAULT_BAR_HEIGHT, compare=False)  # GS h n, dots
    hri: int = field(default=0, compare=False)  # GS H n: 0 none, 1 above, 2 below, 3 both
    payload: bytes = field(default=b"", compare=False)  # the GS k data as sent
    align: str = field(default="left", compare=False)  # ESC a when it was printed


@dataclass(frozen=True)
class QrCode:
    data: str
    model: int
    module_size: int
    level: str
    align: str = field(default="left", compare=False)  # ESC a when it was printed


@dataclass(frozen=True)
class RasterImage:
    width_dots: int
    height_dots: int
    mode: int  # 0 normal, 1 double width, 2 double height, 3 both
    align: str
    bitmap: bytes


@dataclass(frozen=True)
class Cut:
    partial: bool
    feed: int


@dataclass(frozen=True)
class StatusQuery:
    n: int
    reply: int | None


PrinterEvent = TextLine | Barcode | QrCode | RasterImage | Cut | StatusQuery | Unknown

ALIGN_NAMES = {n: where for where, n in escpos.ALIGNMENTS.items()}
QR_MODEL_NUMBERS = {n: model for model, n in escpos.QR_MODELS.items()}
QR_LEVEL_NAMES = {n: level for level, n in escpos.QR_LEVELS.items()}
CUT_WITH_FEED = (escpos.CUT_FEED_THEN_FULL, escpos.CUT_FEED_THEN_PARTIAL)
CUT_MODES = (*escpos.CUT_FULL, *escpos.CUT_PARTIAL, *CUT_WITH_FEED)


class EscPosDecoder(StreamDecoder):
    """Turns an ESC/POS byte stream into events; `status_reply(n)` answers DLE EOT n."""

    def __init__(self, status_reply: Callable[[int], int | None] = lambda n: None):
        super().__init__(
            {
                LF: self._line_feed,
                CR: _no_effect,  # LF alone prints the line
                escpos.INITIALIZE: self._initialize,
                escpos.SELECT_CHARACTER_TABLE: self._character_table,
                escpos.SELECT_INTERNATIONAL_SET: self._international_set,
                escpos.SELECT_KANJI_CODE_SYSTEM: self._kanji_code_system,
                escpos.KANJI_MODE_ON: _no_effect,  # matters only under JIS, not Shift_JIS
                escpos.KANJI_MODE_OFF: _no_effect,
                escpos.KANJI_PRINT_MODE: self._kanji_print_mode,
                escpos.JUSTIFY: self._justify,
                escpos.CHARACTER_SIZE: self._character_size,
                escpos.EMPHASIS: self._emphasis,
                escpos.CUT: self._cut,
                escpos.BARCODE: self._barcode,
                escpos.BARCODE_MODULE_WIDTH: self._barcode_module_width,
                escpos.BARCODE_HEIGHT: self._barcode_height,
                escpos.BARCODE_HRI_POSITION: self._barcode_hri_position,
                escpos.QR_CODE: self._qr_code,
                escpos.RASTER_IMAGE: self._raster_image,
                escpos.STATUS_REQUEST: self._status_request,
            }
        )
        self.status_reply = status_reply
        self._line = bytearray()
        self._line_attrs: tuple[str, int, int, bool] | None = None
        self.replies = bytearray()  # bytes to send back, taken by the device loop
        self._reset()

    def _reset(self) -> None:
        self.align = "left"
        self.width = self.height = 1
        self.bold = False
        self.character_table: int | None = None  # not selected: the printer's own default
        self.international: int | None = None
        self.kanji_system: int | None = None
        self.kanji_print_mode = 0
        self.qr_model, self.qr_module_size, self.qr_level, self.qr_data = 2, 3, "L", b""
        self.barcode_module_width = DEFAULT_MODULE_WIDTH
        self.barcode_height = DEFAULT_BAR_HEIGHT
        self.barcode_hri = 0

    # --- text -------------------------------------------------------------------------

    def _character(self, byte: int, events: list) -> None:
        if not self._line:
            self._line_attrs = (self.align, self.width, self.height, self.bold)
        self._line.append(byte)

    def _line_feed(self, at: int, events: list) -> int:
        raw = bytes(self._line)
        self._line.clear()
        align, width, height, bold = self._line_attrs or (
            self.align,
            self.width,
            self.height,
            self.bold,
        )
        self._line_attrs = None
        text = decode_printer_text(
            raw,
            character_table=self.character_table,
            international=self.international,
            kanji_system=self.kanji_system,
        )
        events.append(TextLine(text, align, width, height, bold))
        return at

    # --- set-up and layout ------------------------------------------------------------

    def _initialize(self, at: int, events: list) -> int:
        self._reset()
        return at

    def _character_table(self, at: int, events: list) -> int:
        self.character_table = self._parameter(at)
        return at + 1

    def _international_set(self, at: int, events: list) -> int:
        self.international = self._parameter(at)
        return at + 1

    def _kanji_code_system(self, at: int, events: list) -> int:
        self.kanji_system = self._parameter(at)
        return at + 1

    def _kanji_print_mode(self, at: int, events: list) -> int:
        self.kanji_print_mode = self._parameter(at)  # our driver sets it along with GS !
        return at + 1

    def _justify(self, at: int, events: list) -> int:
        n = self._parameter(at)
        if n in ALIGN_NAMES:
            self.align = ALIGN_NAMES[n]
        else:
            events.append(Unknown(self._parameters(0, at + 1)))
        return at + 1

    def _character_size(self, at: int, events: list) -> int:
        wider, higher = divmod(self._parameter(at), 16)  # high nibble width − 1, low height − 1
        self.width, self.height = wider + 1, higher + 1
        return at + 1

    def _emphasis(self, at: int, events: list) -> int:
        self.bold = bool(self._parameter(at) & escpos.EMPHASIS_ON)
        return at + 1

    # --- cut, codes, images, status ---------------------------------------------------

    def _cut(self, at: int, events: list) -> int:
        mode = self._parameter(at)
        if mode not in CUT_MODES:
            events.append(Unknown(self._parameters(0, at + 1)))
            return at + 1
        feed = self._parameter(at + 1) if mode in CUT_WITH_FEED else 0
        partial = mode in escpos.CUT_PARTIAL or mode == escpos.CUT_FEED_THEN_PARTIAL
        events.append(Cut(partial=partial, feed=feed))
        return at + 2 if mode in CUT_WITH_FEED else at + 1

    def _barcode(self, at: int, events: list) -> int:
        symbology = self._parameter(at)
        if symbology < escpos.BARCODE_COUNTED:  # NUL-terminated: not emitted by our driver
            events.append(Unknown(self._parameters(0, at + 1)))
            return at + 1
        length = self._parameter(at + 1)
        data = self._parameters(at + 2, length)
        settings = (
            self.barcode_module_width,
            self.barcode_height,
            self.barcode_hri,
            data,
            self.align,
        )
        if symbology == escpos.CODE128:
            try:
                events.append(Barcode("CODE128", decode_code128(data), *settings))
            except ValueError:  # a printer refuses it and prints the bytes as text
                events.append(Unknown(self._parameters(0, at + 2 + length)))
        else:
            events.append(Barcode(f"m={symbology}", data.decode("ascii", "replace"), *settings))
        return at + 2 + length

    def _barcode_module_width(self, at: int, events: list) -> int:
        n = self._parameter(at)
        low, high = escpos.MODULE_WIDTH_RANGE
        if low <= n <= high:
            self.barcode_module_width = n
        else:
            events.append(Unknown(self._parameters(0, at + 1)))
        return at + 1

    def _barcode_height(self, at: int, events: list) -> int:
        n = self._parameter(at)
        if n >= 1:
            self.barcode_height = n
        else:
            events.append(Unknown(self._parameters(0, at + 1)))
        return at + 1

    def _barcode_hri_position(self, at: int, events: list) -> int:
        n = self._parameter(at)
        position = n - ord("0") if n >= ord("0") else n  # 0–3 or "0"–"3"
        if position in escpos.HRI_POSITIONS:
            self.barcode_hri = position
        else:
            events.append(Unknown(self._parameters(0, at + 1)))
        return at + 1

    def _qr_code(self, at: int, events: list) -> int:
        size = int.from_bytes(self._parameters(at, 2), "little")
        body = self._parameters(at + 2, size)
        event = self._qr_function(body)
        if event is not None:
            events.append(event)
        return at + 2 + size

    def _qr_function(self, body: bytes) -> QrCode | Unknown | None:
        if len(body) < 2 or body[0] != escpos.QR_SYMBOL:
            return Unknown(escpos.QR_CODE + body)
        fn, parameters = body[1], body[2:]
        first = parameters[0] if parameters else None
        if fn == escpos.QR_FN_MODEL and first in QR_MODEL_NUMBERS:
            self.qr_model = QR_MODEL_NUMBERS[first]
        elif fn == escpos.QR_FN_MODULE_SIZE and first is not None:
            self.qr_module_size = first
        elif fn == escpos.QR_FN_ERROR_LEVEL and first in QR_LEVEL_NAMES:
            self.qr_level = QR_LEVEL_NAMES[first]
        elif fn == escpos.QR_FN_STORE and first == escpos.QR_M:
            self.qr_data = parameters[1:]
        elif fn == escpos.QR_FN_PRINT and parameters == bytes([escpos.QR_M]):
            return QrCode(
                self.qr_data.decode("utf-8", "replace"),
                self.qr_model,
                self.qr_module_size,
                self.qr_level,
                self.align,
            )
        else:
            return Unknown(escpos.QR_CODE + body)
        return None

    def _raster_image(self, at: int, events: list) -> int:
        mode = self._parameter(at)
        width_bytes = int.from_bytes(self._parameters(at + 1, 2), "little")
        height = int.from_bytes(self._parameters(at + 3, 2), "little")
        start = at + 5
        bitmap = self._parameters(start, width_bytes * height)
        events.append(RasterImage(width_bytes * 8, height, mode, self.align, bitmap))
        return start + len(bitmap)

    def _status_request(self, at: int, events: list) -> int:
        n = self._parameter(at)
        reply = self.status_reply(n)
        if reply is not None:
            self.replies.append(reply)
        events.append(StatusQuery(n, reply))
        return at + 1


def _no_effect(at: int, events: list) -> int:
    return at


def decode_printer_text(
    raw: bytes,
    *,
    character_table: int | None = escpos.KATAKANA_TABLE,
    international: int | None = escpos.INTERNATIONAL_JAPAN,
    kanji_system: int | None = escpos.KANJI_SHIFT_JIS,
) -> str:
    """Text as the printer prints it under the given set-up.

    Double-byte characters need FS C 1 (Shift_JIS), half-width kana ESC t 1 (Katakana);
    under ESC R 8 (Japan) the bytes 0x5C and 0x7E are ¥ and ‾. A byte the set-up does not
    make readable shows as U+FFFD, never as a guess.
    """
    out = []
    for char in raw.decode("shift_jis", "replace"):
        encoded = char.encode("shift_jis", "ignore")
        if len(encoded) == 2 and kanji_system != escpos.KANJI_SHIFT_JIS:
            char = "\ufffd"
        elif len(encoded) == 1 and not encoded.isascii():
            if character_table != escpos.KATAKANA_TABLE:
                char = "\ufffd"
        elif international == escpos.INTERNATIONAL_JAPAN:
            char = escpos.JAPAN_SET_GLYPHS.get(char, char)
        out.append(char)
    return "".join(out)


def decode_code128(data: bytes) -> str:
    """The text a reader decodes from GS k 73 data: code-set selectors and function codes
    left out, `{{` back to `{`, code set C bytes (0–99) as two digits each. ValueError for
    data a printer refuses (`barcodes.read_code128`)."""
    return barcodes.read_code128(data).text


def describe_printer_event(event: PrinterEvent) -> str | None:
    """One readable line for the simulator (None for nothing worth showing)."""
    match event:
        case TextLine(text=""):
            return "[feed]"
        case TextLine(text=text, align=align, width=width, height=height, bold=bold):
            size = f"x{width}" if width == height else f"{width}x{height}"
            return f"[text] {align} {size}{' bold' if bold else ''} {text}"
        case Barcode(symbology=symbology, data=data):
            return f"[barcode {symbology}] {data}"
        case QrCode(data=data, module_size=size, level=level):
            return f"[qr size={size} level={level}] {data}"
        case RasterImage(width_dots=w, height_dots=h, mode=mode, align=align):
            return f"[raster] {align} {w}x{h} dots mode={mode}"
        case Cut(partial=partial, feed=feed):
            return f"[cut]{' partial' if partial else ''}{f' feed={feed}' if feed else ''}"
        case StatusQuery(n=n, reply=reply):
            answer = "(no reply)" if reply is None else f"0x{reply:02X}"
            return f"[status n={n}] → {answer}"
        case Unknown(data=data):
            return f"[unknown] {data.hex(' ')}"
    return None
