"""The ticket: its lines, ≤ 900 bytes, no name, and never a `?`."""

import dataclasses

import pytest

from devices import escpos, raster
from devices.decoders.printer import Barcode, EscPosDecoder, QrCode, RasterImage, TextLine
from devices.ticket import (
    MAX_TICKET_BYTES,
    TicketContent,
    TicketTooLarge,
    render_ticket,
    ticket_bytes,
)
from tests.helpers import PROJECT_ROOT

FONT = str(PROJECT_ROOT / "resources" / "fonts" / "ipaexg.ttf")

TICKET = TicketContent(
    municipality="みどり市",
    category="住民異動（転入・転出・転居）",
    number="A-012",
    issued_at="2026年12月1日 9:15",
    ahead=3,
    wait_minutes=15,
    barcode_data="T-20261201-A-012",
    notes=("番号をお呼びするまでお待ちください",),
)


def decode(data: bytes) -> list:
    return EscPosDecoder().feed(data)


def test_a_typical_ticket_reads_back_line_by_line():
    events = decode(ticket_bytes(TICKET))
    lines = [e for e in events if isinstance(e, TextLine) and e.text]
    assert [(e.text, e.align, e.width, e.height, e.bold) for e in lines] == [
        ("みどり市", "center", 1, 1, True),
        ("住民異動（転入・転出・転居）", "center", 1, 2, True),  # too wide for 2×2
        ("A-012", "center", 6, 6, True),
        ("発券 2026年12月1日 9:15", "left", 1, 1, False),
        ("お待ちの方 3人", "left", 1, 1, False),
        ("待ち時間の目安 約15分", "left", 1, 1, False),
        ("番号をお呼びするまでお待ちください", "left", 1, 1, False),
        ("T-20261201-A-012", "center", 1, 1, False),
    ]
    assert [e for e in events if isinstance(e, Barcode)] == [Barcode("CODE128", "T-20261201-A-012")]


def test_the_ticket_starts_with_the_japanese_initialisation_and_ends_with_the_cut():
    data = ticket_bytes(TICKET)
    assert data.startswith(bytes.fromhex("1b 40 1b 74 01 1b 52 08 1c 43 01"))
    assert data.endswith(bytes.fromhex("1d 56 42 00"))
    assert data.count(b"\x1dV") == 1


def test_a_short_category_is_double_size():
    data = ticket_bytes(dataclasses.replace(TICKET, category="国民健康保険"))
    assert bytes.fromhex("1d 21 11 1c 21 0c") in data  # GS ! 2×2 and FS ! double
    [category] = [e for e in decode(data) if isinstance(e, TextLine) and e.text == "国民健康保険"]
    assert (category.width, category.height) == (2, 2)


@pytest.mark.parametrize("barcode", ["code128", "qr"])
def test_typical_tickets_fit_in_900_bytes(barcode):
    longest = dataclasses.replace(
        TICKET,
        category="子育て・児童手当・保育園の手続き",
        number="B-1234",
        ahead=125,
        wait_minutes=240,
        notes=(
            "番号をお呼びするまでお待ちください",
            "お呼び出しは窓口上の表示でもご確認いただけます",
        ),
    )
    for content in (TICKET, longest):
        assert len(ticket_bytes(content, barcode=barcode)) <= MAX_TICKET_BYTES


def test_the_qr_code_carries_the_ticket_id():
    events = decode(ticket_bytes(TICKET, barcode="qr"))
    [qr] = [e for e in events if isinstance(e, QrCode)]
    assert qr.data == "T-20261201-A-012"
    assert not [e for e in events if isinstance(e, Barcode)]


def test_unknown_wait_prints_no_estimate():
    texts = [e.text for e in decode(ticket_bytes(dataclasses.replace(TICKET, wait_minutes=None)))
             if isinstance(e, TextLine)]  # fmt: skip
    assert not any("待ち時間" in text for text in texts)
    assert "お待ちの方 3人" in texts


def test_nobody_ahead_is_called_soon_not_in_zero_minutes():
    lines = decode(ticket_bytes(dataclasses.replace(TICKET, ahead=0, wait_minutes=0)))
    texts = [e.text for e in lines if isinstance(e, TextLine)]
    assert "まもなくお呼びします" in texts
    assert not any("約0分" in text for text in texts)


def test_a_ticket_has_no_field_for_a_name():
    names = {field.name for field in dataclasses.fields(TicketContent)}
    assert not names & {"name", "resident", "resident_name", "kana"}


def test_a_line_a_printer_cannot_encode_is_a_raster_image_never_a_question_mark():
    content = dataclasses.replace(TICKET, municipality="髙森町", notes=("担当 𠮷野",))
    rendered = render_ticket(content, raster_font=FONT)
    assert rendered.raster_lines == ("髙森町", "担当 𠮷野")
    assert rendered.missing_glyphs == ("𠮷",)  # IPAex lacks 𠮷: drawn as 〓 and reported
    assert len(rendered.data) <= MAX_TICKET_BYTES
    events = decode(rendered.data)
    images = [e for e in events if isinstance(e, RasterImage)]
    assert len(images) == 2
    assert all(image.height_dots == 24 and any(image.bitmap) for image in images)
    texts = [e.text for e in events if isinstance(e, TextLine)]
    assert "髙森町" not in texts and not any("?" in t or "\ufffd" in t for t in texts)
    assert "A-012" in texts


def test_shift_jis_lookalikes_are_not_folded_into_a_different_character():
    # 髙 must never print as 高: the line is drawn, with the real glyph
    rendered = render_ticket(dataclasses.replace(TICKET, municipality="髙森町"), raster_font=FONT)
    plain = render_ticket(dataclasses.replace(TICKET, municipality="高森町"), raster_font=FONT)
    assert "高".encode("shift_jis") not in rendered.data[:40]
    assert rendered.raster_lines == ("髙森町",) and plain.raster_lines == ()


def test_a_double_size_line_is_drawn_once_and_doubled_by_the_printer():
    rendered = render_ticket(dataclasses.replace(TICKET, category="髙齢福祉"), raster_font=FONT)
    [image] = [e for e in decode(rendered.data) if isinstance(e, RasterImage)]
    assert image.mode == 3 and image.height_dots == 24


def test_without_a_font_an_unencodable_line_is_a_clear_error():
    with pytest.raises(escpos.NoRasterFont, match=r"髙.*raster_font"):
        ticket_bytes(dataclasses.replace(TICKET, municipality="髙森町"))


def test_a_ticket_over_900_bytes_is_refused():
    content = dataclasses.replace(TICKET, notes=("𠮷" * 30,))
    with pytest.raises(TicketTooLarge) as caught:
        render_ticket(content, raster_font=FONT)
    assert caught.value.size > MAX_TICKET_BYTES


def test_the_raster_bitmap_is_packed_msb_first_with_ink_as_ones():
    line = raster.render_raster_line("一", FONT, pixel_size=24)
    rows = [line.bitmap[i * line.width_bytes : (i + 1) * line.width_bytes]
            for i in range(line.height)]  # fmt: skip
    ink_rows = [i for i, row in enumerate(rows) if any(row)]
    assert 1 <= len(ink_rows) <= 4  # 一 is one horizontal stroke
    assert line.width_bytes == 3
