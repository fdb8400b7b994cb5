"""What every screen is given: the core, the database worker (and a back-office PC's live
one), the CPU pool, the PC's device workers and print spooler, the live changes and the UI
language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.app import CounterApp
from counter_app.db.engine import describe_target

from .db_runner import DbRunner
from .live import LiveFeed
from .workers import CpuPool

if TYPE_CHECKING:
    from station.device_workers import DeviceWorkers

    from .outbox.spooler import PrintSpooler


@dataclass(frozen=True)
class UiContext:
    core: CounterApp
    runner: DbRunner
    cpu: CpuPool
    language: str
    demo: bool = False
    municipality: str = ""
    idle_interval_ms: int | None = None  # None: the screen never locks
    live: LiveFeed | None = None  # changes from other PCs; None: screens do not follow them
    # The live refreshes' reads (core.live_inbox), on a back-office PC's live connection
    # (counter_app.db.budget); None: they wait their turn on `runner` like any other read.
    live_runner: DbRunner | None = None
    devices: DeviceWorkers | None = None  # one worker per device; None: no device is driven
    spooler: PrintSpooler | None = None  # prints this PC's print jobs; None: no printer

    @property
    def live_reads(self) -> DbRunner:
        """Where a screen reads what the change feed named: the live connection's worker,
        else the database worker."""
        return self.live_runner or self.runner

    @property
    def database_target(self) -> str:
        return describe_target(str(self.core.engine.url))

    @property
    def terminal_name(self) -> str:
        return self.core.terminal.name


def idle_interval_ms(idle_lock_minutes: int) -> int | None:
    """The config's `ui.idle_lock_minutes` as a timer interval; 0 means never lock."""
    return idle_lock_minutes * 60_000 if idle_lock_minutes > 0 else None
