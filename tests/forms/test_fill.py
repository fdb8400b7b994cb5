"""Every form of a visit filled from the records, the clerk's answers and computed values,
each value saying where it came from; the resident's boxes left empty and marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.catalog import load_catalog
from counter_app.forms import FormBundle, Source, build_bundle
from counter_app.guide import run_guide
from counter_app.guide.scenario_file import read_scenario_file

PUBLIC = Path(__file__).parent.parent / "guide" / "data" / "public.yaml"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def bundles(catalog) -> dict[str, FormBundle]:
    scenarios = read_scenario_file(PUBLIC, catalog)
    out = {}
    for scenario in scenarios.scenarios:
        result = run_guide(catalog, scenario.case)
        out[scenario.case.case_id] = build_bundle(
            catalog, scenario.case, result.procedures, scenario.case.case_id
        )
    return out


def form(bundle: FormBundle, form_id: str, person: str | None = None):
    return next(
        f
        for f in bundle.forms
        if f.form_id == form_id and (person is None or f.person_atena == person)
    )


def test_one_form_per_procedure_and_person(bundles) -> None:
    sc01 = bundles["SC01"]
    assert [(f.form_id, f.person_atena) for f in sc01.forms] == [
        ("birth_notice", "A0103"),
        ("nhi_change", "A0103"),
        ("child_allowance_claim", "A0101"),
        ("child_medical_application", "A0103"),
        ("newborn_contact", "A0103"),
        ("prenatal_support_2", "A0102"),
    ]
    assert sc01.visit_number == "SC01" and sc01.municipality == "サンプル市（サンプル県）"
    # 転出届 and 転出証明書 share one 住民異動届; 国保 loss is one form per person.
    sc08 = bundles["SC08"]
    move = form(sc08, "resident_move")
    assert move.procedures == ("juki_move_out", "cert_move_out")
    assert [f.person_atena for f in sc08.forms if f.form_id == "nhi_change"] == [
        "A0801",
        "A0802",
        "A0803",
    ]


def test_the_birth_notice_is_filled_from_the_records_and_answers(bundles) -> None:
    notice = form(bundles["SC01"], "birth_notice")
    value = {f.key: f for f in notice.fields}
    assert value["submitted_on"].text == "令和8年11月23日"
    assert value["addressee"].text == "サンプル市長"
    assert (value["child_surname"].text, value["child_given_name"].text) == ("佐藤", "陽菜")
    assert value["child_name_kana"].text == "サトウ ヒナ"
    assert value["born_at"].text == "令和8年11月12日"
    assert value["address"].text == "サンプル県サンプル市本町一丁目2番3号"
    assert (
        value["father_name"].text == "佐藤 健太"
        and value["father_birth_date"].text == "平成4年6月14日"
    )
    assert (
        value["mother_name"].text == "佐藤 美咲"
        and value["mother_birth_date"].text == "平成6年9月3日"
    )
    assert value["head_relationship"].text == "子"
    assert value["father_name"].source is Source.RECORDS
    assert value["father_name"].provenance == "住民記録（令和8年11月23日時点）"
    assert value["father_name"].check
    assert value["submitted_on"].provenance == "計算（届出の日）"
    signature = value["notifier_signature"]
    assert (signature.source, signature.text, signature.note) == (
        Source.RESIDENT,
        "",
        "ご本人が記入",
    )
    certificate = value["birth_certificate"]
    assert (certificate.source, certificate.text, certificate.note) == (
        Source.DOCUMENT,
        "",
        "添付：出生証明書",
    )


def test_insurance_and_certificate_numbers_come_from_the_department_records(bundles) -> None:
    sc08 = bundles["SC08"]
    assert form(sc08, "nhi_change", "A0801").field("insured_symbol_no").text == "サ12-011223"
    termination = form(sc08, "child_allowance_termination")
    assert termination.field("recipient_no").text == "JT-0801"
    assert termination.field("recipient_no").provenance == "児童手当の記録（令和8年11月23日時点）"
    assert form(sc08, "child_medical_change").field("certificate_no").text == "KI-0803"
    assert form(sc08, "school_transfer_out").field("school").text == "サンプル市立南小学校"
    sc11 = bundles["SC11"]
    assert form(sc11, "kouki_change").field("insured_no").text == "39007788"
    assert form(sc11, "ltc_change").field("care_level").text == "要介護1"
    assert form(sc11, "kouki_funeral").field("died_on").text == "令和8年11月14日"
    # A newborn joining 国保 shares the household's 記号.
    assert form(bundles["SC01"], "nhi_change").field("insured_symbol_no").text == "サ12-003456"


def test_my_numbers_print_only_where_the_form_asks(bundles) -> None:
    claim = form(bundles["SC01"], "child_allowance_claim")
    assert claim.field("claimant_my_number").text == "487590338490"
    assert claim.field("spouse_my_number").text == "970434517779"
    notice = form(bundles["SC01"], "birth_notice")
    assert not any("487590338490" in f.text for f in notice.fields)


def test_computed_values(bundles) -> None:
    claim = form(bundles["SC01"], "child_allowance_claim")
    assert claim.field("children").text == "佐藤 陽菜（令和8年11月12日生・子・同居）"
    school = form(bundles["SC05"], "school_transfer_in")
    assert school.field("grade").text == "小学4年"
    nhi = form(bundles["SC22"], "nhi_change", "A2202")
    assert (
        nhi.field("reason").text
        == "国保加入（社会保険の資格喪失）（国民健康保険 資格取得届（加入））"
    )
    assert nhi.field("event_date").text == "令和8年11月1日"
    move = form(bundles["SC08"], "resident_move")
    assert move.field("linked_flags").text == "国保・児童手当・学齢"
    assert move.field("mover_name").rows == ("小林 大樹", "小林 香織", "小林 陸")


def test_move_in_prints_the_new_address_and_never_it_as_the_old_one(bundles) -> None:
    move = form(bundles["SC05"], "resident_move")
    assert move.field("new_address").text == "サンプル県サンプル市若葉台二丁目7番1号"
    old = move.field("old_address")
    assert (old.text, old.note) == ("", "転出証明書から転記")
    assert move.field("mover_juminhyo_code").rows == (
        "10392054904",
        "30733858636",
        "38885758673",
        "10145497427",
    )
    assert form(bundles["SC05"], "esig_application", "A0501").field("address").provenance == (
        "届出の内容（窓口で聴取）"
    )


def test_form_question_defaults_are_used(bundles) -> None:
    support = form(bundles["SC01"], "prenatal_support_2")
    assert support.field("number_of_children").text == "1"
