"""The window's side of a visit: SC01 recorded, routed with due dates, closed; drafts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from counter_app.app import CounterApp
from counter_app.changes import changes_since, latest_id
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import RoleCode
from counter_app.visits import ActionKind, Adjustment, ProcedureStatus, VisitStatus
from tests import helpers
from tests.visits import NOW, login, sc01, services


@pytest.fixture
def app(database_url) -> Iterator[CounterApp]:
    opened = helpers.open_app(database_url)
    yield opened
    opened.close()


@pytest.fixture
def clerk(app):
    return login(app, "madoguchi", RoleCode.WINDOW_CLERK)


def test_sc01_routes_the_review_procedures_and_completes_the_rest_at_the_window(app, clerk):
    visits, _inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)

    assert visit.visit_number == "V-20261201-0001"
    assert visit.status is VisitStatus.OPEN
    assert visit.resident_id == resident_id and visit.household_no == "H0001"
    assert visit.event_type == "birth" and visit.event_date == date(2026, 11, 12)
    assert visit.answers["mother_id"] == "A0102"
    assert visit.person_answers["A0102"]["direct_payment_used"] is True
    assert visit.terminal == helpers.TERMINAL
    by_id = {p.procedure_id: p for p in visit.procedures}
    assert {k: (p.department_id, p.status, p.due_on) for k, p in by_id.items()} == {
        "koseki_birth": ("shimin", ProcedureStatus.DONE, None),
        "nhi_join": ("hoken_nenkin", ProcedureStatus.DONE, None),
        "newborn_contact_card": ("kenko", ProcedureStatus.DONE, None),
        "child_allowance_claim": ("kodomo", ProcedureStatus.ROUTED, date(2026, 12, 15)),
        "child_medical_subsidy": ("kodomo", ProcedureStatus.ROUTED, date(2026, 12, 15)),
        "prenatal_support_2nd": ("kenko", ProcedureStatus.ROUTED, date(2026, 12, 15)),
    }
    assert by_id["child_allowance_claim"].persons == ("A0101",)
    assert by_id["child_allowance_claim"].reasons

    # Any PC sees the same visit; the next one is numbered after it.
    other_app = helpers.open_app(app.engine.url.render_as_string(hide_password=False))
    try:
        assert services(other_app)[0].visit(clerk, visit.visit_number) == visit
    finally:
        other_app.close()
    second = visits.create_visit(clerk, case, result.procedures[:1], resident_id=resident_id)
    assert second.visit_number == "V-20261201-0002"

    log = visits.log(clerk, visit.visit_number)
    assert [(a.action, a.login, a.role, a.terminal, a.at) for a in log][:1] == [
        (ActionKind.DONE, "madoguchi", "window_clerk", helpers.TERMINAL, NOW)
    ]
    assert {a.action for a in log} == {ActionKind.DONE, ActionKind.ROUTED}


def test_recording_a_visit_publishes_what_the_departments_inboxes_need_and_the_visit(app, clerk):
    """Each routed procedure reaches its department's inbox through the feed; the ones
    done at the window are in no inbox, so only the visit's own change names them."""
    visits, _ = services(app)
    resident_id, case, result = sc01(app, clerk)
    before = latest_id(app.db)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)

    published = {(c.topic, c.entity_id, c.department_id) for c in changes_since(app.db, before)}
    routed = {
        ("procedure", str(p.id), p.department_id)
        for p in visit.procedures
        if p.status is ProcedureStatus.ROUTED
    }
    assert published == routed | {("visit", str(visit.id), None)}
    assert len(routed) == 3


def test_a_visit_without_a_resident_id_is_the_household_heads(app, clerk):
    visits, _ = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures)
    assert visit.resident_id == resident_id  # A0101 is the 世帯主


def test_the_clerks_adjustments_are_kept_with_their_reasons(app, clerk):
    visits, _ = services(app)
    resident_id, case, result = sc01(app, clerk)
    kept = [p for p in result.procedures if p.id != "nhi_join"]
    with pytest.raises(CounterAppError) as raised:
        visits.create_visit(clerk, case, kept, adjustments=[Adjustment("nhi_join", "drop", "  ")])
    assert raised.value.code is ErrorCode.GUIDE_REASON_REQUIRED
    with pytest.raises(CounterAppError) as raised:
        visits.create_visit(clerk, case, [replace(kept[0], id="no_such_procedure")])
    assert raised.value.code is ErrorCode.GUIDE_UNKNOWN_PROCEDURE

    visit = visits.create_visit(
        clerk,
        case,
        kept,
        resident_id=resident_id,
        adjustments=[
            Adjustment("nhi_join", "drop", "勤務先の健康保険に加入予定"),
            Adjustment("child_allowance_claim", "add", "本人の希望"),
        ],
    )
    assert visit.visit_number == "V-20261201-0001", "a refused visit takes no number"
    dropped = visit.procedure("nhi_join")
    assert dropped.status is ProcedureStatus.CANCELLED
    log = visits.log(clerk, visit.visit_number)
    assert [(a.action, a.reason) for a in log if a.visit_procedure_id == dropped.id] == [
        (ActionKind.DROPPED, "勤務先の健康保険に加入予定")
    ]
    claim = visit.procedure("child_allowance_claim")
    assert [(a.action, a.reason) for a in log if a.visit_procedure_id == claim.id] == [
        (ActionKind.ADDED, "本人の希望"),
        (ActionKind.ROUTED, None),
    ]


