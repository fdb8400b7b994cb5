"""The print outbox without a screen, on SQLite and PostgreSQL: a visit's receipt queued
with the visit, jobs that say why they wait while the printer cannot print, today's
alarms, and reprints that print exactly what was printed the first time."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from counter_app.app import CounterApp
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.outbox import PrintJobKind, PrintJobStatus, PrintOutbox
from counter_app.outbox.jobs import add_receipt_job
from counter_app.permissions import Actor, RoleCode
from counter_app.queue.tickets import TicketService
from counter_app.visits import VisitStatus
from devices.decoders.printer import Barcode, EscPosDecoder, TextLine
from station.fee_receipts import fee_receipt_order
from station.print_jobs import job_data
from station.receipts import receipt_order
from tests import helpers
from tests.station.test_fee_receipt import CASH as PAID
from tests.station.test_fee_receipt import CATALOG as FEE_CATALOG
from tests.visits import NOW, login, sc01, services

PRINTER = "socket://192.0.2.20:9100"  # the window's
OTHER = "socket://192.0.2.30:9100"  # the floor's
FLOOR = Actor(None, "floor1", "フロア 花子", frozenset({RoleCode.FLOOR_MANAGER}), terminal="F-1")


class Clock:
    def __init__(self) -> None:
        self.at = NOW

    def __call__(self):
        return self.at


@pytest.fixture
def app(database_url) -> Iterator[CounterApp]:
    opened = helpers.open_app(database_url)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(app, clock) -> PrintOutbox:
    return PrintOutbox(app.db, now=clock)


@pytest.fixture
def tickets(app, clock) -> TicketService:
    return TicketService(app.db, now=clock)


@pytest.fixture
def clerk(app):
    return login(app, "madoguchi", RoleCode.WINDOW_CLERK)


def confirm_sc01(app, clerk, printer_url=PRINTER):
    """SC01's visit recorded at the window with its receipt for `printer_url`."""
    visits, _inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    order = receipt_order(app.catalog, "みどり市", printer_url)
    return visits.create_visit(
        clerk, case, result.procedures, resident_id=resident_id, receipt=order
    )


def printed_text(data: bytes) -> tuple[list[str], list[Barcode]]:
    events = EscPosDecoder().feed(data)
    lines = [event.text for event in events if isinstance(event, TextLine)]
    return lines, [event for event in events if isinstance(event, Barcode)]


def test_the_receipt_is_queued_with_the_visit_as_what_the_paper_says(app, clerk, outbox):
    visit = confirm_sc01(app, clerk)
    [job] = outbox.pending_jobs(PRINTER)
    assert (job.kind, job.label, job.ticket, job.status) == (
        PrintJobKind.VISIT_RECEIPT,
        visit.visit_number,
        None,
        PrintJobStatus.PENDING,
    )
    content = job.content
    assert content["visit_number"] == visit.visit_number
    assert content["municipality"] == "みどり市"
    assert content["printed_at"] == "令和8年12月1日 10:00"  # when the visit was recorded
    steps = {item["procedure"]: item["next_step"] for item in content["items"]}
    assert steps["出生届"] == "窓口で完了"
    assert steps["児童手当 認定請求"] == "子育て支援課で審査（12月15日までに通知）"
    snapshot = json.dumps(content, ensure_ascii=False)
    assert not any(name in snapshot for name in ("佐藤", "健太", "美咲", "サトウ"))

    lines, barcodes = printed_text(job_data(job, "ignored for a receipt"))
    assert lines[0] == "受付の控え" and visit.visit_number in lines
    assert barcodes == [Barcode("CODE128", visit.visit_number)]


