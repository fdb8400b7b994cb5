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
    assert capsys.readouterr().out == (
        f"ticket_printer {printer.url}: online\n"
        "ticket_printer profile tm-t20: 80 mm, 576 dots at 203 dpi (48 columns), "
        "9600 bps none parity, handshake none, kanji ROM yes, port kept open, "
        "tickets up to 900 bytes\n"
    )
    printer.state = "cover_open"
    assert main(["devices", "check", "--config", str(settings)]) == 1
    assert (
        capsys.readouterr().out.splitlines()[0]
        == f"ticket_printer {printer.url}: カバーが開いています"
    )
    printer.state = "offline"
    assert main(["devices", "check", "--config", str(settings)]) == 1
    assert "応答がありません" in capsys.readouterr().out


def test_devices_check_reports_the_profile_a_site_set(tmp_path, printer, capsys) -> None:
    settings = tmp_path / "counter-app.toml"
    settings.write_text(
        f'[devices]\nticket_printer = "{printer.url}"\n'
        '[devices.printer]\nprofile = "58mm"\nbaudrate = 38400\nhandshake = "dtr-dsr"\n'
        "close_after_job = true\n",
        "utf-8",
    )
    assert main(["devices", "check", "--config", str(settings), "--lang", "en"]) == 0
    profile_line = capsys.readouterr().out.splitlines()[1]
    assert profile_line == (
        "ticket_printer profile 58mm (+ baudrate, handshake, close_after_job): 58 mm, "
        "384 dots at 203 dpi (32 columns), 38400 bps none parity, handshake dtr-dsr, "
        "kanji ROM yes, port closed after each job, tickets up to 900 bytes"
    )


def test_devices_check_names_a_profile_that_does_not_fit_its_paper(tmp_path, capsys) -> None:
    settings = tmp_path / "counter-app.toml"
    settings.write_text(
        '[devices]\nticket_printer = "socket://127.0.0.1:9"\n'
        '[devices.printer]\nprofile = "58mm"\nprintable_dots = 576\n',
        "utf-8",
    )
    assert main(["devices", "check", "--config", str(settings), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "devices.printer" in err and "printable_dots 576" in err
    assert "Traceback" not in err
