"""Every ESC/POS command the driver emits, byte for byte, as shared/devices/escpos.md lists it."""

import pytest

from devices import escpos


def test_japanese_initialisation():
    assert escpos.initialize() == bytes.fromhex("1b 40")
    assert escpos.select_character_table() == bytes.fromhex("1b 74 01")
    assert escpos.select_international_set() == bytes.fromhex("1b 52 08")
    assert escpos.select_kanji_code_system() == bytes.fromhex("1c 43 01")
    assert escpos.initialize_japanese() == bytes.fromhex("1b 40 1b 74 01 1b 52 08 1c 43 01")


@pytest.mark.parametrize(
    ("where", "expected"), [("left", "1b 61 00"), ("center", "1b 61 01"), ("right", "1b 61 02")]
)
def test_alignment(where, expected):
    assert escpos.align(where) == bytes.fromhex(expected)


def test_alignment_refuses_a_typo():
    with pytest.raises(ValueError, match="alignment"):
        escpos.align("centre")


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [(1, 1, "1d 21 00"), (2, 2, "1d 21 11"), (1, 2, "1d 21 01"), (2, 1, "1d 21 10"),
     (6, 6, "1d 21 55"), (8, 8, "1d 21 77")],
)  # fmt: skip
def test_character_size(width, height, expected):
    assert escpos.character_size(width, height) == bytes.fromhex(expected)


@pytest.mark.parametrize(("width", "height"), [(0, 1), (9, 1), (1, 9)])
def test_character_size_is_one_to_eight(width, height):
    with pytest.raises(ValueError):
        escpos.character_size(width, height)


def test_kanji_print_mode():
    assert escpos.kanji_print_mode() == bytes.fromhex("1c 21 00")
    assert escpos.kanji_print_mode(double_width=True) == bytes.fromhex("1c 21 04")
    assert escpos.kanji_print_mode(double_height=True) == bytes.fromhex("1c 21 08")
    assert escpos.kanji_print_mode(double_width=True, double_height=True) == bytes.fromhex(
        "1c 21 0c"
    )
    assert escpos.kanji_print_mode(underline=True) == bytes.fromhex("1c 21 80")


def test_kanji_mode_emphasis_and_line_feed():
    assert escpos.kanji_mode_on() == bytes.fromhex("1c 26")
    assert escpos.kanji_mode_off() == bytes.fromhex("1c 2e")
    assert escpos.emphasis(True) == bytes.fromhex("1b 45 01")
    assert escpos.emphasis(False) == bytes.fromhex("1b 45 00")
    assert escpos.line_feed() == b"\x0a"


def test_ascii_text_is_sent_as_is():
    assert escpos.encode_text("A-012 9:15") == b"A-012 9:15"
    assert escpos.text_line("A-012") == b"A-012\x0a"


def test_double_byte_runs_are_wrapped_in_kanji_mode():
    # み 82DD, ど 82C7, り 82E8, 市 8E73 (JIS X 0208 in Shift_JIS)
    assert escpos.encode_text("みどり市") == bytes.fromhex("1c 26 82 dd 82 c7 82 e8 8e 73 1c 2e")
    assert escpos.encode_text("約15分") == bytes.fromhex(
        "1c 26 96 f1 1c 2e 31 35 1c 26 95 aa 1c 2e"
    )


def test_half_width_kana_is_single_byte_outside_kanji_mode():
    assert escpos.encode_text("ｱｲ") == bytes.fromhex("b1 b2")


def test_yen_sign_is_0x5c_under_the_japan_set():
    assert escpos.encode_text("¥500") == bytes.fromhex("5c 35 30 30")


def test_cp932_spellings_of_jis_characters_use_their_jis_cells():
    # ～ (U+FF5E) and 〜 (U+301C) are both JIS 1-33, 0x8160; － and − both 0x817C
    assert (
        escpos.encode_text("～") == escpos.encode_text("〜") == bytes.fromhex("1c 26 81 60 1c 2e")
    )
    assert escpos.encode_text("－") == escpos.encode_text("−") == bytes.fromhex("1c 26 81 7c 1c 2e")


@pytest.mark.parametrize(
    "text", ["髙橋", "山﨑", "𠮷田", "㈱", "①", "葛\U000e0100", "C:\\path", "a~b", "\x1b@"]
)
def test_text_a_printer_cannot_print_raises_and_never_becomes_a_question_mark(text):
    with pytest.raises(escpos.UnencodableText) as caught:
        escpos.encode_text(text)
    assert caught.value.characters


