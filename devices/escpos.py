"""ESC/POS command builders for Japanese ticket printers: pure functions returning bytes.

Every command is one small function; the bytes and their meaning are those of
`shared/devices/escpos.md` (which cites the vendor manuals). Nothing here talks to a
device: `devices.printer` carries the bytes, `devices.decoders.printer` reads them back.

Text is encoded with strict ``shift_jis`` (JIS X 0208 + half-width kana), never with
``errors="replace"``: a character the printer's ROM cannot hold raises
`UnencodableText`, and the caller prints that line as a raster image
(`devices.raster.raster_text_line`) drawn from a font file it passes. No text ever prints
as ``?``. `text_columns` counts the columns a line takes on paper, either way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from .ascii import DLE, EOT, ESC, FS, GS, LF

# Each command's bytes before its parameters (shared/devices/escpos.md). The decoder in
# `devices.decoders.printer` reads them with these names; tests check them byte for byte.
INITIALIZE = ESC + b"@"  # ESC @
SELECT_CHARACTER_TABLE = ESC + b"t"  # ESC t n
SELECT_INTERNATIONAL_SET = ESC + b"R"  # ESC R n
SELECT_KANJI_CODE_SYSTEM = FS + b"C"  # FS C n
JUSTIFY = ESC + b"a"  # ESC a n
CHARACTER_SIZE = GS + b"!"  # GS ! n
KANJI_PRINT_MODE = FS + b"!"  # FS ! n
KANJI_MODE_ON = FS + b"&"  # FS &
KANJI_MODE_OFF = FS + b"."  # FS .
EMPHASIS = ESC + b"E"  # ESC E n
CUT = GS + b"V"  # GS V m [n]
BARCODE = GS + b"k"  # GS k m n d…
BARCODE_MODULE_WIDTH = GS + b"w"  # GS w n
BARCODE_HEIGHT = GS + b"h"  # GS h n
BARCODE_HRI_POSITION = GS + b"H"  # GS H n
QR_CODE = GS + b"(k"  # GS ( k pL pH cn fn …
STATUS_REQUEST = DLE + EOT  # DLE EOT n
RASTER_IMAGE = GS + b"v0"  # GS v 0 m xL xH yL yH d…

# ESC t n: character code table; 1 = Katakana (half-width kana at 0xA1-0xDF).
KATAKANA_TABLE = 1
# ESC R n: international character set; 8 = Japan (0x5C prints ¥, 0x7E prints ‾).
INTERNATIONAL_JAPAN = 8
# FS C n: kanji code system; 0 = JIS, 1 = Shift_JIS, 2 = Shift_JIS-2004.
KANJI_SHIFT_JIS = 1

ALIGNMENTS = {"left": 0, "center": 1, "right": 2}  # ESC a n
EMPHASIS_ON = 1  # ESC E n: bit 0
# FS ! n: kanji print mode bits
KANJI_DOUBLE_WIDTH = 0x04
KANJI_DOUBLE_HEIGHT = 0x08
KANJI_UNDERLINE = 0x80

# Windows (cp932) spellings of JIS X 0208 characters that strict shift_jis maps to other
# code points. The printer holds one glyph per JIS cell, so ～ is printed from the cell
# of 〜 (0x8160), － from that of − (0x817C), and so on: the same character, not a substitute.
CP932_TO_JIS = str.maketrans(
    {
        "\uff5e": "\u301c",  # ～ FULLWIDTH TILDE → 〜 WAVE DASH (0x8160)
        "\uff0d": "\u2212",  # － FULLWIDTH HYPHEN-MINUS → − MINUS SIGN (0x817C)
        "\u2225": "\u2016",  # ∥ PARALLEL TO → ‖ DOUBLE VERTICAL LINE (0x8161)
        "\uffe2": "\u00ac",  # ￢ → ¬ (0x81CA)
        "\uffe0": "\u00a2",  # ￠ → ¢ (0x8191)
        "\uffe1": "\u00a3",  # ￡ → £ (0x8192)
        "\u2014": "\u2015",  # — EM DASH → ― HORIZONTAL BAR (0x815C)
    }
)

# Under ESC R 8 (Japan) the single bytes 0x5C and 0x7E print ¥ and ‾: a backslash or a
# tilde would come out as a different character, so they are not printable as text.
JAPAN_SET_GLYPHS = {"\\": "¥", "~": "‾"}
NOT_PRINTABLE_AS_TEXT = frozenset(JAPAN_SET_GLYPHS)


class UnencodableText(ValueError):
    """Text holding characters a Shift_JIS printer cannot print as text."""

    def __init__(self, text: str, characters: Sequence[str]):
        self.text = text
        self.characters = tuple(characters)
        names = " ".join(f"{c} (U+{ord(c):04X})" for c in self.characters)
        super().__init__(f"not printable as Shift_JIS text: {names} in {text!r}")


class NoRasterFont(ValueError):
    """A line needs a raster image and the caller gave no font file to draw it with."""

    def __init__(self, error: UnencodableText):
        self.text = error.text
        self.characters = error.characters
        super().__init__(
            f"{error}; pass a font file (raster_font=…) to print this line as an image"
        )


# --- initialisation -----------------------------------------------------------------


def initialize() -> bytes:
    """ESC @: reset the printer's settings (1B 40)."""
    return INITIALIZE


