"""The bundle PDF gives every value back exactly, every page's barcode decodes, and no
character is lost silently. Needs pdftotext/pdftoppm (poppler-utils) and zbarimg
(zbar-tools), which `scripts/setup.sh test` installs."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from counter_app.catalog import load_catalog
from counter_app.forms.model import FieldValue, FilledForm, FormBundle, Source
from printing.fonts import GETA, missing_chars
from printing.render import render_bundle
from tests.helpers import pdftotext, tool

VISIT = "20261112-0042"
SOURCES = {"signature": Source.RESIDENT, "document": Source.DOCUMENT, "clerk": Source.CLERK}
SOURCES["computed"] = Source.COMPUTED


@pytest.fixture(scope="module")
def catalog_forms():
    return {form.id: form for form in load_catalog().forms}


def filled(catalog_forms, form_id, values, *, person=(None, None), notes=None, check=()):
    """A FilledForm of the catalog form: text for keys in `values` (a tuple gives rows)."""
    form = catalog_forms[form_id]
    fields = []
    for field in form.fields:
        value = values.get(field.key, "")
        rows = value if isinstance(value, tuple) else ()
        text = "、".join(rows) if rows else value
        source = SOURCES.get(field.source, Source.RECORDS)
        note = (notes or {}).get(field.key, "")
        fields.append(
            FieldValue(field.key, field.label, source, text, "試験", rows, field.key in check, note)
        )
    return FilledForm(form_id, form.title, "市民課", (), person[0], person[1], tuple(fields))


BIRTH = {
    "submitted_on": "令和8年11月12日",
    "addressee": "みどり市長",
    "child_surname": "山﨑",
    "child_given_name": "𠮷太",
    "child_name_kana": "ヤマサキ ヨシタ",
    "legitimacy": "嫡出子 長男",
    "born_at": "令和8年11月10日 午前3時15分",
    "birth_place": "東京都みどり市中央一丁目2番3号 みどり総合病院",
    "address": "東京都みどり市桜町二丁目14番3号 みどりハイツ201",
    "head_name": "山﨑 大輔",
    "head_relationship": "子",
    "father_name": "山﨑 大輔",
    "father_birth_date": "平成2年4月1日",
    "mother_name": "山﨑 花子",
    "mother_birth_date": "平成4年12月24日",
    "honseki": "東京都みどり市桜町二丁目14番地",
    "hittosha": "山﨑 大輔",
    "household_main_work": "3 企業・個人商店等の常用勤労者世帯で勤め先の従業者数が1人から99人まで",
    "notifier_capacity": "父",
    "notifier_address": "東京都みどり市桜町二丁目14番3号 みどりハイツ201",
    "notifier_birth_date": "平成2年4月1日",
}
MOVE = {
    "change_type": "転入",
    "submitted_on": "令和8年11月12日",
    "moved_on": "令和8年11月1日",
    "new_address": "東京都みどり市緑が丘三丁目5番8号",
    "new_katagaki": "グリーンコート髙橋302",
    "new_head": "髙橋 一郎",
    "old_address": "神奈川県横浜市中区山下町1番地",
    "old_head": "林 薫",
    "mover_name": ("髙橋 一郎", "髙橋 美咲", "髙橋 翔太"),
    "mover_kana": ("タカハシ イチロウ", "タカハシ ミサキ", "タカハシ ショウタ"),
    "mover_birth_date": ("昭和60年8月22日", "昭和62年3月3日", "令和2年1月1日"),
    "mover_sex": ("男", "女", "男"),
    "mover_relationship": ("世帯主", "妻", "子"),
    "mover_juminhyo_code": ("12345678901", "23456789012", "34567890123"),
    "card_based": "マイナンバーカードによる特例転入",
    "notifier_name": "髙橋 一郎",
    "notifier_relation": "A 1",
    "notifier_phone": "090-1234-5678",
}
NHI = {
    "submitted_on": "令和8年11月12日",
    "reason": "出生",
    "event_date": "令和8年11月10日",
    "head_name": "山﨑 大輔",
    "head_my_number": "************ 末尾4桁 1234",
    "address": "東京都みどり市桜町二丁目14番3号 みどりハイツ201",
    "insured_symbol_no": "記号 みど12 番号 3456789 枝番 03",
    "name": "山﨑 𠮷太",
    "name_kana": "ヤマサキ ヨシタ",
    "birth_date": "令和8年11月10日",
    "sex": "男",
    "relationship": "子 1 / 3",
    "notifier_name": "山﨑 大輔",
}


@pytest.fixture(scope="module")
def bundle(catalog_forms):
    return FormBundle(
        VISIT,
        "みどり市",
        date(2026, 11, 12),
        (
            filled(
                catalog_forms,
                "birth_notice",
                BIRTH,
                person=("A0199", "山﨑 𠮷太"),
                notes={"birth_certificate": "添付：出生証明書"},
                check=("child_name_kana",),
            ),
            filled(catalog_forms, "resident_move", MOVE),
            filled(catalog_forms, "nhi_change", NHI, person=("A0199", "山﨑 𠮷太")),
        ),
    )


@pytest.fixture(scope="module")
def rendered(bundle):
    return render_bundle(bundle)


@pytest.fixture(scope="module")
def pdf_file(rendered, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "bundle.pdf"
    path.write_bytes(rendered.pdf)
    return path


def decode_barcodes(path: Path, folder: Path) -> list[str]:
    """The data of each page's barcode, in page order (one entry per page)."""
    subprocess.run(
        [tool("pdftoppm"), "-r", "200", "-png", str(path), str(folder / "p")], check=True
    )
    found = []
    for image in sorted(folder.glob("p-*.png")):
        result = subprocess.run(
            [tool("zbarimg"), "--raw", "-q", str(image)], capture_output=True, text=True
        )
        found.append(result.stdout.strip())
    return found


