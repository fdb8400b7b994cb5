"""The 地紋: the original looks evenly tinted, a copy shows 「複写」, and none of it is text.

A copier is simulated the way one works: its optics blur the page (about 0.17 mm) and it
prints what is darker than a threshold. The fine lines of the field fade under the blur;
the latent word's larger dots stay dark.
"""

from __future__ import annotations

import io
from datetime import date
from statistics import mean

import pytest
from PIL import ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.certificates.model import CertificateDocument, DocumentSection
from printing.certificates import TINT_AREA, certificate_pdf
from printing.city import load_city
from printing.tint import CELL, define_tint, draw_tint, latent_cells
from tests.helpers import pdftotext
from tests.printing.certificate_reading import SCAN_DPI, gray, page_images

SCALE = SCAN_DPI / 72  # pixels per point
COPIER_BLUR = 2  # pixels at 300 dpi: 0.17 mm
COPIER_THRESHOLD = 232  # darker than this prints black on the copy
# A stretch of page 1 no text reaches: below 「以下余白」, above the 認証文.
BLANK = (20 * mm, 100 * mm, 170 * mm, 80 * mm)  # x, y, width, height


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    document = CertificateDocument(
        "C20261205-00007",
        "C20261205-00007.0badc0de",
        "juminhyo",
        "住民票の写し",
        "この写しは、住民票の原本と相違ないことを証明する。",
        date(2026, 12, 5),
        "みどり市",
        (DocumentSection("髙橋 一郎", (("氏名", "髙橋 一郎"), ("性別", "男"))),),
    )
    folder = tmp_path_factory.mktemp("tint")
    path = folder / "certificate.pdf"
    path.write_bytes(certificate_pdf([document], load_city()))
    return gray(page_images(path, folder)[0])


def blank_cells():
    """(x, y, latent) of every cell of the page's tint inside the blank stretch."""
    left, bottom, width, height = BLANK
    for x, y, latent in latent_cells(*TINT_AREA):
        if left < x < left + width and bottom < y < bottom + height:
            yield x, y, latent


def cells(image):
    """(latent, pixels of the cell) for every cell of the blank stretch."""
    half = round(CELL * SCALE / 2)
    for x, y, latent in blank_cells():
        px, py = round(x * SCALE), round(image.height - y * SCALE)
        box = image.crop((px - half, py - half, px + half, py + half))
        yield latent, list(box.get_flattened_data())


def test_the_original_is_evenly_tinted(page):
    tone = {True: [], False: []}
    inked = {True: [], False: []}
    for latent, pixels in cells(page):
        tone[latent].append(mean(pixels))
        inked[latent].append(sum(p < 250 for p in pixels) / len(pixels))
    assert len(tone[True]) > 500 and len(tone[False]) > 2000
    # Tinted everywhere, the word no darker than the field around it.
    assert 0.1 < mean(inked[True]) < 0.5 and 0.1 < mean(inked[False]) < 0.5
    assert abs(mean(tone[True]) - mean(tone[False])) < 3


def test_a_photocopy_shows_the_latent_word(page):
    copy = page.filter(ImageFilter.GaussianBlur(COPIER_BLUR))
    dark = {True: [], False: []}
    half = 1
    for x, y, latent in blank_cells():
        px, py = round(x * SCALE), round(copy.height - y * SCALE)
        centre = copy.crop((px - half, py - half, px + half + 1, py + half + 1))
        dark[latent].append(min(centre.get_flattened_data()) < COPIER_THRESHOLD)
    assert mean(dark[True]) > 0.95  # the word prints on the copy
    assert mean(dark[False]) < 0.01  # the field around it drops out


def test_the_tint_is_no_text(tmp_path):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    define_tint(canvas)
    draw_tint(canvas, 10 * mm, 10 * mm, 190 * mm, 277 * mm)
    canvas.showPage()
    canvas.save()
    path = tmp_path / "tint.pdf"
    path.write_bytes(buffer.getvalue())
    assert pdftotext(path).strip() == ""
    image = gray(page_images(path, tmp_path / "scan", dpi=50)[0])
    assert image.getextrema()[0] < 250  # yet the page is tinted
