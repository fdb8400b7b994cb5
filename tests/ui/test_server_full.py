"""A PostgreSQL server with no free connection (an office that outgrew max_connections, a
busy morning after a failover): a terminal says so, holds its writes, keeps what the clerk
typed and comes back by itself once a connection frees; one started meanwhile waits and
opens. The server is real, with the stock max_connections; `server_filled` holds every
connection it gives."""

from __future__ import annotations

import dataclasses

import pytest

from counter_app.config import Config
from counter_app.db.backoff import Backoff
from tests.helpers import TERMINAL
from tests.postgres import server_filled
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
from ui.guide.answer_widgets import AnswerField
from ui.session import SessionFlow

pytestmark = pytest.mark.postgres

sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes

BANNER = "データベースに接続できません。入力内容は保たれています。再接続を待っています…"
QUICK = {"first": 0.2, "most": 0.5}  # the tests' retry waits (a city's: 1 s doubling to 30 s)


@pytest.fixture
def config(config, postgres_url):
    return dataclasses.replace(config, database_url=postgres_url)


def test_a_terminal_on_a_full_server_holds_its_writes_and_keeps_the_draft(
    qtbot, make_context, sc01, clerk, postgres_url, monkeypatch, no_message_boxes
):
    context = make_context()
    window, workspace = open_screen(qtbot, context, clerk)
    guard: ConnectionGuard = window.connection_guard
    guard.backoff = Backoff(**QUICK)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    confirm = panel.results.confirm_button
    qtbot.waitUntil(confirm.isEnabled)
    questions = panel.questions
    questions.stop_saving()  # the answers' own pending save, done now
    with qtbot.waitSignal(questions.draft_saved, timeout=10_000):
        questions.save_draft()
    writes = record_draft_saves(monkeypatch)

    # The server cuts this PC's connection and every place is taken when it asks again.
    with server_filled(postgres_url, dropping="counter-app"):
        tickets = sc01.tickets
        ops.db(guard, context.runner, lambda: tickets.board(), on_failure=lambda _error: None)
        qtbot.waitUntil(guard.isVisible, timeout=10_000)
        assert guard.text() == BANNER
        assert not context.runner.online and not confirm.isEnabled()
        # the clerk goes on typing: kept in the widgets, nothing written
        weight = questions.findChild(AnswerField, "field_birth_weight_g")
        weight.editor.spin.setValue(3250)  # on the questions behind the results
        questions.schedule_save()
        qtbot.wait(1500)  # several tries, each refused
        assert guard.isVisible() and writes == [] and questions._save_pending

    # A connection frees: the banner goes by itself and the held draft is saved.
    with qtbot.waitSignal(questions.draft_saved, timeout=15_000):
        pass
    qtbot.waitUntil(guard.isHidden, timeout=10_000)
    assert context.runner.online and confirm.isEnabled()
    assert writes == ["draft"]
    draft = sc01.visits.load_draft(clerk)
    assert draft.event_type == "birth"
    assert draft.answers["birth_weight_g"] == 3250
    assert draft.answers["newborn_given_name"] == "陽菜"
    assert not no_message_boxes


def test_a_terminal_started_on_a_full_server_waits_and_opens(qtbot, postgres_url):
    flow = SessionFlow(
        Config(database_url=postgres_url, terminal_name=TERMINAL, idle_lock_minutes=0),
        "ja",
        idle_ms=0,
    )
    flow.open_backoff = Backoff(**QUICK)
    exits: list[int] = []
    flow.finished.connect(exits.append)
    with server_filled(postgres_url):
        flow.start()
        qtbot.waitUntil(
            lambda: flow.notice is not None and flow.notice.quit_button.isVisible(),
            timeout=10_000,
        )
        said = flow.notice.text.text()
        assert "接続数が上限に達しています" in said and "秒後にもう一度接続します" in said
        qtbot.wait(1000)  # tried again meanwhile, refused again
        assert flow.login_dialog is None and exits == []
    qtbot.waitUntil(
        lambda: flow.login_dialog is not None and flow.login_dialog.isVisible(), timeout=15_000
    )
    assert flow.notice is None
    with qtbot.waitSignal(flow.finished, timeout=10_000):
        flow.quit()
    assert exits == [0]