def printed(text: str) -> str:
    return "".join(GETA if missing_chars(char) else char for char in text)


def test_every_filled_value_comes_back_exactly(bundle, pdf_file):
    text = pdftotext(pdf_file)
    lines = text.splitlines()
    for form in bundle.forms:
        for value in form.fields:
            for entry in value.rows or ((value.text,) if value.text else ()):
                assert any(printed(entry) in line for line in lines), (form.form_id, entry)


def test_variant_kanji_print_as_themselves(pdf_file, rendered):
    text = pdftotext(pdf_file)
    assert "髙橋 一郎" in text and "山﨑 大輔" in text
    assert missing_chars("髙﨑") == []
    assert not [w for w in rendered.glyph_warnings if w.char in "髙﨑"]


def test_a_character_the_font_lacks_is_marked_and_reported(pdf_file, rendered):
    text = pdftotext(pdf_file)
    assert "〓太" in text and "𠮷" not in text
    assert "外字あり" in text
    warned = {(w.form_id, w.field_key, w.char, w.codepoint) for w in rendered.glyph_warnings}
    assert ("birth_notice", "child_given_name", "𠮷", 0x20BB7) in warned
    assert ("nhi_change", "name", "𠮷", 0x20BB7) in warned
    assert ("birth_notice", "", "𠮷", 0x20BB7) in warned  # the header's 対象者
    child = next(w for w in rendered.glyph_warnings if w.field_key == "child_given_name")
    assert child.field_label == "子の名" and child.person_name == "山﨑 𠮷太"
    assert child.code == "U+20BB7" and "〓" in str(child)


