"""`counter-app simulate`: the fake devices served over a socket, with readable output."""

import argparse
import queue
import re
import threading

import pytest

from devices.displays import CounterDisplay
from devices.payment import PaymentTerminalClient, PaymentTerminalError
from devices.printer import PrinterError, TicketPrinter
from devices.simulate import parse_listen, run_simulator
from devices.ticket import ticket_bytes
from station.commands import simulate as simulate_cmd
from tests.devices.test_ticket import TICKET


class Simulator:
    """run_simulator in a thread, fed commands through a queue, its output in a list."""

    def __init__(self, kind, listen="socket://127.0.0.1:0", **options):
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.commands: queue.Queue[str | None] = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=run_simulator,
            args=(kind, listen),
            kwargs=dict(out=self.out, commands=iter(self.commands.get, None), stop=self.stop,
                        **options),
        )  # fmt: skip
        self.thread.start()
        [listen] = self.wait_for(r"\[listen\] ((?:socket|tcp)://\S+)")
        self.url = listen

    def out(self, line: str) -> None:
        with self.changed:
            self.lines.append(line)
            self.changed.notify_all()

    def wait_for(self, pattern: str, timeout: float = 3.0) -> tuple[str, ...]:
        def found():
            for line in self.lines:
                if match := re.fullmatch(pattern, line):
                    return match
            return None

        with self.changed:
            match = self.changed.wait_for(found, timeout)
        assert match, f"no line matches {pattern!r} in {self.lines}"
        return match.groups()

    def close(self) -> None:
        self.stop.set()
        self.commands.put(None)
        self.thread.join(3)
        assert not self.thread.is_alive()


@pytest.fixture
def printer_simulator():
    simulator = Simulator("printer")
    yield simulator
    simulator.close()


def test_the_printer_simulator_shows_the_ticket(printer_simulator):
    with TicketPrinter(printer_simulator.url, timeout=0.3) as printer:
        printer.print_ticket(ticket_bytes(TICKET))
    printer_simulator.wait_for(r"\[cut\].*")
    lines = printer_simulator.lines
    assert "[status n=4] → 0x12" in lines
    assert "[text] center x1 bold みどり市" in lines
    assert "[text] center x6 bold A-012" in lines
    assert "[text] left x1 お待ちの方 3人" in lines
    assert "[barcode CODE128] T-20261201-A-012" in lines
    assert lines.index("[barcode CODE128] T-20261201-A-012") < lines.index("[cut] partial")


def test_the_printer_simulator_plays_paper_end_and_offline(printer_simulator):
    printer = TicketPrinter(printer_simulator.url, timeout=0.3)
    try:
        printer_simulator.commands.put("paper_end")
        printer_simulator.wait_for(r"\[state\] paper_end")
        with pytest.raises(PrinterError) as caught:
            printer.print_ticket(ticket_bytes(TICKET))
        assert caught.value.kind == "paper_end"
        printer_simulator.commands.put("offline")
        printer_simulator.wait_for(r"\[state\] offline")
        assert printer.status().unknown
        printer_simulator.wait_for(r"\[status n=1\] → \(no reply\)")
        printer_simulator.commands.put("normal")
        printer_simulator.wait_for(r"\[state\] normal")
        assert printer.status().can_print
    finally:
        printer.close()
    printer_simulator.commands.put("jam")
    printer_simulator.wait_for(r"\[\?\] unknown command 'jam'.*")


def test_the_display_simulator_shows_both_lines():
    simulator = Simulator("display", protocol="cd5220")
    try:
        with CounterDisplay(simulator.url, "cd5220") as display:
            display.show("バンゴウ A012", "3バン マドグチ")
        simulator.wait_for(r"\[display 1\] \|ﾊﾞﾝｺﾞｳ A012 *\|")
        simulator.wait_for(r"\[display 2\] \|3ﾊﾞﾝ ﾏﾄﾞｸﾞﾁ *\|")
    finally:
        simulator.close()


def test_the_payment_simulator_charges_declines_and_says_so():
    simulator = Simulator("payment", "tcp://127.0.0.1:0")
    try:
        client = PaymentTerminalClient(simulator.url, answer_within=2.0)
        approved = client.charge(900, "W1-1")
        assert (approved.approved, approved.reference) == (True, "FAKE-000001")
        simulator.wait_for(r"\[charge\] 900 yen order=W1-1 → .*\"approved\".*FAKE-000001.*")
        simulator.commands.put("decline")
        simulator.wait_for(r"\[mode\] decline")
        assert not client.charge(300, "W1-2").approved
        simulator.wait_for(r"\[charge\] 300 yen order=W1-2 → .*\"declined\".*")
        simulator.commands.put("silent")
        simulator.wait_for(r"\[mode\] silent")
        with pytest.raises(PaymentTerminalError) as silent:
            PaymentTerminalClient(simulator.url, answer_within=0.2).charge(300, "W1-3")
        assert silent.value.kind == "no_answer"
        simulator.commands.put("refund")
        simulator.wait_for(r"\[\?\] unknown command 'refund'.*approve decline silent garbled.*")
    finally:
        simulator.close()


def test_quit_ends_the_simulator():
    lines = []
    assert run_simulator("printer", "pty", out=lines.append, commands=["near_end", "quit"]) == 0
    assert lines[0].startswith("[listen] /dev/")
    assert "[state] near_end" in lines


@pytest.mark.parametrize("listen", ["tcp://x:1", "socket://127.0.0.1", "/dev/ttyS0"])
def test_listen_is_a_socket_url_or_pty(listen):
    with pytest.raises(ValueError):
        parse_listen(listen)


@pytest.mark.parametrize("listen", ["pty", "socket://127.0.0.1:7000", "tcp://127.0.0.1"])
def test_a_payment_terminal_listens_on_tcp_only(listen):
    with pytest.raises(ValueError):
        parse_listen(listen, "payment")


def test_the_cli_registers_simulate():
    parser = argparse.ArgumentParser()
    common = argparse.ArgumentParser(add_help=False)
    simulate_cmd.register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(
        ["simulate", "display", "--listen", "socket://127.0.0.1:9100", "--protocol", "cd5220"]
    )
    assert (args.kind, args.listen, args.protocol) == (
        "display",
        "socket://127.0.0.1:9100",
        "cd5220",
    )
    assert args.handler is simulate_cmd.run_simulate
    bad = parser.parse_args(["simulate", "printer", "--listen", "tcp://127.0.0.1:1"])
    assert bad.handler(bad) == 2
