"""CODE128 planned in code sets B and C, its width in modules, and the size chosen per paper."""

import itertools

import pytest
from barcode.charsets import code128 as reference

from devices import barcodes
from devices.profiles import PAPER_58, TM_T20, TM_T88_180


def test_the_symbol_table_is_the_standard_one():
    # python-barcode keeps the patterns as module strings; ours are bar/space widths
    widths = ["".join(str(len(list(g))) for _, g in itertools.groupby(p)) for p in reference.CODES]
    assert list(barcodes.CODE128_WIDTHS) == widths
    assert all(sum(map(int, w)) == barcodes.SYMBOL_MODULES for w in barcodes.CODE128_WIDTHS)
    assert sum(map(int, barcodes.CODE128_STOP_WIDTHS)) == barcodes.STOP_MODULES


@pytest.mark.parametrize(
    ("data", "runs"),
    [
        ("T-20261204-A-001", [("B", "T-"), ("C", "20261204"), ("B", "-A-001")]),
        ("V-20261201-0007", [("B", "V-"), ("C", "20261201"), ("B", "-"), ("C", "0007")]),
        ("R20261205-0007", [("B", "R"), ("C", "20261205"), ("B", "-"), ("C", "0007")]),
        ("12345678", [("C", "12345678")]),  # starts in C
        ("1234567", [("B", "1"), ("C", "234567")]),  # odd: one digit stays in B
        ("A-1234-B", [("B", "A-1234-B")]),  # 4 digits in the middle: no shorter in C
        ("A-123456-B", [("B", "A-"), ("C", "123456"), ("B", "-B")]),
        ("A{1", [("B", "A{1")]),
    ],
)
def test_digit_runs_go_to_code_set_c_where_that_saves_symbols(data, runs):
    assert barcodes.code128_runs(data) == runs


def test_the_payload_has_its_selectors_set_c_as_values_and_braces_doubled():
    assert barcodes.code128_payload("T-20261204-A-001") == (
        b"{BT-{C" + bytes([20, 26, 12, 4]) + b"{B-A-001"
    )
    assert barcodes.code128_payload("No.123456") == b"{BNo.{C\x0c\x22\x38"  # Toshiba's example
    assert barcodes.code128_payload("A{1") == b"{BA{{1"


@pytest.mark.parametrize("data", ["", "番号", "a\tb"])
def test_what_code128_here_cannot_carry_is_refused(data):
    with pytest.raises(ValueError):
        barcodes.code128_payload(data)


def test_the_width_in_modules_counts_start_data_switches_check_and_stop():
    # the figure: 16 characters in set B are 18 symbols + the stop = 211 modules
    assert barcodes.read_code128(b"{BT-20261204-A-001").modules == 211
    # planned: T - CodeC 20 26 12 04 CodeB - A - 0 0 1 = 14 data symbols
    symbol = barcodes.read_code128(barcodes.code128_payload("T-20261204-A-001"))
    assert symbol.modules == 11 * (1 + 14 + 1) + 13 == 189
    assert symbol.text == "T-20261204-A-001"
    assert len(symbol.bars()) == symbol.modules


def test_the_check_symbol_is_the_weighted_sum_modulo_103():
    # start B 104; P 48, J 42, J 42, 1 17, 2 18, 3 19, C 35 weighted 1 to 7:
    # 104 + 48 + 84 + 126 + 68 + 90 + 114 + 245 = 879 = 8 × 103 + 55
    symbol = barcodes.read_code128(b"{BPJJ123C")
    assert symbol.values == (104, 48, 42, 42, 17, 18, 19, 35, 55)


@pytest.mark.parametrize(
    ("profile", "module", "height"), [(TM_T20, 3, 80), (TM_T88_180, 3, 71), (PAPER_58, 3, 80)]
)
def test_a_short_code_gets_module_3_and_ten_millimetre_bars(profile, module, height):
    layout = barcodes.barcode_layout("A-001", profile)
    assert (layout.symbology, layout.module, layout.height) == ("CODE128", module, height)


def test_the_module_is_never_1_a_code_too_wide_at_2_becomes_a_qr_code():
    data = "T-20261204-" + "KOSODATE" * 3
    assert barcodes.code128_layout(data, TM_T20) is None
    layout = barcodes.barcode_layout(data, TM_T20)
    assert layout.symbology == "QR" and layout.module == 5
    assert layout.footprint_dots <= TM_T20.printable_dots
    assert layout.commands().startswith(bytes.fromhex("1d 28 6b 04 00 31 41 32 00"))


def test_a_qr_code_too_large_for_any_module_size_is_refused():
    with pytest.raises(barcodes.BarcodeTooWide):
        barcodes.barcode_layout("x" * 300, PAPER_58, "qr")
