"""The queue's services on SQLite and PostgreSQL, without a screen: numbering, calling
order, transfers, times, waiting estimates, tickets' print jobs, permissions and two
windows calling at once."""

from __future__ import annotations

import multiprocessing
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from counter_app.db.engine import Database, make_engine
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.outbox import PrintJobStatus, PrintOutbox
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.calls import CallService
from counter_app.queue.rows import TicketStatus
from counter_app.queue.tickets import TicketService
from tests.helpers import open_app

FLOOR = Actor(
    None, "floor1", "フロア 花子", frozenset({RoleCode.FLOOR_MANAGER}), terminal="FLOOR-01"
)
CLERK = Actor(None, "clerk1", "窓口 一郎", frozenset({RoleCode.WINDOW_CLERK}), terminal="MADO-01")

# 10:00 in Tokyo on 2026-12-01.
MORNING = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self, at: datetime = MORNING) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(database_url):
    opened = open_app(database_url)
    yield opened
    opened.close()


@pytest.fixture
def tickets(app, clock):
    return TicketService(app.db, now=clock)


@pytest.fixture
def calls(app, clock):
    return CallService(app.db, now=clock)


@pytest.fixture
def outbox(app, clock):
    return PrintOutbox(app.db, now=clock)


def issue(tickets, category="todokede", **options):
    return tickets.issue(FLOOR, category, **options).ticket


def numbers(issued):
    return [t.display_number for t in issued]


def test_numbers_run_per_category_and_restart_each_business_day(tickets, clock):
    assert numbers(issue(tickets) for _ in range(3)) == ["A-001", "A-002", "A-003"]
    assert numbers([issue(tickets, "hoken_nenkin"), issue(tickets, "shomei")]) == ["B-001", "E-001"]
    first = issue(tickets)
    assert (first.number, first.business_day, first.terminal) == (4, date(2026, 12, 1), "FLOOR-01")
    # 23:59 in Tokyo is still the same business day, 00:00 is the next one.
    clock.at = datetime(2026, 12, 1, 14, 59, tzinfo=UTC)
    assert issue(tickets, force=True).display_number == "A-005"
    clock.advance(minutes=1)
    late = issue(tickets, force=True)
    assert (late.display_number, late.business_day) == ("A-001", date(2026, 12, 2))
    assert issue(tickets, "hoken_nenkin", force=True).display_number == "B-001"


def test_outside_opening_hours_needs_force_and_unknown_categories_are_refused(tickets, clock):
    clock.at = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # 17:30 in Tokyo
    with pytest.raises(CounterAppError) as closed:
        issue(tickets)
    assert closed.value.code is ErrorCode.QUEUE_CATEGORY_CLOSED
    assert closed.value.params["opens"] == "08:30"
    clock.at = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 10:00: おくやみ opens at 09:00
    assert issue(tickets, "okuyami").display_number == "D-001"
    with pytest.raises(CounterAppError) as unknown:
        issue(tickets, "nothing")
    assert unknown.value.code is ErrorCode.QUEUE_CATEGORY_UNKNOWN
    assert [c.id for c in tickets.categories()] == [
        "todokede",
        "hoken_nenkin",
        "kosodate_fukushi",
        "okuyami",
        "shomei",
    ]


def test_priority_first_then_the_windows_categories_in_order_oldest_first(tickets, calls, clock):
    a1 = issue(tickets)
    clock.advance(minutes=1)
    e1 = issue(tickets, "shomei")
    clock.advance(minutes=1)
    a2 = issue(tickets, priority=True)
    clock.advance(minutes=1)
    e2 = issue(tickets, "shomei")
    issue(tickets, "hoken_nenkin")  # window 3 does not serve B
    called = []
    # Window 3 is listed first for 証明書のみ (E) and third for 届出 (A).
    while (ticket := calls.call_next(CLERK, 3)) is not None:
        called.append(ticket.display_number)
        calls.no_show(CLERK, ticket.id)
    assert called == [a2.display_number, e1.display_number, e2.display_number, a1.display_number]
    assert calls.call_next(CLERK, 5).display_number == "B-001"


def test_a_window_calls_again_only_once_its_ticket_is_done(tickets, calls):
    issue(tickets)
    issue(tickets)
    first = calls.call_next(CLERK, 1)
    with pytest.raises(CounterAppError) as busy:
        calls.call_next(CLERK, 1)
    assert busy.value.code is ErrorCode.QUEUE_WINDOW_BUSY
    assert calls.current_for_window(1).id == first.id
    calls.start_serving(CLERK, first.id)
    calls.finish(CLERK, first.id)
    assert calls.call_next(CLERK, 1).display_number == "A-002"
    with pytest.raises(CounterAppError) as invalid:
        calls.call_next(CLERK, 0)
    assert invalid.value.code is ErrorCode.QUEUE_WINDOW_INVALID


