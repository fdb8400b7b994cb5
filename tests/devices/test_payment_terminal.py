"""The payment terminal client and the fake terminal, through real local sockets: an
approval, a decline (a card refused, a prepaid balance too low), a terminal that never
answers or answers too late (an error, nothing charged), one that cannot be reached, and
an answer that is not the protocol's."""

from __future__ import annotations

import inspect
import json
import socket
import threading
import time

import pytest

from counter_app.ports import CashlessResult, PaymentTerminal
from devices.payment import (
    PROTOCOL,
    PaymentProblem,
    PaymentTerminalClient,
    PaymentTerminalError,
    TerminalAnswer,
    parse_terminal_url,
)
from devices.payment_fake import INSUFFICIENT_BALANCE, Charge, FakePaymentTerminal


@pytest.fixture
def fake():
    terminal = FakePaymentTerminal().start()
    yield terminal
    terminal.stop()


def test_the_client_has_the_shape_of_the_core_s_payment_terminal_port(fake):
    """devices/ imports nothing of ours: the port is satisfied by shape, checked here."""
    for name in ("charge", "close"):
        port = inspect.signature(getattr(PaymentTerminal, name))
        client = inspect.signature(getattr(PaymentTerminalClient, name))
        assert list(client.parameters) == list(port.parameters), name
    answer = PaymentTerminalClient(fake.url).charge(300, "R20261205-0001")
    for name in ("approved", "method", "reference", "message"):
        assert isinstance(getattr(CashlessResult, name), property)
        assert hasattr(answer, name), name


def test_an_approved_charge_names_the_method_and_reference_and_is_charged_once(fake):
    fake.method = "ic"
    answer = PaymentTerminalClient(fake.url).charge(900, "R20261205-0007")
    assert answer == TerminalAnswer(True, "ic", "FAKE-000001", "")
    assert fake.charges == [Charge("R20261205-0007", 900, "ic", "FAKE-000001")]
    [request] = fake.requests
    assert request["protocol"] == PROTOCOL and request["op"] == "charge"
    assert (request["amount_yen"], request["order"]) == (900, "R20261205-0007")
    second = PaymentTerminalClient(fake.url).charge(300, "R20261205-0008")
    assert second.reference == "FAKE-000002"


def test_a_declined_card_is_an_answer_not_an_error_and_charges_nothing(fake):
    fake.mode = "decline"
    answer = PaymentTerminalClient(fake.url).charge(300, "R20261205-0001")
    assert not answer.approved
    assert answer.message == fake.decline_message
    assert fake.charges == []


def test_a_prepaid_balance_pays_until_it_runs_short(fake):
    fake.balance_yen = 500
    client = PaymentTerminalClient(fake.url)
    assert client.charge(300, "R20261205-0001").approved
    short = client.charge(300, "R20261205-0002")
    assert (short.approved, short.message) == (False, INSUFFICIENT_BALANCE)
    assert [c.amount_yen for c in fake.charges] == [300]
    assert fake.balance_yen == 200


def test_a_terminal_that_never_answers_raises_in_time_and_charges_nothing(fake, monkeypatch):
    fake.mode = "silent"
    monkeypatch.setattr("devices.payment.ANSWER_MARGIN", 0.2)
    client = PaymentTerminalClient(fake.url, answer_within=0.5)
    started = time.monotonic()
    with pytest.raises(PaymentTerminalError) as caught:
        client.charge(300, "R20261205-0001")
    waited = time.monotonic() - started
    assert caught.value.kind is PaymentProblem.NO_ANSWER
    assert "nothing was charged" in str(caught.value)
    assert 0.6 <= waited < 2.0, waited
    assert len(fake.requests) == 1 and fake.charges == []


def test_an_answer_later_than_the_deadline_is_abandoned_by_the_terminal(fake, monkeypatch):
    """The protocol's promise: past `answer_within_ms` the terminal charges nothing, so the
    client's "nothing was charged" is true."""
    fake.answer_delay = 1.0
    monkeypatch.setattr("devices.payment.ANSWER_MARGIN", 1.5)
    with pytest.raises(PaymentTerminalError) as caught:
        PaymentTerminalClient(fake.url, answer_within=0.4).charge(300, "R20261205-0001")
    assert caught.value.kind is PaymentProblem.NO_ANSWER
    assert fake.charges == []
    fake.answer_delay = 0.2  # slow but in time: paid
    assert PaymentTerminalClient(fake.url, answer_within=0.4).charge(300, "R2").approved


def test_a_terminal_that_cannot_be_reached_raises_at_once():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(PaymentTerminalError) as caught:
        PaymentTerminalClient(f"tcp://127.0.0.1:{port}").charge(300, "R20261205-0001")
    assert caught.value.kind is PaymentProblem.UNREACHABLE
    assert time.monotonic() - started < 1.0


def test_an_answer_outside_the_protocol_is_never_taken_as_paid(fake):
    fake.mode = "garbled"
    with pytest.raises(PaymentTerminalError) as caught:
        PaymentTerminalClient(fake.url).charge(300, "R20261205-0001")
    assert caught.value.kind is PaymentProblem.BAD_ANSWER
    assert "journal" in str(caught.value)


def test_an_answer_to_another_request_is_refused():
    """A terminal (or gateway) mixing up its connections: the id must be the request's."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer_wrongly():
        connection, _ = server.accept()
        with connection:
            connection.recv(4096)
            reply = {"protocol": PROTOCOL, "id": "someone-else", "result": "approved",
                     "method": "credit", "reference": "X1", "message": ""}  # fmt: skip
            connection.sendall(json.dumps(reply).encode() + b"\n")

    thread = threading.Thread(target=answer_wrongly, daemon=True)
    thread.start()
    url = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    with pytest.raises(PaymentTerminalError) as caught:
        PaymentTerminalClient(url).charge(300, "R20261205-0001")
    thread.join(2)
    server.close()
    assert caught.value.kind is PaymentProblem.BAD_ANSWER
    assert "another request" in str(caught.value)


@pytest.mark.parametrize("amount", [0, -300, 10_000_000])
def test_an_amount_outside_a_desk_s_range_is_refused_before_anything_is_sent(fake, amount):
    with pytest.raises(ValueError, match="yen"):
        PaymentTerminalClient(fake.url).charge(amount, "R20261205-0001")
    assert fake.requests == []


@pytest.mark.parametrize(
    "url",
    ["socket://127.0.0.1:7000", "tcp://127.0.0.1", "tcp://:7000", "tcp://h:0", "tcp://h:70000",
     "tcp://h:port", "tcp://h:7000/path"],
)  # fmt: skip
def test_a_terminal_url_is_tcp_host_and_port(url):
    with pytest.raises(ValueError, match="payment terminal URL"):
        parse_terminal_url(url)


def test_a_good_url_parses():
    assert parse_terminal_url("tcp://192.0.2.30:7000") == ("192.0.2.30", 7000)
    assert parse_terminal_url("tcp://pay-01.city.local:7000") == ("pay-01.city.local", 7000)
