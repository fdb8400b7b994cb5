"""The visit receipt (受付の控え): its lines, the visit number as CODE128, no name, no `?`."""

import dataclasses

import pytest

from devices import escpos
from devices.decoders.printer import Barcode, EscPosDecoder, RasterImage, TextLine
from devices.escpos import text_columns
from devices.profiles import PAPER_58, TM_T88_180
from devices.receipt import (
    ReceiptContent,
    ReceiptItem,
    receipt_bytes,
    render_receipt,
    wrap,
)
from devices.ticket import COLUMNS
from tests.helpers import PROJECT_ROOT

FONT = str(PROJECT_ROOT / "resources" / "fonts" / "ipaexg.ttf")

RECEIPT = ReceiptContent(
    municipality="みどり市",
    visit_number="V-20261201-0007",
    printed_at="令和8年12月1日 14:05",
    items=(
        ReceiptItem("転入届", "市民課", "窓口で完了"),
        ReceiptItem("国民健康保険 資格取得届（加入）", "保険年金課", "窓口で完了"),
        ReceiptItem("転出証明書の交付", "市民課", "証明書交付済み"),
        ReceiptItem(
            "児童手当 認定請求", "子育て支援課", "子育て支援課で審査（12月15日までに通知）"
        ),
        ReceiptItem(
            "子ども医療費助成 受給資格認定申請（医療証の交付）",
            "子育て支援課",
            "子育て支援課で審査（12月15日までに通知）",
        ),
        ReceiptItem(
            "要介護・要支援認定申請（受給資格証明書による引継ぎ・転入）",
            "介護保険課",
            "介護保険課で審査（令和9年1月5日までに通知）",
        ),
    ),
)

INIT = bytes.fromhex("1b 40 1b 74 01 1b 52 08 1c 43 01")
CUT = bytes.fromhex("1d 56 42 00")


def decode(data: bytes) -> list:
    return EscPosDecoder().feed(data)


def texts(data: bytes) -> list[str]:
    return [e.text for e in decode(data) if isinstance(e, TextLine) and e.text]


def test_the_receipt_starts_with_the_japanese_initialisation_and_ends_with_the_cut():
    data = receipt_bytes(RECEIPT)
    assert data.startswith(INIT)
    assert data.endswith(CUT)
    assert data.count(b"\x1dV") == 1


def test_the_visit_number_is_a_code128_sized_for_the_paper_with_its_digits_in_code_set_c():
    rendered = render_receipt(RECEIPT)
    # {B V- {C 20 26 12 01 {B - {C 00 07: 12 symbols, 167 modules, 501 dots at GS w 3
    payload = b"{BV-{C" + bytes([20, 26, 12, 1]) + b"{B-{C" + bytes([0, 7])
    settings = bytes.fromhex("1d 48 00 1d 77 03 1d 68 50")  # no HRI, module 3, 80 dots high
    assert settings + bytes([0x1D, 0x6B, 73, len(payload)]) + payload in rendered.data
    [barcode] = [e for e in decode(rendered.data) if isinstance(e, Barcode)]
    assert barcode == Barcode("CODE128", "V-20261201-0007")
    assert (barcode.module_width, barcode.height, barcode.hri) == (3, 80, 0)
    assert (rendered.barcode_module, rendered.barcode_dots) == (3, 501)
    # at 180 dpi, 512 dots: 3 dots a module would leave no quiet zone, so 2
    narrow = render_receipt(RECEIPT, profile=TM_T88_180)
    assert (narrow.barcode_module, narrow.barcode_dots) == (2, 334)


def test_a_typical_receipt_reads_back_line_by_line():
    events = decode(receipt_bytes(RECEIPT))
    lines = [e for e in events if isinstance(e, TextLine) and e.text]
    head = [(e.text, e.align, e.width, e.height, e.bold) for e in lines[:5]]
    assert head == [
        ("受付の控え", "center", 2, 2, True),
        ("みどり市", "center", 1, 1, True),
        ("受付番号", "center", 1, 1, False),
        ("V-20261201-0007", "center", 3, 3, True),  # 45 of the 48 columns
        ("令和8年12月1日 14:05", "center", 1, 1, False),
    ]
    body = [e.text for e in lines[5:]]
    assert body[0] == "-" * COLUMNS
    assert body[1:5] == [
        "・転入届",
        " → 窓口で完了",
        "・国民健康保険 資格取得届（加入）",
        " → 窓口で完了",
    ]
    # 44 columns: one line on 48 columns; on the 42 of a TM-T88 at 180 dpi a next step too
    # long for one line breaks before its bracket, not inside it
    assert " → 子育て支援課で審査（12月15日までに通知）" in body
    narrow = texts(receipt_bytes(RECEIPT, profile=TM_T88_180))
    at = narrow.index(" → 子育て支援課で審査")
    assert narrow[at + 1] == "    （12月15日までに通知）"
    assert "・転出証明書の交付" in body and " → 証明書交付済み" in body
    assert body[-1] == "お問い合わせの際はこの控えをお持ちください"
    # the footer comes after the barcode
    kinds = [type(e).__name__ for e in events if isinstance(e, (Barcode, TextLine)) and
             (not isinstance(e, TextLine) or e.text)]  # fmt: skip
    assert kinds[-2:] == ["Barcode", "TextLine"]


