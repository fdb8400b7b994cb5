"""Barcodes sized for the paper: CODE128 planned in code sets B and C, and its width checked.

    layout = barcode_layout("T-20261204-A-001", TM_T20)   # CODE128, GS w 2: 378 dots
    layout.commands()                                       # GS H 0, GS w 2, GS h 80, GS k 73 …
    layout.width_dots, layout.footprint_dots                # the bars; with the quiet zones

A printer left at its default module width (3 dots on Epson models) prints a 16-character
id 633 dots wide, more than the 576 printable dots of 80 mm paper: it then prints no
barcode at all. So the module width (GS w) and the bar height (GS h) are always sent, the
data is coded in code set C wherever a run of digits shortens the symbol, and the width,
quiet zones included, is checked against the profile's printable dots. A CODE128 that does
not fit at 2 dots a module (1 is too thin to scan at 180 or 203 dpi) becomes a QR code.

In GS k 73 data (Toshiba B-EP ESC/POS manual §8.10.47, p.8-67; Cino VersaJet p.167) a
code set is selected with ``{A``/``{B``/``{C``, a literal ``{`` is sent as ``{{``, and in
code set C each byte carries two digits as its value 0–99 (00H–63H): "No.123456" is sent
as ``{B No. {C 0C 22 38``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import escpos
from .profiles import PrinterProfile

# The 106 symbols of CODE128 (values 0–105: data, code-set switches, the three starts) as
# the widths of their bar, space, bar, space, bar, space in modules (ISO/IEC 15417 table 1).
CODE128_WIDTHS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232",
)  # fmt: skip
CODE128_STOP_WIDTHS = "2331112"  # the stop symbol and its final bar: 13 modules
SYMBOL_MODULES = 11
STOP_MODULES = 13
QUIET_ZONE_MODULES = 10  # each side (ISO/IEC 15417): printers leave it unprinted

# Symbol values (ISO/IEC 15417): switches in sets A and B, the starts.
CODE_C, CODE_B, CODE_A = 99, 100, 101
SHIFT = 98
FNC = {"1": 102, "2": 97, "3": 96}  # FNC4 is 101 in set A and 100 in set B
START = {"A": 103, "B": 104, "C": 105}
SWITCH = {"A": CODE_A, "B": CODE_B, "C": CODE_C}
CHECK_MODULUS = 103

SELECTOR = escpos.CODE128_ESCAPE  # "{": {A {B {C select a code set, {{ is a literal {
BRACE = SELECTOR[0]

# GS w n: the module width in dots. 2 is the narrowest we print (1 dot, 0.125 mm at
# 203 dpi, is too thin to scan); 3 is the printers' default and wide enough.
MODULE_WIDTHS = (3, 2)
BAR_HEIGHT_MM = 10.0  # GS h: 80 dots at 203 dpi, 71 at 180 dpi
DIGIT_RUN = 4  # digits worth code set C: shorter in the middle of the data from 6 on

# QR fallback: module size in dots (GS ( k fn 67), the quiet zone of 4 modules each side,
# and the byte-mode capacity of versions 1–10 per error level (ISO/IEC 18004 table 7):
# the printer may pick a denser mode, never a larger version than these.
QR_MODULE_SIZES = (5, 4, 3)
QR_QUIET_ZONE_MODULES = 4
QR_LEVEL = "M"
QR_BYTE_CAPACITY = {
    "L": (17, 32, 53, 78, 106, 134, 154, 192, 230, 271),
    "M": (14, 26, 42, 62, 84, 106, 122, 152, 180, 213),
    "Q": (11, 20, 32, 46, 60, 74, 86, 108, 130, 151),
    "H": (7, 14, 24, 34, 44, 58, 64, 84, 98, 119),
}

HRI_NONE = 0  # GS H 0: the id is printed as text by the ticket itself, or is printed large


class BarcodeTooWide(ValueError):
    """Neither a CODE128 nor a QR code of the data fits the printable width."""


# --- CODE128: planning the code sets --------------------------------------------------


def code128_runs(data: str) -> list[tuple[str, str]]:
    """`data` cut into (code set, text) runs of sets B and C taking the fewest symbols.

    Set C codes two digits in one symbol and costs a switch in and out; so a run of
    digits goes to set C when that saves symbols: an even run of 4 at the start or the
    end, of 6 in the middle (an odd run leaves its first digit in set B). On a tie the
    data stays in set B, which reads back as the text it is.
    """
    if not data or any(not (" " <= c <= "~") for c in data):
        raise ValueError(f"CODE128 carries printable ASCII only here: {data!r}")
    n = len(data)
    digits = [c.isdigit() for c in data]

    def pair(i: int) -> bool:
        return i + 1 < n and digits[i] and digits[i + 1]

    # cost[i][s]: the fewest symbols for data[i:] when set s is in force at i
    cost = [{"B": 0, "C": 0} for _ in range(n + 1)]
    step: list[dict[str, str]] = [{} for _ in range(n)]
    for i in range(n - 1, -1, -1):
        in_b = 1 + cost[i + 1]["B"]
        via_c = 2 + cost[i + 2]["C"] if pair(i) else None
        if via_c is not None and via_c < in_b:
            cost[i]["B"], step[i]["B"] = via_c, "C"
        else:
            cost[i]["B"], step[i]["B"] = in_b, "B"
        stay_c = 1 + cost[i + 2]["C"] if pair(i) else None
        via_b = 2 + cost[i + 1]["B"]
        if stay_c is not None and stay_c <= via_b:
            cost[i]["C"], step[i]["C"] = stay_c, "C"
        else:
            cost[i]["C"], step[i]["C"] = via_b, "B"
    start = "C" if pair(0) and cost[0]["C"] < cost[0]["B"] else "B"
    runs: list[tuple[str, str]] = []
    i, code_set = 0, start
    while i < n:
        code_set = step[i][code_set]
        size = 2 if code_set == "C" else 1
        if runs and runs[-1][0] == code_set:
            runs[-1] = (code_set, runs[-1][1] + data[i : i + size])
        else:
            runs.append((code_set, data[i : i + size]))
        i += size
    return runs


def code128_payload(data: str) -> bytes:
    """The GS k 73 data of `data`: each run after its selector, set C as values 0–99."""
    out = bytearray()
    for code_set, text in code128_runs(data):
        out += SELECTOR + code_set.encode("ascii")
        if code_set == "C":
            out += bytes(int(text[i : i + 2]) for i in range(0, len(text), 2))
        else:
            out += text.encode("ascii").replace(SELECTOR, SELECTOR * 2)
    return bytes(out)


# --- CODE128: reading the payload back (decoder and paper) ----------------------------


@dataclass(frozen=True)
class Code128Symbol:
    """What GS k 73 data asks the printer to print: the text a reader decodes, the
    symbol values from the start to the check symbol (the stop follows)."""

    text: str
    values: tuple[int, ...]

    @property
    def modules(self) -> int:
        """The width in modules, without the quiet zones."""
        return SYMBOL_MODULES * len(self.values) + STOP_MODULES

    def bars(self) -> str:
        """The symbol module by module, "1" a bar and "0" a space, stop included."""
        out = []
        for widths in (*(CODE128_WIDTHS[v] for v in self.values), CODE128_STOP_WIDTHS):
            for k, width in enumerate(widths):
                out.append(("1" if k % 2 == 0 else "0") * int(width))
        return "".join(out)


def read_code128(payload: bytes) -> Code128Symbol:
    """GS k 73 data to its symbol, as a printer reads it; ValueError for data a printer
    refuses (no leading selector, an unknown `{x`, a byte outside the set in force)."""
    if len(payload) < 2 or payload[0] != BRACE or chr(payload[1]) not in START:
        raise ValueError(f"CODE128 data must start with {{A, {{B or {{C: {payload[:2]!r}")
    code_set = chr(payload[1])
    values = [START[code_set]]
    text: list[str] = []
    shift = False
    i = 2
    while i < len(payload):
        byte = payload[i]
        if byte == BRACE:
            if i + 1 >= len(payload):
                raise ValueError("CODE128 data ends after {")
            special = chr(payload[i + 1])
            i += 2
            if special == "{" and code_set != "C":
                values.append(_value_in(code_set, BRACE, shift))
                text.append("{")
                shift = False
            elif special in SWITCH and special != code_set:
                values.append(SWITCH[special])
                code_set = special
            elif special in FNC and (special == "1" or code_set != "C"):
                values.append(FNC[special])
            elif special == "4" and code_set != "C":
                values.append(CODE_A if code_set == "A" else CODE_B)
            elif special == "S" and code_set != "C":
                values.append(SHIFT)
                shift = True
            else:
                raise ValueError(f"{{{special} is no CODE128 special character in set {code_set}")
            continue
        if code_set == "C":
            if byte > 99:
                raise ValueError(f"code set C carries 0–99 per byte, not {byte}")
            values.append(byte)
            text.append(f"{byte:02d}")
        else:
            values.append(_value_in(code_set, byte, shift))
            text.append(chr(byte))
            shift = False
        i += 1
    if len(values) == 1:
        raise ValueError("CODE128 data holds no character")
    check = (values[0] + sum(k * v for k, v in enumerate(values[1:], start=1))) % CHECK_MODULUS
    return Code128Symbol("".join(text), (*values, check))


def _value_in(code_set: str, byte: int, shift: bool) -> int:
    """A character's symbol value in set A or B (a SHIFT reads one from the other)."""
    if shift:
        code_set = "B" if code_set == "A" else "A"
    if code_set == "A" and byte < 0x60:
        return byte + 64 if byte < 0x20 else byte - 32
    if code_set == "B" and 0x20 <= byte < 0x80:
        return byte - 32
    raise ValueError(f"byte 0x{byte:02X} is not in code set {code_set}")


