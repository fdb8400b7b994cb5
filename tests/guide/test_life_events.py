"""The guide on households beyond the public scenarios: the catalog's rules as written,
for the cases catalog-notes.md §7 lists (death of a head, a dependent family, turning 75
as an NHI head, divorce, moving out, ages at the school-year boundary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.catalog import load_catalog
from counter_app.guide import GuideResult, run_guide
from counter_app.guide.scenario_file import read_scenario_file


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def guide(catalog, tmp_path: Path, household: str, event: str) -> GuideResult:
    text = (
        "reference_date: 2026-11-23\nmunicipality: サンプル市\nscenarios:\n  - id: T\n"
        "    household:\n      household_no: H1\n      address: サンプル市本町1番\n"
        f"      members:\n{household}    events:\n      - {event}"
    )
    path = tmp_path / "case.yaml"
    path.write_text(text, "utf-8")
    file = read_scenario_file(path, catalog)
    assert not file.problems, [p.render("en") for p in file.problems]
    return run_guide(catalog, file.scenarios[0].case)


def persons(result: GuideResult, procedure: str) -> list[str]:
    return next(p.persons for p in (*result.procedures, *result.notices) if p.id == procedure)


EMPLOYEE_FAMILY = """\
        - {atena_no: P1, name_kanji: 山田 太郎, birth_date: 1985-05-01, sex: 男, relationship: 世帯主,
           health_insurance: {kind: employer_insured}, pension: {category: 2},
           child_allowance: {recipient: true}, seal: {registered: true}, mynumber_card: {has_card: true}}
        - {atena_no: P2, name_kanji: 山田 花子, birth_date: 1987-07-07, sex: 女, relationship: 妻,
           health_insurance: {kind: employer_dependent, insured_via: P1}, pension: {category: 3}}
        - {atena_no: P3, name_kanji: 山田 一郎, birth_date: 2015-10-10, sex: 男, relationship: 子,
           health_insurance: {kind: employer_dependent, insured_via: P1}, child_medical: {holder: true}}
"""


def test_death_of_an_employee_head_with_a_dependent_family(catalog, tmp_path) -> None:
    result = guide(
        catalog,
        tmp_path,
        EMPLOYEE_FAMILY,
        "{type: death, date: 2026-11-15, answers: {deceased_id: P1, died_on: 2026-11-15}}",
    )
    assert set(result.procedure_ids()) == {
        "nhi_join",
        "nenkin_type1_join",
        "child_allowance_claim",
        "child_medical_change",
        "child_support_allowance",
        "single_parent_medical",
    }
    assert sorted(persons(result, "nhi_join")) == ["P2", "P3"]
    assert persons(result, "nenkin_type1_join") == ["P2"]
    assert persons(result, "child_allowance_claim") == ["P2"]
    # One member aged 15+ is left: the head is recorded ex officio, no 世帯主変更届.
    assert set(result.notice_ids()) == {
        "seal_abolished",
        "mynumber_card_void",
        "head_set_ex_officio",
        "child_allowance_ends_on_death",
    }
    assert (
        "世帯主が世帯を離れる: はい"
        in next(n for n in result.notices if n.id == "head_set_ex_officio").reasons[0]
    )


def test_death_when_survivors_move_to_another_employer_insurance(catalog, tmp_path) -> None:
    result = guide(
        catalog,
        tmp_path,
        EMPLOYEE_FAMILY,
        "{type: death, date: 2026-11-15, answers: {deceased_id: P1, "
        "survivors_join_other_employer_insurance: true}}",
    )
    assert "nhi_join" not in result.procedure_ids()


def test_turning_75_as_an_nhi_head_needs_nothing_but_notices(catalog, tmp_path) -> None:
    household = """\
        - {atena_no: Q1, name_kanji: 木下 進, birth_date: 1951-11-21, sex: 男, relationship: 世帯主,
           health_insurance: {kind: nhi}}
        - {atena_no: Q2, name_kanji: 木下 幸子, birth_date: 1956-01-05, sex: 女, relationship: 妻,
           health_insurance: {kind: nhi}}
"""
    result = guide(
        catalog, tmp_path, household, "{type: turn_75, date: 2026-11-21, answers: {subject_id: Q1}}"
    )
    assert result.procedure_ids() == []
    assert set(result.notice_ids()) == {
        "kouki_auto_enrol",
        "nhi_auto_loss_75",
        "nhi_pseudo_head_notice",
    }
    asked = guide(
        catalog,
        tmp_path,
        household,
        "{type: turn_75, date: 2026-11-21, answers: {subject_id: Q1, "
        "wants_nhi_pseudo_head_change: true}}",
    )
    assert asked.procedure_ids() == ["nhi_pseudo_head_change"]
    assert asked.departments == ("hoken_nenkin",)


DIVORCING = """\
        - {atena_no: D1, name_kanji: 高橋 誠, birth_date: 1984-02-02, sex: 男, relationship: 世帯主,
           health_insurance: {kind: employer_insured}, pension: {category: 2}, child_allowance: {recipient: true}}
        - {atena_no: D2, name_kanji: 高橋 由美, birth_date: 1988-03-03, sex: 女, relationship: 妻,
           health_insurance: {kind: employer_dependent, insured_via: D1}, pension: {category: 3},
           seal: {registered: true}, mynumber_card: {has_card: true, has_signature_cert: true}}
        - {atena_no: D3, name_kanji: 高橋 葵, birth_date: 2019-05-05, sex: 女, relationship: 子,
           health_insurance: {kind: employer_dependent, insured_via: D1}, child_medical: {holder: true}}