def test_times_are_recorded_in_utc(tickets, calls, clock):
    ticket = issue(tickets)
    assert ticket.issued_at == MORNING and ticket.issued_local.hour == 10
    called_at = clock.advance(minutes=7)
    called = calls.call_next(CLERK, 2)
    started_at = clock.advance(minutes=1)
    calls.start_serving(CLERK, ticket.id)
    finished_at = clock.advance(minutes=12)
    done = calls.finish(CLERK, ticket.id)
    assert (called.status, called.window_number) == (TicketStatus.CALLED, 2)
    assert done.status is TicketStatus.DONE
    assert (done.issued_at, done.called_at, done.started_at, done.finished_at) == (
        MORNING,
        called_at,
        started_at,
        finished_at,
    )
    assert tickets.ticket(ticket.id).finished_at.tzinfo is not None


def test_transfer_queues_a_linked_ticket_with_the_same_number(tickets, calls, clock):
    a1 = issue(tickets)
    issue(tickets, "hoken_nenkin")
    clock.advance(minutes=1)
    calls.call_next(CLERK, 1)
    calls.start_serving(CLERK, a1.id)
    moved = calls.transfer(CLERK, a1.id, category_id="hoken_nenkin")
    old = tickets.ticket(a1.id)
    assert old.status is TicketStatus.TRANSFERRED and old.finished_at is not None
    assert (moved.transferred_from_id, moved.display_number, moved.number) == (a1.id, "A-001", None)
    assert (moved.category_id, moved.status) == ("hoken_nenkin", TicketStatus.WAITING)
    # It queued once already: window 5 calls it before the older B-001.
    assert calls.call_next(CLERK, 5).id == moved.id
    # Transferred to one window, only that window calls it.
    to_nine = calls.transfer(CLERK, moved.id, window_number=9)
    assert to_nine.assigned_window == 9 and to_nine.transferred_from_id == moved.id
    assert calls.call_next(CLERK, 6).display_number == "B-001"
    assert calls.call_next(CLERK, 9).id == to_nine.id
    with pytest.raises(CounterAppError) as waiting:
        calls.transfer(CLERK, issue(tickets).id, window_number=2)
    assert waiting.value.code is ErrorCode.QUEUE_TICKET_STATE


def test_cancel_and_no_show(tickets, calls, outbox):
    first, second = issue(tickets), issue(tickets)
    cancelled = tickets.cancel(FLOOR, first.id)
    assert cancelled.status is TicketStatus.CANCELLED
    assert [j.ticket.id for j in outbox.pending_jobs()] == [second.id]
    assert tickets.waiting("todokede") == 1
    called = calls.call_next(CLERK, 1)
    assert called.id == second.id
    assert calls.no_show(CLERK, called.id).status is TicketStatus.NO_SHOW
    assert calls.call_next(CLERK, 1) is None
    for action in (calls.finish, calls.start_serving, calls.recall, calls.no_show):
        with pytest.raises(CounterAppError) as state:
            action(CLERK, called.id)
        assert state.value.code is ErrorCode.QUEUE_TICKET_STATE
    with pytest.raises(CounterAppError) as missing:
        tickets.cancel(FLOOR, 999_999)
    assert missing.value.code is ErrorCode.QUEUE_TICKET_NOT_FOUND


def test_print_jobs_are_kept_until_printed_or_cancelled_and_a_reprint_adds_one(tickets, outbox):
    printer = "serial:///dev/ttyUSB0?baudrate=38400"
    issued = tickets.issue(FLOOR, "todokede", printer_url=printer)
    job = issued.print_job
    assert (job.status, job.attempts, job.ticket.display_number) == (
        PrintJobStatus.PENDING,
        0,
        "A-001",
    )
    failed = outbox.mark_failed(job.id, "paper out")
    assert (failed.status, failed.attempts, failed.last_error) == (
        PrintJobStatus.FAILED,
        1,
        "paper out",
    )
    assert [j.id for j in outbox.pending_jobs(printer)] == [job.id]
    assert outbox.pending_jobs("serial:///dev/ttyUSB1") == []
    printed = outbox.mark_printed(job.id)
    assert (printed.status, printed.attempts) == (PrintJobStatus.PRINTED, 2)
    assert printed.printed_at is not None
    assert outbox.pending_jobs(printer) == []
    again = tickets.reprint(FLOOR, issued.ticket.id, printer_url=printer)
    assert again.id != job.id and again.ticket.display_number == "A-001"
    assert [j.id for j in outbox.pending_jobs(printer)] == [again.id]
    assert outbox.cancel_job(FLOOR, again.id).status is PrintJobStatus.CANCELLED
    assert outbox.pending_jobs(printer) == []
    without_printer = tickets.issue(FLOOR, "shomei")
    assert [j.id for j in outbox.pending_jobs()] == [without_printer.print_job.id]
    tickets.cancel(FLOOR, without_printer.ticket.id)
    assert outbox.pending_jobs() == []
    with pytest.raises(CounterAppError) as cancelled:
        tickets.reprint(FLOOR, without_printer.ticket.id)
    assert cancelled.value.code is ErrorCode.QUEUE_TICKET_STATE