def test_only_the_window_records_and_closes_visits(app, clerk):
    visits, _ = services(app)
    resident_id, case, result = sc01(app, clerk)
    back_office = login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
    with pytest.raises(CounterAppError) as raised:
        visits.create_visit(back_office, case, result.procedures)
    assert raised.value.code is ErrorCode.PERMISSION_DENIED

    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    with pytest.raises(CounterAppError) as raised:
        visits.close(back_office, visit.visit_number)
    assert raised.value.code is ErrorCode.PERMISSION_DENIED
    closed = visits.close(clerk, visit.visit_number)
    assert closed.status is VisitStatus.CLOSED and closed.closed_at == NOW
    # The routed procedures go on in their departments.
    assert closed.procedure("child_allowance_claim").status is ProcedureStatus.ROUTED
    with pytest.raises(CounterAppError) as raised:
        visits.close(clerk, visit.visit_number)
    assert raised.value.code is ErrorCode.VISIT_CLOSED
    assert visits.log(clerk, visit.visit_number)[-1].action is ActionKind.CLOSED
    with pytest.raises(CounterAppError) as raised:
        visits.visit(clerk, "V-20261201-9999")
    assert raised.value.code is ErrorCode.VISIT_NOT_FOUND
    assert "V-20261201-9999" in message_for(raised.value, "ja")


def test_finishing_a_ticket_closes_its_open_visits_only(app, clerk):
    visits, _ = services(app)
    _resident_id, case, result = sc01(app, clerk)
    floor = login(app, "floor", RoleCode.FLOOR_MANAGER)
    category = app.tickets.categories()[0].id
    first, second = (app.tickets.issue(floor, category, force=True).ticket.id for _ in range(2))
    kept_open = visits.create_visit(clerk, case, result.procedures, ticket_id=second)
    a = visits.create_visit(clerk, case, result.procedures, ticket_id=first)
    b = visits.create_visit(clerk, case, result.procedures[:1], ticket_id=first)
    visits.close(clerk, b.visit_number)

    assert visits.close_ticket_visits(clerk, first) == [a.visit_number]
    assert visits.visit(clerk, a.visit_number).status is VisitStatus.CLOSED
    assert visits.visit(clerk, kept_open.visit_number).status is VisitStatus.OPEN
    assert [x.action for x in visits.log(clerk, b.visit_number)].count(ActionKind.CLOSED) == 1
    assert visits.close_ticket_visits(clerk, first) == []
    with pytest.raises(CounterAppError) as raised:
        visits.close_ticket_visits(floor, second)
    assert raised.value.code is ErrorCode.PERMISSION_DENIED


def test_the_draft_is_kept_per_user_and_terminal_and_discarded_with_the_visit(app, clerk):
    visits, _ = services(app)
    assert visits.load_draft(clerk) is None
    visits.save_draft(clerk, None, "birth", {"birth_weight_g": 3120}, {}, {})
    visits.save_draft(
        clerk,
        7,
        "birth",
        {"birth_weight_g": 3120, "event_date": date(2026, 11, 12)},
        {"A0102": {"direct_payment_used": True}},
        {"dropped": {"nhi_join": "勤務先の健康保険"}},
    )
    draft = visits.load_draft(clerk)
    assert draft is not None
    assert draft.resident_id == 7 and draft.event_type == "birth"
    assert draft.answers == {"birth_weight_g": 3120, "event_date": date(2026, 11, 12)}
    assert draft.person_answers == {"A0102": {"direct_payment_used": True}}
    assert draft.selections == {"dropped": {"nhi_join": "勤務先の健康保険"}}
    assert draft.updated_at == NOW
    elsewhere = replace(clerk, terminal="MADO-02")
    assert visits.load_draft(elsewhere) is None

    resident_id, case, result = sc01(app, clerk)
    visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    assert visits.load_draft(clerk) is None

    visits.save_draft(elsewhere, None, "death", {}, {}, {})
    visits.discard_draft(elsewhere)
    assert visits.load_draft(elsewhere) is None
    floor = login(app, "floor", RoleCode.FLOOR_MANAGER)
    with pytest.raises(CounterAppError) as raised:
        visits.save_draft(floor, None, "birth", {}, {}, {})
    assert raised.value.code is ErrorCode.PERMISSION_DENIED


@pytest.mark.parametrize("bad", ["0", "-3", "二週間", "1.5", "true"])
def test_a_time_limit_must_be_a_whole_number_of_days_from_1(tmp_path, bad):
    import shutil

    from counter_app.catalog import CatalogError, default_catalog_dir, load_catalog

    folder = tmp_path / "catalog"
    shutil.copytree(default_catalog_dir(), folder)
    procedures = folder / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(text.replace("time_limit_days: 30", f"time_limit_days: {bad}", 1))
    with pytest.raises(CatalogError) as raised:
        load_catalog(folder)
    [problem] = raised.value.problems
    assert problem.code == "not_int" and problem.path.endswith("time_limit_days")
    assert load_catalog(default_catalog_dir()).procedure("nursery_consult").time_limit_days == 30


def test_reading_a_visit_needs_the_right_to_view_residents(app, clerk):
    visits, inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    floor = login(app, "floor", RoleCode.FLOOR_MANAGER)
    for read in (
        lambda: visits.visit(floor, visit.visit_number),
        lambda: visits.log(floor, visit.visit_number),
        lambda: inbox.history(floor, visit.procedures[0].id),
    ):
        with pytest.raises(CounterAppError) as refused:
            read()
        assert refused.value.code is ErrorCode.PERMISSION_DENIED


def test_the_resident_record_lists_the_households_past_visits(app, clerk):
    visits, _inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    record = app.residents.open_record(clerk, resident_id)
    [past] = record.visits
    assert (past.visit_number, past.event_type, past.status) == (
        visit.visit_number,
        "birth",
        "open",
    )
    assert (past.procedures, past.pending) == (6, 3)  # three routed to 子育て支援課・健康推進課
