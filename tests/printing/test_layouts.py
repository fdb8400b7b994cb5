"""Every catalog form has a layout in resources/forms/, and a broken one is named precisely."""

from __future__ import annotations

import shutil

import pytest

from counter_app.catalog import load_catalog
from printing.fonts import GOTHIC, missing_chars
from printing.layouts import (
    LayoutError,
    Row,
    Table,
    check_layouts,
    default_layout_dir,
    load_layouts,
)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_every_catalog_form_has_a_valid_layout(catalog):
    layouts = load_layouts(catalog)
    assert set(layouts) == {form.id for form in catalog.forms}
    for form in catalog.forms:
        keys = layouts[form.id].keys()
        assert sorted(keys) == sorted(field.key for field in form.fields), form.id


def test_repeated_fields_are_tables_and_signatures_are_tall(catalog):
    layouts = load_layouts(catalog)
    move = layouts["resident_move"]
    tables = [item for s in move.sections for item in s.items if isinstance(item, Table)]
    assert len(tables) == 1 and tables[0].rows == 4
    assert [box.key for box in tables[0].columns][:2] == ["mover_name", "mover_kana"]
    for form in catalog.forms:
        signatures = {field.key for field in form.fields if field.source == "signature"}
        for section in layouts[form.id].sections:
            for item in section.items:
                if isinstance(item, Row) and signatures & {box.key for box in item.boxes}:
                    assert item.height_mm >= 14, (form.id, item)


def test_the_birth_notice_has_the_sections_of_the_official_form(catalog):
    headings = [section.heading for section in load_layouts(catalog)["birth_notice"].sections]
    assert headings == [
        "届出日・宛先",
        "子",
        "生まれたとき・ところ",
        "住所・世帯主",
        "父母",
        "本籍",
        "その他",
        "届出人",
        "出生証明書",
    ]


def test_every_label_title_and_heading_prints_in_the_gothic_font(catalog):
    layouts = load_layouts(catalog)
    for form in catalog.forms:
        texts = [form.title] + [field.label for field in form.fields]
        texts += [section.heading for section in layouts[form.id].sections]
        for text in texts:
            assert missing_chars(text, GOTHIC) == [], (form.id, text)


def test_a_broken_layout_is_reported_with_file_and_key(catalog, tmp_path):
    folder = tmp_path / "forms"
    shutil.copytree(default_layout_dir(), folder)
    birth = folder / "birth_notice.yaml"
    text = birth.read_text(encoding="utf-8")
    text = text.replace(
        "[child_surname, child_given_name,", "[child_surname, child_surname, no_such_box,"
    )
    birth.write_text(text, encoding="utf-8")
    move = folder / "resident_move.yaml"
    move.write_text(
        move.read_text(encoding="utf-8").replace(
            "{key: mover_sex, width: 0.8}", "{key: mover_sex, width: -1}"
        ),
        encoding="utf-8",
    )
    (folder / "death_notice.yaml").unlink()
    (folder / "no_such_form.yaml").write_text("sections: []\n", encoding="utf-8")
    (folder / "nhi_change.yaml").write_text("sections: [\n", encoding="utf-8")

    with pytest.raises(LayoutError) as raised:
        load_layouts(catalog, folder)

    found = {(p.file, p.key) for p in raised.value.problems}
    assert ("birth_notice.yaml", "child_surname") in found  # twice
    assert ("birth_notice.yaml", "no_such_box") in found  # unknown
    assert ("birth_notice.yaml", "child_given_name") in found  # missing
    assert ("resident_move.yaml", "mover_sex") in found  # bad width
    assert ("death_notice.yaml", "death_notice") in found  # no layout
    assert ("no_such_form.yaml", "no_such_form") in found  # no catalog form
    assert ("nhi_change.yaml", "line 2") in found  # broken YAML, at the line it breaks
    message = str(raised.value)
    assert "birth_notice.yaml: child_surname: appears more than once" in message
    assert "birth_notice.yaml: no_such_box: unknown key" in message
    assert "birth_notice.yaml: child_given_name: missing" in message
    assert len(raised.value.problems) == 7, message


def test_a_repeated_field_outside_a_table_is_a_problem(catalog, tmp_path):
    folder = tmp_path / "forms"
    shutil.copytree(default_layout_dir(), folder)
    form = next(form for form in catalog.forms if form.id == "resident_move")
    rows = "".join(f"      - [{field.key}]\n" for field in form.fields)
    (folder / "resident_move.yaml").write_text(f"sections:\n  - rows:\n{rows}", encoding="utf-8")
    _, problems = check_layouts(catalog, folder)
    assert {p.key for p in problems} == {
        "mover_name",
        "mover_kana",
        "mover_birth_date",
        "mover_sex",
        "mover_relationship",
        "mover_juminhyo_code",
        "mover_honseki",
    }
    assert all(p.file == "resident_move.yaml" and "table" in p.message for p in problems)
