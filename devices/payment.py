"""The window's cashless payment terminal over TCP: charge an amount, read approved or declined.

    terminal = PaymentTerminalClient("tcp://192.0.2.30:7000")
    answer = terminal.charge(900, "R20261205-0007")   # TerminalAnswer, or PaymentTerminalError
    answer.approved, answer.method, answer.reference, answer.message

The protocol is OUR OWN, not a vendor's: no real terminal speaks it. It is the smallest
thing a gateway in front of a city's terminal (or `payment_fake.FakePaymentTerminal`)
needs to implement, so the desk has a port to pay through and tests have real sockets:

- One TCP connection per charge. The client sends one line, the terminal answers one
  line, and the connection closes. A line is one JSON object in UTF-8 ending with LF,
  at most MAX_LINE bytes.
- Request: {"protocol": "counter-app-payment/1", "op": "charge", "id": "<hex>",
  "amount_yen": 900, "order": "R20261205-0007", "answer_within_ms": 90000}
- Answer: {"protocol": "counter-app-payment/1", "id": "<the request's>",
  "result": "approved" | "declined", "method": "credit" | "ic" | "qr" | …,
  "reference": "<the terminal's transaction id>", "message": "<why, when declined>"}
- A terminal that cannot answer within `answer_within_ms` (the resident walked away, the
  card reader hangs) abandons the charge: it charges nothing and answers nothing. So a
  client that hears nothing by then (plus a margin for the wire) knows nothing was
  charged, and says so (PaymentTerminalError "no_answer").

Card data never crosses this line: the answer carries the method and the terminal's
transaction id only. Imports nothing of counter-app: `counter_app.ports.PaymentTerminal`
is satisfied by shape.
"""

from __future__ import annotations

import json
import secrets
import socket
import time
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

PROTOCOL = "counter-app-payment/1"
SCHEME = "tcp"
MAX_LINE = 4096  # bytes of one line, LF included
MAX_AMOUNT_YEN = 9_999_999  # a desk's charge; more is a typing mistake
MAX_ORDER = 64  # characters of the order (a receipt number)
ANSWER_MARGIN = 2.0  # seconds the client waits beyond the terminal's own deadline


class PaymentProblem(StrEnum):
    """Why a charge got no usable answer."""

    UNREACHABLE = "unreachable"  # no connection to the terminal: nothing was charged
    NO_ANSWER = "no_answer"  # no answer in time: the terminal abandoned it, nothing charged
    # An answer that is not the protocol's: the desk treats it as not paid, and the
    # terminal's own journal says what it did.
    BAD_ANSWER = "bad_answer"


