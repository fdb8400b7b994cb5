"""`counter-app ticket categories|issue` as IT staff run them, and the print hook."""

from __future__ import annotations

import yaml

import resources
from counter_app.cli.main import build_parser
from counter_app.cli.ticket_cmd import run_issue
from counter_app.config import Config
from counter_app.outbox import PrintJobStatus
from tests.helpers import TERMINAL, open_app, run_cli


def test_categories_lists_the_ids_one_per_line(sqlite_url):
    listed = run_cli("ticket", "categories", "--database", sqlite_url)
    assert listed.returncode == 0, listed.stderr
    shipped = yaml.safe_load(resources.path("queue", "categories.yaml").read_text("utf-8"))
    assert listed.stdout.splitlines() == [c["id"] for c in shipped["categories"]]


def test_issue_prints_the_number_and_keeps_the_job_pending(database_url):
    db = ("--database", database_url)
    first = run_cli("ticket", "issue", "--category", "todokede", *db)
    assert (first.returncode, first.stdout) == (0, "A-001\n"), first.stderr
    assert "印刷ジョブ #1 は未印刷のまま保存しました" in first.stderr
    second = run_cli(
        "ticket", "issue", "--category", "todokede", "--printer", "serial:///dev/ttyS0", *db
    )
    assert second.stdout == "A-002\n"
    unknown = run_cli("ticket", "issue", "--category", "nothing", "--lang", "en", *db)
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert "There is no ticket category “nothing”" in unknown.stderr
    app = open_app(database_url)
    assert [j.ticket.display_number for j in app.outbox.pending_jobs("serial:///dev/ttyS0")] == [
        "A-002"
    ]
    assert [j.ticket.display_number for j in app.outbox.pending_jobs()] == ["A-001"]
    app.close()


def _issue_with(database_url, hook, *extra):
    args = build_parser().parse_args(
        [
            "ticket",
            "issue",
            "--category",
            "shomei",
            "--printer",
            "socket://127.0.0.1:9",
            "--database",
            database_url,
            *extra,
        ]
    )
    config = Config(database_url=database_url, terminal_name=TERMINAL)
    return run_issue(args, config, hook)


def test_issue_with_a_print_hook_records_printed_or_failed(sqlite_url, capsys):
    printed = []
    assert (
        _issue_with(sqlite_url, lambda job, config, town: printed.append(job.ticket.display_number))
        == 0
    )
    assert capsys.readouterr().out == "E-001\n"

    def broken_printer(job, config, town):
        raise OSError("cover open")

    assert _issue_with(sqlite_url, broken_printer, "--lang", "en") == 0
    output = capsys.readouterr()
    assert output.out == "E-002\n"
    assert "Ticket E-002 is issued but did not print" in output.err and "cover open" in output.err
    app = open_app(sqlite_url)
    jobs = app.outbox.pending_jobs("socket://127.0.0.1:9")
    assert [(j.ticket.display_number, j.status, j.attempts) for j in jobs] == [
        ("E-002", PrintJobStatus.FAILED, 1)
    ]
    assert "cover open" in jobs[0].last_error
    assert printed == ["E-001"]
    app.close()


def test_a_ticket_that_can_never_print_is_marked_so_and_not_retried(sqlite_url, capsys):
    """A municipality name full of characters the printer's ROM lacks makes a ticket over
    the byte limit: the command says it will not print (not "to be retried"), the job
    leaves the queue as unprintable, and the printer gets nothing."""
    from counter_app.services import settings
    from devices.fakes import FakePrinter
    from station.print_jobs import print_job

    app = open_app(sqlite_url)
    with app.db.write() as session:
        settings.set_setting(session, settings.MUNICIPALITY_NAME, "髙﨑德𠮷" * 12 + "市")
    app.close()
    with FakePrinter().start_socket() as fake:
        args = build_parser().parse_args(
            ["ticket", "issue", "--category", "shomei", "--printer", fake.url, "--lang", "en"]
        )
        config = Config(database_url=sqlite_url, terminal_name=TERMINAL)
        assert run_issue(args, config, print_job) == 1
        assert fake.cuts == []
    output = capsys.readouterr()
    assert output.out == "E-001\n"
    assert "Ticket E-001 is issued but can never print on this printer" in output.err
    assert "not retried" in output.err and "too_large" in output.err
    app = open_app(sqlite_url)
    assert app.outbox.pending_jobs(fake.url) == []
    [job] = app.outbox.alarms()
    assert (job.status, job.attempts) == (PrintJobStatus.UNPRINTABLE, 1)
    assert job.last_error.startswith("too_large: ticket is ")
    app.close()
