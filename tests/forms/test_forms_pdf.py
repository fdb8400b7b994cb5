"""`counter-app forms`: the PDF gives back every pre-filled value exactly through
`pdftotext -layout`, and every page's barcode decodes to the visit number and form id."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from counter_app.catalog import load_catalog
from counter_app.forms import FormBundle, build_bundle
from counter_app.guide import run_guide
from counter_app.guide.scenario_file import read_scenario_file
from station.launcher import main
from tests import helpers

PUBLIC = Path(__file__).parent.parent / "guide" / "data" / "public.yaml"
IDS = ["SC01", "SC05", "SC07", "SC08", "SC11", "SC15", "SC19", "SC22"]


def bundle_for(path: Path, scenario_id: str) -> FormBundle:
    catalog = load_catalog()
    [scenario] = read_scenario_file(path, catalog).select(scenario_id)
    result = run_guide(catalog, scenario.case)
    return build_bundle(catalog, scenario.case, result.procedures, scenario_id)


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def page_barcodes(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    found = []
    for image in sorted(tmp_path.glob("page-*.png")):
        done = subprocess.run(
            ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True
        )
        found.append(done.stdout.strip())
    return found


def expected_values(bundle: FormBundle) -> list[str]:
    values = []
    for form in bundle.forms:
        for field in form.fields:
            values.extend(field.rows or ([field.text] if field.text else []))
    return values


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_prefilled_value_comes_back_exactly(scenario_id, tmp_path, capsys) -> None:
    out = tmp_path / "bundle.pdf"
    assert main(["forms", "--scenario", str(PUBLIC), "--id", scenario_id, "--out", str(out)]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith(f"forms id={scenario_id} ")
    text = pdf_text(out)
    missing = [v for v in expected_values(bundle_for(PUBLIC, scenario_id)) if v not in text]
    assert missing == []


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_page_carries_the_visit_and_form_as_a_barcode(scenario_id, tmp_path, capsys) -> None:
    out = tmp_path / "bundle.pdf"
    assert main(["forms", "--scenario", str(PUBLIC), "--id", scenario_id, "--out", str(out)]) == 0
    pages = int(capsys.readouterr().out.split("pages=")[1].split()[0])
    bundle = bundle_for(PUBLIC, scenario_id)
    codes = page_barcodes(out, tmp_path)
    assert len(codes) == pages >= len(bundle.forms)
    assert {f"{scenario_id}/{f.form_id}" for f in bundle.forms} == set(codes)
    text = pdf_text(out)
    assert re.search(rf"\b1\s*/\s*{pages}\b", text) and re.search(
        rf"\b{pages}\s*/\s*{pages}\b", text
    )


def test_variant_characters_and_a_missing_glyph(tmp_path, capsys) -> None:
    """髙 and 﨑 print as themselves; 𠮷, which the font lacks, is marked and reported."""
    source = PUBLIC.read_text("utf-8")
    variant = (
        source.replace("佐藤 健太", "髙橋 健太")
        .replace("佐藤 美咲", "山﨑 美咲")
        .replace("佐藤 陽菜", "𠮷田 陽菜")
    )
    scenarios = tmp_path / "variant.yaml"
    scenarios.write_text(variant, "utf-8")
    out = tmp_path / "bundle.pdf"
    assert main(["forms", "--scenario", str(scenarios), "--id", "SC01", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "𠮷" in err and "U+20BB7" in err
    text = pdf_text(out)
    assert "髙橋 健太" in text and "山﨑 美咲" in text
    assert "〓田 陽菜" in text and "𠮷" not in text


def test_a_bad_scenario_writes_no_pdf(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(PUBLIC.read_text("utf-8").replace("type: birth", "type: adoption"), "utf-8")
    out = tmp_path / "bundle.pdf"
    assert main(["forms", "--scenario", str(bad), "--id", "SC01", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "adoption" in captured.err
    assert not out.exists()


def test_the_command_as_it_is_installed(tmp_path) -> None:
    out = tmp_path / "sc19.pdf"
    done = helpers.run_cli("forms", "--scenario", str(PUBLIC), "--id", "SC19", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "林 和美" in pdf_text(out)
