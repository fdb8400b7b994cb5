"""The search screen says why a search could not run, and never that the database is gone
when it is not."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from ui.main_window import MainWindow


def search_screen(qtbot, make_context, actor):
    window = MainWindow(make_context(), actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window.role_screen.workspace.search_panel


def run_search(qtbot, panel, typed: str) -> None:
    panel.search_box.setText(typed)
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        panel.search()


@pytest.fixture
def shallow_sqlite(core):
    """The database refuses the search's statements, as SQLite once did for 10,000
    characters ("Expression tree is too large")."""

    def limit(dbapi_connection, _record) -> None:
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 6)

    event.listen(core.engine, "connect", limit)
    core.engine.dispose()
    yield
    event.remove(core.engine, "connect", limit)
    core.engine.dispose()


def test_a_refused_search_is_a_search_error_and_the_database_stays_online(
    qtbot, make_context, clerk, runner, shallow_sqlite
):
    panel = search_screen(qtbot, make_context, clerk)
    offline: list[bool] = []
    runner.online_changed.connect(offline.append)
    run_search(qtbot, panel, "たかはし 桜町2-14")
    assert panel.status.text() == message_for(CounterAppError(ErrorCode.SEARCH_FAILED), "ja")
    assert runner.online and offline == []
    assert panel.model.rowCount() == 0


def test_limits_and_invisible_characters_are_explained(qtbot, make_context, clerk, runner):
    panel = search_screen(qtbot, make_context, clerk)
    run_search(qtbot, panel, " ".join(["た", "高"] * 7))
    assert "12語まで" in panel.status.text()
    run_search(qtbot, panel, "高" * 10_000)
    assert "200文字まで" in panel.status.text()
    run_search(qtbot, panel, "たかはし\x1bはなこ")
    assert "U+001B" in panel.status.text() and "\x1b" not in panel.status.text()
    assert runner.online
