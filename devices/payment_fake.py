"""A fake payment terminal speaking our own JSON-lines protocol (devices.payment), on a
local TCP socket, for tests, demos and training.

    with FakePaymentTerminal().start() as fake:      # fake.url is "tcp://127.0.0.1:PORT"
        fake.mode = "approve"                         # approve | decline | silent | garbled
        fake.balance_yen = 500                        # a prepaid card: more is declined
        PaymentTerminalClient(fake.url).charge(300, "R20261205-0001")
        fake.charges                                  # what it charged: [Charge(...)]

- approve: approves while the balance lasts (None: no limit), then declines with
  INSUFFICIENT_BALANCE; each approval is one `Charge` with a reference FAKE-000001 ….
- decline: declines every charge with `decline_message` (a card refused).
- silent: reads the request and never answers (a hung reader): nothing is charged.
- garbled: answers a line that is not the protocol's.
`answer_delay` seconds pass before each answer; a terminal that would answer after the
request's `answer_within_ms` abandons the charge (charges nothing, answers nothing), as
the protocol says. Each connection is served on a thread of its own.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .payment import MAX_LINE, PROTOCOL, answer_line

MODES = ("approve", "decline", "silent", "garbled")
INSUFFICIENT_BALANCE = "残高不足 / insufficient balance"


@dataclass(frozen=True)
class Charge:
    order: str
    amount_yen: int
    method: str
    reference: str


class FakePaymentTerminal:
    def __init__(
        self,
        mode: str = "approve",
        *,
        method: str = "credit",
        on_event: Callable[[str], None] | None = None,
    ):
        self.mode = mode
        self.on_event = on_event  # told each request and what became of it, as a line
        self.method = method  # what an approval names: credit, ic, qr …
        self.balance_yen: int | None = None
        self.decline_message = "カードが利用できません / card declined"
        self.answer_delay = 0.0
        self.url: str | None = None
        self.requests: list[dict] = []  # every request read, approved or not
        self.charges: list[Charge] = []  # what was charged
        self._references = itertools.count(1)
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        if value not in MODES:
            raise ValueError(f"payment terminal mode is one of {', '.join(MODES)}: {value!r}")
        self._mode = value

    def start(self, host: str = "127.0.0.1", port: int = 0) -> FakePaymentTerminal:
        server = socket.create_server((host, port))
        server.settimeout(0.05)
        self._server = server
        self.url = f"tcp://{host}:{server.getsockname()[1]}"
        self._spawn(self._accept, server)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(2.0)
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> FakePaymentTerminal:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_for(self, condition: Callable[[], object], timeout: float = 3.0) -> bool:
        """Wait until `condition()` is true (checked after every request)."""
        with self._changed:
            return bool(self._changed.wait_for(condition, timeout))

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="fake-payment")
        self._threads.append(thread)
        thread.start()

    def _accept(self, server: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            request = self._read_request(connection)
            if request is None:
                return
            with self._changed:
                self.requests.append(request)
                self._changed.notify_all()
            asked = f"[charge] {request.get('amount_yen')} yen order={request.get('order')}"
            if self.mode == "silent":
                self._tell(f"{asked} → no answer (silent)")
                self._hold(connection)
                return
            within = request.get("answer_within_ms", 0) / 1000
            if self.answer_delay > within:  # too late to answer: abandoned, nothing charged
                self._stop.wait(within)
                self._tell(f"{asked} → abandoned (answer_delay past the deadline)")
                return
            self._stop.wait(self.answer_delay)
            answer = self._answer(request)
            self._tell(f"{asked} → {answer.decode('utf-8').strip()}")
            with contextlib.suppress(OSError):
                connection.sendall(answer)

    def _tell(self, line: str) -> None:
        if self.on_event is not None:
            self.on_event(line)

    def _read_request(self, connection: socket.socket) -> dict | None:
        connection.settimeout(0.05)
        data = bytearray()
        while b"\n" not in data and len(data) <= MAX_LINE and not self._stop.is_set():
            try:
                chunk = connection.recv(MAX_LINE)
            except TimeoutError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
        if b"\n" not in data:
            return None
        try:
            request = json.loads(data[: data.index(b"\n")].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
            return None
        return request

    def _hold(self, connection: socket.socket) -> None:
        """Keep the connection open, answering nothing, until the client gives up."""
        while not self._stop.is_set():
            try:
                if not connection.recv(MAX_LINE):
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    def _answer(self, request: dict) -> bytes:
        request_id = str(request.get("id", ""))
        if self.mode == "garbled":
            return b"OK\n"
        amount = request.get("amount_yen")
        if request.get("op") != "charge" or not isinstance(amount, int) or amount < 1:
            return answer_line(request_id, False, "", "", "invalid request")
        if self.mode == "decline":
            return answer_line(request_id, False, "", "", self.decline_message)
        with self._changed:
            if self.balance_yen is not None and amount > self.balance_yen:
                return answer_line(request_id, False, "", "", INSUFFICIENT_BALANCE)
            if self.balance_yen is not None:
                self.balance_yen -= amount
            reference = f"FAKE-{next(self._references):06d}"
            self.charges.append(Charge(str(request.get("order")), amount, self.method, reference))
            self._changed.notify_all()
        return answer_line(request_id, True, self.method, reference, "")
