"""Shared set-up of the visit and inbox tests: users, and SC01's visit recorded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from counter_app.app import CounterApp
from counter_app.db.models import Resident
from counter_app.demo.scenario_households import load_scenario_households
from counter_app.guide import GuideCase, GuideResult
from counter_app.guide.scenario_file import read_scenario_file
from counter_app.permissions import Actor, RoleCode
from counter_app.visits.inbox import InboxService
from counter_app.visits.service import VisitService
from tests import helpers

PUBLIC = Path(__file__).resolve().parent.parent / "guide" / "data" / "public.yaml"
PASSWORD = "correct horse"
# 10:00 in Tokyo on 2026-12-01: the business day of every visit in these tests.
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def login(app: CounterApp, name: str, *roles: RoleCode, departments: tuple[str, ...] = ()) -> Actor:
    helpers.add_user(app, name, *roles, password=PASSWORD, departments=departments)
    return app.auth.login(name, PASSWORD, app.terminal)


def services(app: CounterApp) -> tuple[VisitService, InboxService]:
    return (
        VisitService(app.db, app.catalog, now=lambda: NOW, residents=app.residents),
        InboxService(app.db, app.catalog, now=lambda: NOW, residents=app.residents),
    )


def sc01(app: CounterApp, clerk: Actor) -> tuple[int, GuideCase, GuideResult]:
    """SC01 (a birth; both parents on 国保) loaded into the register and run through the
    window's guide: the resident's id, the answered case and the guide's result."""
    load_sc01(app)
    return sc01_at_window(app, clerk)


def load_sc01(app: CounterApp) -> dict[str, int]:
    """SC01's household in the register: resident id by atena number."""
    load_scenario_households(app.db, _public(app))
    with app.db.read() as session:
        return dict(session.execute(select(Resident.atena_no, Resident.id)).all())


def sc01_at_window(app: CounterApp, clerk: Actor) -> tuple[int, GuideCase, GuideResult]:
    """SC01 (loaded) run through the window's guide by `clerk`."""
    scenario = next(s.case for s in _public(app).scenarios if s.case.case_id == "SC01")
    with app.db.read() as session:
        resident_id = session.scalar(select(Resident.id).where(Resident.atena_no == "A0101"))
    case = app.guide.household_case(clerk, resident_id, "birth", on=scenario.reference_date)
    case = app.guide.with_answers(
        case,
        event_date=scenario.event.date,
        answers=scenario.event.answers,
        person_answers=scenario.event.person_answers,
        newborn=scenario.event.newborn,
    )
    return resident_id, case, app.guide.evaluate(case)


def _public(app: CounterApp):
    public = read_scenario_file(PUBLIC, app.catalog)
    assert not public.problems
    return public
