"""Reading a certificate PDF back as a person or a scanner would: its words (pdftotext),
its barcodes (pdftoppm at 300 dpi, zbarimg) and its pixels. Needs poppler-utils and
zbar-tools, which `scripts/setup.sh test` installs."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from PIL import Image

from counter_app.certificates.model import CertificateDocument
from counter_app.search.wareki import format_wareki
from printing.city import CityOffice
from tests.helpers import tool

SCAN_DPI = 300


def words(text: str) -> Counter[str]:
    """The words of a text, however the lines and spaces fall (full-width ones too)."""
    return Counter(text.split())


def expected_words(document: CertificateDocument, city: CityOffice, pages: int) -> Counter:
    """Every word a copy of `pages` pages prints: on each page the municipality, the title,
    the 発行番号 and 「n/N」; once, the sections, notes, 以下余白 and the closing."""
    found: Counter[str] = Counter()
    for page in range(1, pages + 1):
        found += words(
            f"{document.municipality} {document.title} 発行番号 {document.issue_number} "
            f"{page}/{pages}"
        )
    for section in document.sections:
        found += words(section.heading)
        for label, value in section.rows:
            found += words(label) + words(value)
    for note in document.notes:
        found += words(note)
    found += words("以下余白")
    found += words(document.attestation) + words(format_wareki(document.issued_on))
    found += words(city.signatory)
    return found


def page_images(path: Path, folder: Path, dpi: int = SCAN_DPI) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pdftoppm"), "-r", str(dpi), "-gray", "-png", str(path), str(folder / "p")],
        check=True,
    )
    return sorted(folder.glob("p-*.png"))


def decode_barcodes(path: Path, folder: Path) -> list[list[str]]:
    """Each page's decoded barcodes, scanned at 300 dpi, in page order."""
    found = []
    for image in page_images(path, folder):
        result = subprocess.run(
            [tool("zbarimg"), "--raw", "-q", str(image)], capture_output=True, text=True
        )
        found.append(result.stdout.split())
    return found


def gray(image: Path) -> Image.Image:
    with Image.open(image) as opened:
        return opened.convert("L")
