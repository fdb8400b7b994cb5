"""The decoders read the bytes shared/devices/escpos.md lists, written out here by hand.

The encoders and the decoders share the names of the command bytes; these byte strings
come from the facts, not from the encoders, so a wrong name fails here.
"""

import pytest

from devices.decoders.display import DisplayDecoder
from devices.decoders.printer import (
    Barcode,
    Cut,
    EscPosDecoder,
    QrCode,
    RasterImage,
    StatusQuery,
    TextLine,
)
from devices.decoders.stream import Unknown
from devices.fakes import FakePrinter
from devices.status import PrinterProblem, parse_status

JAPANESE_SETUP = "1b 40 1b 74 01 1b 52 08 1c 43 01"  # ESC @, ESC t 1, ESC R 8, FS C 1


def printed(*hex_parts: str) -> list:
    return EscPosDecoder().feed(bytes.fromhex(" ".join(hex_parts)))


def test_text_reads_as_shift_jis_under_the_japanese_setup():
    events = printed(
        JAPANESE_SETUP,
        "1c 26 82 dd 82 c7 82 e8 8e 73 1c 2e 0a",  # FS & みどり市 FS . LF
        "b1 b2 0a",  # ｱｲ, half-width kana from the Katakana table
        "5c 35 30 30 7e 0a",  # under the Japan set 0x5C is ¥ and 0x7E is ‾
    )
    assert [e.text for e in events] == ["みどり市", "ｱｲ", "¥500‾"]


def test_without_the_setup_nothing_is_guessed():
    events = printed("1b 40", "82 dd 0a", "b1 0a", "5c 41 0a")
    assert [e.text for e in events] == ["\ufffd", "\ufffd", "\\A"]


def test_layout_commands_shape_the_next_line():
    events = printed(
        JAPANESE_SETUP,
        "1b 61 01 1d 21 11 1c 21 0c 1b 45 01 41 0a",  # centre, 2×2, kanji double, bold: A
        "1b 61 02 1d 21 01 1b 45 00 42 0a",  # right, 1×2, not bold: B
        "1b 61 00 1d 21 00 43 0d 0a",  # left, 1×1: C (CR is ignored)
    )
    assert events == [
        TextLine("A", "center", 2, 2, True),
        TextLine("B", "right", 1, 2, False),
        TextLine("C", "left", 1, 1, False),
    ]


@pytest.mark.parametrize(
    ("hex_bytes", "cut"),
    [
        ("1d 56 00", Cut(partial=False, feed=0)),
        ("1d 56 30", Cut(partial=False, feed=0)),
        ("1d 56 01", Cut(partial=True, feed=0)),
        ("1d 56 31", Cut(partial=True, feed=0)),
        ("1d 56 41 03", Cut(partial=False, feed=3)),
        ("1d 56 42 00", Cut(partial=True, feed=0)),
    ],
)
def test_every_cut_form(hex_bytes, cut):
    assert printed(hex_bytes) == [cut]


@pytest.mark.parametrize(
    "hex_bytes",
    [
        "1b 61 07",
        "1d 56 07",
        "1b 64 02",
        "1d 6b 04 41 42 00",
    ],  # bad align, bad cut, ESC d, NUL form
)
def test_what_the_facts_do_not_list_is_unknown(hex_bytes):
    [first, *_] = printed(hex_bytes)
    assert isinstance(first, Unknown)
    assert bytes.fromhex(hex_bytes).startswith(first.data)


def test_code128_in_code_set_b():
    assert printed("1d 6b 49 06 7b 42 41 7b 7b 31") == [Barcode("CODE128", "A{1")]


def test_code128_in_code_set_c_reads_each_byte_as_two_digits():
    # Toshiba B-EP p.8-67: "No.123456" as {B No. {C 0C 22 38
    [barcode] = printed("1d 6b 49 0a 7b 42 4e 6f 2e 7b 43 0c 22 38")
    assert barcode == Barcode("CODE128", "No.123456")
    [barcode] = printed("1d 6b 49 05 7b 43 00 07 63")
    assert barcode.data == "000799"


def test_module_width_height_and_hri_travel_with_the_barcode_until_reset():
    [barcode] = printed("1b 61 01 1d 48 02 1d 77 02 1d 68 50 1d 6b 49 04 7b 42 41 42")
    assert (barcode.data, barcode.module_width, barcode.height, barcode.hri, barcode.align) == (
        "AB", 2, 80, 2, "center",
    )  # fmt: skip
    assert barcode.payload == b"{BAB"
    # ESC @ puts the printer's defaults back: module 3, 162 dots, no HRI ("1" also means above)
    [_, barcode] = printed("1d 77 02 1d 6b 49 03 7b 42 41", "1b 40 1d 48 31 1d 6b 49 03 7b 42 41")
    assert (barcode.module_width, barcode.height, barcode.hri) == (3, 162, 1)


@pytest.mark.parametrize(
    "hex_bytes",
    [
        "1d 6b 49 03 41 42 43",  # no code-set selector: printed as text, not a barcode
        "1d 6b 49 03 7b 43 64",  # 100 is not a code set C value
        "1d 6b 49 04 7b 42 7b 5a",  # {Z is no special character
        "1d 77 01",  # module width 1: outside 2–6
        "1d 48 05",  # no such HRI position
    ],
)
def test_barcode_data_or_settings_a_printer_refuses_are_unknown(hex_bytes):
    [event] = printed(hex_bytes)
    assert event == Unknown(bytes.fromhex(hex_bytes))


