"""`counter-app guide` on the 8 public scenarios gives exactly the expected procedures,
notices and departments, each entry with its persons and a reason in Japanese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests import helpers
from tests.guide.cli import run

PUBLIC = Path(__file__).parent / "data" / "public.yaml"
EXPECTED = {s["id"]: s["expected"] for s in yaml.safe_load(PUBLIC.read_text("utf-8"))["scenarios"]}


@pytest.fixture(scope="module")
def public_json() -> list[dict]:
    # As IT staff run it: a separate process, the installed entry point's module.
    done = helpers.run_cli("guide", "--scenario", str(PUBLIC), "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_public_scenario_is_reported_in_file_order(public_json) -> None:
    assert [r["id"] for r in public_json] == list(EXPECTED)


@pytest.mark.parametrize("scenario_id", list(EXPECTED))
def test_public_scenario_gives_exactly_the_expected_outcome(public_json, scenario_id) -> None:
    result = next(r for r in public_json if r["id"] == scenario_id)
    expected = EXPECTED[scenario_id]
    assert sorted(p["id"] for p in result["procedures"]) == sorted(expected["procedures"])
    assert sorted(n["id"] for n in result["notices"]) == sorted(expected["notices"])
    assert sorted(result["departments"]) == sorted(expected["departments"])
    for entry in result["procedures"] + result["notices"]:
        assert entry["reasons"] and all(entry["reasons"]), entry
    for proc in result["procedures"]:
        assert proc["department"] in expected["departments"]
        assert proc["kind"] in ("immediate", "review", "certificate", "submission")


def test_persons_and_reasons_name_who_and_why(public_json) -> None:
    sc01 = {p["id"]: p for p in next(r for r in public_json if r["id"] == "SC01")["procedures"]}
    assert sc01["koseki_birth"]["persons"] == ["A0103"]
    assert sc01["child_allowance_claim"]["persons"] == ["A0101"]
    assert sc01["prenatal_support_2nd"]["persons"] == ["A0102"]
    assert "出生届を他の市区町村" in sc01["koseki_birth"]["reasons"][0]
    assert "いいえ" in sc01["koseki_birth"]["reasons"][0]
    sc22 = {p["id"]: p for p in next(r for r in public_json if r["id"] == "SC22")["procedures"]}
    # The student son is already Category 1: only his parents change pension category.
    assert sorted(sc22["nenkin_type1_join"]["persons"]) == ["A2201", "A2202"]
    assert sorted(sc22["nhi_join"]["persons"]) == ["A2201", "A2202", "A2203"]
    reason = sc22["nenkin_type1_join"]["reasons"][0]
    assert "国民年金の種別: 第2号" in reason or "国民年金の種別: 第3号" in reason


def test_household_procedures_are_explained_without_a_person(public_json) -> None:
    sc11 = {p["id"]: p for p in next(r for r in public_json if r["id"] == "SC11")["procedures"]}
    head_change = sc11["juki_head_change"]
    assert head_change["persons"] == []
    assert head_change["reasons"] == [
        "世帯主が世帯を離れる: はい、残る15歳以上の世帯員の数: 2（2以上）"
    ]


def test_id_selects_one_scenario_and_text_is_for_people(capsys) -> None:
    status, out, err = run(capsys, "guide", "--scenario", str(PUBLIC), "--id", "SC19")
    assert status == 0, err
    assert out.startswith("SC19 75歳到達")
    assert "国民健康保険 資格取得届（加入） (nhi_join)" in out
    assert "林 和美（A1902）" in out
    assert "後期高齢者医療への自動加入" in out
    assert "SC01" not in out
    status, out, _ = run(capsys, "guide", "--scenario", str(PUBLIC), "--id", "SC19", "--lang", "en")
    assert "National Health Insurance enrolment (nhi_join)" in out
    assert "Departments: Health Insurance and National Pension Division" in out