def test_code128_sends_the_planned_data_after_its_length():
    # {B T- {C 20 26 12 01 {B -A-012 (devices.barcodes plans the code sets)
    payload = b"{BT-{C" + bytes([20, 26, 12, 1]) + b"{B-A-012"
    assert escpos.code128(payload) == (bytes.fromhex("1d 6b 49") + bytes([len(payload)]) + payload)
    assert len(payload) == 18


def test_code128_sends_a_brace_as_planned():
    assert escpos.code128(b"{BA{{1") == bytes.fromhex("1d 6b 49 06 7b 42 41 7b 7b 31")


@pytest.mark.parametrize("payload", [b"", b"T-1", b"{B", b"{D12", b"{B" + b"x" * 254])
def test_code128_refuses_data_a_printer_would_not_take(payload):
    with pytest.raises(ValueError):
        escpos.code128(payload)


def test_barcode_module_width_height_and_hri_position():
    assert escpos.barcode_module_width(2) == bytes.fromhex("1d 77 02")
    assert escpos.barcode_module_width(3) == bytes.fromhex("1d 77 03")
    assert escpos.barcode_height(80) == bytes.fromhex("1d 68 50")
    assert escpos.barcode_height(255) == bytes.fromhex("1d 68 ff")
    assert escpos.barcode_hri_position(0) == bytes.fromhex("1d 48 00")
    assert escpos.barcode_hri_position(2) == bytes.fromhex("1d 48 02")


@pytest.mark.parametrize(
    ("command", "n"),
    [(escpos.barcode_module_width, 1), (escpos.barcode_module_width, 7),
     (escpos.barcode_height, 0), (escpos.barcode_height, 256), (escpos.barcode_hri_position, 4)],
)  # fmt: skip
def test_barcode_settings_refuse_values_outside_their_range(command, n):
    with pytest.raises(ValueError):
        command(n)


def test_qr_functions():
    assert escpos.qr_model(2) == bytes.fromhex("1d 28 6b 04 00 31 41 32 00")
    assert escpos.qr_model(1) == bytes.fromhex("1d 28 6b 04 00 31 41 31 00")
    assert escpos.qr_module_size(6) == bytes.fromhex("1d 28 6b 03 00 31 43 06")
    assert escpos.qr_error_level("L") == bytes.fromhex("1d 28 6b 03 00 31 45 30")
    assert escpos.qr_error_level("H") == bytes.fromhex("1d 28 6b 03 00 31 45 33")
    assert escpos.qr_store(b"AB") == bytes.fromhex("1d 28 6b 05 00 31 50 30 41 42")
    assert escpos.qr_print() == bytes.fromhex("1d 28 6b 03 00 31 51 30")


def test_a_whole_qr_code():
    assert escpos.qr_code("T-1", module_size=5, level="M") == bytes.fromhex(
        "1d 28 6b 04 00 31 41 32 00"
        "1d 28 6b 03 00 31 43 05"
        "1d 28 6b 03 00 31 45 31"
        "1d 28 6b 06 00 31 50 30 54 2d 31"
        "1d 28 6b 03 00 31 51 30"
    )


def test_qr_store_length_uses_both_bytes():
    data = b"x" * 300  # 300 + 3 = 303 = 0x012F
    assert escpos.qr_store(data)[:8] == bytes.fromhex("1d 28 6b 2f 01 31 50 30")


def test_cut_is_the_safe_feed_and_partial_cut():
    assert escpos.cut() == bytes.fromhex("1d 56 42 00")
    assert escpos.cut(3) == bytes.fromhex("1d 56 42 03")


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_status_request(n):
    assert escpos.status_request(n) == bytes([0x10, 0x04, n])


def test_status_request_refuses_other_functions():
    with pytest.raises(ValueError):
        escpos.status_request(5)


def test_raster_image_header():
    bitmap = bytes([0xFF, 0x00]) * 3  # 2 bytes (16 dots) wide, 3 rows
    assert escpos.raster_image(bitmap, 2, 3) == bytes.fromhex("1d 76 30 00 02 00 03 00") + bitmap
    assert escpos.raster_image(bitmap, 2, 3, mode=3)[:8] == bytes.fromhex("1d 76 30 03 02 00 03 00")


def test_raster_image_checks_the_bitmap_size():
    with pytest.raises(ValueError):
        escpos.raster_image(b"\x00" * 5, 2, 3)