"""


def test_divorce_with_the_mother_keeping_the_child(catalog, tmp_path) -> None:
    result = guide(
        catalog,
        tmp_path,
        DIVORCING,
        "{type: divorce, date: 2026-11-20, answers: {party_ids: [D1, D2], "
        "surname_changer_at_marriage: D2, custodial_parent_id: D2, leaving_ids: [D1]}, "
        "person_answers: {D2: {wants_seal_registration: true}}}",
    )
    ids = set(result.procedure_ids())
    # The wife goes back to her maiden name: card, signature certificate, a new seal.
    assert {
        "koseki_divorce",
        "mynumber_card_update",
        "mynumber_esig_reissue",
        "inkan_registration_new",
    } <= ids
    # Her and her daughter's cover came from the husband: the prefill suggests 国保.
    assert sorted(persons(result, "nhi_join")) == ["D2", "D3"]
    assert persons(result, "nenkin_type1_join") == ["D2"]
    assert persons(result, "child_allowance_termination") == ["D1"]
    assert persons(result, "child_allowance_claim") == ["D2"]
    assert {
        "child_support_allowance",
        "single_parent_medical",
        "cert_divorce_acceptance",
        "child_medical_change",
    } <= ids
    assert "seal_abolished" in result.notice_ids()
    assert "child_surname_unchanged" in result.notice_ids()


def test_divorce_keeping_the_married_surname_changes_no_name(catalog, tmp_path) -> None:
    result = guide(
        catalog,
        tmp_path,
        DIVORCING,
        "{type: divorce, date: 2026-11-20, answers: {party_ids: [D1, D2], "
        "surname_changer_at_marriage: D2, custodial_parent_id: D2, leaving_ids: [D1]}, "
        "person_answers: {D2: {keep_married_surname: true, health_insurance_after: employer_insured}}}",
    )
    ids = set(result.procedure_ids())
    assert "koseki_keep_married_surname" in ids
    assert not ids & {"mynumber_card_update", "mynumber_esig_reissue", "inkan_registration_new"}
    assert "seal_abolished" not in result.notice_ids()
    assert persons(result, "nhi_join") == ["D3"]


@pytest.mark.parametrize(
    ("adults_staying", "procedure", "notice"),
    [
        (2, "juki_head_change", None),
        (1, None, "head_set_ex_officio"),
    ],
)
def test_the_head_moving_out(catalog, tmp_path, adults_staying, procedure, notice) -> None:
    household = """\
        - {atena_no: M1, name_kanji: 森 健, birth_date: 1960-01-01, sex: 男, relationship: 世帯主,
           health_insurance: {kind: nhi}, nhi: {enrolled: true}}
        - {atena_no: M2, name_kanji: 森 恵子, birth_date: 1962-02-02, sex: 女, relationship: 妻,
           health_insurance: {kind: nhi}}
        - {atena_no: M3, name_kanji: 森 翔, birth_date: BIRTH, sex: 男, relationship: 子,
           health_insurance: {kind: nhi}}
""".replace("BIRTH", "1995-03-03" if adults_staying == 2 else "2015-03-03")
    result = guide(
        catalog,
        tmp_path,
        household,
        "{type: move_out, date: 2026-11-30, answers: {mover_ids: [M1], to_other_prefecture: false}}",
    )
    assert persons(result, "nhi_loss") == ["M1"]
    assert "nhi_head_change" in result.procedure_ids()
    if procedure:
        assert procedure in result.procedure_ids()
        assert "head_set_ex_officio" not in result.notice_ids()
    else:
        assert "juki_head_change" not in result.procedure_ids()
        assert notice in result.notice_ids()


@pytest.mark.parametrize(("birth", "covered"), [("2008-04-02", True), ("2008-04-01", False)])
def test_school_year_age_boundary_of_child_medical(catalog, tmp_path, birth, covered) -> None:
    household = f"""\
        - {{atena_no: S1, name_kanji: 石井 翼, birth_date: {birth}, sex: 男, relationship: 子}}
"""
    result = guide(
        catalog,
        tmp_path,
        household,
        "{type: move_in, date: 2026-11-15, incoming: [], answers: {moved_on: 2026-11-15}}",
    )
    # Joining an existing household: nobody moves in, so nothing per person applies...
    assert "child_medical_subsidy" not in result.procedure_ids()
    mover = household.replace("        - ", "")
    result = guide(
        catalog,
        tmp_path,
        "",
        f"{{type: move_in, date: 2026-11-15, incoming: [{mover.strip()}], "
        "answers: {moved_on: 2026-11-15}, person_answers: {S1: {health_insurance: nhi}}}",
    )
    assert ("child_medical_subsidy" in result.procedure_ids()) is covered


def test_an_unanswered_deciding_question_is_reported(catalog, tmp_path) -> None:
    household = """\
        - {atena_no: B1, name_kanji: 岡 翔太, birth_date: 1990-01-01, sex: 男, relationship: 世帯主,
           health_insurance: {kind: nhi}}
        - {atena_no: B2, name_kanji: 岡 彩, birth_date: 1991-01-01, sex: 女, relationship: 妻,
           health_insurance: {kind: nhi}}
"""
    result = guide(
        catalog,
        tmp_path,
        household,
        "{type: birth, date: 2026-11-20, newborn: {atena_no: B3, name_kanji: 岡 蓮, "
        "birth_date: 2026-11-20, relationship: 子}, answers: {mother_id: B2, "
        "child_allowance_claimant_id: B1}}",
    )
    assert "low_birth_weight" not in result.procedure_ids()
    assert any("出生時の体重" in w for w in result.warnings)
    # The newborn goes on NHI: the suggestion from the records (nobody is employer-insured).
    assert persons(result, "nhi_join") == ["B3"]
