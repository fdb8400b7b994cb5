"""A certificate PDF holds exactly the items of its document and nothing else, on as many
pages as the household needs, each page with its 発行番号, page number and a barcode
that scans; a character the font lacks is reported, never dropped."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.certificates.model import CertificateDocument, DocumentSection
from printing.certificates import certificate_pdf, render_certificates
from printing.city import load_city
from tests.helpers import pdftotext
from tests.printing.certificate_reading import decode_barcodes, expected_words, words

MY_NUMBER = "123456789018"
ATTESTATION = "この写しは、住民票の原本と相違ないことを証明する。"
PERSON_ROWS = (
    ("氏名", "髙橋 一郎"),
    ("生年月日", "昭和60年8月22日"),
    ("性別", "男"),
    ("住所", "東京都みどり市桜町二丁目14番3号 みどりハイツ201"),
    ("住民となった年月日", "令和2年4月1日"),
    ("続柄", "世帯主"),
)
NAMES = (
    "髙橋 一郎",
    "髙橋 美咲",
    "髙橋 翔太",
    "髙橋 結衣",
    "髙橋 蓮",
    "髙橋 陽葵",
    "髙橋 湊",
    "髙橋 凛",
)


def residence(number: int, sections, notes=()) -> CertificateDocument:
    issue = f"C20261205-{number:05d}"
    return CertificateDocument(
        issue_number=issue,
        verification=f"{issue}.{number:08x}",
        kind_id="juminhyo",
        title="住民票の写し",
        attestation=ATTESTATION,
        issued_on=date(2026, 12, 5),
        municipality="みどり市",
        sections=tuple(sections),
        notes=tuple(notes),
    )


def household(count: int) -> list[DocumentSection]:
    return [
        DocumentSection(
            name,
            (
                ("氏名", name),
                ("生年月日", f"平成{n + 1}年{n + 1}月{n + 2}日"),
                ("性別", "男" if n % 2 == 0 else "女"),
                ("続柄", "世帯主" if n == 0 else "子"),
            ),
        )
        for n, name in enumerate(NAMES[:count])
    ]


@pytest.fixture(scope="module")
def city():
    return load_city()


def write(tmp_path, name, pdf: bytes):
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def test_a_residence_certificate_reads_back_exactly_its_items(city, tmp_path):
    document = residence(1, [DocumentSection("髙橋 一郎", PERSON_ROWS)])
    path = write(tmp_path, "one.pdf", certificate_pdf([document], city))
    text = pdftotext(path)
    assert words(text) == expected_words(document, city, pages=1)
    assert "氏名            髙橋 一郎" in text or "髙橋 一郎" in text.split("氏名", 1)[1]
    assert "令和8年12月5日" in text and "みどり市長" in text and "1/1" in text
    assert "個人番号" not in text and MY_NUMBER not in text  # not asked, not printed


def test_my_number_is_printed_only_when_the_document_holds_it(city, tmp_path):
    rows = (*PERSON_ROWS, ("住民票コード", "12345678901"), ("個人番号", MY_NUMBER))
    document = residence(2, [DocumentSection("髙橋 一郎", rows)], notes=("転入 令和2年4月1日",))
    path = write(tmp_path, "mynumber.pdf", certificate_pdf([document], city))
    text = pdftotext(path)
    assert words(text) == expected_words(document, city, pages=1)
    assert MY_NUMBER in text and "個人番号" in text and "転入 令和2年4月1日" in text


def test_a_household_of_eight_runs_to_two_pages_each_with_its_number_and_barcode(city, tmp_path):
    document = residence(3, household(8))
    rendered = render_certificates([document], city)
    assert [(p.page, p.page_count) for p in rendered.pages] == [(1, 2), (2, 2)]
    path = write(tmp_path, "household.pdf", rendered.pdf)
    assert words(pdftotext(path)) == expected_words(document, city, pages=2)
    for page in (1, 2):
        text = pdftotext(path, page)
        assert f"{page}/2" in text and "発行番号" in text and document.issue_number in text
        assert "住民票の写し" in text and "みどり市" in text
    first, second = pdftotext(path, 1), pdftotext(path, 2)
    assert "以下余白" not in first and "以下余白" in second
    assert ATTESTATION not in first and ATTESTATION in second
    assert decode_barcodes(path, tmp_path / "scan") == [[document.verification]] * 2


def test_each_copy_starts_a_new_page_with_its_own_number(city, tmp_path):
    copies = [residence(n, [DocumentSection("髙橋 一郎", PERSON_ROWS)]) for n in (11, 12)]
    rendered = render_certificates(copies, city)
    assert [(p.issue_number, p.page, p.page_count) for p in rendered.pages] == [
        ("C20261205-00011", 1, 1),
        ("C20261205-00012", 1, 1),
    ]
    path = write(tmp_path, "copies.pdf", rendered.pdf)
    assert "C20261205-00011" in pdftotext(path, 1) and "C20261205-00012" not in pdftotext(path, 1)
    assert "C20261205-00012" in pdftotext(path, 2)
    scanned = decode_barcodes(path, tmp_path / "scan")
    assert scanned == [[copies[0].verification], [copies[1].verification]]


def test_a_character_the_font_lacks_is_marked_and_reported(city, tmp_path):
    rows = (("氏名", "山﨑 𠮷太"), ("生年月日", "令和8年11月10日"))
    document = residence(4, [DocumentSection("山﨑 𠮷太", rows)])
    rendered = render_certificates([document], city)
    text = pdftotext(write(tmp_path, "gaiji.pdf", rendered.pdf))
    assert "𠮷" not in text and text.count("山﨑 〓太") == 2  # the heading and the value
    assert "外字あり" in text
    warned = {(w.form_id, w.field_key, w.char, w.code) for w in rendered.glyph_warnings}
    assert (document.issue_number, "氏名", "𠮷", "U+20BB7") in warned
    assert (document.issue_number, "heading", "𠮷", "U+20BB7") in warned
    value = next(w for w in rendered.glyph_warnings if w.field_key == "氏名")
    assert value.person_name == "山﨑 𠮷太" and "〓" in str(value)
    assert not [w for w in rendered.glyph_warnings if w.char == "﨑"]  # the font has 﨑


def test_nothing_to_print_is_refused(city):
    with pytest.raises(ValueError):
        certificate_pdf([], city)


def test_a_section_longer_than_a_page_continues_under_its_heading(city, tmp_path):
    rows = tuple(
        (f"異動{n}", f"令和{n % 7 + 1}年{n % 12 + 1}月{n % 28 + 1}日 転居") for n in range(40)
    )
    document = residence(5, [DocumentSection("髙橋 一郎", rows)])
    rendered = render_certificates([document], city)
    assert len(rendered.pages) == 2
    path = write(tmp_path, "long.pdf", rendered.pdf)
    expected = expected_words(document, city, pages=2) + words("髙橋 一郎")
    assert words(pdftotext(path)) == expected  # every row once, the heading on both pages
    second = pdftotext(path, 2)
    assert "髙橋 一郎" in second
    assert "異動39" in second and "異動0" not in second
