"""The actions an inbox row offers are exactly the ones the service takes.

For a routed procedure in every status, held by nobody, by the reader or by someone else,
and for readers of every kind (the department's staff, another department's, a
supervisor, a supervisor who also works the department, a window clerk), the actions the
core lists for the row are compared with what the service does when each one is tried on
the real database from that same state: taken and logged, or refused with the rule's own
error. Also when a row counts as overdue. No QApplication is involved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import product

import pytest
from sqlalchemy import func, select, update

from counter_app.app import CounterApp
from counter_app.db.models import ProcedureAction, VisitProcedure
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import Actor, Permission, RoleCode
from counter_app.visits import OPEN_STATUSES, InboxAction, InboxItem, ProcedureStatus
from counter_app.visits.inbox import InboxService
from counter_app.visits.inbox_rules import inbox_departments, refusal
from tests import helpers
from tests.visits import login, sc01, services

HOLDERS = ("nobody", "reader", "colleague")
# The readers who may list 子育て支援課's inbox themselves.
LISTING = frozenset({"staff", "supervisor", "working supervisor"})


@dataclass
class Floor:
    app: CounterApp
    inbox: InboxService
    procedure_id: int  # 児童手当 of SC01's visit, routed to 子育て支援課 (kodomo)
    readers: dict[str, Actor]
    colleague: Actor  # kodomo2: holds it when the reader does not; the reassign target

    def set_state(self, status: ProcedureStatus, holder: Actor | None) -> None:
        with self.app.db.write() as session:
            session.execute(
                update(VisitProcedure)
                .where(VisitProcedure.id == self.procedure_id)
                .values(
                    status=status.value,
                    holder_user_id=holder.user_id if holder is not None else None,
                )
            )

    def logged(self) -> int:
        with self.app.db.read() as session:
            return session.scalar(
                select(func.count())
                .select_from(ProcedureAction)
                .where(ProcedureAction.visit_procedure_id == self.procedure_id)
            )

    def row(self) -> InboxItem:
        """The row as the department's inbox lists it (read by a supervisor, who reads
        every status of every department)."""
        supervisor = self.readers["supervisor"]
        items = self.inbox.inbox(supervisor, "kodomo", status=list(ProcedureStatus))
        return next(i for i in items if i.id == self.procedure_id)


@pytest.fixture
def floor(sqlite_url) -> Iterator[Floor]:
    app = helpers.open_app(sqlite_url)
    clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
    visits, inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
    yield Floor(
        app=app,
        inbox=inbox,
        procedure_id=visit.procedure("child_allowance_claim").id,
        readers={
            "staff": login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",)),
            "other department": login(app, "kenko1", RoleCode.BACK_OFFICE, departments=("kenko",)),
            "supervisor": login(app, "kanri", RoleCode.SUPERVISOR),
            "working supervisor": login(
                app, "kacho", RoleCode.SUPERVISOR, RoleCode.BACK_OFFICE, departments=("kodomo",)
            ),
            "window clerk": clerk,
        },
        colleague=login(app, "kodomo2", RoleCode.BACK_OFFICE, departments=("kodomo",)),
    )
    app.close()


def _attempts(floor: Floor, actor: Actor) -> dict[InboxAction, Callable[[], None]]:
    inbox, pid = floor.inbox, floor.procedure_id
    return {
        InboxAction.CLAIM: lambda: inbox.claim(actor, pid),
        InboxAction.RELEASE: lambda: inbox.release(actor, pid),
        InboxAction.RETURN: lambda: inbox.return_to_window(actor, pid, "記号番号は？"),
        InboxAction.APPROVE: lambda: inbox.approve(actor, pid, "支給決定"),
        InboxAction.REJECT: lambda: inbox.reject(actor, pid, "所属庁で請求"),
        InboxAction.REASSIGN: lambda: inbox.reassign(actor, pid, floor.colleague.user_id or 0),
    }


def test_the_actions_offered_are_the_actions_the_service_takes(floor):
    taken_anywhere: set[InboxAction] = set()
    for status, holding, (who, actor) in product(ProcedureStatus, HOLDERS, floor.readers.items()):
        holder = {"nobody": None, "reader": actor, "colleague": floor.colleague}[holding]
        floor.set_state(status, holder)
        row = floor.row()
        offered = floor.inbox.allowed_actions(actor, row)
        if who in LISTING:  # the reader's own list carries the same actions
            own = floor.inbox.inbox(actor, "kodomo", status=status.value)
            assert [i.actions for i in own if i.id == row.id] == [offered], (who, status)
        taken = set()
        for action, attempt in _attempts(floor, actor).items():
            floor.set_state(status, holder)
            before = floor.logged()
            try:
                attempt()
            except CounterAppError as error:
                expected = refusal(actor, action, row.procedure)
                assert expected is not None, (who, status, holding, action, error.code)
                assert error.code is expected.code, (who, status, holding, action)
                assert floor.logged() == before
                continue
            if floor.logged() > before:
                taken.add(action)
        assert offered == taken, (who, status.value, holding)
        taken_anywhere |= taken
    assert taken_anywhere == set(InboxAction)  # every action was taken somewhere


def test_what_the_rule_offers_in_the_plain_cases(floor):
    """The matrix above proves agreement; this pins the rule itself down for the states a
    department sees every day, so that an agreement on 'nothing allowed' cannot pass."""
    staff, supervisor = floor.readers["staff"], floor.readers["supervisor"]
    chief, clerk = floor.readers["working supervisor"], floor.readers["window clerk"]

    def offered(actor: Actor, status: ProcedureStatus, holder: Actor | None) -> set[str]:
        floor.set_state(status, holder)
        return {a.value for a in floor.inbox.allowed_actions(actor, floor.row())}

    assert offered(staff, ProcedureStatus.ROUTED, None) == {"claim"}
    assert offered(staff, ProcedureStatus.CLAIMED, staff) == {
        "release",
        "return",
        "approve",
        "reject",
    }
    assert offered(staff, ProcedureStatus.RETURNED, staff) == {"release"}
    assert offered(staff, ProcedureStatus.ANSWERED, staff) == {
        "release",
        "return",
        "approve",
        "reject",
    }
    assert offered(staff, ProcedureStatus.CLAIMED, floor.colleague) == set()
    assert offered(staff, ProcedureStatus.APPROVED, staff) == set()
    assert offered(supervisor, ProcedureStatus.CLAIMED, floor.colleague) == {"reassign"}
    assert offered(supervisor, ProcedureStatus.REJECTED, None) == set()
    assert offered(chief, ProcedureStatus.ROUTED, None) == {"claim", "reassign"}
    assert offered(clerk, ProcedureStatus.ROUTED, None) == set()
    assert offered(floor.readers["other department"], ProcedureStatus.ROUTED, None) == set()
    # Claiming what one holds is taken without a word but changes nothing: not offered.
    floor.set_state(ProcedureStatus.CLAIMED, staff)
    before = floor.logged()
    floor.inbox.claim(staff, floor.procedure_id)
    assert floor.logged() == before
    with pytest.raises(CounterAppError) as raised:
        floor.inbox.claim(floor.colleague, floor.procedure_id)
    assert raised.value.code is ErrorCode.VISIT_ALREADY_CLAIMED


def test_a_procedure_is_overdue_only_while_open_after_its_due_day(floor):
    floor.set_state(ProcedureStatus.CLAIMED, floor.colleague)
    procedure = floor.row().procedure
    due = procedure.due_on
    assert due is not None
    assert not procedure.overdue_on(due)  # due today: not late yet
    assert procedure.overdue_on(due + timedelta(days=1))
    for status in ProcedureStatus:
        floor.set_state(status, None)
        late = floor.row().procedure.overdue_on(due + timedelta(days=1))
        assert late is (status in OPEN_STATUSES), status


def test_the_departments_an_inbox_offers_are_the_ones_it_opens(floor):
    every = [d.id for d in floor.app.catalog.departments]
    both = login(floor.app, "kenko_kodomo", RoleCode.BACK_OFFICE, departments=("kodomo", "kenko"))
    offered = {
        who: inbox_departments(actor, every)
        for who, actor in [*floor.readers.items(), ("two departments", both)]
    }
    assert offered == {
        "staff": ["kodomo"],
        "other department": ["kenko"],
        "supervisor": every,
        "working supervisor": ["kodomo"],
        "window clerk": [],
        "two departments": [d for d in every if d in ("kodomo", "kenko")],
    }
    for who, actor in [*floor.readers.items(), ("two departments", both)]:
        for department in every:
            try:
                floor.inbox.inbox(actor, department)
            except CounterAppError as error:
                assert department not in offered[who], (who, department, error.code)
                assert error.code in (ErrorCode.PERMISSION_DENIED, ErrorCode.VISIT_OTHER_DEPARTMENT)
            else:  # a supervisor may open more than the ones of their own it offers
                assert department in offered[who] or actor.can(Permission.REASSIGN_PROCEDURES)