def test_pcs_sharing_a_printer_never_print_one_ticket_twice(tickets, outbox, clock):
    printer = "socket://192.0.2.10:9100"
    first, second = (tickets.issue(FLOOR, "todokede", printer_url=printer) for _ in range(2))
    mine = outbox.claim_jobs(printer, "FLOOR-1")
    assert [j.id for j in mine] == [first.print_job.id, second.print_job.id]
    assert outbox.claim_jobs(printer, "FLOOR-2") == []  # leased to FLOOR-1
    assert [j.id for j in outbox.claim_jobs(printer, "FLOOR-1")] == [j.id for j in mine]
    outbox.mark_printed(first.print_job.id)
    outbox.mark_failed(second.print_job.id, "paper end")  # back in the queue for anyone
    assert [j.id for j in outbox.claim_jobs(printer, "FLOOR-2")] == [second.print_job.id]
    # A PC that stops mid-job: its lease runs out and another PC prints the ticket.
    third = tickets.issue(FLOOR, "todokede", printer_url=printer)
    outbox.claim_jobs(printer, "FLOOR-3")
    assert [j.id for j in outbox.claim_jobs(printer, "FLOOR-1")] == []
    clock.at += timedelta(seconds=61)
    claimed = [j.id for j in outbox.claim_jobs(printer, "FLOOR-1")]
    assert claimed == [second.print_job.id, third.print_job.id]


def test_estimated_wait_from_service_times_and_open_windows(tickets, calls, clock):
    # Nothing measured yet: the category's 15 minutes per resident, one window.
    assert tickets.estimated_wait("todokede") == 0
    issued = [issue(tickets) for _ in range(3)]
    assert [t.waiting_ahead for t in issued] == [0, 1, 2]
    assert [t.estimated_wait_minutes for t in issued] == [0, 15, 30]
    assert tickets.estimated_wait("todokede") == 45
    # Windows 1 and 2 serve tickets taking 4 and 6 minutes; window 9 does not serve A.
    for window, minutes in ((1, 4), (2, 6)):
        ticket = calls.call_next(CLERK, window)
        calls.start_serving(CLERK, ticket.id)
        clock.advance(minutes=minutes)
        calls.finish(CLERK, ticket.id)
    issue(tickets, "okuyami")
    calls.call_next(CLERK, 9)
    for _ in range(4):
        issue(tickets)
    # 5 waiting × median 5 minutes ÷ 2 open windows = 12.5 → 13.
    assert tickets.waiting("todokede") == 5
    assert tickets.estimated_wait("todokede") == 13
    board = {b.category.id: b for b in tickets.board()}
    assert (board["todokede"].waiting, board["todokede"].estimated_wait_minutes) == (5, 13)
    assert board["todokede"].open_now
    # Half an hour later without a call, the windows count as closed again: one window.
    clock.advance(minutes=31)
    assert tickets.estimated_wait("todokede") == 25


def test_the_hall_display_shows_current_calls_newest_first(tickets, calls, clock):
    for _ in range(3):
        issue(tickets)
    first = calls.call_next(CLERK, 1)
    clock.advance(seconds=30)
    calls.call_next(CLERK, 2)
    clock.advance(seconds=30)
    board = calls.now_serving()
    assert [(c.display_number, c.window_number) for c in board.current] == [
        ("A-002", 2),
        ("A-001", 1),
    ]
    clock.advance(seconds=30)
    calls.recall(CLERK, first.id)
    assert [c.display_number for c in calls.now_serving().current] == ["A-001", "A-002"]
    calls.no_show(CLERK, first.id)
    board = calls.now_serving()
    assert [c.display_number for c in board.current] == ["A-002"]
    assert [(c.display_number, c.status, c.recalls) for c in board.recent] == [
        ("A-001", TicketStatus.NO_SHOW, 1)
    ]