def test_a_visit_that_is_not_recorded_leaves_no_receipt_and_no_receipt_no_visit(app, clerk, outbox):
    visits, _inbox = services(app)
    _resident_id, case, result = sc01(app, clerk)
    with pytest.raises(CounterAppError) as missing:
        visits.create_visit(
            clerk,
            case,
            result.procedures,
            ticket_id=999_999,
            receipt=receipt_order(app.catalog, "みどり市", PRINTER),
        )
    assert missing.value.code is ErrorCode.QUEUE_TICKET_NOT_FOUND

    def unworded(_visit):
        raise RuntimeError("the receipt cannot be worded")

    order = receipt_order(app.catalog, "みどり市", PRINTER)
    broken = type(order)(printer_url=PRINTER, content=unworded)
    with pytest.raises(RuntimeError):
        visits.create_visit(clerk, case, result.procedures, receipt=broken)
    assert outbox.pending_jobs(PRINTER) == []
    recorded = visits.create_visit(clerk, case, result.procedures)  # no printer at this PC
    assert recorded.visit_number == "V-20261201-0003"  # two numbers drawn, none kept
    assert outbox.pending_jobs(PRINTER) == [] and outbox.pending_jobs() == []
    assert visits.visit(clerk, recorded.visit_number).status is VisitStatus.OPEN


def test_jobs_waiting_for_a_printer_that_cannot_print_say_why_and_print_later(
    app, clerk, outbox, tickets, clock
):
    visit = confirm_sc01(app, clerk)
    ticket = tickets.issue(FLOOR, "todokede", printer_url=PRINTER).print_job
    elsewhere = tickets.issue(FLOOR, "shomei", printer_url=OTHER).print_job
    held = outbox.mark_waiting(PRINTER, "MADO-01", "paper_end")
    assert [(job.label, job.status, job.last_error, job.attempts) for job in held] == [
        (visit.visit_number, PrintJobStatus.FAILED, "paper_end", 0),
        ("A-001", PrintJobStatus.FAILED, "paper_end", 0),
    ]
    assert outbox.mark_waiting(PRINTER, "MADO-01", "paper_end") == []  # said already
    assert [job.label for job in outbox.mark_waiting(PRINTER, "MADO-01", "cover_open")] == [
        visit.visit_number,
        "A-001",
    ]
    assert outbox.job(elsewhere.id).status is PrintJobStatus.PENDING  # another printer
    # A job another PC holds a lease on is that PC's to report.
    later = tickets.issue(FLOOR, "todokede", printer_url=PRINTER).print_job
    outbox.claim_jobs(PRINTER, "FLOOR-02")
    assert outbox.mark_waiting(PRINTER, "MADO-01", "offline") == []
    clock.at += timedelta(minutes=2)  # the lease ran out
    assert len(outbox.mark_waiting(PRINTER, "MADO-01", "offline")) == 3

    # The printer prints again: every waiting job is claimed, oldest first.
    claimed = outbox.claim_jobs(PRINTER, "MADO-01")
    assert [job.label for job in claimed] == [visit.visit_number, "A-001", "A-002"]
    assert [job.id for job in claimed][1:] == [ticket.id, later.id]


def test_alarms_are_todays_jobs_that_did_not_print_at_once(app, clerk, outbox, tickets, clock):
    clock.at = NOW - timedelta(days=1)
    yesterday = tickets.issue(FLOOR, "todokede", printer_url=PRINTER, force=True).print_job
    outbox.mark_failed(yesterday.id, "paper_end")
    clock.at = NOW
    at_once = tickets.issue(FLOOR, "todokede", printer_url=PRINTER).print_job
    outbox.mark_printed(at_once.id)
    visit = confirm_sc01(app, clerk)
    late = tickets.issue(FLOOR, "shomei", printer_url=PRINTER).print_job
    given_up = tickets.issue(FLOOR, "shomei", printer_url=PRINTER).print_job
    outbox.mark_waiting(PRINTER, "MADO-01", "paper_end")
    assert [job.label for job in outbox.alarms()] == ["E-002", "E-001", visit.visit_number]
    outbox.mark_printed(late.id)
    outbox.cancel_job(FLOOR, given_up.id)
    alarms = outbox.alarms()
    assert [(job.label, job.status, job.last_error) for job in alarms] == [
        ("E-002", PrintJobStatus.CANCELLED, "paper_end"),
        ("E-001", PrintJobStatus.PRINTED, "paper_end"),
        (visit.visit_number, PrintJobStatus.FAILED, "paper_end"),
    ]
    assert not any(job.to_print for job in alarms[:2])


