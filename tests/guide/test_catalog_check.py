"""`counter-app catalog check`: each kind of catalog mistake is one line naming the file,
the line and the path; exit status 2; and a broken catalog is never used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counter_app.app import CounterApp
from counter_app.catalog import CatalogError, default_catalog_dir, load_catalog
from counter_app.config import Config
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from tests.guide.cli import run


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), folder)
    return folder


def edit(folder: Path, file: str, old: str, new: str) -> int:
    """Replace the first `old` in `file`; the line it is on."""
    path = folder / file
    text = path.read_text("utf-8")
    assert old in text, old
    before = text[: text.index(old)]
    path.write_text(text.replace(old, new, 1), "utf-8")
    return before.count("\n") + 1


def check(capsys, folder: Path, lang: str = "ja") -> tuple[int, str, list[str]]:
    status, out, err = run(capsys, "catalog", "check", str(folder), "--lang", lang)
    return status, out, err.splitlines()


def test_the_shipped_catalog_is_whole(capsys) -> None:
    status, out, err = run(capsys, "catalog", "check")
    assert status == 0, err
    assert out.strip().endswith("departments=9 life_events=11 procedures=57 notices=13 forms=41")


def test_the_shipped_catalog_holds_every_reference_id() -> None:
    import yaml

    reference = yaml.safe_load(
        (Path(__file__).parent / "data" / "catalog-reference-ids.yaml").read_text("utf-8")
    )
    catalog = load_catalog()
    assert [d.id for d in catalog.departments] == reference["departments"]
    assert [e.id for e in catalog.life_events] == reference["life_events"]
    assert [p.id for p in catalog.procedures] == reference["procedures"]
    assert [n.id for n in catalog.notices] == reference["notices"]
    assert [f.id for f in catalog.forms] == reference["forms"]
    assert sorted(catalog.params) == reference["params"]
    assert set(reference["facts"]) <= set(catalog.facts)


CASES = [
    # (file, old, new, expected path, expected message (en))
    (
        "procedures.yaml",
        "{fact: person.has_mynumber_card}",
        "{fact: person.has_mynumber_kard}",
        "procedures[13].triggers[0].when.fact",
        "unknown fact person.has_mynumber_kard",
    ),
    (
        "notices.yaml",
        "department: kodomo",
        "department: kodomo_ka",
        "notices[9].department",
        "unknown department kodomo_ka",
    ),
    (
        "procedures.yaml",
        "form: birth_notice",
        "form: birth_notise",
        "procedures[0].form",
        "unknown form birth_notise",
    ),
    (
        "procedures.yaml",
        "answer.birth_notice_already_filed",
        "answer.birth_notice_filed",
        "procedures[0].triggers[0].when.not.fact",
        "the event birth asks no question birth_notice_filed",
    ),
    (
        "procedures.yaml",
        "{event: move_in, for: household, when: true}",
        "{event: move_in, for: household, when: yes please}",
        "procedures[5].triggers[0].when",
        "malformed rule: 'yes please'",
    ),
    (
        "procedures.yaml",
        "{fact: person.age, ge: {param: seal_registration_min_age}}",
        "{fact: person.age, gte: {param: seal_registration_min_age}}",
        "procedures[12].triggers[0].when.all[0].gte",
        "unknown comparison gte (eq ne lt le gt ge in)",
    ),
    (
        "procedures.yaml",
        "{fact: person.age, ge: {param: seal_registration_min_age}}",
        "{fact: person.age, ge: 15, lt: 200}",
        "procedures[12].triggers[0].when.all[0]",
        "malformed rule: one comparison per fact, not ge, lt",
    ),
    (
        "procedures.yaml",
        "{all: [{fact: person.has_mynumber_card}, {fact: person.has_signature_cert}]}",
        "{all: {fact: person.has_mynumber_card}}",
        "procedures[14].triggers[0].when.all",
        "malformed rule: all: needs a list",
    ),
    (
        "procedures.yaml",
        "{param: kouki_age}",
        "{param: kouki_years}",
        "procedures[15].triggers[1].when.all[0].lt",
        "unknown parameter kouki_years",
    ),
    (
        "procedures.yaml",
        "{event: move_out, for: household, when: true}",
        "{event: moving_away, for: household, when: true}",
        "procedures[6].triggers[0].event",
        "unknown life event moving_away",
    ),
    (
        "procedures.yaml",
        "{event: birth, for: newborn, when: {not:",
        "{event: birth, for: baby, when: {not:",
        "procedures[0].triggers[0].for",
        "the event birth has no role baby",
    ),
    (
        "procedures.yaml",
        "{some_member: {fact: member.health_insurance, eq: nhi}}",
        "{fact: member.health_insurance, eq: nhi}",
        "procedures[17].triggers[0].when.all[1].fact",
        "member.health_insurance cannot be used here: member.* only inside some_member",
    ),
    (
        "procedures.yaml",
        "{event: marriage, for: household, when: {not: {fact: answer.marriage_notice_already_filed}}}",
        "{event: marriage, for: household, when: {fact: person.seal_registered}}",
        "procedures[2].triggers[0].when.fact",
        "person.seal_registered cannot be used here: no person is bound here (household)",
    ),
    (
        "procedures.yaml",
        "{fact: person.health_insurance, eq: nhi}",
        "{fact: person.health_insurance, eq: nhl}",
        "procedures[16].triggers[0].when.eq",
        "nhl is not allowed (nhi, kouki, employer_insured, employer_dependent, public_assistance, none)",
    ),
    (
        "facts.yaml",
        "person.fy_age:                   {label: 年度年齢（4月1日時点の年齢）, builtin:",
        "person.school_age:               {label: 年度年齢（4月1日時点の年齢）, builtin:",
        "facts.person.school_age",
        "the engine has no builtin person.school_age",
    ),
    (
        "facts.yaml",
        "from: resident.seal.registered}",
        "from: resident.seal.is_registered}",
        "facts.person.seal_registered.from",
        "the resident records have no item resident.seal.is_registered",
    ),
    (
        "forms.yaml",
        "answer: newborn_surname}",
        "answer: newborn_family_name}",
        "forms[0].fields[2].answer",
        "no question defines the answer newborn_family_name",
    ),
    (
        "forms.yaml",
        "compute: office.mayor}",
        "compute: office.mayor_name}",
        "forms[0].fields[1].compute",
        "unknown computed value office.mayor_name",
    ),
    (
        "life_events.yaml",
        "- id: move_out",
        "- id: move_in",
        "life_events[2].id",
        "duplicate id move_in (first at life_events.yaml:",
    ),
    (
        "departments.yaml",
        "  - id: kankyo\n    name: 環境衛生課\n",
        "  - id: kankyo\n    nom: 環境衛生課\n",
        "departments[8]",
        "the required key name is missing",
    ),
    (
        "forms.yaml",
        "source: signature, why: 登録する印鑑をご本人が押す（印影は本人の印鑑からしか得られない）}",
        "source: signature}",
        "forms[7].fields[6]",
        "the required key why is missing",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "path", "message"), CASES, ids=[c[3] + ":" + c[4][:25] for c in CASES]
)
def test_each_kind_of_mistake_is_one_line(
    capsys, catalog_dir, file, old, new, path, message
) -> None:
    line = edit(catalog_dir, file, old, new)
    status, out, lines = check(capsys, catalog_dir, "en")
    assert (status, out) == (2, "")
    wanted = f"{catalog_dir / file}:{line}: {path}: {message}"
    assert any(ln.startswith(wanted) for ln in lines), "\n".join(lines)


def test_yaml_syntax_error_names_the_line(capsys, catalog_dir) -> None:
    line = edit(
        catalog_dir, "notices.yaml", "  - id: mynumber_card_void", "  - id: [mynumber_card_void"
    )
    status, out, lines = check(capsys, catalog_dir)
    assert (status, out) == (2, "")
    assert len(lines) == 1
    assert lines[0].startswith(f"{catalog_dir / 'notices.yaml'}:")
    assert "YAMLとして読めません" in lines[0]
    reported = int(lines[0].split(":")[1])
    assert line <= reported <= line + 2


def test_a_missing_file_is_a_missing_section(capsys, catalog_dir) -> None:
    (catalog_dir / "notices.yaml").unlink()
    status, _, lines = check(capsys, catalog_dir, "en")
    assert status == 2
    assert lines == [f"{catalog_dir}: the section notices is missing"]


def test_several_mistakes_are_all_listed(capsys, catalog_dir) -> None:
    edit(catalog_dir, "procedures.yaml", "form: birth_notice", "form: birth_notise")
    edit(catalog_dir, "notices.yaml", "department: kodomo", "department: kodomo_ka")
    status, _, lines = check(capsys, catalog_dir)
    assert status == 2
    assert len(lines) == 2
    assert "不明な様式 birth_notise" in lines[1] or "不明な様式 birth_notise" in lines[0]


def test_a_city_adds_a_local_procedure_in_its_own_file(capsys, catalog_dir) -> None:
    (catalog_dir / "local-procedures.yaml").write_text(
        """\
