"""certificates.yaml is checked by `counter-app catalog check` like the rest of the
catalog: a broken kind is one line with file, line and path, in Japanese or English,
and an edit beyond the law is refused like a misspelt id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counter_app.catalog import CatalogError, default_catalog_dir, load_catalog
from tests.guide.cli import run


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), folder)
    return folder


def edit(folder: Path, old: str, new: str) -> int:
    path = folder / "certificates.yaml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_shipped_kinds_fees_and_choices():
    certificates = load_catalog().certificates
    assert [k.id for k in certificates.kinds] == [
        "juminhyo",
        "juminhyo_items",
        "jokyo",
        "inkan",
        "shotoku",
        "nozei",
    ]
    assert {k.fee_yen for k in certificates.kinds} == {300}
    assert [e.name for e in certificates.exemptions][:2] == ["公用", "生活保護"]
    assert "mynumber_card" in [d.id for d in certificates.identity_documents]
    my_number = certificates.kind("juminhyo").option("my_number")
    assert {r.value for r in my_number.allowed_for} == {"self", "household"}


CASES = [
    # (old, new, path, message in English)
    (
        "    fee_yen: 300\n    scopes: [person, household]",
        "    fee_yen: 三百\n    scopes: [person, household]",
        "certificate_kinds[0].fee_yen",
        "must be a whole number",
    ),
    (
        "options: [honseki, relationship, head, juminhyo_code, my_number, previous_address]",
        "options: [honseki, relationship, head, juminhyo_code, my_numbr, previous_address]",
        "certificate_kinds[0].options[4]",
        "unknown option my_numbr",
    ),
    (
        "    allowed_for: [self, household]          # law: the person or the household only\n"
        "  - id: previous_address",
        "    allowed_for: [self, household, agent]\n  - id: previous_address",
        "certificate_options[4].allowed_for",
        "the law does not allow 個人番号 for agent",
    ),
    (
        "    allowed_for: [self, household, agent]   # never a third party",
        "    allowed_for: [self, household, agent, third_party]",
        "certificate_kinds[3].allowed_for",
        "the law does not allow 印鑑登録証明書 for third_party",
    ),
    (
        "    scopes: [person]\n    options: [relationship, head, previous_address]",
        "    scopes: [person, family]\n    options: [relationship, head, previous_address]",
        "certificate_kinds[1].scopes[1]",
        "family is not allowed (person, household)",
    ),
    (
        "  - id: jokyo\n",
        "  - id: juminhyo\n",
        "certificate_kinds[2].id",
        "duplicate id juminhyo",
    ),
    (
        "    mandate_for: [agent]\n    purpose_for: [third_party]\n\n  - id: juminhyo_items",
        "    mandate_for: []\n    purpose_for: [third_party]\n\n  - id: juminhyo_items",
        "certificate_kinds[0].mandate_for",
        "needs agent in mandate_for",
    ),
]


@pytest.mark.parametrize(("old", "new", "path", "message"), CASES)
def test_a_broken_certificates_yaml_is_reported_with_file_and_line(
    capsys, catalog_dir, old, new, path, message
):
    line = edit(catalog_dir, old, new)
    status, out, err = run(capsys, "catalog", "check", str(catalog_dir), "--lang", "en")
    assert status == 2 and out == ""
    problem = err.splitlines()[0]  # the law's case also lacks purpose_for: a second line
    where = f"{catalog_dir / 'certificates.yaml'}:"
    assert problem.startswith(where), problem
    reported_line = int(problem[len(where) :].split(":")[0])
    assert line <= reported_line <= line + 2
    assert f" {path}: " in problem and message in problem
    with pytest.raises(CatalogError):
        load_catalog(catalog_dir)
    _status, _out, err_ja = run(capsys, "catalog", "check", str(catalog_dir), "--lang", "ja")
    assert err_ja.startswith(where)


def test_a_catalog_without_certificates_is_told_so(capsys, catalog_dir):
    (catalog_dir / "certificates.yaml").unlink()
    status, _out, err = run(capsys, "catalog", "check", str(catalog_dir), "--lang", "en")
    assert status == 2
    assert "the section certificate_kinds is missing" in err


def test_a_city_changes_a_fee_and_the_desk_charges_it(capsys, catalog_dir):
    edit(
        catalog_dir,
        "    fee_yen: 300\n    scopes: [person, household]",
        "    fee_yen: 350\n    scopes: [person, household]",
    )
    status, out, _err = run(capsys, "catalog", "check", str(catalog_dir))
    assert status == 0 and "certificate_kinds=6" in out
    assert load_catalog(catalog_dir).certificates.kind("juminhyo").fee_yen == 350