# --- the layout on paper --------------------------------------------------------------


@dataclass(frozen=True)
class BarcodeLayout:
    """A barcode as it will print on a profile's paper."""

    symbology: str  # "CODE128" or "QR"
    data: str
    module: int  # dots per module: GS w n, or the QR module size
    height: int  # dots: GS h n for CODE128; the QR's side
    modules: int  # the symbol's width in modules, quiet zones left out
    quiet_modules: int  # the quiet zone each side, in modules
    payload: bytes = b""  # the GS k 73 data (CODE128)

    @property
    def width_dots(self) -> int:
        """The printed symbol's width (a QR code's at the largest version the printer may
        pick: it may print smaller, never wider)."""
        return self.modules * self.module

    @property
    def footprint_dots(self) -> int:
        """The width the paper must leave for it: the symbol and both quiet zones."""
        return (self.modules + 2 * self.quiet_modules) * self.module

    def commands(self) -> bytes:
        if self.symbology == "QR":
            return escpos.qr_code(self.data, module_size=self.module, level=QR_LEVEL)
        return (
            escpos.barcode_hri_position(HRI_NONE)
            + escpos.barcode_module_width(self.module)
            + escpos.barcode_height(self.height)
            + escpos.code128(self.payload)
        )


def bar_height_dots(profile: PrinterProfile) -> int:
    """BAR_HEIGHT_MM at the profile's resolution."""
    return round(BAR_HEIGHT_MM * profile.dpi / 25.4)


