"""The city's signatory file: the shipped sample, a city's own, and a broken one refused
with the file and the problem named."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from PIL import Image

from counter_app.certificates.model import CertificateDocument, DocumentSection
from counter_app.errors import CounterAppError, ErrorCode
from printing.certificates import certificate_pdf
from printing.city import default_city_file, load_city
from tests.helpers import pdftotext, tool

DOCUMENT = CertificateDocument(
    "C20261205-00009",
    "C20261205-00009.00c0ffee",
    "inkan",
    "印鑑登録証明書",
    "この写しは、登録されている印影と相違ないことを証明します。",
    date(2026, 12, 5),
    "さくら町",
    (DocumentSection("", (("氏名", "林 薫"), ("生年月日", "昭和50年1月2日"))),),
)


def city_file(folder, body: str, seal: bool = True):
    if seal:
        Image.new("RGBA", (64, 64), (200, 0, 0, 128)).save(folder / "seal.png")
    path = folder / "city.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_shipped_city_is_a_marked_sample():
    city = load_city()
    assert city.signatory == "みどり市長\u3000見本\u3000太郎"
    assert city.seal_image.parent == default_city_file().parent
    with Image.open(city.seal_image) as seal:
        assert seal.mode == "RGBA" and seal.getextrema()[3][0] == 0  # the name shows through


def test_a_citys_own_signatory_is_printed(tmp_path):
    path = city_file(
        tmp_path,
        "mayor_title: さくら町長\nmayor_name: 桜井　一\nseal_image: seal.png\nseal_size_mm: 18\n",
    )
    city = load_city(path)
    assert city.seal_size_mm == 18 and city.seal_image == tmp_path / "seal.png"
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(certificate_pdf([DOCUMENT], city))
    text = pdftotext(pdf)
    assert "さくら町長" in text and "桜井" in text and "みどり市長" not in text


@pytest.mark.parametrize(
    ("body", "seal", "problem"),
    [
        ("mayor_title: さくら町長\nseal_image: seal.png\n", True, "mayor_name"),
        ("mayor_title: さくら町長\nmayor_name: 桜井　一\nseal_image: seal.png\n", False, "seal"),
        (
            "mayor_title: さくら町長\nmayor_name: 桜井　一\nseal_image: seal.png\nseal_size_mm: 300\n",
            True,
            "seal_size_mm",
        ),
        ("- just a list\n", True, "mapping"),
    ],
)
def test_a_broken_city_file_is_refused_naming_the_problem(tmp_path, body, seal, problem):
    path = city_file(tmp_path, body, seal)
    with pytest.raises(CounterAppError) as refused:
        load_city(path)
    assert refused.value.code is ErrorCode.RESOURCE_INVALID
    assert str(path) in str(refused.value.params["path"])
    assert problem in str(refused.value.params["detail"])


def test_the_seal_is_stamped_over_the_end_of_the_mayors_name(tmp_path):
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(certificate_pdf([DOCUMENT], load_city()))
    subprocess.run(
        [tool("pdftoppm"), "-r", "72", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    with Image.open(tmp_path / "p-1.png") as page:
        rgb = page.convert("RGB")
    red = [
        (x, y)
        for y in range(rgb.height)
        for x in range(rgb.width)
        if (pixel := rgb.getpixel((x, y)))[0] > 150 and pixel[1] < 100 and pixel[2] < 100
    ]
    assert len(red) > 300  # the seal's frame and characters; nothing else on the page is red
    xs, ys = [x for x, _ in red], [y for _, y in red]
    # One square about 21 mm (60 px) across, at the right of the closing, above the footer.
    assert 50 <= max(xs) - min(xs) <= 65 and 50 <= max(ys) - min(ys) <= 65
    assert min(xs) > rgb.width / 2 and rgb.height * 0.6 < min(ys) < rgb.height * 0.9
    # The name's last word, where pdftotext finds it (in points: 1 px at 72 dpi).
    boxes = subprocess.run(
        [tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">太郎<', boxes)
    assert found is not None
    left, top, right = (float(found[n]) for n in (1, 2, 3))
    assert min(xs) < right < max(xs) and left < min(xs)  # over the last character
    assert min(ys) < top < max(ys)
