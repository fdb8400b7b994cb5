"""Certificates (住民票の写し, 印鑑登録証明書, 課税証明書 …) as one PDF, A4 portrait.

Each copy is its own CertificateDocument and starts a new page. A page: the municipality,
the title, the document's sections exactly as the core worded them (a heading, then
label/value rows; a long household flows over pages, a section kept whole when it fits on
one), 「以下余白」 after the last row, and on the last page the 認証文, the issue date in
和暦 and the mayor's title and name with the 公印 over the name. Every page carries the
発行番号, a Code 128 barcode of the verification payload and 「n/N」, over the 地紋 that
shows a photocopy is one (tint.py).

Nothing is printed that the document does not hold. A character the font lacks prints as
〓 in a red frame and is listed in `glyph_warnings` (drawing.py), as on the forms.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from counter_app.certificates.model import CertificateDocument, DocumentSection
from counter_app.search.wareki import format_wareki

from .city import CityOffice
from .drawing import GlyphWarning, GlyphWarnings, draw_text, red_frame, text_width
from .fonts import GOTHIC, MINCHO, register_fonts
from .tint import define_tint, draw_tint

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
RIGHT = PAGE_WIDTH - MARGIN_X
BODY_WIDTH = RIGHT - MARGIN_X
HEADER_BASELINE = PAGE_HEIGHT - 16 * mm
TITLE_BASELINE = PAGE_HEIGHT - 31 * mm
BODY_TOP = PAGE_HEIGHT - 40 * mm
BAR_BOTTOM = 11 * mm
BAR_HEIGHT = 10 * mm
BAR_WIDTH = 0.85  # pt per module: 3.5 px at 300 dpi
BAR_MIN_WIDTH = 0.6
FOOTER_TOP = BAR_BOTTOM + BAR_HEIGHT + 5 * mm
BODY_BOTTOM = FOOTER_TOP + 3 * mm
CLOSING_HEIGHT = 62 * mm  # 認証文, date, signatory and seal, above the footer
TINT_MARGIN = 8 * mm
TINT_AREA = (TINT_MARGIN, TINT_MARGIN, PAGE_WIDTH - 2 * TINT_MARGIN, PAGE_HEIGHT - 2 * TINT_MARGIN)

LABEL_WIDTH = 40 * mm
HEADING_HEIGHT = 8 * mm
ROW_HEIGHT = 7.5 * mm
LINE_PITCH = 5.5 * mm  # each further line of a value written on several lines
NOTE_HEIGHT = 6 * mm
BLANK_HEIGHT = 9 * mm
VALUE_SIZE = 11.0
VALUE_MIN_SIZE = 7.0
LABEL_SIZE = 9.0

BLANK_REST = "以下余白"
ISSUE_LABEL = "発行番号"


@dataclass(frozen=True)
class CertificatePage:
    document_index: int  # 0-based, into the documents given
    issue_number: str
    page: int  # 1-based, within the copy
    page_count: int  # the copy's pages


@dataclass(frozen=True)
class RenderedCertificates:
    pdf: bytes
    pages: tuple[CertificatePage, ...]
    glyph_warnings: tuple[GlyphWarning, ...]  # form_id is the 発行番号


def certificate_pdf(documents: Sequence[CertificateDocument], city: CityOffice) -> bytes:
    """Every copy, each from a new page, as one PDF (see `render_certificates` for the
    pages and the characters the font lacked)."""
    return render_certificates(documents, city).pdf


def render_certificates(
    documents: Sequence[CertificateDocument], city: CityOffice
) -> RenderedCertificates:
    if not documents:
        raise ValueError("no certificate to print")
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(" ".join(f"{d.title} {d.issue_number}" for d in documents))
    canvas.setCreator("counter-app")
    define_tint(canvas)
    warnings = GlyphWarnings()
    pages: list[CertificatePage] = []
    for index, document in enumerate(documents):
        plan = _paginate(document)
        for number, blocks in enumerate(plan, start=1):
            page = CertificatePage(index, document.issue_number, number, len(plan))
            _Page(canvas, document, city, warnings, index).draw(blocks, page)
            canvas.showPage()
            pages.append(page)
    canvas.save()
    return RenderedCertificates(buffer.getvalue(), tuple(pages), tuple(warnings.items))


# -- planning: which blocks go on which page -------------------------------------------


@dataclass(frozen=True)
class _Block:
    kind: str  # "heading", "row", "note", "blank"
    height: float
    section: DocumentSection | None = None
    row: tuple[str, str] = ("", "")
    text: str = ""


def _row_height(value: str) -> float:
    return ROW_HEIGHT + (value.count("\n")) * LINE_PITCH


def _section_blocks(section: DocumentSection) -> list[_Block]:
    blocks = []
    if section.heading:
        blocks.append(_Block("heading", HEADING_HEIGHT, section))
    for row in section.rows:
        blocks.append(_Block("row", _row_height(row[1]), section, row))
    return blocks


def _paginate(document: CertificateDocument) -> list[list[_Block]]:
    """The blocks of each page. A section goes whole onto the next page when it does not
    fit on this one but would on a fresh one; a longer one splits between rows, its
    heading repeated. The closing (認証文 and signatory) needs the bottom of the last
    page: when the last rows leave no room for it, it gets a page of its own."""
    groups = [_section_blocks(section) for section in document.sections]
    groups += [[_Block("note", NOTE_HEIGHT, text=note)] for note in document.notes]
    groups.append([_Block("blank", BLANK_HEIGHT, text=BLANK_REST)])
    room = BODY_TOP - BODY_BOTTOM + 0.01  # what rounding must not push over
    pages: list[list[_Block]] = [[]]
    used = 0.0
    for group in groups:
        height = sum(block.height for block in group)
        if pages[-1] and used + height > room and height <= room:
            pages.append([])
            used = 0.0
        for block in group:
            if used + block.height > room and pages[-1]:
                if pages[-1][-1].kind == "heading" and len(pages[-1]) > 1:
                    pages[-1].pop()  # a heading never ends a page without its first row
                pages.append([])
                used = 0.0
                if block.kind == "row" and block.section is not None and block.section.heading:
                    pages[-1].append(_Block("heading", HEADING_HEIGHT, block.section))
                    used += HEADING_HEIGHT
            pages[-1].append(block)
            used += block.height
    if used + CLOSING_HEIGHT > room:
        pages.append([])
    return pages


# -- drawing ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _seal_image(path: Path, modified: float) -> Image.Image:
    """The seal, decoded once per file version and process."""
    with Image.open(path) as opened:
        return opened.convert("RGBA")


def _seal(path: Path) -> ImageReader:
    # A reader of its own per PDF over the shared decoded picture: readers keep state.
    return ImageReader(_seal_image(path, path.stat().st_mtime))


class _Page:
    def __init__(
        self,
        canvas: Canvas,
        document: CertificateDocument,
        city: CityOffice,
        warnings: GlyphWarnings,
        index: int,
    ) -> None:
        self.c = canvas
        self.document = document
        self.city = city
        self.warnings = warnings
        self.index = index

    def checked(
        self, text: str, font: str, key: str, label: str, person: str | None = None
    ) -> tuple[str, bool]:
        return self.warnings.check(
            text,
            font,
            place=self.index,
            form_id=self.document.issue_number,
            key=key,
            label=label,
            person_name=person,
        )

    def line(
        self, x: float, y: float, text: str, font: str, size: float, key: str, label: str, **fit
    ) -> None:
        """One line of the document's own words (not inside a box): 〓 and a red frame
        around it for what the font lacks."""
        shown, bad = self.checked(text, font, key, label)
        drawn = draw_text(self.c, x, y, shown, font, size, **fit)
        if bad:
            align = fit.get("align", "left")
            left = x - (drawn if align == "right" else drawn / 2 if align == "center" else 0)
            red_frame(self.c, left - 2 * mm, y - 2.5 * mm, drawn + 4 * mm, size + 4 * mm)

    def draw(self, blocks: list[_Block], page: CertificatePage) -> None:
        c = self.c
        draw_tint(c, *TINT_AREA)
        self.header()
        y = BODY_TOP
        c.setLineWidth(0.6)
        for block in blocks:
            self.block(block, y)
            y -= block.height
        if page.page == page.page_count:
            self.closing()
        self.footer(page)

    def header(self) -> None:
        doc = self.document
        self.line(MARGIN_X, HEADER_BASELINE, doc.municipality, GOTHIC, 10, "", "市区町村名")
        self.line(
            PAGE_WIDTH / 2,
            TITLE_BASELINE,
            doc.title,
            GOTHIC,
            20,
            "",
            "証明書名",
            width=BODY_WIDTH,
            min_size=12,
            align="center",
        )

    def block(self, block: _Block, top: float) -> None:
        c = self.c
        if block.kind == "heading":
            assert block.section is not None
            heading = block.section.heading
            c.setLineWidth(1.2)
            c.line(MARGIN_X, top, RIGHT, top)
            c.setLineWidth(0.6)
            shown, bad = self.checked(heading, MINCHO, "heading", "見出し", heading)
            baseline = top - block.height + 2.3 * mm
            draw_text(c, MARGIN_X + 2 * mm, baseline, shown, MINCHO, 12, BODY_WIDTH - 4 * mm, 8)
            if bad:
                red_frame(c, MARGIN_X, top - block.height, BODY_WIDTH, block.height)
        elif block.kind == "row":
            self.row(block, top)
        elif block.kind == "note":
            baseline = top - block.height + 2 * mm
            self.line(
                MARGIN_X + 2 * mm,
                baseline,
                block.text,
                MINCHO,
                9.5,
                "note",
                "備考",
                width=BODY_WIDTH - 4 * mm,
                min_size=6,
            )
        else:  # 以下余白
            baseline = top - block.height + 2.5 * mm
            draw_text(c, PAGE_WIDTH / 2, baseline, block.text, GOTHIC, 10, align="center")

    def row(self, block: _Block, top: float) -> None:
        c = self.c
        assert block.section is not None
        label, value = block.row
        person = block.section.heading or None
        h = block.height
        bottom = top - h
        c.rect(MARGIN_X, bottom, LABEL_WIDTH, h, stroke=1, fill=0)
        c.rect(MARGIN_X + LABEL_WIDTH, bottom, BODY_WIDTH - LABEL_WIDTH, h, stroke=1, fill=0)
        shown_label, bad_label = self.checked(label, GOTHIC, label, label, person)
        label_baseline = top - ROW_HEIGHT / 2 - LABEL_SIZE * 0.36
        draw_text(
            c,
            MARGIN_X + 2 * mm,
            label_baseline,
            shown_label,
            GOTHIC,
            LABEL_SIZE,
            LABEL_WIDTH - 4 * mm,
            5.5,
        )
        if bad_label:
            red_frame(c, MARGIN_X, bottom, LABEL_WIDTH, h)
        x = MARGIN_X + LABEL_WIDTH + 2.5 * mm
        room = BODY_WIDTH - LABEL_WIDTH - 5 * mm
        baseline = top - ROW_HEIGHT / 2 - VALUE_SIZE * 0.36
        bad = False
        for text in value.split("\n"):
            shown, missing = self.checked(text, MINCHO, label, label, person)
            draw_text(c, x, baseline, shown, MINCHO, VALUE_SIZE, room, VALUE_MIN_SIZE)
            bad = bad or missing
            baseline -= LINE_PITCH
        if bad:
            red_frame(c, MARGIN_X + LABEL_WIDTH, bottom, BODY_WIDTH - LABEL_WIDTH, h)

    def closing(self) -> None:
        """The 認証文, the date and the signatory with the 公印 over the name."""
        doc, city, c = self.document, self.city, self.c
        top = BODY_BOTTOM + CLOSING_HEIGHT
        indent = MARGIN_X + 8 * mm
        self.line(
            indent,
            top - 10 * mm,
            doc.attestation,
            MINCHO,
            11.5,
            "attestation",
            "認証文",
            width=RIGHT - indent,
            min_size=7,
        )
        self.line(indent, top - 21 * mm, format_wareki(doc.issued_on), MINCHO, 11.5, "", "発行日")
        baseline = top - 40 * mm
        name_right = RIGHT - 18 * mm
        self.line(name_right, baseline, city.signatory, MINCHO, 15, "", "市長名", align="right")
        # The seal is stamped over the last character of the name, as the 公印 is on paper.
        side = city.seal_size_mm * mm
        last = text_width(city.signatory[-1], MINCHO, 15)
        centre_x = name_right - last + side / 2
        centre_y = baseline + 15 * 0.36
        seal = _seal(city.seal_image)
        c.drawImage(seal, centre_x - side / 2, centre_y - side / 2, side, side, mask="auto")

    def footer(self, page: CertificatePage) -> None:
        c = self.c
        data = self.document.verification
        c.setLineWidth(0.4)
        c.line(MARGIN_X, FOOTER_TOP, RIGHT, FOOTER_TOP)
        pages_text = f"{page.page}/{page.page_count}"
        number = f"{ISSUE_LABEL}　{self.document.issue_number}"
        number_width = text_width(number, GOTHIC, 9)
        available = BODY_WIDTH - number_width - text_width(pages_text, GOTHIC, 10) - 12 * mm
        modules = Code128(data, barWidth=1.0, humanReadable=0).width
        bar = max(BAR_MIN_WIDTH, min(BAR_WIDTH, available / modules))
        barcode = Code128(data, barWidth=bar, barHeight=BAR_HEIGHT, humanReadable=0)
        left = MARGIN_X - barcode.lquiet
        # The bars and their quiet zones on white: the 地紋 would confuse a scanner.
        c.saveState()
        c.setFillGray(1)
        c.rect(left, BAR_BOTTOM - 1.5 * mm, barcode.width, BAR_HEIGHT + 3 * mm, stroke=0, fill=1)
        c.restoreState()
        barcode.drawOn(c, left, BAR_BOTTOM)
        end = left + barcode.width - barcode.rquiet
        self.line(end + 4 * mm, BAR_BOTTOM + 3.5 * mm, number, GOTHIC, 9, "", ISSUE_LABEL)
        draw_text(c, RIGHT, BAR_BOTTOM + 3.5 * mm, pages_text, GOTHIC, 10, align="right")
