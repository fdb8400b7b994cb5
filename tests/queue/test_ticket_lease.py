"""`counter-app ticket issue` and a floor PC's spooler polling the same printer: the
ticket prints once, whether the command prints it, fails to, or dies halfway.

Real parts: the command in a subprocess with the launcher's print hook, a slow fake
printer on a local socket, and a floor PC that claims jobs through the spooler's own
path (`claim_jobs`, the job printed with `station.print_jobs`, then `mark_printed`)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.cli.common import command_lease_holder
from counter_app.db.models import PrintJob
from counter_app.db.models.base import utcnow
from counter_app.outbox import JOB_LEASE, PrintJobStatus, PrintOutbox
from devices.decoders.printer import Barcode, StatusQuery
from devices.fakes import FakePrinter
from station.print_jobs import print_job
from tests.helpers import PROJECT_ROOT, open_app

FLOOR_PC = "FLOOR-01"
HOST = socket.gethostname()  # the command's terminal name (no config: the default)
CATEGORY = "shomei"  # numbers E-001, E-002 …


class FloorPc:
    """A floor PC's spooler on the same printer: claims, prints, marks printed."""

    def __init__(
        self, database_url: str, printer: FakePrinter, now=utcnow, terminal: str = FLOOR_PC
    ) -> None:
        self.terminal = terminal
        self.app = open_app(database_url)
        self.outbox = PrintOutbox(self.app.db, now=now)
        self.printer = printer
        self.claimed: list[str] = []  # display numbers
        self.polls_while_printing = 0  # polls while the printer was busy with the command
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> None:
        busy = bool(self.printer.of_type(StatusQuery)) and not self.printer.cuts
        for job in self.outbox.claim_jobs(self.printer.url, self.terminal):
            self.claimed.append(job.ticket.display_number)
            print_job(job, self.app.config, "みどり市")
            self.outbox.mark_printed(job.id)
        self.polls_while_printing += busy

    def keep_polling(self) -> None:
        def run() -> None:
            while not self._stop.is_set():
                self.poll()
                self._stop.wait(0.02)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)
        self.app.close()


@pytest.fixture
def printer():
    fake = FakePrinter().start_socket()
    yield fake
    fake.stop()


def issue_command(database_url: str, printer: FakePrinter) -> subprocess.Popen:
    command = ("ticket", "issue", "--category", CATEGORY, "--printer", printer.url)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "station.launcher",
            *command,
            "--database",
            database_url,
            "--lang",
            "en",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def tickets_printed(printer: FakePrinter) -> list[str]:
    """The number on each ticket the printer cut, from its barcode (T-YYYYMMDD-E-001)."""
    assert len(printer.of_type(Barcode)) == len(printer.cuts)
    return [barcode.data.split("-", 2)[2] for barcode in printer.of_type(Barcode)]


def only_job(database_url: str) -> PrintJob:
    app = open_app(database_url)
    try:
        with app.db.read() as session:
            (job,) = session.scalars(select(PrintJob)).all()
            return job
    finally:
        app.close()


def test_a_floor_pc_polling_the_printer_never_prints_the_commands_ticket(database_url, printer):
    open_app(database_url).close()  # the schema, before the floor PC polls
    printer.reply_delay = 0.25  # a slow printer: the command prints for about a second
    # Another PC, and the floor screen of the PC the command runs on (the same name).
    floors = [FloorPc(database_url, printer), FloorPc(database_url, printer, terminal=HOST)]
    for floor in floors:
        floor.keep_polling()
    try:
        command = issue_command(database_url, printer)
        out, err = command.communicate(timeout=120)
    finally:
        for floor in floors:
            floor.close()
    assert (command.returncode, out) == (0, "E-001\n"), err
    assert [floor.claimed for floor in floors] == [[], []]
    for floor in floors:
        assert floor.polls_while_printing > 0, "the floor PC polled while the command printed"
    assert tickets_printed(printer) == ["E-001"]
    job = only_job(database_url)
    assert (job.status, job.attempts, job.claimed_by) == (PrintJobStatus.PRINTED, 1, None)


def test_a_failed_print_goes_back_to_the_floor_pc_at_once(database_url, printer):
    printer.state = "paper_end"
    done = issue_command(database_url, printer)
    out, err = done.communicate(timeout=120)
    assert (done.returncode, out) == (0, "E-001\n")
    assert "Ticket E-001 is issued but did not print" in err
    assert printer.cuts == []
    printer.state = "normal"  # paper is back
    floor = FloorPc(database_url, printer)
    try:
        floor.poll()
    finally:
        floor.close()
    assert floor.claimed == ["E-001"], "no lease to wait out"
    assert tickets_printed(printer) == ["E-001"]


def test_when_the_command_dies_the_floor_pc_prints_the_ticket_once_the_lease_ends(
    database_url, printer
):
    printer.reply_delay = 0.9  # the command waits for the status reply: kill it then
    command = issue_command(database_url, printer)
    assert printer.wait_for(lambda: printer.of_type(StatusQuery), timeout=120)
    command.send_signal(signal.SIGKILL)
    assert command.wait(30) == -signal.SIGKILL
    printer.reply_delay = 0
    job = only_job(database_url)
    assert (job.status, job.claimed_by) == (PrintJobStatus.PENDING, command_lease_holder(HOST))

    now = FloorPc(database_url, printer)
    later = FloorPc(database_url, printer, now=lambda: utcnow() + JOB_LEASE + timedelta(seconds=1))
    try:
        now.poll()
        assert now.claimed == [], "the command's lease still holds"
        later.poll()
        later.poll()
    finally:
        now.close()
        later.close()
    assert later.claimed == ["E-001"]
    assert tickets_printed(printer) == ["E-001"]
    assert only_job(database_url).status == PrintJobStatus.PRINTED
