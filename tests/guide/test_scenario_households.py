"""The database bridge of the procedure guide: scenario households loaded into the
register come back from it (counter_app.guide.from_records) with nothing lost, so the
guide finds exactly what it finds on the scenario file itself; plus the window's own
persons (newborn, movers), the audit of the guide service and `demo-data --scenario`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app import clock
from counter_app.app import CounterApp
from counter_app.catalog import MISSING
from counter_app.db.models import AuditEntry, Household, Resident, ResidentMyNumber, SupportMeasure
from counter_app.demo.scenario_households import load_scenario_households
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.guide import GuideCase, GuideResult, HouseholdInput, run_guide
from counter_app.guide.provisional import provisional_mover, provisional_newborn
from counter_app.guide.scenario_file import ScenarioFile, read_scenario_file
from counter_app.messages import message_for
from counter_app.permissions import Actor, RoleCode
from tests import helpers

PUBLIC = Path(__file__).parent / "data" / "public.yaml"
PASSWORD = "correct horse"


@pytest.fixture
def app(database_url) -> Iterator[CounterApp]:
    opened = helpers.open_app(database_url)
    yield opened
    opened.close()


@pytest.fixture
def clerk(app) -> Actor:
    helpers.add_user(app, "madoguchi", RoleCode.WINDOW_CLERK, password=PASSWORD)
    return app.auth.login("madoguchi", PASSWORD, app.terminal)


@pytest.fixture
def floor(app) -> Actor:
    helpers.add_user(app, "floor", RoleCode.FLOOR_MANAGER, password=PASSWORD)
    return app.auth.login("floor", PASSWORD, app.terminal)


@pytest.fixture
def public(app) -> ScenarioFile:
    scenarios = read_scenario_file(PUBLIC, app.catalog)
    assert not scenarios.problems
    return scenarios


@pytest.fixture
def loaded(app, public) -> dict[str, int]:
    """The public households in the database; atena number → resident id."""
    load_scenario_households(app.db, public)
    with app.db.read() as session:
        return dict(session.execute(select(Resident.atena_no, Resident.id)).all())


def _outcome(result: GuideResult, rename: dict[str, str] | None = None) -> dict:
    rename = rename or {}

    def persons(entry) -> frozenset[str]:
        return frozenset(rename.get(a, a) for a in entry.persons)

    return {
        "procedures": {p.id: persons(p) for p in result.procedures},
        "notices": {n.id: persons(n) for n in result.notices},
        "departments": result.departments,
    }


def _counts(app: CounterApp) -> tuple[int, int, int, int]:
    with app.db.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (Household, Resident, ResidentMyNumber, AuditEntry)
        )


def _audit(app: CounterApp, action: str) -> list[AuditEntry]:
    with app.db.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )


# -- the bridge loses nothing -------------------------------------------------------------------


def test_every_public_scenario_gives_the_same_guide_from_the_database(app, public, loaded, clerk):
    checked = []
    for scenario in public.scenarios:
        case = scenario.case
        if not case.household.members:
            continue  # a move-in with no registered member: nothing to read back
        expected = run_guide(app.catalog, case)
        first = case.household.members[0]
        from_db = app.guide.household_case(
            clerk, loaded[first.atena_no], case.event.type, on=case.reference_date
        )
        assert from_db.household.household_no == case.household.household_no
        assert {m.atena_no for m in from_db.household.members} == {
            m.atena_no for m in case.household.members
        }, case.case_id
        answered = app.guide.with_answers(
            from_db,
            event_date=case.event.date,
            answers=case.event.answers,
            person_answers=case.event.person_answers,
            newborn=case.event.newborn,
            incoming=case.event.incoming,
        )
        assert app.guide.missing_answers(answered) == []
        result = app.guide.evaluate(answered)
        assert _outcome(result) == _outcome(expected), case.case_id
        assert result.procedure_ids() == expected.procedure_ids(), case.case_id
        assert result.notice_ids() == expected.notice_ids(), case.case_id
        assert result.warnings == expected.warnings, case.case_id
        checked.append(case.case_id)
    assert checked == ["SC01", "SC08", "SC11", "SC15", "SC19", "SC22"]


def test_records_come_back_in_the_scenario_shape(app, loaded, clerk):
    case = app.guide.household_case(clerk, loaded["A1101"], "death")
    deceased = {m.atena_no: m for m in case.household.members}["A1101"]
    assert deceased.get("pension.category") == "none"
    assert deceased.get("ltc.category") == 1
    assert deceased.get("ltc.care_level") == "要介護1"
    assert deceased.get("seal.registered") is True
    assert deceased.get("mynumber_card.has_signature_cert") is False
    assert deceased.get("tax.property_taxpayer") is True
    # The guide needs no My Number, so it never reads one.
    assert deceased.get("my_number") is MISSING
    assert deceased.birth_date == date(1946, 2, 14)
    assert deceased.relationship == "世帯主" and deceased.get("is_head") is True
    case = app.guide.household_case(clerk, loaded["A2202"], "nhi_join")
    wife = {m.atena_no: m for m in case.household.members}["A2202"]
    assert wife.get("pension.category") == 3
    assert wife.get("health_insurance.insured_via") == "A2201"
    case = app.guide.household_case(clerk, loaded["A0803"], "move_out")
    child = {m.atena_no: m for m in case.household.members}["A0803"]
    assert child.data["school"] == {
        "type": "public",
        "school_name": "サンプル市立南小学校",
        "grade": 3,
    }
    assert child.data["child_medical"] == {"holder": True, "certificate_number": "KI-0803"}
    assert "nhi" not in child.data  # no 国保 record in the scenario: none read back
    assert case.municipality == "サンプル市（サンプル県）"


def test_marriage_reads_every_household_at_the_address(app, loaded, clerk):
    marriage = app.guide.household_case(clerk, loaded["A1501"], "marriage")
    assert marriage.household.household_no == "H0015"
    assert [(m.atena_no, m.get("household_no")) for m in marriage.household.members] == [
        ("A1501", "H0015"),
        ("A1502", "H0016"),
    ]
    other = app.guide.household_case(clerk, loaded["A1502"], "marriage")
    assert [m.atena_no for m in other.household.members] == ["A1502", "A1501"]
    alone = app.guide.household_case(clerk, loaded["A1501"], "move_within")
    assert [m.atena_no for m in alone.household.members] == ["A1501"]


def test_move_in_persons_entered_at_the_window_give_the_same_guide(app, public):
    movers = [s.case for s in public.scenarios if s.case.event.incoming]
    assert [c.case_id for c in movers] == ["SC05", "SC07"]
    for case in movers:
        rename = {p.atena_no: f"NEW-{i}" for i, p in enumerate(case.event.incoming, 1)}
        incoming = [
            provisional_mover(i, {k: v for k, v in p.data.items() if k != "atena_no"})
            for i, p in enumerate(case.event.incoming, 1)
        ]
        assert [p.atena_no for p in incoming] == list(rename.values())
        window = app.guide.with_answers(
            case,
            event_date=case.event.date,
            answers=_renamed(case.event.answers, rename),
            person_answers={rename[k]: v for k, v in case.event.person_answers.items()},
            incoming=incoming,
        )
        expected = _outcome(run_guide(app.catalog, case), rename)
        assert _outcome(app.guide.evaluate(window)) == expected, case.case_id


def _renamed(value: object, rename: dict[str, str]) -> object:
    if isinstance(value, dict):
        return {k: _renamed(v, rename) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, rename) for v in value]
    return rename.get(value, value) if isinstance(value, str) else value


def test_provisional_mover_takes_the_fields_and_a_new_atena_number():
    mover = provisional_mover(
        3,
        {
            "surname_kanji": "髙橋",
            "given_name_kanji": "一郎",
            "birth_date": datetime(1990, 1, 2, 9, 0),
            "sex": "男",
            "relationship": "世帯主",
            "nationality": None,
        },
    )
    assert mover.atena_no == "NEW-3"
    assert mover.name == "髙橋\u3000一郎"
    assert mover.birth_date == date(1990, 1, 2)
    assert "nationality" not in mover.data


# -- the newborn ------------------------------------------------------------------------------


def _sc01(public: ScenarioFile) -> GuideCase:
    return next(s.case for s in public.scenarios if s.case.case_id == "SC01")


def test_provisional_newborn_from_the_birth_answers_of_sc01(public):
    case = _sc01(public)
    answers = {
        **case.event.answers,
        "newborn_surname": "佐藤",
        "newborn_given_name": "陽菜",
        "newborn_name_kana": "サトウ ヒナ",
        "newborn_birth_datetime": datetime(2026, 11, 12, 4, 35),
        "newborn_sex": "女",
    }
    newborn = provisional_newborn(answers, case.household)
    assert newborn.atena_no == "NEW-1"
    assert newborn.relationship == "子"
    assert newborn.birth_date == date(2026, 11, 12)
    assert newborn.name == "佐藤\u3000陽菜"
    assert newborn.get("sex") == "女"
    # Without the birth date answered yet, the event's date stands in.
    bare = provisional_newborn(case.event.answers, case.household, born_on=case.event.date)
    assert bare.relationship == "子" and bare.birth_date == date(2026, 11, 12)


def test_the_child_of_the_heads_child_is_a_grandchild(public):
    case = _sc01(public)
    three_generations = HouseholdInput(
        "H9",
        "どこか",
        None,
        tuple(
            m.__class__({**m.data, "relationship": rel})
            for m, rel in zip(case.household.members, ("子", "子の妻"), strict=True)
        ),
    )
    assert provisional_newborn({"mother_id": "A0102"}, three_generations).relationship == "孫"
    assert provisional_newborn({"father_id": "A0101"}, three_generations).relationship == "孫"
    assert provisional_newborn({"mother_id": "X"}, three_generations).relationship == ""


def test_the_guide_with_a_provisional_newborn_matches_the_scenario(app, public, loaded, clerk):
    case = _sc01(public)
    from_db = app.guide.household_case(clerk, loaded["A0101"], "birth", on=case.reference_date)
    newborn = provisional_newborn(case.event.answers, from_db.household, born_on=case.event.date)
    window = app.guide.with_answers(
        from_db,
        event_date=case.event.date,
        answers=case.event.answers,
        person_answers=case.event.person_answers,
        newborn=newborn,
    )
    expected = _outcome(run_guide(app.catalog, case), {"A0103": "NEW-1"})
    assert _outcome(app.guide.evaluate(window)) == expected


def test_prompts_and_missing_answers_before_the_clerk_answers(app, loaded, clerk):
    case = app.guide.household_case(clerk, loaded["A0101"], "birth")
    assert case.event.date is None and case.reference_date == clock.today()
    assert "mother_id" in app.guide.missing_answers(case)
    keys = {p.question.key for p in app.guide.prompts(case)}
    assert {"mother_id", "birth_notice_already_filed"} <= keys


# -- loading -----------------------------------------------------------------------------------


def test_loading_writes_the_register_with_search_keys_and_my_numbers(app, public, loaded, clerk):
    with app.db.read() as session:
        households = {h.household_no: h for h in session.scalars(select(Household))}
        residents = {r.atena_no: r for r in session.scalars(select(Resident))}
        my_numbers = session.scalar(select(func.count()).select_from(ResidentMyNumber))
    assert sorted(households) == ["H0001", "H0008", "H0011", "H0015", "H0016", "H0021", "H0024"]
    assert households["H0015"].address == households["H0016"].address
    assert residents["A1502"].household_id == households["H0016"].id
    assert len(residents) == my_numbers == 15
    assert all(h.address_key for h in households.values())
    assert all(r.name_key and r.kana_key and r.given_kana_key for r in residents.values())
    assert app.municipality_name() == "サンプル市（サンプル県）"
    hits = app.search.search(clerk, "さとう けんた")
    assert [h.resident_id for h in hits] == [residents["A0101"].id]


def test_loading_twice_is_refused_and_writes_nothing(app, public, loaded):
    before = _counts(app)
    with pytest.raises(CounterAppError) as refused:
        load_scenario_households(app.db, public)
    assert refused.value.code == ErrorCode.SCENARIO_ALREADY_LOADED
    assert "H0001" in refused.value.params["households"]
    assert "A0101" in refused.value.params["residents"]
    assert "H0001" in message_for(refused.value, "ja")
    assert "Nothing was written" in message_for(refused.value, "en")
    assert _counts(app) == before


def test_a_reference_to_nobody_is_refused_with_nothing_written(app, tmp_path):
    text = PUBLIC.read_text("utf-8").replace("insured_via: A2201", "insured_via: A9999", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, "utf-8")
    scenarios = read_scenario_file(broken, app.catalog)
    assert not scenarios.problems
    before = _counts(app)
    with pytest.raises(CounterAppError) as refused:
        load_scenario_households(app.db, scenarios)
    assert refused.value.code == ErrorCode.SCENARIO_UNKNOWN_PERSON
    assert refused.value.params["person"] == "A9999"
    assert _counts(app) == before


# -- the guide service's audit ----------------------------------------------------------------


def test_opening_a_household_is_audited(app, loaded, clerk):
    app.guide.household_case(clerk, loaded["A0102"], "birth")
    [entry] = _audit(app, "guide.household_opened")
    assert (entry.login, entry.subject_type, entry.subject_id) == (
        "madoguchi",
        "resident",
        str(loaded["A0102"]),
    )
    detail = json.loads(entry.detail)
    assert detail["event"] == "birth"
    assert detail["members"] == ["A0101", "A0102"]


def test_a_household_under_a_support_measure_needs_an_authorisation(app, loaded, clerk):
    with app.db.write() as session:
        session.add(
            SupportMeasure(resident_id=loaded["A0102"], kind="dv", started_on=date(2026, 1, 1))
        )
    # Opened from the husband's record: his wife is protected, so the household is too.
    with pytest.raises(CounterAppError) as blocked:
        app.guide.household_case(clerk, loaded["A0101"], "birth")
    assert blocked.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
    [refusal] = _audit(app, "resident.view_blocked")
    assert json.loads(refusal.detail)["reason"] == "support_measure"
    assert _audit(app, "guide.household_opened") == []

    helpers.add_user(app, "boss", RoleCode.SUPERVISOR, password=PASSWORD)
    boss = app.auth.login("boss", PASSWORD, app.terminal)
    app.residents.authorise_support_measure(boss, loaded["A0101"], "本人確認済み")
    app.residents.open_record(boss, loaded["A0101"])
    case = app.guide.household_case(boss, loaded["A0101"], "birth")
    assert [m.atena_no for m in case.household.members] == ["A0101", "A0102"]
    with pytest.raises(CounterAppError):  # the clerk holds no authorisation of his own
        app.guide.household_case(clerk, loaded["A0101"], "birth")


def test_opening_a_household_needs_a_known_resident_and_the_permission(app, loaded, clerk, floor):
    with pytest.raises(CounterAppError) as missing:
        app.guide.household_case(clerk, 999_999, "birth")
    assert missing.value.code == ErrorCode.RESIDENT_NOT_FOUND
    with pytest.raises(CounterAppError) as denied:
        app.guide.household_case(floor, loaded["A0101"], "birth")
    assert denied.value.code == ErrorCode.PERMISSION_DENIED
    with pytest.raises(CounterAppError) as unknown:
        app.guide.household_case(clerk, loaded["A0101"], "no_such_event")
    assert unknown.value.code == ErrorCode.GUIDE_UNKNOWN_EVENT
    assert _audit(app, "guide.household_opened") == []


def test_adding_or_dropping_a_procedure_is_audited_with_the_reason(app, loaded, clerk):
    resident = loaded["A0101"]
    app.guide.record_adjustment(
        clerk, resident, "birth", "nhi_join", "drop", "  勤務先の保険に加入済み "
    )
    app.guide.record_adjustment(
        clerk, resident, "birth", "inkan_registration_new", "add", "本人の希望"
    )
    [dropped] = _audit(app, "guide.procedure_dropped")
    [added] = _audit(app, "guide.procedure_added")
    assert json.loads(dropped.detail) == {
        "event": "birth",
        "procedure": "nhi_join",
        "reason": "勤務先の保険に加入済み",
    }
    assert json.loads(added.detail)["procedure"] == "inkan_registration_new"
    assert (dropped.subject_type, dropped.subject_id) == ("resident", str(resident))


def test_an_adjustment_needs_a_reason_a_known_procedure_and_the_window(app, loaded, clerk, floor):
    resident = loaded["A0101"]
    before = _counts(app)
    for blank in ("", "   ", "\u3000"):
        with pytest.raises(CounterAppError) as refused:
            app.guide.record_adjustment(clerk, resident, "birth", "nhi_join", "drop", blank)
        assert refused.value.code == ErrorCode.GUIDE_REASON_REQUIRED
    with pytest.raises(CounterAppError) as unknown:
        app.guide.record_adjustment(clerk, resident, "birth", "no_such", "add", "理由")
    assert unknown.value.code == ErrorCode.GUIDE_UNKNOWN_PROCEDURE
    with pytest.raises(CounterAppError) as denied:
        app.guide.record_adjustment(floor, resident, "birth", "nhi_join", "drop", "理由")
    assert denied.value.code == ErrorCode.PERMISSION_DENIED
    assert _counts(app) == before
    for code in (ErrorCode.GUIDE_REASON_REQUIRED, ErrorCode.GUIDE_UNKNOWN_PROCEDURE):
        assert message_for(CounterAppError(code, procedure="x"), "en")


# -- counter-app demo-data --scenario -----------------------------------------------------------


def test_demo_data_loads_the_scenario_households(database_url):
    done = helpers.run_cli("demo-data", "--scenario", str(PUBLIC), "--database", database_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "demo-data scenarios=8 households=7 residents=15"
    app = helpers.open_app(database_url)
    try:
        assert app.is_demo()
        assert app.municipality_name() == "サンプル市（サンプル県）"
        clerk = app.auth.login("madoguchi", "demo1234", app.terminal)
        hits = app.search.search(clerk, "佐藤 健太")
        assert [h.name for h in hits] == ["佐藤\u3000健太"]
        assert hits[0].address == "サンプル県サンプル市本町一丁目2番3号"
        with app.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Resident)) == 15
    finally:
        app.close()
    again = helpers.run_cli("demo-data", "--scenario", str(PUBLIC), "--database", database_url)
    assert again.returncode == 1
    assert "既にデータベースにあります" in again.stderr


def test_demo_data_refuses_a_bad_scenario_file_and_writes_nothing(database_url, tmp_path):
    text = (
        PUBLIC.read_text("utf-8")
        .replace("type: birth", "type: no_such_event", 1)
        .replace("mother_id: A0102", "mother_id: A0999", 1)
        .replace("deceased_id: A1101", "deceased_id: A1999", 1)
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, "utf-8")
    done = helpers.run_cli("demo-data", "--scenario", str(bad), "--database", database_url)
    assert done.returncode == 2
    assert done.stdout == ""
    app = helpers.open_app(database_url)
    try:
        problems = read_scenario_file(bad, app.catalog).problems
        assert len(problems) >= 2
        assert done.stderr.splitlines() == [p.render("ja") for p in problems]
        with app.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Resident)) == 0
            assert session.scalar(select(func.count()).select_from(Household)) == 0
        assert not app.is_demo()
    finally:
        app.close()