def test_permissions(tickets, calls):
    ticket = issue(tickets)
    for refused in (
        lambda: tickets.issue(CLERK, "todokede"),
        lambda: tickets.cancel(CLERK, ticket.id),
        lambda: tickets.reprint(CLERK, ticket.id),
        lambda: calls.call_next(FLOOR, 1),
        lambda: calls.transfer(FLOOR, ticket.id, window_number=2),
    ):
        with pytest.raises(CounterAppError) as denied:
            refused()
        assert denied.value.code is ErrorCode.PERMISSION_DENIED
    supervisor = Actor(None, "boss", "監督 者", frozenset({RoleCode.SUPERVISOR}))
    assert tickets.issue(supervisor, "todokede").display_number == "A-002"
    assert calls.call_next(supervisor, 1).id == ticket.id


def _call_until_empty(url: str, window: int, barrier, results) -> None:
    """One window's PC: call and mark absent until nothing waits."""
    engine = make_engine(url)
    calls = CallService(Database(engine), now=lambda: MORNING)
    barrier.wait()
    called = []
    while (ticket := calls.call_next(CLERK, window)) is not None:
        called.append(ticket.id)
        calls.no_show(CLERK, ticket.id)
        time.sleep(0.005)  # a clerk's pause lets the other window's turn come on SQLite
    engine.dispose()
    results.put((window, called))


@pytest.mark.slow
def test_two_windows_calling_at_once_never_get_the_same_ticket(database_url, tickets):
    ids = {issue(tickets).id for _ in range(40)}
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    windows = [
        context.Process(target=_call_until_empty, args=(database_url, w, barrier, results))
        for w in (1, 2)
    ]
    for process in windows:
        process.start()
    called = dict(results.get(timeout=120) for _ in windows)
    for process in windows:
        process.join(timeout=30)
        assert process.exitcode == 0
    everything = called[1] + called[2]
    assert sorted(everything) == sorted(ids), "every ticket called exactly once"
    for window, called_here in called.items():
        assert {tickets.ticket(t).window_number for t in called_here} <= {window}


def test_the_categories_file_is_synced_at_start(database_url, tmp_path):
    from counter_app.queue.categories import load_categories, sync_categories

    app = open_app(database_url)
    changed = tmp_path / "categories.yaml"
    changed.write_text(
        """categories:
  - id: shomei
    name: 証明書
    name_en: Certificates
    prefix: S
    windows: [2]
    opens: "09:00"
    closes: "16:00"
    service_minutes: 4
  - id: pasupooto
    name: パスポート
    name_en: Passports
    prefix: P
    windows: [10, 11]
    opens: "08:30"
    closes: "17:15"
    service_minutes: 10
""",
        encoding="utf-8",
    )
    with app.db.write() as session:
        sync_categories(session, load_categories(changed))
    categories = {c.id: c for c in app.tickets.categories()}
    assert list(categories) == ["shomei", "pasupooto"]
    assert (categories["shomei"].prefix, categories["shomei"].windows) == ("S", (2,))
    with pytest.raises(CounterAppError) as gone:
        app.tickets.waiting("todokede")
    assert gone.value.code is ErrorCode.QUEUE_CATEGORY_UNKNOWN
    app.close()
    reopened = open_app(database_url)  # the shipped file again: back as it was
    categories = {c.id: c for c in reopened.tickets.categories()}
    assert "pasupooto" not in categories and categories["shomei"].prefix == "E"
    reopened.close()


def test_a_bad_categories_file_names_the_problem(tmp_path):
    from counter_app.queue.categories import load_categories

    bad = tmp_path / "categories.yaml"
    entry = 'id: {id}\n    name: x\n    name_en: x\n    prefix: A\n    windows: [1]\n    opens: "08:30"\n    closes: "17:15"\n    service_minutes: 5'
    bad.write_text(
        "categories:\n  - " + entry.format(id="one") + "\n  - " + entry.format(id="two") + "\n",
        encoding="utf-8",
    )
    with pytest.raises(CounterAppError) as duplicate:
        load_categories(bad)
    assert duplicate.value.code is ErrorCode.RESOURCE_INVALID
    assert duplicate.value.params["detail"] == "duplicate prefix"
    bad.write_text("categories:\n  - " + entry.format(id="one").replace("08:30", "8時") + "\n")
    with pytest.raises(CounterAppError) as hours:
        load_categories(bad)
    assert "opens '8時' is not HH:MM" in hours.value.params["detail"]
