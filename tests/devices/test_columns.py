"""One column counter for ticket and receipt: the width a line takes on paper.

A column is 12 dots at 1× (font A). Text the ROM prints takes its Shift_JIS bytes;
a line the ROM cannot print is drawn on the same grid, so it takes what the counter says.
"""

import dataclasses

import pytest

from devices import escpos, raster
from devices.decoders.printer import EscPosDecoder, RasterImage, TextLine
from devices.profiles import BUILT_IN
from devices.receipt import ReceiptItem, render_receipt
from devices.ticket import COLUMNS, render_ticket
from tests.devices.test_receipt import RECEIPT
from tests.devices.test_ticket import TICKET
from tests.helpers import PROJECT_ROOT

FONT = str(PROJECT_ROOT / "resources" / "fonts" / "ipaexg.ttf")
COLUMN_DOTS = 12
PAPER_DOTS = COLUMNS * COLUMN_DOTS  # 48 columns of font A: the 576 dots of the default
PROFILES = list(BUILT_IN.values())

CASES = [
    ("A-012", 5),  # ASCII: one byte each
    ("ｱｲｳ", 3),  # half-width katakana: one byte each
    ("ﾊﾞﾝｺﾞｳ", 6),  # its voiced marks are characters of their own
    ("高橋", 4),  # JIS X 0208: two bytes each
    ("～〜", 4),  # the cp932 spelling prints from the JIS cell
    ("髙", 2),  # not in Shift_JIS: drawn, full-width
    ("﨑", 2),
    ("①", 2),  # East Asian ambiguous: a Japanese font draws it full-width
    ("😀", 2),  # no glyph in IPAex: 〓, full-width
    ("👍🏽", 4),  # a thumb and a skin tone, two missing glyphs
    ("e\u0301", 1),  # a combining acute sits on its e
    ("か\u3099", 2),  # a combining voiced mark sits on its か
    ("葛\U000e0100", 2),  # a variation selector sits on its kanji
    ("👨\u200d👩", 4),  # the joiner takes no room
    ("髙橋 A-012", 10),
    ("WWii", 4),  # a proportional font's wide and narrow letters: one column each
]


@pytest.mark.parametrize(("text", "columns"), CASES)
def test_a_drawn_line_takes_on_paper_the_columns_it_is_counted(text, columns):
    assert escpos.text_columns(text) == columns
    line = raster.render_raster_line(text, FONT)
    assert line.width_dots == columns * COLUMN_DOTS
    ink = _ink_columns(line)  # the first and the last column are drawn in, nothing beyond
    assert min(ink) < COLUMN_DOTS and line.width_dots - COLUMN_DOTS <= max(ink) < line.width_dots


def test_a_line_of_wide_latin_letters_with_one_kanji_outside_shift_jis_fits_the_paper():
    # 髙 makes its line a raster image; drawn proportionally, its 38 W would take 850 dots
    item = ReceiptItem("髙" + "W" * 80, "市民課", "窓口で完了")
    rendered = render_receipt(dataclasses.replace(RECEIPT, items=(item,)), raster_font=FONT)
    [image] = [e for e in EscPosDecoder().feed(rendered.data) if isinstance(e, RasterImage)]
    assert image.width_dots == PAPER_DOTS  # ・髙 and 44 W: 48 columns


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_a_category_of_ambiguous_shift_jis_characters_is_not_doubled_past_the_paper(profile):
    # ○ is 2 columns of ROM text: one ○ more than a quarter of the line cannot be doubled
    # (11 on 42 columns would need 44)
    count = profile.columns // 4 + 1
    data = render_ticket(dataclasses.replace(TICKET, category="○" * count), profile=profile).data
    [line] = [e for e in EscPosDecoder().feed(data) if isinstance(e, TextLine) and "○" in e.text]
    assert (line.width, line.height) == (1, 2)
    fits = render_ticket(dataclasses.replace(TICKET, category="○" * (count - 1)), profile=profile)
    [line] = [
        e for e in EscPosDecoder().feed(fits.data) if isinstance(e, TextLine) and "○" in e.text
    ]
    assert (line.width, line.height) == (2, 2)


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_a_drawn_category_of_ambiguous_characters_is_not_doubled_past_the_paper(profile):
    # circled numbers are drawn full-width: one more than a quarter of the line is too many
    count = profile.columns // 4 + 1
    content = dataclasses.replace(TICKET, category="①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬"[:count])
    rendered = render_ticket(content, profile=profile, raster_font=FONT, max_bytes=2000)
    [image] = [e for e in EscPosDecoder().feed(rendered.data) if isinstance(e, RasterImage)]
    assert image.mode == escpos.RASTER_DOUBLE_HEIGHT
    assert image.width_dots == 2 * count * COLUMN_DOTS


def _ink_columns(line: raster.RasterLine) -> list[int]:
    """The x of every printed dot."""
    row_bytes = line.width_bytes
    return [
        byte_index % row_bytes * 8 + bit
        for byte_index, byte in enumerate(line.bitmap)
        for bit in range(8)
        if byte & (0x80 >> bit)
    ]
