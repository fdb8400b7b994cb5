"""IT staff's commands with real bytes: `ticket issue --printer` prints through pyserial to
a fake printer; a printer at paper end still gives a number; `devices check` reports."""

from __future__ import annotations

import pytest

from devices.decoders.printer import Cut
from devices.fakes import FakePrinter
from station.launcher import main
from tests.helpers import open_app


@pytest.fixture
def printer():
    fake = FakePrinter()
    fake.start_socket()
    yield fake
    fake.stop()


def test_ticket_issue_prints_on_the_printer(sqlite_url, printer, capsys) -> None:
    assert (
        main(
            [
                "ticket",
                "issue",
                "--category",
                "todokede",
                "--printer",
                printer.url,
                "--database",
                sqlite_url,
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == "A-001\n"
    assert printer.wait_for(lambda: printer.cuts)
    lines = printer.text_lines()
    assert "A-001" in lines
    assert any(isinstance(e, Cut) for e in printer.events)
    app = open_app(sqlite_url)
    assert app.outbox.pending_jobs() == []  # printed
    app.close()


def test_paper_end_still_issues_the_ticket_and_keeps_the_job(sqlite_url, printer, capsys) -> None:
    printer.state = "paper_end"
    args = [
        "ticket",
        "issue",
        "--category",
        "todokede",
        "--printer",
        printer.url,
        "--database",
        sqlite_url,
    ]
    assert main([*args, "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "A-001\n"
    assert "A-001" in captured.err and "paper_end" in captured.err
    assert printer.cuts == []
    app = open_app(sqlite_url)
    [job] = app.outbox.pending_jobs(printer.url)
    assert (job.ticket.display_number, job.attempts) == ("A-001", 1)
    app.close()


def test_devices_check_reports_each_device(tmp_path, printer, capsys) -> None:
    settings = tmp_path / "counter-app.toml"
    settings.write_text(f'[devices]\nticket_printer = "{printer.url}"\n', "utf-8")
    assert main(["devices", "check", "--config", str(settings), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"ticket_printer {printer.url}: online\n"
    printer.state = "cover_open"
    assert main(["devices", "check", "--config", str(settings)]) == 1
    assert capsys.readouterr().out == f"ticket_printer {printer.url}: カバーが開いています\n"
    printer.state = "offline"
    assert main(["devices", "check", "--config", str(settings)]) == 1
    assert "応答がありません" in capsys.readouterr().out