def select_character_table(n: int = KATAKANA_TABLE) -> bytes:
    """ESC t n: character code table (1B 74 n); 1 = Katakana."""
    return SELECT_CHARACTER_TABLE + _byte(n, 0, 255)


def select_international_set(n: int = INTERNATIONAL_JAPAN) -> bytes:
    """ESC R n: international character set (1B 52 n); 8 = Japan."""
    return SELECT_INTERNATIONAL_SET + _byte(n, 0, 255)


def select_kanji_code_system(n: int = KANJI_SHIFT_JIS) -> bytes:
    """FS C n: kanji code system (1C 43 n); 0 JIS, 1 Shift_JIS, 2 Shift_JIS-2004."""
    return SELECT_KANJI_CODE_SYSTEM + _byte(n, 0, 2)


def initialize_japanese() -> bytes:
    """ESC @, ESC t 1, ESC R 8, FS C 1: the sequence receiptline emits for Shift_JIS."""
    return (
        initialize()
        + select_character_table(KATAKANA_TABLE)
        + select_international_set(INTERNATIONAL_JAPAN)
        + select_kanji_code_system(KANJI_SHIFT_JIS)
    )


# --- layout ---------------------------------------------------------------------------


def align(where: str) -> bytes:
    """ESC a n: justification (1B 61 n); "left" 0, "center" 1, "right" 2."""
    try:
        return JUSTIFY + bytes([ALIGNMENTS[where]])
    except KeyError:
        raise ValueError(f"alignment must be one of {sorted(ALIGNMENTS)}: {where!r}") from None


def character_size(width: int = 1, height: int = 1) -> bytes:
    """GS ! n: character size (1D 21 n); high nibble width−1, low nibble height−1 (1–8×)."""
    if not (1 <= width <= 8 and 1 <= height <= 8):
        raise ValueError(f"character size is 1–8 in each direction: {width}×{height}")
    return CHARACTER_SIZE + bytes([(width - 1) << 4 | (height - 1)])


def kanji_print_mode(
    *, double_width: bool = False, double_height: bool = False, underline: bool = False
) -> bytes:
    """FS ! n: kanji print mode (1C 21 n); bit 2 double width, bit 3 double height, bit 7 underline."""
    n = (
        (KANJI_DOUBLE_WIDTH if double_width else 0)
        | (KANJI_DOUBLE_HEIGHT if double_height else 0)
        | (KANJI_UNDERLINE if underline else 0)
    )
    return KANJI_PRINT_MODE + bytes([n])


def kanji_mode_on() -> bytes:
    """FS &: kanji mode on (1C 26)."""
    return KANJI_MODE_ON


def kanji_mode_off() -> bytes:
    """FS .: kanji mode off (1C 2E)."""
    return KANJI_MODE_OFF


def emphasis(on: bool) -> bytes:
    """ESC E n: emphasised (bold) on/off (1B 45 n)."""
    return EMPHASIS + bytes([EMPHASIS_ON if on else 0])


def line_feed() -> bytes:
    """LF: print the buffer and feed one line (0A)."""
    return LF


# --- text -----------------------------------------------------------------------------


def unprintable_characters(text: str) -> list[str]:
    """The characters of `text` that `encode_text` refuses, in order, without repeats."""
    found: list[str] = []
    for char in text.translate(CP932_TO_JIS):
        if char in found:
            continue
        if char in NOT_PRINTABLE_AS_TEXT or (char < " " and char != "\t"):
            found.append(char)
            continue
        try:
            char.encode("shift_jis")
        except UnicodeEncodeError:
            found.append(char)
    return found


