"""The inbox while the database is away: every action off and refused, none of them lost
in a queue; all back once the database returns.

As in test_connection_guard.py, SQLite stands in for the server: the folder holding the
database file is moved away, so every new connection fails as a lost server does."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from counter_app.permissions import RoleCode
from counter_app.visits.inbox import InboxService
from tests.visits import login, sc01
from ui.connection_guard import ConnectionGuard
from ui.inbox.inbox_screen import InboxScreen
from ui.message_box import MessageBox


@pytest.fixture
def config(config, tmp_path):
    (tmp_path / "data").mkdir()  # moved away and back to play the database going away
    return dataclasses.replace(config, database_url=f"sqlite:///{tmp_path}/data/db.sqlite3")


@pytest.fixture
def message_boxes(monkeypatch) -> list[str]:
    shown: list[str] = []
    for kind in ("error", "about"):
        monkeypatch.setattr(
            MessageBox, kind, classmethod(lambda cls, parent, title, text: shown.append(text))
        )
    return shown


def test_the_inbox_acts_only_while_the_database_answers(
    qtbot, core, make_context, tmp_path, monkeypatch, message_boxes
):
    clerk = login(core, "madoguchi", RoleCode.WINDOW_CLERK)
    kodomo1 = login(core, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
    resident_id, case, result = sc01(core, clerk)
    number = core.visits.create_visit(
        clerk, case, result.procedures, resident_id=resident_id
    ).visit_number
    context = make_context()
    guard = ConnectionGuard(context, first_retry_seconds=0.1)
    qtbot.addWidget(guard)
    inbox = InboxScreen(context, kodomo1)
    qtbot.addWidget(inbox)
    qtbot.waitUntil(lambda: inbox.find(number, "child_allowance_claim") is not None)
    assert inbox.select(number, "child_allowance_claim")
    assert inbox.claim_button.isEnabled() and inbox.forms_button.isEnabled()
    claims: list[int] = []
    original = InboxService.claim
    monkeypatch.setattr(
        InboxService,
        "claim",
        lambda self, actor, item_id: (claims.append(item_id), original(self, actor, item_id))[1],
    )

    # The database goes away: found by the next load, which the banner tells, not a box.
    data, away = tmp_path / "data", tmp_path / "away"
    core.engine.dispose()
    shutil.move(data, away)
    inbox.reload()
    qtbot.waitUntil(lambda: not context.runner.online, timeout=10_000)
    for button in (
        inbox.claim_button,
        inbox.return_button,
        inbox.approve_button,
        inbox.reject_button,
        inbox.release_button,
        inbox.reassign_button,
        inbox.forms_button,
    ):
        assert not button.isEnabled(), button.text()
    inbox.claim()  # as a shortcut would: refused
    inbox.show_forms()
    qtbot.wait(300)
    assert claims == []
    assert message_boxes == []

    # The database returns: the actions come back and work.
    shutil.move(away, data)
    qtbot.waitUntil(lambda: context.runner.online, timeout=10_000)
    qtbot.waitUntil(lambda: inbox.claim_button.isEnabled())
    assert inbox.forms_button.isEnabled()
    inbox.claim_button.click()
    qtbot.waitUntil(
        lambda: inbox.find(number, "child_allowance_claim").procedure.holder_login == "kodomo1"
    )
    assert len(claims) == 1
    assert message_boxes == []
