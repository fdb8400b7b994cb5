"""Forms for the life events beyond the public scenarios (death of a dependent family's
head, divorce, turning 75, moving out, a move-in with a missing glyph): every form
renders, and every pre-filled value comes back from the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from counter_app.catalog import load_catalog
from counter_app.forms import build_bundle
from counter_app.guide import run_guide
from counter_app.guide.scenario_file import read_scenario_file
from printing.render import render_bundle
from tests.guide.test_life_events import DIVORCING, EMPLOYEE_FAMILY

CASES = {
    "death": (
        EMPLOYEE_FAMILY,
        "{type: death, date: 2026-11-15, answers: {deceased_id: P1, died_on: 2026-11-15, "
        "heir_representative: 山田 花子（妻）, funeral_date: 2026-11-18}}",
    ),
    "divorce": (
        DIVORCING,
        "{type: divorce, date: 2026-11-20, answers: {party_ids: [D1, D2], divorce_type: 協議, "
        "surname_changer_at_marriage: D2, custodial_parent_id: D2, leaving_ids: [D1]}, "
        "person_answers: {D2: {wants_seal_registration: true}}}",
    ),
    "move_out": (
        EMPLOYEE_FAMILY,
        "{type: move_out, date: 2026-11-30, answers: {mover_ids: [P1, P2, P3], "
        "new_address: 大阪府サンプル市西町3番4号, to_other_prefecture: true}}",
    ),
    "turn_75": (
        """\
        - {atena_no: Q1, name_kanji: 木下 進, birth_date: 1951-11-21, sex: 男, relationship: 世帯主,
           health_insurance: {kind: employer_insured}}
        - {atena_no: Q2, name_kanji: 木下 幸子, birth_date: 1956-01-05, sex: 女, relationship: 妻,
           health_insurance: {kind: employer_dependent, insured_via: Q1}, my_number: "146710511556"}
""",
        "{type: turn_75, date: 2026-11-21, answers: {subject_id: Q1}}",
    ),
}


def case_file(tmp_path: Path, household: str, event: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(
        "reference_date: 2026-11-23\nmunicipality: サンプル市\nscenarios:\n  - id: T1\n"
        "    household:\n      household_no: H1\n      address: サンプル市本町1番\n"
        f"      members:\n{household}    events:\n      - {event}",
        "utf-8",
    )
    return path


@pytest.mark.parametrize("event", list(CASES))
def test_every_form_of_the_event_renders_with_its_values(event, tmp_path) -> None:
    catalog = load_catalog()
    household, spec = CASES[event]
    file = read_scenario_file(case_file(tmp_path, household, spec), catalog)
    assert not file.problems, [p.render("en") for p in file.problems]
    case = file.scenarios[0].case
    result = run_guide(catalog, case)
    bundle = build_bundle(catalog, case, result.procedures, "T1")
    assert bundle.forms
    rendered = render_bundle(bundle)
    assert rendered.page_count >= len(bundle.forms)
    assert rendered.glyph_warnings == ()
    pdf = tmp_path / "bundle.pdf"
    pdf.write_bytes(rendered.pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    values = [
        v for f in bundle.forms for x in f.fields for v in (x.rows or ([x.text] if x.text else []))
    ]
    assert [v for v in values if v not in text] == []