def code128_layout(data: str, profile: PrinterProfile) -> BarcodeLayout | None:
    """CODE128 at the widest module (3, else 2) whose symbol and quiet zones fit the
    printable width; None when even 2 dots a module do not fit."""
    payload = code128_payload(data)
    modules = read_code128(payload).modules
    for module in MODULE_WIDTHS:
        if (modules + 2 * QUIET_ZONE_MODULES) * module <= profile.printable_dots:
            height = bar_height_dots(profile)
            return BarcodeLayout(
                "CODE128", data, module, height, modules, QUIET_ZONE_MODULES, payload
            )
    return None


def qr_version(data: str, level: str = QR_LEVEL) -> int:
    """The largest version a printer may pick for `data` (byte mode, the worst case)."""
    size = len(data.encode("utf-8"))
    for version, capacity in enumerate(QR_BYTE_CAPACITY[level], start=1):
        if size <= capacity:
            return version
    raise BarcodeTooWide(f"{size} bytes is more than a version-10 QR code holds: {data!r}")


def qr_layout(data: str, profile: PrinterProfile) -> BarcodeLayout:
    """A QR code at the largest module size (5, 4, 3) that fits with its quiet zones."""
    side = 17 + 4 * qr_version(data)
    for module in QR_MODULE_SIZES:
        if (side + 2 * QR_QUIET_ZONE_MODULES) * module <= profile.printable_dots:
            return BarcodeLayout("QR", data, module, side * module, side, QR_QUIET_ZONE_MODULES)
    raise BarcodeTooWide(f"a QR code of {data!r} does not fit {profile.printable_dots} dots")


def barcode_layout(data: str, profile: PrinterProfile, symbology: str = "code128") -> BarcodeLayout:
    """The barcode of `data` on the profile's paper: "code128" (a QR code when it would
    not fit) or "qr"."""
    if symbology == "qr":
        return qr_layout(data, profile)
    if symbology != "code128":
        raise ValueError(f"barcode is 'code128' or 'qr': {symbology!r}")
    return code128_layout(data, profile) or qr_layout(data, profile)
