"""The ticket printer's profile in force (`[devices.printer]`): a built-in profile with a
site's figures over it, the serial line it opens with, a port closed after each job for
a network interface that takes one client at a time, and `devices check` saying which
profile is in force."""

from __future__ import annotations

import pytest

from counter_app.config import Config, DeviceSettings, PrinterSettings, parse_config
from counter_app.errors import CounterAppError, ErrorCode
from devices.escpos import cut, text_line
from devices.fakes import FakePrinter
from devices.printer import PrinterError, TicketPrinter
from devices.profiles import PAPER_58, TM_T20, TM_T88_180, Handshake, Parity
from station.printer_settings import configured_profile
from tests.helpers import run_cli


def profile_of(printer: dict):
    config = parse_config({"devices": {"ticket_printer": "/dev/ttyUSB0", "printer": printer}})
    return configured_profile(config.devices)


def test_a_built_in_profile_and_a_sites_figures_over_it():
    assert profile_of({}) == TM_T20  # nothing set: the TM-T20-class default
    assert profile_of({"profile": "58mm"}) == PAPER_58
    assert (TM_T20.columns, TM_T88_180.columns, PAPER_58.columns) == (48, 42, 32)
    mine = profile_of(
        {"profile": "tm-t88-180", "baudrate": 38400, "parity": "even", "handshake": "dtr-dsr"}
    )
    assert (mine.printable_dots, mine.dpi, mine.baudrate) == (512, 180, 38400)
    assert (mine.parity, mine.handshake) == (Parity.EVEN, Handshake.DTR_DSR)
    assert mine.name == "tm-t88-180 (+ baudrate, parity, handshake)"


@pytest.mark.parametrize(
    ("printer", "key", "said"),
    [
        ({"profile": "tm-t99"}, "devices.printer.profile", "tm-t20, tm-t88-180, 58mm"),
        ({"profile": "58mm", "printable_dots": 576}, "devices.printer", "does not fit 58 mm"),
        ({"dpi": 300}, "devices.printer.dpi", "180"),
        ({"handshake": "rts"}, "devices.printer.handshake", "rts-cts"),
        ({"baudrate": "fast"}, "devices.printer.baudrate", "int"),
        ({"speed": 9600}, "devices.printer.speed", "unknown key"),
    ],
)
def test_a_wrong_printer_setting_is_named(printer, key, said):
    with pytest.raises(CounterAppError) as raised:
        profile_of(printer)
    assert raised.value.code in (ErrorCode.CONFIG_INVALID, ErrorCode.CONFIG_OUT_OF_RANGE)
    assert raised.value.params["key"] == key
    assert said in str(raised.value.params.get("detail", raised.value.params))


def test_the_printer_is_opened_with_the_profiles_serial_line():
    settings = PrinterSettings(baudrate=38400, parity="odd", handshake="xon-xoff")
    profile = configured_profile(DeviceSettings(ticket_printer="loop://", printer=settings))
    printer = TicketPrinter("loop://", timeout=0.1, profile=profile)
    try:
        with pytest.raises(PrinterError):  # a loop answers no status: offline
            printer.print_ticket(b"")
        line = printer._port.device
        assert (line.baudrate, line.parity, line.xonxoff, line.rtscts, line.dsrdtr) == (
            38400,
            "O",
            True,
            False,
            False,
        )
    finally:
        printer.close()


def job(text: str) -> bytes:
    return text_line(text) + cut()


def test_two_pcs_share_a_network_printer_that_takes_one_client_at_a_time():
    """Port 9100 interfaces serve one connection at a time (the fake printer's socket
    does too): with `close_after_job` each PC lets go after its job, so both print;
    kept open, the second PC gets no answer and the printer reads as offline to it."""
    with FakePrinter().start_socket() as fake:
        shared = configured_profile(DeviceSettings(printer=PrinterSettings(close_after_job=True)))
        first = TicketPrinter(fake.url, timeout=0.5, profile=shared)
        second = TicketPrinter(fake.url, timeout=0.5, profile=shared)
        try:
            first.print_ticket(job("A-001"))
            second.print_ticket(job("A-002"))
            first.print_ticket(job("A-003"))
            assert fake.wait_for(lambda: len(fake.cuts) == 3)
            assert [line for line in fake.text_lines() if line.startswith("A-")] == [
                "A-001",
                "A-002",
                "A-003",
            ]
        finally:
            first.close()
            second.close()

    with FakePrinter().start_socket() as fake:
        first = TicketPrinter(fake.url, timeout=0.5)  # the default keeps its port open
        second = TicketPrinter(fake.url, timeout=0.5)
        try:
            first.print_ticket(job("A-001"))
            with pytest.raises(PrinterError) as raised:
                second.print_ticket(job("A-002"))
            assert raised.value.kind.value == "offline"
        finally:
            first.close()
            second.close()


def test_devices_check_reports_the_profile_in_force(tmp_path):
    with FakePrinter().start_socket() as fake:
        config = tmp_path / "config.toml"
        config.write_text(
            f'[devices]\nticket_printer = "{fake.url}"\n\n'
            '[devices.printer]\nprofile = "58mm"\nbaudrate = 19200\n',
            encoding="utf-8",
        )
        checked = run_cli("devices", "check", "--config", str(config), "--lang", "en")
    assert checked.returncode == 0, checked.stderr
    assert f"ticket_printer {fake.url}: online" in checked.stdout
    assert (
        "ticket_printer profile 58mm (+ baudrate): 58 mm, 384 dots at 203 dpi (32 columns), "
        "19200 bps none parity, handshake none, kanji ROM yes, port kept open"
    ) in checked.stdout


def test_a_config_without_a_printer_section_keeps_the_default():
    assert Config().devices.printer == PrinterSettings()
    assert configured_profile(Config().devices) == TM_T20