def test_a_reprint_prints_exactly_what_the_first_print_did(app, clerk, outbox):
    visit = confirm_sc01(app, clerk)
    [first] = outbox.pending_jobs(PRINTER)
    outbox.mark_printed(first.id)
    again = outbox.reprint_job(FLOOR, first.id)
    assert again.id != first.id
    assert (again.kind, again.label, again.printer_url, again.status) == (
        PrintJobKind.VISIT_RECEIPT,
        visit.visit_number,
        PRINTER,
        PrintJobStatus.PENDING,
    )
    assert job_data(again, "") == job_data(first, "")
    elsewhere = outbox.reprint_job(FLOOR, first.id, printer_url=OTHER)
    assert outbox.pending_jobs(OTHER) == [elsewhere]
    assert outbox.job(first.id).status is PrintJobStatus.PRINTED  # the first stays printed


def test_cancelling_and_reprinting_need_the_floor_desk_and_keep_printed_jobs(
    app, clerk, outbox, tickets
):
    confirm_sc01(app, clerk)
    [receipt] = outbox.pending_jobs(PRINTER)
    for refused in (
        lambda: outbox.cancel_job(clerk, receipt.id),
        lambda: outbox.reprint_job(clerk, receipt.id),
    ):
        with pytest.raises(CounterAppError) as denied:
            refused()
        assert denied.value.code is ErrorCode.PERMISSION_DENIED
    outbox.mark_printed(receipt.id)
    assert outbox.cancel_job(FLOOR, receipt.id).status is PrintJobStatus.PRINTED
    issued = tickets.issue(FLOOR, "todokede", printer_url=PRINTER)
    tickets.cancel(FLOOR, issued.ticket.id)
    assert outbox.job(issued.print_job.id).status is PrintJobStatus.CANCELLED
    with pytest.raises(CounterAppError) as cancelled:
        outbox.reprint_job(FLOOR, issued.print_job.id)
    assert cancelled.value.code is ErrorCode.QUEUE_TICKET_STATE
    with pytest.raises(CounterAppError) as missing:
        outbox.job(999_999)
    assert missing.value.code is ErrorCode.QUEUE_PRINT_JOB_NOT_FOUND


def test_every_kind_of_job_prints(app, clerk, outbox, tickets):
    """A new kind of job needs its bytes in station/print_jobs.py, and a line here."""
    confirm_sc01(app, clerk)
    tickets.issue(FLOOR, "todokede", printer_url=PRINTER)
    with app.db.write() as session:  # as the certificate desk queues its 領収書
        order = fee_receipt_order(FEE_CATALOG, "みどり市", PRINTER)
        add_receipt_job(session, PrintJobKind.FEE_RECEIPT, order, PAID, "R20261205-0007", NOW)
    jobs = {job.kind: job for job in outbox.pending_jobs(PRINTER)}
    expected = {
        PrintJobKind.TICKET: "A-001",
        PrintJobKind.VISIT_RECEIPT: "V-20261201-0001",
        PrintJobKind.FEE_RECEIPT: "R20261205-0007",
    }
    assert set(expected) == set(PrintJobKind)
    for kind, number in expected.items():
        lines, _barcodes = printed_text(job_data(jobs[kind], "みどり市"))
        assert number in lines, kind


def test_asking_every_second_writes_nothing_while_nothing_waits(sqlite_url):
    """Every PC with a printer asks every second: with nothing to print (or every job
    saying why it waits) it must not take SQLite's write lock."""
    app = helpers.open_app(sqlite_url)
    try:
        outbox, tickets = PrintOutbox(app.db), TicketService(app.db)
        tickets.issue(FLOOR, "todokede", printer_url=PRINTER, force=True)
        outbox.mark_waiting(PRINTER, "MADO-01", "paper_end")
        other = sqlite3.connect(app.engine.url.database, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another PC holds the write lock
            started = time.monotonic()
            assert outbox.claim_jobs(OTHER, "MADO-01") == []
            assert outbox.mark_waiting(PRINTER, "MADO-01", "paper_end") == []
            assert time.monotonic() - started < 1.0
        finally:
            other.close()
    finally:
        app.close()