def char_columns(char: str) -> int:
    """Columns one character takes on paper at font A, 1× (a column is 12 dots wide).

    Printed as text (it encodes to Shift_JIS once CP932_TO_JIS is applied): as many as its
    bytes, 1 for ASCII and half-width kana, 2 for JIS X 0208 (漢字, ○, α). Otherwise its
    line is a raster image drawn on the same grid (`devices.raster`), where it takes
    0 when it is drawn on the character before it (a combining mark, a variation selector,
    a zero-width joiner or another format character), 1 when it is narrow or half-width,
    and 2 when it is wide, full-width or ambiguous (髙 﨑 😀 ①: a Japanese font draws
    ambiguous characters full-width, and the 〓 drawn for a glyph no font has is full-width).
    """
    try:
        return len(char.translate(CP932_TO_JIS).encode("shift_jis"))
    except UnicodeEncodeError:
        pass
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 1 if unicodedata.east_asian_width(char) in ("N", "Na", "H") else 2


def text_columns(text: str) -> int:
    """Columns `text` takes on paper at font A, 1×, as text or as a raster image."""
    return sum(char_columns(char) for char in text)


def encode_text(text: str) -> bytes:
    """Text as strict Shift_JIS, each double-byte run wrapped in FS & … FS . .

    ～ －  ∥ ￢ ￠ ￡ — are folded to the JIS X 0208 cells cp932 gives them (CP932_TO_JIS).
    Raises UnencodableText for anything else outside JIS X 0208 and half-width kana
    (髙, 﨑, ㈱, ①, 𠮷, variation selectors), for \\ and ~ (they print ¥ and ‾ under
    ESC R 8) and for control characters; it never substitutes ``?``.
    """
    bad = unprintable_characters(text)
    if bad:
        raise UnencodableText(text, bad)
    out = bytearray()
    in_kanji = False
    for char in text.translate(CP932_TO_JIS):
        encoded = char.encode("shift_jis")
        double = len(encoded) == 2
        if double and not in_kanji:
            out += kanji_mode_on()
        elif in_kanji and not double:
            out += kanji_mode_off()
        in_kanji = double
        out += encoded
    if in_kanji:
        out += kanji_mode_off()
    return bytes(out)


def text_line(text: str) -> bytes:
    """`encode_text(text)` followed by LF."""
    return encode_text(text) + LF


# --- barcodes -------------------------------------------------------------------------

# GS k m: m from 65 on gives the data's length in n (m up to 6 ends it with NUL instead).
BARCODE_COUNTED = 65
CODE128 = 73  # GS k m with m = 73: CODE128, data length given in n
# A CODE128 payload starts with a code-set selector {A {B {C; a literal { is sent as {{
# (`devices.barcodes` plans the code sets and reads a payload back).
CODE128_ESCAPE = b"{"
CODE128_SELECTORS = (b"{A", b"{B", b"{C")
# GS w n: module width in dots, 2–6 (Epson TM-T20/TM-T88: default 3). GS h n: bar height
# in dots, 1–255 (default 162). GS H n: where the printer adds the data as text (HRI):
# 0 not at all (the default), 1 above, 2 below, 3 both.
MODULE_WIDTH_RANGE = (2, 6)
HRI_POSITIONS = {0: "none", 1: "above", 2: "below", 3: "both"}


def barcode_module_width(n: int) -> bytes:
    """GS w n: the width of a barcode's narrowest bar in dots (1D 77 n), 2–6."""
    return BARCODE_MODULE_WIDTH + _byte(n, *MODULE_WIDTH_RANGE)


def barcode_height(n: int) -> bytes:
    """GS h n: the height of a barcode's bars in dots (1D 68 n), 1–255."""
    return BARCODE_HEIGHT + _byte(n, 1, 255)


def barcode_hri_position(n: int) -> bytes:
    """GS H n: the data as text under or over the barcode (1D 48 n); 0 none, 1 above,
    2 below, 3 both."""
    return BARCODE_HRI_POSITION + _byte(n, 0, 3)


def code128(payload: bytes) -> bytes:
    """GS k 73 n d…: CODE128 of planned data (1D 6B 49 n …), `barcodes.code128_payload`:
    it starts with a code-set selector ({A {B {C), and a literal { is already {{."""
    if payload[:2] not in CODE128_SELECTORS:
        raise ValueError(f"CODE128 data starts with {{A, {{B or {{C: {payload[:2]!r}")
    if len(payload) < 3 or len(payload) > 255:
        raise ValueError(f"CODE128 data is 3–255 bytes, selector included: {len(payload)}")
    return BARCODE + bytes([CODE128, len(payload)]) + payload


QR_SYMBOL = 49  # GS ( k cn: 49 is the QR code
QR_FN_MODEL = 65  # n1 = QR_MODELS[model], n2 = 0
QR_FN_MODULE_SIZE = 67  # n = 1–16 dots
QR_FN_ERROR_LEVEL = 69  # n = QR_LEVELS[level]
QR_FN_STORE = 80  # m = QR_M, then the data
QR_FN_PRINT = 81  # m = QR_M
QR_M = 48
QR_MODELS = {1: 49, 2: 50}
QR_LEVELS = {"L": 48, "M": 49, "Q": 50, "H": 51}