def test_each_page_carries_its_barcode_and_page_number(rendered, pdf_file, tmp_path):
    assert rendered.page_count == len(rendered.pages) == 3
    expected = [f"{VISIT}/{page.form_id}" for page in rendered.pages]
    assert expected == [f"{VISIT}/birth_notice", f"{VISIT}/resident_move", f"{VISIT}/nhi_change"]
    assert decode_barcodes(pdf_file, tmp_path) == expected
    for page in rendered.pages:
        text = pdftotext(pdf_file, page.page_number)
        assert f"{page.page_number} / {rendered.page_count}" in text
        assert f"{VISIT}/{page.form_id}" in text
        assert "みどり市" in text and "市民課" in text


def test_headers_name_the_form_and_the_person(pdf_file, rendered):
    first = pdftotext(pdf_file, 1)
    assert "出生届" in first and "山﨑 〓太" in first
    assert "A0199" not in first  # the 宛名番号 is an internal key, never printed
    assert rendered.pages[0].person_atena == "A0199"
    assert rendered.pages[1].person_atena is None


def test_resident_and_document_boxes_are_marked(pdf_file):
    first = pdftotext(pdf_file, 1)
    assert "ご本人が記入" in first  # 届出人署名
    assert "添付：出生証明書" in first  # note given
    move = pdftotext(pdf_file, 2)
    assert "添付：転出証明書" in move  # from the catalog's document name


def test_a_long_form_continues_on_the_next_page(catalog_forms, tmp_path):
    movers = {
        "mover_name": tuple(f"髙橋 太郎{n}" for n in range(1, 41)),
        "mover_sex": ("男",) * 40,
    }
    form = filled(catalog_forms, "resident_move", {**MOVE, **movers})
    rendered = render_bundle(FormBundle("V9", "みどり市", date(2026, 11, 12), (form,)))
    assert rendered.page_count >= 2
    assert [page.form_page for page in rendered.pages] == list(range(1, rendered.page_count + 1))
    path = tmp_path / "long.pdf"
    path.write_bytes(rendered.pdf)
    text = pdftotext(path)
    for name in movers["mover_name"]:
        assert name in text
    assert "住民異動届" in pdftotext(path, 2) and "（続き）" in pdftotext(path, 2)
    assert "異動者の氏名" in pdftotext(path, 2)  # the table's header again
    barcodes = decode_barcodes(path, tmp_path)
    assert barcodes == ["V9/resident_move"] * rendered.page_count
    assert f"2 / {rendered.page_count}" in pdftotext(path, 2)


def test_a_long_value_shrinks_onto_one_line(catalog_forms, tmp_path):
    address = "北海道札幌市中央区北一条西二丁目1番地1 さっぽろグランドタワーレジデンス東棟3502号室 管理組合気付"
    form = filled(catalog_forms, "seal_registration", {"address": address, "name": "髙橋 一郎"})
    rendered = render_bundle(FormBundle("V1", "みどり市", date(2026, 11, 12), (form,)))
    path = tmp_path / "seal.pdf"
    path.write_bytes(rendered.pdf)
    assert address in pdftotext(path)


def test_values_the_layout_does_not_know_are_still_printed(catalog_forms, tmp_path):
    local = FilledForm(
        "city_local_form",
        "みどり市独自の届",
        "市民課",
        (),
        None,
        None,
        (FieldValue("remark", "備考", Source.CLERK, "髙橋さんの独自項目", "窓口で聴取"),),
    )
    extra = filled(catalog_forms, "dog_registration", {"owner_name": "山﨑 花子"})
    extra = FilledForm(
        *[getattr(extra, name) for name in ("form_id", "title", "department", "procedures")],
        None,
        None,
        (*extra.fields, FieldValue("chip", "マイクロチップ", Source.CLERK, "392145000123456", "")),
    )
    rendered = render_bundle(FormBundle("V2", "みどり市", date(2026, 11, 12), (local, extra)))
    path = tmp_path / "local.pdf"
    path.write_bytes(rendered.pdf)
    text = pdftotext(path)
    assert "髙橋さんの独自項目" in text and "392145000123456" in text and "山﨑 花子" in text