def test_a_qr_code_from_its_five_functions():
    events = printed(
        "1d 28 6b 04 00 31 41 32 00",  # model 2
        "1d 28 6b 03 00 31 43 05",  # module size 5
        "1d 28 6b 03 00 31 45 31",  # level M
        "1d 28 6b 06 00 31 50 30 54 2d 31",  # store "T-1"
        "1d 28 6b 03 00 31 51 30",  # print
    )
    assert events == [QrCode("T-1", model=2, module_size=5, level="M")]


def test_a_raster_image_keeps_its_mode_alignment_and_bits():
    bitmap = bytes([0xFF, 0x00]) * 3
    events = printed("1b 61 01", "1d 76 30 03 02 00 03 00", bitmap.hex())
    assert events == [RasterImage(16, 3, 3, "center", bitmap)]


def test_a_command_split_across_reads_waits_for_the_rest():
    data = bytes.fromhex(JAPANESE_SETUP + "1d 21 11 1c 26 82 dd 1c 2e 0a 1d 56 42 00")
    decoder = EscPosDecoder()
    events = [event for byte in data for event in decoder.feed(bytes([byte]))]
    assert events == [TextLine("み", "left", 2, 2), Cut(partial=True, feed=0)]


# Replies to DLE EOT 1, 2, 3, 4 per state, as the facts give them: 0xx1xx10b (0x12) plus
# n=1 bit 3 offline; n=2 bit 2 cover, bit 5 paper end, bit 6 error; n=3 bit 5
# unrecoverable; n=4 bits 2-3 near end, bits 5-6 paper end.
STATE_REPLIES = {
    "normal": (0x12, 0x12, 0x12, 0x12),
    "near_end": (0x12, 0x12, 0x12, 0x1E),
    "paper_end": (0x1A, 0x32, 0x12, 0x7E),
    "cover_open": (0x1A, 0x16, 0x12, 0x12),
    "error": (0x1A, 0x52, 0x32, 0x12),
}


@pytest.mark.parametrize("state", STATE_REPLIES)
def test_the_fake_printer_answers_dle_eot_as_the_facts_say(state):
    decoder = FakePrinter(state).decoder
    events = decoder.feed(bytes.fromhex("10 04 01 10 04 02 10 04 03 10 04 04"))
    replies = STATE_REPLIES[state]
    assert events == [StatusQuery(n, reply) for n, reply in enumerate(replies, start=1)]
    assert bytes(decoder.replies) == bytes(replies)


@pytest.mark.parametrize(
    ("state", "problem", "near_end"),
    [
        ("normal", None, False),
        ("near_end", None, True),
        ("paper_end", PrinterProblem.PAPER_END, True),
        ("cover_open", PrinterProblem.COVER_OPEN, False),
        ("error", PrinterProblem.ERROR, False),
    ],
)
def test_status_bytes_from_the_facts_parse_to_the_problem(state, problem, near_end):
    printer, offline_cause, _, paper = STATE_REPLIES[state]
    status = parse_status(printer, offline_cause, paper)
    assert (status.problem, status.paper_near_end) == (problem, near_end)


# --- counter displays -------------------------------------------------------------------


def shown(protocol: str, hex_bytes: str) -> tuple[DisplayDecoder, list]:
    decoder = DisplayDecoder(protocol)
    return decoder, decoder.feed(bytes.fromhex(hex_bytes))


def test_dmd_bytes_from_the_facts():
    decoder, unknown = shown(
        "dmd",
        "1b 40 1b 74 01 1b 52 08 1f 01 1f 02 1f 03 1f 45 00 1f 58 03"  # set-up, modes, blink, 3
        " 1f 24 01 01 ca de dd ba de b3 20 41 30 31 32"  # ﾊﾞﾝｺﾞｳ A012 at 1,1
        " 1f 24 03 02 42",  # B at column 3 of line 2
    )
    assert unknown == []
    assert decoder.lines.upper.rstrip() == "ﾊﾞﾝｺﾞｳ A012"
    assert decoder.lines.lower == "  B" + " " * 17
    assert decoder.brightness == 3
    decoder.feed(bytes.fromhex("18"))  # CAN clears the cursor line
    assert decoder.lines.lower == " " * 20 and decoder.lines.upper.startswith("ﾊﾞﾝ")
    decoder.feed(bytes.fromhex("0c"))  # FF clears both
    assert decoder.lines.upper == " " * 20


def test_cd5220_bytes_from_the_facts():
    decoder, unknown = shown(
        "cd5220",
        "1b 40 1b 5f 00 1b 2a 02"  # initialise, cursor off, brightness 2
        " 1b 51 41 41 42 0d 1b 51 42 ca de 0d"  # upper AB, lower ﾊﾞ
        " 1b 6c 05 01",  # cursor to 5,1
    )
    assert unknown == []
    assert decoder.lines.upper.rstrip() == "AB" and decoder.lines.lower.rstrip() == "ﾊﾞ"
    assert (decoder.brightness, decoder.cursor_visible) == (2, False)
    assert (decoder.column, decoder.row) == (4, 0)


def test_a_display_shows_what_it_cannot_display_as_a_replacement_mark():
    decoder, _ = shown("cd5220", "1b 51 41 41 82 42 0d")
    assert decoder.lines.upper.rstrip() == "A\ufffdB"


def test_a_command_of_the_other_set_is_unknown():
    _, unknown = shown("dmd", "1b 6c 01 01")  # CD5220's cursor move
    assert unknown and unknown[0] == Unknown(bytes.fromhex("1b 6c"))
    _, unknown = shown("cd5220", "1f 24 01 01")  # DM-D's cursor move
    assert unknown and unknown[0] == Unknown(bytes.fromhex("1f"))