def _qr_function(fn: int, parameters: bytes) -> bytes:
    """GS ( k pL pH cn fn …: one QR code function (cn = 49, the QR symbol)."""
    size = len(parameters) + 2
    return QR_CODE + size.to_bytes(2, "little") + bytes([QR_SYMBOL, fn]) + parameters


def qr_model(model: int = 2) -> bytes:
    """GS ( k fn 65: QR model 1 or 2 (n1 = 49/50, n2 = 0)."""
    if model not in (1, 2):
        raise ValueError(f"QR model is 1 or 2: {model}")
    return _qr_function(QR_FN_MODEL, bytes([QR_MODELS[model], 0]))


def qr_module_size(size: int = 6) -> bytes:
    """GS ( k fn 67: module size 1–16 dots."""
    return _qr_function(QR_FN_MODULE_SIZE, _byte(size, 1, 16))


def qr_error_level(level: str = "M") -> bytes:
    """GS ( k fn 69: error correction L/M/Q/H (48–51)."""
    try:
        return _qr_function(QR_FN_ERROR_LEVEL, bytes([QR_LEVELS[level]]))
    except KeyError:
        raise ValueError(f"QR error level is one of L M Q H: {level!r}") from None


def qr_store(data: bytes) -> bytes:
    """GS ( k fn 80 m=48: store the symbol data."""
    if not data or len(data) > 7089:
        raise ValueError(f"QR data is 1–7089 bytes: {len(data)}")
    return _qr_function(QR_FN_STORE, bytes([QR_M]) + data)


def qr_print() -> bytes:
    """GS ( k fn 81 m=48: print the stored symbol."""
    return _qr_function(QR_FN_PRINT, bytes([QR_M]))


def qr_code(data: str, *, model: int = 2, module_size: int = 6, level: str = "M") -> bytes:
    """Model, size, level, store and print: a whole QR code. Data is sent as UTF-8."""
    return (
        qr_model(model)
        + qr_module_size(module_size)
        + qr_error_level(level)
        + qr_store(data.encode("utf-8"))
        + qr_print()
    )


# --- cut and status -------------------------------------------------------------------


# GS V m: 0 or 48 cuts in full, 1 or 49 partially, where the paper is; 65 and 66 (followed
# by n) first feed it to the cutter (+ n units), then cut in full or partially.
CUT_FULL = (0, 48)
CUT_PARTIAL = (1, 49)
CUT_FEED_THEN_FULL = 65
CUT_FEED_THEN_PARTIAL = 66


def cut(feed: int = 0) -> bytes:
    """GS V 66 n: feed to the cutting position (+ n units) and cut (1D 56 42 n); the safe form."""
    return CUT + bytes([CUT_FEED_THEN_PARTIAL]) + _byte(feed, 0, 255)


STATUS_PRINTER = 1
STATUS_OFFLINE_CAUSE = 2
STATUS_ERROR_CAUSE = 3
STATUS_PAPER = 4


def status_request(n: int) -> bytes:
    """DLE EOT n: real-time status (10 04 n); 1 printer, 2 offline cause, 3 error cause, 4 paper."""
    return STATUS_REQUEST + _byte(n, 1, 4)


# --- raster images --------------------------------------------------------------------


# GS v 0 m: bit 0 doubles the width, bit 1 the height.
RASTER_DOUBLE_WIDTH = 1
RASTER_DOUBLE_HEIGHT = 2


def raster_image(bitmap: bytes, width_bytes: int, height: int, *, mode: int = 0) -> bytes:
    """GS v 0 m xL xH yL yH d…: a raster bit image (1D 76 30 m …).

    `bitmap` holds `height` rows of `width_bytes` bytes, most significant bit leftmost,
    1 = a printed dot. mode: 0 normal, 1 double width, 2 double height, 3 both.
    """
    if len(bitmap) != width_bytes * height:
        raise ValueError(f"bitmap is {len(bitmap)} bytes, not {width_bytes}×{height}")
    if not (1 <= width_bytes <= 0xFFFF and 1 <= height <= 0xFFFF):
        raise ValueError(f"raster size out of range: {width_bytes} bytes × {height} rows")
    return (
        RASTER_IMAGE
        + _byte(mode, 0, 3)
        + width_bytes.to_bytes(2, "little")
        + height.to_bytes(2, "little")
        + bitmap
    )


def _byte(n: int, low: int, high: int) -> bytes:
    if not (low <= n <= high):
        raise ValueError(f"parameter {n} outside {low}–{high}")
    return bytes([n])