class PaymentTerminalError(Exception):
    """The terminal gave no usable answer; `kind` is a stable PaymentProblem for the UI."""

    def __init__(self, kind: PaymentProblem | str, url: str, detail: str = ""):
        self.kind = PaymentProblem(kind)
        self.url = url
        self.detail = detail
        words = {
            PaymentProblem.UNREACHABLE: "cannot connect, nothing was charged",
            PaymentProblem.NO_ANSWER: "no answer in time, nothing was charged",
            PaymentProblem.BAD_ANSWER: "answer not understood, not taken as paid: "
            "check the terminal's journal",
        }[self.kind]
        super().__init__(f"payment terminal {url}: {words}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True)
class TerminalAnswer:
    """The terminal's answer to a charge (a counter_app.ports.CashlessResult)."""

    approved: bool
    method: str
    reference: str
    message: str = ""


def parse_terminal_url(url: str) -> tuple[str, int]:
    """("host", port) of "tcp://host:port"; ValueError saying what is wrong otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # a port that is not a number, or out of 0-65535
        raise ValueError(f"payment terminal URL {url!r}: {error}") from None
    if parts.scheme != SCHEME or not parts.hostname or port is None or not 1 <= port <= 65535:
        raise ValueError(f"payment terminal URL must be tcp://HOST:PORT (port 1-65535): {url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(f"payment terminal URL has nothing after the port: {url!r}")
    return parts.hostname, port


def charge_request(request_id: str, amount_yen: int, order: str, answer_within_ms: int) -> bytes:
    """One request line (the protocol above)."""
    return _line(
        {
            "protocol": PROTOCOL,
            "op": "charge",
            "id": request_id,
            "amount_yen": amount_yen,
            "order": order,
            "answer_within_ms": answer_within_ms,
        }
    )


def answer_line(
    request_id: str, approved: bool, method: str, reference: str, message: str
) -> bytes:
    """One answer line (the protocol above), as a terminal sends it."""
    return _line(
        {
            "protocol": PROTOCOL,
            "id": request_id,
            "result": "approved" if approved else "declined",
            "method": method,
            "reference": reference,
            "message": message,
        }
    )


def _line(message: dict) -> bytes:
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    if len(data) > MAX_LINE:
        raise ValueError(f"a protocol line is at most {MAX_LINE} bytes: {len(data)}")
    return data


class PaymentTerminalClient:
    """A counter_app.ports.PaymentTerminal talking to `url` ("tcp://host:port").

    `answer_within` is how long the resident has at the terminal (the terminal abandons
    the charge after it); `connect_timeout` how long a connection may take to open."""

    def __init__(self, url: str, *, answer_within: float = 90.0, connect_timeout: float = 3.0):
        self.host, self.port = parse_terminal_url(url)
        if not 0 < answer_within <= 600:
            raise ValueError(f"answer_within is 0-600 seconds: {answer_within}")
        self.url = url
        self.answer_within = answer_within
        self.connect_timeout = connect_timeout

    def charge(self, amount_yen: int, order: str) -> TerminalAnswer:
        """Charge `amount_yen` for `order`: approved or declined as the terminal answers;
        raises PaymentTerminalError (nothing charged) when it cannot be reached or does
        not answer in time."""
        if isinstance(amount_yen, bool) or not isinstance(amount_yen, int):
            raise TypeError(f"amount_yen is an int: {amount_yen!r}")
        if not 1 <= amount_yen <= MAX_AMOUNT_YEN:
            raise ValueError(f"a charge is 1-{MAX_AMOUNT_YEN:,} yen: {amount_yen}")
        if not order or len(order) > MAX_ORDER or not order.isascii() or not order.isprintable():
            raise ValueError(f"the order is 1-{MAX_ORDER} printable ASCII characters: {order!r}")
        request_id = secrets.token_hex(8)
        request = charge_request(request_id, amount_yen, order, int(self.answer_within * 1000))
        try:
            connection = socket.create_connection((self.host, self.port), self.connect_timeout)
        except OSError as error:
            raise PaymentTerminalError(PaymentProblem.UNREACHABLE, self.url, str(error)) from error
        with connection:
            try:
                connection.sendall(request)
            except OSError as error:
                raise PaymentTerminalError(
                    PaymentProblem.UNREACHABLE, self.url, str(error)
                ) from error
            line = self._read_line(
                connection, time.monotonic() + self.answer_within + ANSWER_MARGIN
            )
        return self._answer(line, request_id)

    def close(self) -> None:
        """Nothing stays open between charges (one connection each)."""

    def __enter__(self) -> PaymentTerminalClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read_line(self, connection: socket.socket, deadline: float) -> bytes:
        data = bytearray()
        while b"\n" not in data:
            left = deadline - time.monotonic()
            if left <= 0:
                raise PaymentTerminalError(PaymentProblem.NO_ANSWER, self.url)
            connection.settimeout(left)
            try:
                chunk = connection.recv(MAX_LINE)
            except TimeoutError:
                raise PaymentTerminalError(PaymentProblem.NO_ANSWER, self.url) from None
            except OSError as error:
                raise PaymentTerminalError(
                    PaymentProblem.NO_ANSWER, self.url, str(error)
                ) from error
            if not chunk:  # closed without an answer: it gave up on the charge
                raise PaymentTerminalError(
                    PaymentProblem.NO_ANSWER, self.url, "closed without answering"
                )
            data += chunk
            if len(data) > MAX_LINE:
                raise PaymentTerminalError(
                    PaymentProblem.BAD_ANSWER, self.url, f"a line longer than {MAX_LINE} bytes"
                )
        return bytes(data[: data.index(b"\n")])

    def _answer(self, line: bytes, request_id: str) -> TerminalAnswer:
        def bad(detail: str) -> PaymentTerminalError:
            return PaymentTerminalError(PaymentProblem.BAD_ANSWER, self.url, detail)

        try:
            answer = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise bad(f"not a JSON line: {error}") from None
        if not isinstance(answer, dict) or answer.get("protocol") != PROTOCOL:
            raise bad(f"not {PROTOCOL}")
        if answer.get("id") != request_id:
            raise bad("the answer is to another request")
        result = answer.get("result")
        fields = [answer.get(key, "") for key in ("method", "reference", "message")]
        if result not in ("approved", "declined") or not all(isinstance(f, str) for f in fields):
            raise bad(f"result {result!r}")
        method, reference, message = fields
        if result == "approved" and not (method and reference):
            raise bad("an approval without its method and reference")
        return TerminalAnswer(result == "approved", method, reference, message)
