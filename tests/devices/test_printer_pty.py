"""The driver through pyserial to a fake printer on a pseudo-terminal and on a TCP socket."""

import socket

import pytest

from devices.decoders.printer import Barcode, Cut, StatusQuery, TextLine
from devices.fakes import FakePrinter
from devices.printer import PrinterError, TicketPrinter
from devices.status import PrinterProblem
from devices.ticket import ticket_bytes
from devices.transport import open_port
from tests.devices.test_ticket import TICKET

EXPECTED_LINES = [
    "みどり市",
    "住民異動（転入・転出・転居）",
    "A-012",
    "発券 2026年12月1日 9:15",
    "お待ちの方 3人",
    "待ち時間の目安 約15分",
    "番号をお呼びするまでお待ちください",
    "T-20261201-A-012",
]


@pytest.fixture(params=["pty", "socket"])
def fake(request):
    printer = FakePrinter()
    printer.start_pty() if request.param == "pty" else printer.start_socket()
    yield printer
    printer.stop()


@pytest.fixture
def driver(fake):
    printer = TicketPrinter(fake.url, timeout=0.3)
    yield printer
    printer.close()


def test_a_ticket_printed_through_pyserial_decodes_back_to_the_same_ticket(fake, driver):
    driver.print_ticket(ticket_bytes(TICKET))
    assert fake.wait_for(lambda: fake.cuts)
    assert fake.text_lines() == EXPECTED_LINES
    assert fake.of_type(Barcode) == [Barcode("CODE128", "T-20261201-A-012")]
    assert fake.cuts == [Cut(partial=True, feed=0)]
    [number] = [line for line in fake.of_type(TextLine) if line.text == "A-012"]
    assert (number.align, number.width, number.height) == ("center", 6, 6)


def test_the_status_is_asked_before_the_job(fake, driver):
    driver.print_ticket(ticket_bytes(TICKET))
    assert fake.wait_for(lambda: fake.cuts)
    assert fake.received.startswith(bytes.fromhex("10 04 01 10 04 02 10 04 04 1b 40"))
    assert [q.n for q in fake.of_type(StatusQuery)] == [1, 2, 4]


@pytest.mark.parametrize(
    ("state", "online", "paper_end", "near_end", "cover_open", "error", "problem"),
    [
        ("normal", True, False, False, False, False, None),
        ("near_end", True, False, True, False, False, None),
        ("paper_end", False, True, True, False, False, PrinterProblem.PAPER_END),
        ("cover_open", False, False, False, True, False, PrinterProblem.COVER_OPEN),
        ("error", False, False, False, False, True, PrinterProblem.ERROR),
    ],
)
def test_status_per_state(fake, driver, state, online, paper_end, near_end, cover_open, error,
                          problem):  # fmt: skip
    fake.state = state
    status = driver.status()
    assert not status.unknown
    assert (status.online, status.paper_end, status.paper_near_end) == (online, paper_end, near_end)
    assert (status.cover_open, status.error, status.problem) == (cover_open, error, problem)


def test_no_reply_is_unknown_and_offline_never_paper_ok(fake, driver):
    fake.state = "offline"
    status = driver.status()
    assert status.unknown and not status.online
    assert status.problem == PrinterProblem.OFFLINE and not status.can_print
    # one unanswered query is enough: the driver does not wait out the other two
    assert [q.n for q in fake.of_type(StatusQuery)] == [1]


@pytest.mark.parametrize(
    ("state", "kind"),
    [("offline", "offline"), ("paper_end", "paper_end"), ("cover_open", "cover_open"),
     ("error", "error")],
)  # fmt: skip
def test_a_printer_that_cannot_print_gets_no_job(fake, driver, state, kind):
    fake.state = state
    with pytest.raises(PrinterError) as caught:
        driver.print_ticket(ticket_bytes(TICKET))
    assert caught.value.kind == kind
    fake.wait_for(lambda: fake.of_type(StatusQuery))
    assert fake.job_byte_count() == 0
    assert not fake.of_type(TextLine) and not fake.cuts


def test_near_end_still_prints(fake, driver):
    fake.state = "near_end"
    driver.print_ticket(ticket_bytes(TICKET))
    assert fake.wait_for(lambda: fake.cuts)
    assert driver.last_status is not None and driver.last_status.paper_near_end


def test_the_printer_recovers_when_the_paper_is_changed(fake, driver):
    fake.state = "paper_end"
    with pytest.raises(PrinterError):
        driver.print_ticket(ticket_bytes(TICKET))
    fake.state = "normal"
    driver.print_ticket(ticket_bytes(TICKET))
    assert fake.wait_for(lambda: fake.cuts)
    assert fake.text_lines() == EXPECTED_LINES


def test_two_tickets_in_a_row(fake, driver):
    driver.print_ticket(ticket_bytes(TICKET))
    driver.print_ticket(ticket_bytes(TICKET))
    assert fake.wait_for(lambda: len(fake.cuts) == 2)
    assert fake.text_lines() == EXPECTED_LINES * 2


def test_a_port_that_does_not_exist_is_unreachable(tmp_path):
    printer = TicketPrinter(str(tmp_path / "ttyUSB9"), timeout=0.2)
    with pytest.raises(PrinterError) as caught:
        printer.print_ticket(b"\x1b@")
    assert caught.value.kind == PrinterProblem.UNREACHABLE


def test_a_network_printer_that_refuses_the_connection_is_unreachable():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
    printer = TicketPrinter(f"socket://127.0.0.1:{port}", timeout=0.2)
    with pytest.raises(PrinterError) as caught:
        printer.status()
    assert caught.value.kind == "unreachable"


@pytest.mark.parametrize(
    "settings", [{"parity": "E"}, {"bytesize": 7}, {"dsrdtr": True}, {"rtscts": True}]
)
def test_a_pty_tolerates_settings_meant_for_a_real_port(settings):
    with FakePrinter().start_pty() as fake:
        for _ in range(2):  # a pty refuses parity or 7 bits once it has been configured
            port = open_port(fake.url, timeout=0.3, **settings)
            try:
                port.write(bytes.fromhex("10 04 04"))
                assert port.read(1) == b"\x12"
            finally:
                port.close()


def test_a_real_port_setting_error_is_not_hidden(tmp_path):
    with pytest.raises(Exception):  # noqa: B017 - whatever pyserial raises for a missing port
        open_port(str(tmp_path / "nothing"), parity="E")
