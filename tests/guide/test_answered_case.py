"""The case the window's answers make (counter_app.guide.answered): the event's date, the
newborn of a birth, the persons moving in, and which answers still count as the clerk
changes them. The households are the public scenarios' (visit day 2026-11-23). Without a
QApplication."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from counter_app.catalog import MISSING, load_catalog
from counter_app.guide import GuideCase, run_guide
from counter_app.guide.answered import answered_case, ask, event_date
from counter_app.guide.inputs import EventInput
from counter_app.guide.provisional import provisional_mover
from counter_app.guide.scenario_file import read_scenario_file

PUBLIC = Path(__file__).resolve().parent / "data" / "public.yaml"
VISIT_DAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def households(catalog) -> dict[str, GuideCase]:
    """Each public scenario's household as the window opens it: no answers, no date."""
    public = read_scenario_file(PUBLIC, catalog)
    assert not public.problems
    return {
        s.case.case_id: replace(s.case, event=EventInput(type=s.case.event.type, date=None))
        for s in public.scenarios
    }


def test_a_birth_is_dated_by_the_birth_moment_and_the_newborn_is_built_from_the_answers(
    catalog, households
):
    born = datetime(2026, 11, 12, 21, 5)
    case = answered_case(
        catalog,
        households["SC01"],
        {
            "newborn_birth_datetime": born,
            "newborn_surname": "佐藤",
            "newborn_given_name": "陽菜",
            "newborn_name_kana": "サトウ ヒナ",
            "newborn_sex": "女",
            "mother_id": "A0102",
        },
        {"A0102": {"direct_payment_used": True}},
    )
    assert case.event.date == date(2026, 11, 12)  # the day of the moment, not the visit's
    newborn = case.event.newborn
    assert newborn is not None
    assert newborn.atena_no == "NEW-1" and newborn.name == "佐藤\u3000陽菜"
    assert newborn.birth_date == date(2026, 11, 12)
    assert newborn.relationship == "子"  # the mother is the head's wife
    assert newborn.data["sex"] == "女" and newborn.data["name_kana"] == "サトウ ヒナ"
    assert case.event.person_answers == {"A0102": {"direct_payment_used": True}}
    assert case.reference_date == VISIT_DAY  # the visit stays on its own day


def test_before_the_birth_moment_is_typed_the_newborn_is_reckoned_born_on_the_visit_day(
    catalog, households
):
    case = answered_case(catalog, households["SC01"], {"mother_id": "A0102"}, {})
    assert case.event.date is None  # no date answered: the case has none
    assert case.event.newborn is not None
    assert case.event.newborn.birth_date == VISIT_DAY
    # … so the rules about a newborn already apply: it is a child of the household.
    procedures = {p.id for p in run_guide(catalog, case, strict=False).procedures}
    assert {"koseki_birth", "child_medical_subsidy"} <= procedures


def test_the_event_date_is_the_date_questions_answer_whatever_its_type(catalog):
    assert event_date(catalog, "death", {"died_on": date(2026, 11, 20)}) == date(2026, 11, 20)
    assert event_date(
        catalog, "birth", {"newborn_birth_datetime": datetime(2026, 11, 1, 0, 1)}
    ) == (date(2026, 11, 1))
    assert event_date(catalog, "death", {}) is None
    assert event_date(catalog, "death", {"died_on": "きのう"}) is None  # not a date: none
    # Another question's date is not the event's.
    assert event_date(catalog, "death", {"submitted_on": date(2026, 11, 23)}) is None


def test_a_date_after_the_visit_day_is_kept_as_given(catalog, households):
    """A 転出 is notified before the move: the event happens on the day given."""
    moving = VISIT_DAY + timedelta(days=10)
    case = answered_case(catalog, households["SC08"], {"moved_on": moving}, {})
    assert case.event.date == moving
    assert case.event.newborn is None  # only a birth has a newborn


def test_the_persons_moving_in_join_the_case(catalog, households):
    mover = provisional_mover(1, {"name_kanji": "鈴木 一郎", "birth_date": date(1980, 4, 1)})
    case = answered_case(catalog, households["SC05"], {}, {}, [mover])
    assert case.event.incoming == (mover,)
    assert case.event.date is None


def test_an_answer_to_a_question_no_longer_asked_stops_counting(catalog, households):
    base, mother = households["SC01"], "A0102"
    answers = {"mother_id": mother, "newborn_surname": "佐藤"}
    both = {mother: {"direct_payment_used": True, "birth_cost_below_lump_sum": True}}
    case, prompts = ask(catalog, base, answers, both)
    asked = {(p.question.key, p.person.atena_no if p.person else None) for p in prompts}
    assert ("birth_cost_below_lump_sum", mother) in asked
    assert case.event.person_answers == both

    # Without direct payment the difference is not asked: its old answer goes.
    changed = {mother: {"direct_payment_used": False, "birth_cost_below_lump_sum": True}}
    case, prompts = ask(catalog, base, answers, changed)
    asked = {(p.question.key, p.person.atena_no if p.person else None) for p in prompts}
    assert ("birth_cost_below_lump_sum", mother) not in asked
    assert case.event.person_answers == {mother: {"direct_payment_used": False}}
    # The newborn's identity, which no rule reads, still counts.
    assert case.event.answers == answers
    assert case.event.newborn is not None and case.event.newborn.name == "佐藤"


def test_a_birth_always_asks_the_newborns_identity_and_a_death_does_not(catalog, households):
    _case, prompts = ask(catalog, households["SC01"], {"newborn_sex": "男"}, {})
    by_key = {p.question.key: p for p in prompts if p.person is None}
    for key in ("newborn_surname", "newborn_given_name", "newborn_birth_datetime", "father_id"):
        assert by_key[key].origin == "none" and by_key[key].value is MISSING
    assert (by_key["newborn_sex"].value, by_key["newborn_sex"].origin) == ("男", "answer")
    assert not by_key["newborn_sex"].required
    assert len([p for p in prompts if p.question.key == "newborn_birth_datetime"]) == 1

    _case, prompts = ask(catalog, households["SC11"], {}, {})
    assert not {p.question.key for p in prompts} & {"newborn_surname", "newborn_sex"}
