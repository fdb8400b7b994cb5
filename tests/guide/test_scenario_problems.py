"""Each kind of bad scenario file: exit status 2, one line per problem naming the file,
the scenario and the key, and nothing on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guide.cli import run

BIRTH = """\
reference_date: 2026-11-23
municipality: サンプル市（サンプル県）
scenarios:
  - id: B1
    title: 出生
    household:
      household_no: "H0001"
      address: サンプル県サンプル市本町一丁目2番3号
      members:
        - {atena_no: A0101, name_kanji: 佐藤 健太, birth_date: 1992-06-14, sex: 男, relationship: 世帯主,
           health_insurance: {kind: nhi}}
        - {atena_no: A0102, name_kanji: 佐藤 美咲, birth_date: 1994-09-03, sex: 女, relationship: 妻,
           health_insurance: {kind: nhi}}
    events:
      - type: birth
        date: 2026-11-12
        newborn: {atena_no: A0103, name_kanji: 佐藤 陽菜, birth_date: 2026-11-12, sex: 女, relationship: 子}
        answers:
          mother_id: A0102
          child_allowance_claimant_id: A0101
          birth_weight_g: 3120
        person_answers:
          A0101: {is_public_servant: false}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenarios.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def guide(capsys, path: Path, *extra: str) -> tuple[int, str, list[str]]:
    status, out, err = run(capsys, "guide", "--scenario", str(path), "--format", "json", *extra)
    return status, out, err.splitlines()


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_base_file_is_valid(tmp_path, capsys) -> None:
    status, out, lines = guide(capsys, write(tmp_path, BIRTH))
    assert status == 0, lines
    assert '"koseki_birth"' in out


def test_unknown_event_type(tmp_path, capsys) -> None:
    text = BIRTH.replace("type: birth", "type: adoption")
    path = write(tmp_path, text)
    status, out, lines = guide(capsys, path)
    assert (status, out) == (2, "")
    assert lines == [
        f"{path}:{line_of(text, 'type: adoption')}: B1: scenarios[0].events[0].type: "
        "不明なライフイベント adoption"
    ]


def test_person_id_that_does_not_exist(tmp_path, capsys) -> None:
    text = BIRTH.replace("mother_id: A0102", "mother_id: A0999").replace(
        "A0101: {is_public_servant", "A0777: {is_public_servant"
    )
    path = write(tmp_path, text)
    status, out, lines = guide(capsys, path, "--lang", "en")
    assert (status, out) == (2, "")
    assert len(lines) == 2
    assert lines[0] == (
        f"{path}:{line_of(text, 'A0777')}: B1: scenarios[0].events[0].person_answers.A0777: "
        "no person A0777 in the household"
    )
    assert lines[1] == (
        f"{path}:{line_of(text, 'A0999')}: B1: scenarios[0].events[0].answers.mother_id: "
        "no person A0999 in the household"
    )


def test_malformed_dates(tmp_path, capsys) -> None:
    text = BIRTH.replace("        date: 2026-11-12", "        date: 2026-02-30").replace(
        "birth_date: 1994-09-03", "birth_date: 1994-13-03"
    )
    path = write(tmp_path, text)
    status, out, lines = guide(capsys, path)
    assert (status, out) == (2, "")
    assert lines == [
        f"{path}:{line_of(text, '1994-13-03')}: B1: scenarios[0].household.members[1].birth_date: "
        "日付（YYYY-MM-DD）ではありません: 1994-13-03",
        f"{path}:{line_of(text, '2026-02-30')}: B1: scenarios[0].events[0].date: "
        "日付（YYYY-MM-DD）ではありません: 2026-02-30",
    ]


def test_missing_required_answer(tmp_path, capsys) -> None:
    text = BIRTH.replace("          mother_id: A0102\n", "")
    path = write(tmp_path, text)
    status, out, lines = guide(capsys, path, "--lang", "en")
    assert (status, out) == (2, "")
    assert lines == [
        f"{path}:{line_of(text, 'answers:')}: B1: scenarios[0].events[0].answers: "
        "the required answer mother_id is missing"
    ]


def test_every_problem_of_every_scenario_is_listed(tmp_path, capsys) -> None:
    second = (
        BIRTH.split("scenarios:\n")[1]
        .replace("id: B1", "id: B2")
        .replace("type: birth", "type: unknown_event")
    )
    text = BIRTH.replace("mother_id: A0102", "mother_id: A0999") + second
    status, out, lines = guide(capsys, write(tmp_path, text))
    assert (status, out) == (2, "")
    assert [line.split(": ")[1] for line in lines] == ["B1", "B2"]


@pytest.mark.parametrize(
    ("text", "expected"),  # the first line; others may follow from the same cause
    [
        ("reference_date: 2026-11-23\nscenarios: [\n", "YAMLとして読めません"),
        (BIRTH.replace("reference_date: 2026-11-23", "reference_date: someday"), "reference_date"),
        (BIRTH + BIRTH.split("scenarios:\n")[1], "シナリオ id B1 が重複しています"),
        (
            BIRTH.replace(
                "    events:\n      - type: birth",
                "    events: []\n    unused:\n      - type: birth",
            ),
            "events には1件だけ",
        ),
        (
            BIRTH.replace("        - {atena_no: A0101", "        - {name_kanji: 無名"),
            "必須の項目 atena_no",
        ),
    ],
    ids=["yaml", "reference-date", "duplicate-id", "no-event", "no-atena"],
)
def test_structural_problems(tmp_path, capsys, text, expected) -> None:
    status, out, lines = guide(capsys, write(tmp_path, text))
    assert (status, out) == (2, "")
    assert lines and expected in lines[0], lines


def test_unknown_scenario_id(tmp_path, capsys) -> None:
    status, out, lines = guide(capsys, write(tmp_path, BIRTH), "--id", "SC99")
    assert (status, out) == (2, "")
    assert lines == [f"{tmp_path / 'scenarios.yaml'}: シナリオ SC99 はファイルにありません"]


def test_missing_file(tmp_path, capsys) -> None:
    status, out, lines = guide(capsys, tmp_path / "nowhere.yaml")
    assert (status, out) == (2, "")
    assert len(lines) == 1 and "ファイルを読めません" in lines[0]


def test_unknown_answer_and_option_are_warnings_not_errors(tmp_path, capsys) -> None:
    text = BIRTH.replace(
        "birth_weight_g: 3120", "birth_weight_g: 3120\n          favourite_colour: blue"
    )
    text = text.replace(
        "birth_weight_g: 3120",
        "birth_weight_g: 3120\n          newborn_health_insurance: pet_insurance",
    )
    status, out, lines = guide(capsys, write(tmp_path, text))
    assert status == 0
    assert out.startswith("[")
    assert any("favourite_colour" in line for line in lines)
    assert any("pet_insurance" in line for line in lines)
