"""A 領収書 queued while the window's printer is out of paper is not lost: this PC's print
spooler marks it waiting (紙切れ), prints it once paper is back, and a reprint says the
same word for word.

Real parts: a SQLite file, the print outbox, the PC's spooler with the printer's one
worker, a fake ESC/POS printer on a local socket read back by the printer decoder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app import clock
from counter_app.app import CounterApp
from counter_app.cli.ticket_cmd import console_floor_actor
from counter_app.outbox import PrintJobKind, PrintJobStatus
from counter_app.outbox.jobs import add_receipt_job
from devices.decoders.printer import Barcode
from devices.fakes import FakePrinter
from station.device_workers import DeviceWorkers
from station.fee_receipts import fee_receipt_order
from tests import helpers
from tests.station.test_fee_receipt import CASH, CATALOG
from ui.db_runner import DbRunner
from ui.outbox.spooler import PrintSpooler


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter().start_socket()
    yield fake
    fake.stop()


@pytest.fixture
def app(sqlite_url) -> Iterator[CounterApp]:
    core = helpers.open_app(sqlite_url)
    yield core
    core.close()


@pytest.fixture
def spooler(qapp, app: CounterApp, printer: FakePrinter) -> Iterator[PrintSpooler]:
    runner, devices = DbRunner(), DeviceWorkers()
    spooler = PrintSpooler(
        app.outbox, runner, devices.printer(printer.url), "MADO-02", "みどり市", interval_ms=200
    )
    yield spooler
    spooler.stop()
    qapp.processEvents()
    devices.close()
    runner.close()


def queue_receipt(app: CounterApp, printer_url: str) -> int:
    """As the certificate desk queues it: in the unit of work recording the payment."""
    order = fee_receipt_order(CATALOG, "みどり市", printer_url)
    with app.db.write() as session:
        job = add_receipt_job(
            session, PrintJobKind.FEE_RECEIPT, order, CASH, CASH.receipt_number, clock.utcnow()
        )
        return job.id


def test_a_receipt_at_paper_end_prints_when_paper_is_back_and_reprints_the_same(
    qtbot, app, printer, spooler
):
    printer.state = "paper_end"
    job_id = queue_receipt(app, printer.url)
    with qtbot.waitSignal(spooler.job_failed, timeout=10_000) as waiting:
        spooler.start()
    job, reason = waiting.args
    assert (job.id, job.kind, job.label, reason) == (
        job_id, PrintJobKind.FEE_RECEIPT, "R20261205-0007", "paper_end"
    )  # fmt: skip
    assert app.outbox.job(job_id).status is PrintJobStatus.FAILED
    assert printer.job_byte_count() == 0 and printer.cuts == []

    with qtbot.waitSignal(spooler.job_printed, timeout=10_000) as printed:
        printer.state = "normal"
    assert printed.args[0].id == job_id
    assert printer.wait_for(lambda: printer.cuts, timeout=5.0)
    first = printer.text_lines()
    assert first[0] == "領収書" and "R20261205-0007" in first
    assert any(line.startswith("合計") and line.endswith("900円") for line in first)
    assert any(line.startswith("お釣り") and line.endswith("100円") for line in first)
    assert printer.of_type(Barcode) == [Barcode("CODE128", "R20261205-0007")]
    assert app.outbox.job(job_id).status is PrintJobStatus.PRINTED
    assert [j.label for j in app.outbox.alarms()] == ["R20261205-0007"]  # it did not print at once

    with qtbot.waitSignal(spooler.job_printed, timeout=10_000):  # the floor desk reprints it
        app.outbox.reprint_job(console_floor_actor("MADO-02"), job_id)
    assert printer.wait_for(lambda: len(printer.cuts) == 2, timeout=5.0)
    assert printer.text_lines() == first + first  # word for word, time included
