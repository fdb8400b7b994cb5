"""The database goes away: a plain red banner, write actions off, nothing written and
nothing typed lost; the banner goes and the actions come back once it returns.

SQLite stands in for the server: the folder holding the database file is moved away
(after the engine's pooled connections are closed), so every new connection fails as a
lost server does, and moved back."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from PySide6.QtCore import Qt

from tests.ui import test_guide_flow as guide_flow
from tests.ui.support import record_draft_saves
from tests.ui.test_guide_flow import (
    answer_sc01,
    compute,
    open_guide,
    open_kenta,
    open_screen,
)
from ui import ops
from ui.connection_guard import ConnectionGuard
from ui.guide.adjust_dialog import AdjustDialog

# the SC01 walk-through's fixtures
sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes

BANNER = "データベースに接続できません。入力内容は保たれています。再接続を待っています…"


@pytest.fixture
def config(config, tmp_path):
    (tmp_path / "data").mkdir()  # moved away and back to play the database going away
    return dataclasses.replace(config, database_url=f"sqlite:///{tmp_path}/data/db.sqlite3")


def test_the_banner_comes_and_goes_with_the_database(
    qtbot, make_context, sc01, clerk, tmp_path, monkeypatch, no_message_boxes
):

    context = make_context()
    window, workspace = open_screen(qtbot, context, clerk)
    guard: ConnectionGuard = window.connection_guard
    guard.timer.setInterval(100)
    calls = window.role_screen.window_panel
    assert guard.isHidden()
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    confirm = panel.results.confirm_button
    qtbot.waitUntil(lambda: confirm.isEnabled() and calls.call_button.isEnabled())

    # the database goes away
    data, away = tmp_path / "data", tmp_path / "away"
    sc01.engine.dispose()
    shutil.move(data, away)
    writes = record_draft_saves(monkeypatch)
    tickets = sc01.tickets
    ops.db(guard, context.runner, lambda: tickets.board(), on_failure=lambda _error: None)
    qtbot.waitUntil(lambda: guard.isVisible(), timeout=10_000)
    assert guard.text() == BANNER
    assert not context.runner.online
    assert not confirm.isEnabled()
    assert not calls.call_button.isEnabled()
    confirm.click()  # does nothing
    calls.call_next()  # does nothing
    # nor can a procedure be dropped or added (each writes its reason to the audit log),
    # nor forms made (they draw the visit's number and log the My Numbers read)
    results = panel.results
    assert not results.drop_button.isEnabled() and not results.add_button.isEnabled()
    assert not results.forms_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(
        AdjustDialog, "ask_drop", classmethod(lambda cls, parent, name: asked.append(name))
    )
    results.tree.setCurrentItem(results.item("newborn_contact_card"))
    qtbot.keyClick(results.tree, Qt.Key.Key_Delete)
    qtbot.keyClick(results.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [] and results.preview is None

    # typing goes on: kept in the widgets, nothing written while the database is gone
    questions = panel.questions
    questions.schedule_save()
    qtbot.wait(600)
    assert writes == [] and questions._save_pending

    # the database returns: the banner goes, the actions come back, the draft is saved
    with qtbot.waitSignal(questions.draft_saved, timeout=10_000):
        shutil.move(away, data)
    qtbot.waitUntil(lambda: guard.isHidden(), timeout=10_000)
    assert context.runner.online
    assert confirm.isEnabled() and calls.call_button.isEnabled()
    assert results.drop_button.isEnabled() and results.add_button.isEnabled()
    assert results.forms_button.isEnabled()
    assert writes == ["draft"]
    assert panel.results.visit is None
    assert sc01.visits.load_draft(clerk).event_type == "birth"
    assert not no_message_boxes
