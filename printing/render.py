"""A visit's filled forms rendered to one PDF, A4 portrait, laid out from `resources/forms/`.

Every page: a header (the municipality, the form's title, whose form it is, the
department), the form's boxes (a small gothic label top-left, the value in mincho on one
line, shrunk to fit, never wrapped), and a footer with a CODE128 barcode of
"<visit number>/<form id>", the same text beside it and 「n / N」 over the whole bundle.
A form too long for one page continues on the next under the same header and footer.

Boxes the resident fills (署名, 暗証番号, 印影) are shaded and marked 「ご本人が記入」;
empty boxes for a presented document name it (添付：出生証明書). A character the font
lacks is never dropped: it prints as 〓 in a red frame and is listed in `glyph_warnings`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from counter_app.catalog import Catalog
from counter_app.forms.model import FieldValue, FilledForm, FormBundle, Source

from .drawing import GlyphWarning, GlyphWarnings, draw_text, red_frame, text_width
from .fonts import GOTHIC, MINCHO, font_dir, register_fonts
from .layouts import (
    Box,
    FormLayout,
    Row,
    Section,
    Table,
    fallback_layout,
    load_layouts,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 12 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 8 * mm
HEADER_HEIGHT = 21 * mm
FOOTER_HEIGHT = 19 * mm
BODY_TOP = PAGE_HEIGHT - MARGIN_TOP - HEADER_HEIGHT
BODY_BOTTOM = MARGIN_BOTTOM + FOOTER_HEIGHT
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEADING_WIDTH = 8 * mm  # the column of a section's vertical heading

LABEL_SIZE = 6.5
LABEL_MIN_SIZE = 5.0
VALUE_SIZE = 11.0
TABLE_VALUE_SIZE = 10.0
VALUE_MIN_SIZE = 7.0
LINE_PITCH = 5 * mm  # one entry of a field with rows
LABEL_AREA = 3.6 * mm
TABLE_HEADER_HEIGHT = 6 * mm
BAR_WIDTH = 1.0  # pt per module: 2.8 px at 200 dpi
BAR_MIN_WIDTH = 0.8
BAR_HEIGHT = 9 * mm

RESIDENT_MARK = "ご本人が記入"
RESIDENT_SHADE = 0.90
HEADING_SHADE = 0.94
GRAY_TEXT = 0.35

_SOURCES = {
    "signature": Source.RESIDENT,
    "document": Source.DOCUMENT,
    "clerk": Source.CLERK,
    "computed": Source.COMPUTED,
}


@dataclass(frozen=True)
class PageInfo:
    page_number: int  # 1-based, in the whole bundle
    form_index: int  # 0-based index into bundle.forms
    form_id: str
    person_atena: str | None
    form_page: int  # 1-based, within the form
    form_page_count: int


@dataclass(frozen=True)
class RenderedBundle:
    pdf: bytes
    page_count: int
    pages: tuple[PageInfo, ...]
    glyph_warnings: tuple[GlyphWarning, ...]


def render_bundle(
    bundle: FormBundle, layouts: Mapping[str, FormLayout] | None = None
) -> RenderedBundle:
    """The bundle as one PDF; `layouts` (see `layouts_for`) defaults to the shipped ones."""
    register_fonts()
    layouts = default_layouts() if layouts is None else layouts
    plans = [_plan_form(index, form, layouts) for index, form in enumerate(bundle.forms)]
    total = sum(len(plan.pages) for plan in plans)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{bundle.municipality} 申請書 {bundle.visit_number}")
    canvas.setCreator("counter-app")
    warnings = GlyphWarnings()
    pages: list[PageInfo] = []
    for plan in plans:
        for number, placed in enumerate(plan.pages, start=1):
            page_number = len(pages) + 1
            pages.append(
                PageInfo(
                    page_number,
                    plan.index,
                    plan.form.form_id,
                    plan.form.person_atena,
                    number,
                    len(plan.pages),
                )
            )
            _Page(canvas, bundle, plan, warnings).draw(placed, number, page_number, total)
            canvas.showPage()
    canvas.save()
    return RenderedBundle(buffer.getvalue(), total, tuple(pages), tuple(warnings.items))


_layouts_lock = threading.Lock()
_layouts: dict[int, tuple[Catalog, dict[str, FormLayout]]] = {}


def layouts_for(catalog: Catalog) -> dict[str, FormLayout]:
    """The shipped layouts checked against `catalog` (the one in use, a city's own
    included), loaded once per catalog and process."""
    with _layouts_lock:
        known = _layouts.get(id(catalog))
        if known is None or known[0] is not catalog:
            known = (catalog, load_layouts(catalog))
            _layouts[id(catalog)] = known
        return known[1]


def default_layouts() -> dict[str, FormLayout]:
    """The shipped layouts checked against the shipped catalog."""
    from counter_app.catalog import load_catalog

    global _shipped_catalog
    with _layouts_lock:
        if _shipped_catalog is None:
            _shipped_catalog = load_catalog()
    return layouts_for(_shipped_catalog)


_shipped_catalog: Catalog | None = None


# -- planning: which blocks go on which page -------------------------------------------


@dataclass(frozen=True)
class _Block:
    section: int
    heading: str
    height: float
    row: Row | None = None
    table: Table | None = None
    table_row: int = -1  # -1: the table's header row


@dataclass
class _FormPlan:
    index: int
    form: FilledForm
    layout: FormLayout
    values: dict[str, FieldValue]
    pages: list[list[tuple[float, _Block]]] = field(default_factory=list)


def _plan_form(index: int, form: FilledForm, layouts: Mapping[str, FormLayout]) -> _FormPlan:
    layout = layouts.get(form.form_id)
    if layout is None:
        layout = fallback_layout(form.form_id, [value.key for value in form.fields], {})
    values = {value.key: value for value in form.fields}
    placed_keys = set(layout.keys())
    extra = [value.key for value in form.fields if value.key not in placed_keys]
    sections = list(layout.sections)
    if extra:  # never drop a value the layout does not know: print it at the end
        sections += fallback_layout(form.form_id, extra, {}).sections[0:1]
        sections[-1] = Section("その他", sections[-1].items)
    plan = _FormPlan(index, form, layout, values)
    blocks = list(_blocks(sections, plan))
    page: list[tuple[float, _Block]] = []
    y = BODY_TOP
    for block in blocks:
        if page and y - block.height < BODY_BOTTOM:
            plan.pages.append(page)
            page, y = [], BODY_TOP
            if block.table is not None and block.table_row >= 0:  # repeat the table header
                header = _Block(
                    block.section, block.heading, TABLE_HEADER_HEIGHT, table=block.table
                )
                page.append((y, header))
                y -= header.height
        page.append((y, block))
        y -= block.height
    plan.pages.append(page)
    return plan


def _blocks(sections: list[Section], plan: _FormPlan):
    for number, section in enumerate(sections):
        for item in section.items:
            if isinstance(item, Row):
                lines = max(len(_lines(plan.values.get(box.key))) for box in item.boxes)
                needed = LABEL_AREA + lines * LINE_PITCH + 1.5 * mm if lines > 1 else 0
                yield _Block(number, section.heading, max(item.height_mm * mm, needed), row=item)
            else:
                count = max(
                    [item.rows] + [len(_entries(plan.values.get(box.key))) for box in item.columns]
                )
                yield _Block(number, section.heading, TABLE_HEADER_HEIGHT, table=item)
                for row in range(count):
                    height = item.row_height_mm * mm
                    yield _Block(number, section.heading, height, table=item, table_row=row)


def _lines(value: FieldValue | None) -> list[str]:
    if value is None:
        return [""]
    if value.rows:
        return list(value.rows)
    return value.text.split("\n") if value.text else [""]


def _entries(value: FieldValue | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return value.rows or ((value.text,) if value.text else ())


# -- section headings: vertical text as a picture ---------------------------------------

HEADING_DPI = 400
_PX = HEADING_DPI / 72.0  # pixels per point
_ROTATED = "ー－—（）()「」〜"


@lru_cache(maxsize=512)
def _heading_image(heading: str, width: int, height: int) -> ImageReader:
    """The heading's characters one under another (「A・B」 may take two columns, right
    to left), dark on the heading shade, `width` × `height` pixels."""
    shade = round(HEADING_SHADE * 255)
    image = Image.new("L", (width, height), shade)
    draw = ImageDraw.Draw(image)
    pitch = 1.08  # of the font size
    room = height - 2 * mm * _PX
    columns = [heading]
    size = min(8.5 * _PX, room / (len(heading) * pitch))
    parts = [part for part in heading.split("・") if part]
    if len(parts) > 1:
        split = min(width / len(parts) / 1.15, 8.5 * _PX, room / (max(map(len, parts)) * pitch))
        if split > size:
            columns, size = parts, split
    font = _pil_font(max(4, round(size)))
    if size < 4.5 * _PX:  # too short a section for stacked characters: on its side
        font = _pil_font(max(4, round(min(7 * _PX, width * 0.8))))
        side = Image.new("L", (height, width), shade)
        ImageDraw.Draw(side).text((height / 2, width / 2), heading, font=font, fill=0, anchor="mm")
        return ImageReader(side.rotate(90, expand=True))
    column_width = width / len(columns)
    for number, column in enumerate(columns):
        center = width - column_width * (number + 0.5)
        y = height / 2 - size * pitch * (len(column) - 1) / 2
        for char in column:
            if char in _ROTATED:
                glyph = Image.new("L", (round(size * 1.2), round(size * 1.2)), shade)
                ImageDraw.Draw(glyph).text(
                    (glyph.width / 2, glyph.height / 2), char, font=font, fill=0, anchor="mm"
                )
                glyph = glyph.rotate(-90)
                image.paste(glyph, (round(center - glyph.width / 2), round(y - glyph.height / 2)))
            else:
                draw.text((center, y), char, font=font, fill=0, anchor="mm")
            y += size * pitch
    return ImageReader(image)


@lru_cache(maxsize=64)
def _pil_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_dir() / "ipaexg.ttf"), size)


# -- drawing ---------------------------------------------------------------------------


class _Page:
    def __init__(
        self, canvas: Canvas, bundle: FormBundle, plan: _FormPlan, warnings: GlyphWarnings
    ) -> None:
        self.c = canvas
        self.bundle = bundle
        self.plan = plan
        self.warnings = warnings

    # text helpers
    def text(self, x: float, y: float, text: str, *args, **kwargs) -> float:
        """Draw one line; returns its drawn width (see drawing.draw_text)."""
        return draw_text(self.c, x, y, text, *args, **kwargs)

    def checked(self, text: str, font: str, key: str, label: str) -> tuple[str, bool]:
        form = self.plan.form
        return self.warnings.check(
            text,
            font,
            place=self.plan.index,
            form_id=form.form_id,
            key=key,
            label=label,
            person_name=form.person_name,
        )

    def red_frame(self, x: float, y: float, w: float, h: float, **kwargs) -> None:
        red_frame(self.c, x, y, w, h, **kwargs)

    # the page
    def draw(
        self, placed: list[tuple[float, _Block]], form_page: int, page_number: int, total: int
    ) -> None:
        self.header(form_page)
        self.footer(page_number, total)
        self.c.setLineWidth(0.6)
        start = 0
        while start < len(placed):  # one run of blocks per section
            end = start
            while end + 1 < len(placed) and placed[end + 1][1].section == placed[start][1].section:
                end += 1
            self.section(placed[start : end + 1])
            start = end + 1

    def header(self, form_page: int) -> None:
        form, c = self.plan.form, self.c
        top = PAGE_HEIGHT - MARGIN_TOP
        right = PAGE_WIDTH - MARGIN_X
        municipality, bad_m = self.checked(self.bundle.municipality, GOTHIC, "", "市区町村名")
        self.text(MARGIN_X, top - 3.5 * mm, municipality, GOTHIC, 9, width=BODY_WIDTH / 3)
        if form.department:
            department, _ = self.checked(form.department, GOTHIC, "", "担当課")
            self.text(
                right, top - 3.5 * mm, department, GOTHIC, 9, width=BODY_WIDTH / 3, align="right"
            )
        title, _ = self.checked(form.title, GOTHIC, "", "様式名")
        suffix = "（続き）" if form_page > 1 else ""
        self.text(
            PAGE_WIDTH / 2,
            top - 11 * mm,
            title + suffix,
            GOTHIC,
            15,
            width=BODY_WIDTH - 10 * mm,
            min_size=9,
            align="center",
        )
        if form.person_name:
            name, bad = self.checked(form.person_name, MINCHO, "", "対象者")
            label_width = self.text(MARGIN_X, top - 18 * mm, "対象者", GOTHIC, 7)
            x = MARGIN_X + label_width + 2 * mm
            # The 宛名番号 is the offices' internal key and never goes on a form.
            drawn = self.text(x, top - 18 * mm, name, MINCHO, 11, width=BODY_WIDTH / 2, min_size=7)
            if bad:
                self.red_frame(x - 1.5 * mm, top - 20 * mm, drawn + 3 * mm, 6.5 * mm, mark=False)
        if bad_m:
            self.red_frame(
                MARGIN_X - 1.5 * mm, top - 5.5 * mm, BODY_WIDTH / 3 + 3 * mm, 6 * mm, mark=False
            )
        c.setLineWidth(1.2)
        c.line(MARGIN_X, BODY_TOP + 1.5 * mm, right, BODY_TOP + 1.5 * mm)

    def footer(self, page_number: int, total: int) -> None:
        c = self.c
        right = PAGE_WIDTH - MARGIN_X
        data = f"{self.bundle.visit_number}/{self.plan.form.form_id}"
        c.setLineWidth(0.4)
        c.line(MARGIN_X, BODY_BOTTOM - 1.5 * mm, right, BODY_BOTTOM - 1.5 * mm)
        c.setFillGray(GRAY_TEXT)
        self.text(
            MARGIN_X,
            BODY_BOTTOM - 5 * mm,
            "網かけの欄はご本人が記入してください。□のある欄は記載内容をご確認ください。",
            GOTHIC,
            6.5,
        )
        c.setFillGray(0)
        pages_text = f"{page_number} / {total}"
        pages_width = text_width(pages_text, GOTHIC, 10)
        available = BODY_WIDTH - pages_width - 8 * mm
        data_width = text_width(data, GOTHIC, 8)
        modules = Code128(data, barWidth=1.0, humanReadable=0, quiet=0).width
        bar = max(BAR_MIN_WIDTH, min(BAR_WIDTH, (available - data_width - 4 * mm) / (modules + 20)))
        barcode = Code128(data, barWidth=bar, barHeight=BAR_HEIGHT, humanReadable=0)
        barcode.drawOn(c, MARGIN_X - barcode.lquiet, MARGIN_BOTTOM)
        end = MARGIN_X + barcode.width - barcode.lquiet - barcode.rquiet
        if end + 3 * mm + data_width <= MARGIN_X + available:
            self.text(end + 3 * mm, MARGIN_BOTTOM + 3 * mm, data, GOTHIC, 8)
        else:  # a long visit number: the text goes over the bars' right end
            self.text(end, MARGIN_BOTTOM + BAR_HEIGHT + 1 * mm, data, GOTHIC, 7, align="right")
        self.text(right, MARGIN_BOTTOM + 3 * mm, pages_text, GOTHIC, 10, align="right")

    def section(self, run: list[tuple[float, _Block]]) -> None:
        heading = run[0][1].heading
        top = run[0][0]
        bottom = run[-1][0] - run[-1][1].height
        x = MARGIN_X
        width = BODY_WIDTH
        if heading:
            self.vertical_heading(heading, x, bottom, top)
            x += HEADING_WIDTH
            width -= HEADING_WIDTH
        for y, block in run:
            if block.row is not None:
                self.row(block, x, y, width)
            elif block.table_row < 0:
                self.table_header(block.table, x, y, width, block.height)
            else:
                self.table_row(block, x, y, width)

    def vertical_heading(self, heading: str, x: float, bottom: float, top: float) -> None:
        """Characters one under another, as on the paper forms, drawn as a picture so that
        pdftotext does not read them into the values beside them."""
        image = _heading_image(heading, round(HEADING_WIDTH * _PX), round((top - bottom) * _PX))
        self.c.drawImage(image, x, bottom, HEADING_WIDTH, top - bottom)
        self.c.rect(x, bottom, HEADING_WIDTH, top - bottom, stroke=1, fill=0)

    def widths(self, boxes: tuple[Box, ...], width: float) -> list[float]:
        total = sum(box.width for box in boxes)
        return [width * box.width / total for box in boxes]

    def value_of(self, key: str) -> FieldValue:
        value = self.plan.values.get(key)
        if value is not None:
            return value
        catalog_field = self.plan.layout.fields.get(key)
        source = Source.RECORDS
        label = key
        if catalog_field is not None:
            source = _SOURCES.get(catalog_field.source, Source.RECORDS)
            label = catalog_field.label
        return FieldValue(key, label, source, "", "")

    def empty_note(self, value: FieldValue) -> str:
        if value.note:
            return value.note
        if value.source is Source.RESIDENT:
            return RESIDENT_MARK
        if value.source is Source.DOCUMENT:
            catalog_field = self.plan.layout.fields.get(value.key)
            document = catalog_field.document if catalog_field is not None else None
            return f"添付：{document}" if document else "添付書類"
        return ""

    def row(self, block: _Block, x: float, top: float, width: float) -> None:
        assert block.row is not None
        h = block.height
        for box, w in zip(block.row.boxes, self.widths(block.row.boxes, width), strict=True):
            self.box(self.value_of(box.key), x, top - h, w, h)
            x += w

    def box(self, value: FieldValue, x: float, y: float, w: float, h: float) -> None:
        c = self.c
        lines = _lines(value)
        resident_blank = value.source is Source.RESIDENT and not value.filled
        if resident_blank:
            c.setFillGray(RESIDENT_SHADE)
            c.rect(x, y, w, h, stroke=1, fill=1)
            c.setFillGray(0)
        else:
            c.rect(x, y, w, h, stroke=1, fill=0)
        label, bad_label = self.checked(value.label, GOTHIC, value.key, value.label)
        label_room = w - 2.4 * mm - (3.5 * mm if value.check else 0)
        self.text(
            x + 1.2 * mm, y + h - 2.6 * mm, label, GOTHIC, LABEL_SIZE, label_room, LABEL_MIN_SIZE
        )
        if value.check:  # the resident checks this value
            c.rect(x + w - 3.3 * mm, y + h - 3.1 * mm, 2.4 * mm, 2.4 * mm, stroke=1, fill=0)
        bad = bad_label
        room = w - 3.6 * mm
        if not value.filled and not value.rows:
            note = self.empty_note(value)
            if note:
                c.setFillGray(GRAY_TEXT)
                baseline = y + (h - LABEL_AREA) / 2 - 2.5
                self.text(x + 1.8 * mm, baseline, note, GOTHIC, 8, room, 5)
                c.setFillGray(0)
        elif len(lines) == 1:
            shown, bad_value = self.checked(lines[0], MINCHO, value.key, value.label)
            baseline = y + (h - LABEL_AREA) / 2 - VALUE_SIZE * 0.36
            self.text(x + 1.8 * mm, baseline, shown, MINCHO, VALUE_SIZE, room, VALUE_MIN_SIZE)
            bad = bad or bad_value
        else:
            baseline = y + h - LABEL_AREA - LINE_PITCH + 1.3 * mm
            for line in lines:
                shown, bad_value = self.checked(line, MINCHO, value.key, value.label)
                self.text(x + 1.8 * mm, baseline, shown, MINCHO, 10, room, VALUE_MIN_SIZE)
                bad = bad or bad_value
                baseline -= LINE_PITCH
        if bad:
            self.red_frame(x, y, w, h, inset=5 * mm if value.check else 1.5 * mm)

    def table_header(
        self, table: Table | None, x: float, top: float, width: float, h: float
    ) -> None:
        assert table is not None
        c = self.c
        for box, w in zip(table.columns, self.widths(table.columns, width), strict=True):
            value = self.value_of(box.key)
            c.setFillGray(HEADING_SHADE)
            c.rect(x, top - h, w, h, stroke=1, fill=1)
            c.setFillGray(0)
            label, bad = self.checked(value.label, GOTHIC, value.key, value.label)
            self.text(x + w / 2, top - h + 2 * mm, label, GOTHIC, 7, w - 2 * mm, 4.5, "center")
            if bad:
                self.red_frame(x, top - h, w, h)
            x += w

    def table_row(self, block: _Block, x: float, top: float, width: float) -> None:
        table = block.table
        assert table is not None
        h = block.height
        for box, w in zip(table.columns, self.widths(table.columns, width), strict=True):
            value = self.value_of(box.key)
            entries = _entries(value)
            self.c.rect(x, top - h, w, h, stroke=1, fill=0)
            if block.table_row < len(entries) and entries[block.table_row]:
                shown, bad = self.checked(entries[block.table_row], MINCHO, value.key, value.label)
                baseline = top - h / 2 - TABLE_VALUE_SIZE * 0.36
                self.text(x + 1.5 * mm, baseline, shown, MINCHO, TABLE_VALUE_SIZE, w - 3 * mm, 6)
                if bad:
                    self.red_frame(x, top - h, w, h)
            x += w