def test_every_procedure_and_its_next_step_are_printed_whole_across_wrapped_lines():
    joined = "".join(t.lstrip("・ →") for t in texts(receipt_bytes(RECEIPT)))
    for item in RECEIPT.items:
        assert item.procedure in joined.replace("　", "")
        assert item.next_step in joined.replace(" ", "")


@pytest.mark.parametrize("profile", [None, TM_T88_180, PAPER_58])
def test_wrapping_keeps_every_line_within_the_paper_s_columns(profile):
    long = dataclasses.replace(
        RECEIPT,
        municipality="みどり市役所本庁舎・北部支所・南部支所・東部出張所合同窓口",
        items=(
            *RECEIPT.items,
            ReceiptItem(
                "遺族基礎年金・寡婦年金・死亡一時金の相談・請求（第1号被保険者の死亡）",
                "保険年金課",
                "保険年金課で審査（令和9年1月15日までに通知）、結果は郵送でお知らせします",
            ),
        ),
        notes=("ご不明な点は各担当課の窓口または代表電話までお問い合わせください。",),
    )
    columns = COLUMNS if profile is None else profile.columns
    data = receipt_bytes(long) if profile is None else receipt_bytes(long, profile=profile)
    events = decode(data)
    lines = [e for e in events if isinstance(e, TextLine) and e.text]
    assert len(lines) > 20
    assert "-" * columns in [line.text for line in lines]
    for line in lines:
        assert text_columns(line.text) * line.width <= columns, line.text
    wrapped = [t for t in (e.text for e in lines) if t.startswith("    ")]
    assert wrapped  # a next step went on to a second line, under the text after the arrow


def test_wrap_counts_a_full_width_character_as_two_columns_and_keeps_punctuation_off_a_line_start():
    lines = wrap("あ" * 21 + "、いう", 42)
    assert lines == ["あ" * 20, "あ、いう"]  # 「、」 does not start a line: あ goes with it
    assert wrap("ABC" * 20, 42) == ["ABC" * 14, "ABC" * 6]
    assert [text_columns(t) for t in wrap("漢字ｶﾀｶﾅ" * 10, 42)] == [42, 38]
    step = "子育て支援課で審査（12月15日までに通知）"
    assert wrap(step, 42, first=" → ", rest="    ") == [
        " → 子育て支援課で審査",
        "    （12月15日までに通知）",
    ]


def test_a_receipt_has_no_field_for_a_name():
    for cls in (ReceiptContent, ReceiptItem):
        names = {field.name for field in dataclasses.fields(cls)}
        assert not names & {"name", "resident", "resident_name", "kana", "persons"}


def test_a_procedure_name_the_rom_cannot_encode_goes_raster_never_a_question_mark():
    content = dataclasses.replace(
        RECEIPT,
        items=(ReceiptItem("髙齢者福祉 ①申請", "障害福祉課", "窓口で完了"), *RECEIPT.items[:2]),
    )
    with pytest.raises(escpos.NoRasterFont, match="髙"):
        receipt_bytes(content)
    rendered = render_receipt(content, raster_font=FONT)
    assert rendered.raster_lines == ("・髙齢者福祉 ①申請",)
    events = decode(rendered.data)
    [image] = [e for e in events if isinstance(e, RasterImage)]
    assert image.height_dots == 24 and any(image.bitmap)
    printed = [e.text for e in events if isinstance(e, TextLine)]
    assert not any("?" in t or "\ufffd" in t or "髙" in t or "高" in t for t in printed)
    assert " → 窓口で完了" in printed and "・転入届" in printed


def test_a_visit_with_no_procedures_left_still_prints_a_receipt():
    data = receipt_bytes(dataclasses.replace(RECEIPT, items=()))
    assert "（手続きはありません）" in texts(data)
    assert data.endswith(CUT)


def test_a_six_procedure_receipt_stays_compact():
    size = len(receipt_bytes(RECEIPT))
    assert size < 1000, size