procedures:
  - id: diaper_subsidy
    name: 紙おむつ支給申請
    department: kodomo
    kind: review
    flow: application
    form: consultation_sheet
    form_mode: per_person
    triggers:
      - {event: birth, for: newborn, when: true}
""",
        "utf-8",
    )
    status, out, err = run(capsys, "catalog", "check", str(catalog_dir))
    assert status == 0, err
    assert "procedures=58" in out
    assert "diaper_subsidy" in [p.id for p in load_catalog(catalog_dir).procedures_for("birth")]


def test_a_broken_catalog_is_never_used(capsys, catalog_dir, tmp_path) -> None:
    edit(catalog_dir, "procedures.yaml", "form: birth_notice", "form: birth_notise")
    with pytest.raises(CatalogError) as caught:
        load_catalog(catalog_dir)
    assert len(caught.value.problems) == 1
    config = Config(database_url=f"sqlite:///{tmp_path}/db.sqlite3", catalog_dir=catalog_dir)
    with pytest.raises(CounterAppError) as refused:
        CounterApp.open(config)
    assert refused.value.code is ErrorCode.CATALOG_INVALID
    assert "1件の問題" in message_for(refused.value) and "birth_notise" in message_for(
        refused.value
    )
    assert not (tmp_path / "db.sqlite3").exists()
    settings = tmp_path / "counter-app.toml"
    settings.write_text(f'[catalog]\ndir = "{catalog_dir}"\n', "utf-8")
    scenario = Path(__file__).parent / "data" / "public.yaml"
    status, out, err = run(capsys, "guide", "--scenario", str(scenario), "--config", str(settings))
    assert (status, out) == (2, "")
    assert "不明な様式 birth_notise" in err
