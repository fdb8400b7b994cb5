"""Constants and helpers shared by the screen tests."""

from __future__ import annotations

from counter_app.app import CounterApp
from counter_app.demo.staff import finish_demo
from counter_app.permissions import console_actor
from tests.helpers import PROJECT_ROOT, TERMINAL

PASSWORD = "correct-horse-1"
TS_FILE = PROJECT_ROOT / "resources" / "translations" / "counter_app_en.ts"


def make_demo(core: CounterApp) -> None:
    """What `counter-app demo-data` does to the staff: the demo users and the demo flag."""
    with core.db.write() as session:
        finish_demo(session, console_actor(TERMINAL))


def record_draft_saves(monkeypatch) -> list[str]:
    """A list that gets "draft" for each draft save from now on (the saves still run)."""
    from counter_app.visits.service import VisitService

    writes: list[str] = []
    original = VisitService.save_draft
    monkeypatch.setattr(
        VisitService,
        "save_draft",
        lambda self, *args: (writes.append("draft"), original(self, *args))[1],
    )
    return writes
