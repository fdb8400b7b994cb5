"""Database calls off the GUI thread, one at a time (ui/workers.py; screens use ui/ops.py).

The runner runs nothing but database calls: rendering and printing have workers of
their own (ui/workers.CpuPool, the device workers), so they never hold up a save.

A call that fails because the database is gone (a database error that
counter_app.db.failures.is_unavailable calls so, other than a locked SQLite file, or
DB_UNREACHABLE) reaches `on_failure` as CounterAppError(DB_UNREACHABLE, or DB_SERVER_FULL
when the server has no free connection: errors.DB_AWAY) and sets `online` to False
(`online_changed`); ui/connection_guard.py says so, checks again with backoff and sets it
back. Screens keep their write actions off while `online` is
False. Any other database error is the failure of that call, never an outage: it goes
to `on_error` like any unexpected exception.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import DBAPIError

from counter_app.db.engine import database_error
from counter_app.db.failures import is_unavailable
from counter_app.errors import DB_AWAY, CounterAppError

from .workers import Job, Worker


class DbRunner(Worker):
    """A serial worker for one database: calls never overlap, so SQLite never sees two
    writers from this PC and a slow server never freezes the screen."""

    online_changed = Signal(bool)  # False once a call found the database gone, True when back

    def __init__(self, parent: QObject | None = None, *, name: str = "counter-app-db") -> None:
        super().__init__(1, name, parent)
        self.online = True
        self.database_url = ""  # for the message (set by ui/connection_guard.py)

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def settle(self, job: Job) -> None:
        if job.ok:
            return
        if isinstance(job.outcome, DBAPIError) and is_unavailable(job.outcome):
            job.outcome = database_error(job.outcome, self.database_url)
        if isinstance(job.outcome, CounterAppError) and job.outcome.code in DB_AWAY:
            self.set_online(False)
