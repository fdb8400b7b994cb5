"""The ops helper on real workers: work runs on the worker it was given to, its answer
comes back on the GUI thread, and a screen closed meanwhile hears nothing."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from counter_app.errors import CounterAppError, ErrorCode
from tests.ui import test_guide_flow
from ui import ops
from ui.db_runner import DbRunner
from ui.workers import CpuPool

no_message_boxes = test_guide_flow.no_message_boxes


def here() -> str:
    return threading.current_thread().name


def test_cpu_work_runs_on_the_pool_and_answers_on_the_gui_thread(qtbot, cpu):
    owner = QObject()
    heard: list[tuple[str, object]] = []
    done = threading.Event()

    def answered(result):
        heard.append((here(), result))
        done.set()

    assert ops.cpu(owner, cpu, lambda: (here(), 6 * 7), on_success=answered)
    qtbot.waitUntil(done.is_set, timeout=5_000)
    [(answered_on, (ran_on, value))] = heard
    assert ran_on.startswith("counter-app-cpu") and value == 42
    assert answered_on == threading.main_thread().name


def test_a_deleted_owner_hears_nothing(qtbot, cpu):
    owner = QObject()
    release = threading.Event()
    heard: list[str] = []
    ops.cpu(
        owner,
        cpu,
        lambda: release.wait(5),
        on_success=lambda _r: heard.append("success"),
        on_done=lambda: heard.append("done"),
    )
    shiboken6.delete(owner)  # the screen closes while its work runs
    release.set()
    qtbot.waitUntil(lambda: not cpu.is_busy(), timeout=5_000)
    assert heard == []


def test_after_shutdown_nothing_runs_and_the_busy_state_ends(qtbot, qapp):
    pool = CpuPool()
    pool.close()
    owner = QObject()
    ran: list[str] = []
    ended: list[str] = []
    assert not ops.cpu(owner, pool, lambda: ran.append("ran"), on_done=lambda: ended.append("x"))
    assert ran == [] and ended == ["x"] and not pool.is_busy()


def test_read_on_the_database_worker_then_work_on_the_pool(qtbot, runner, cpu):
    owner = QObject()
    order: list[str] = []
    result: list[tuple] = []
    ops.db_then_cpu(
        owner,
        runner,
        cpu,
        lambda: here(),
        lambda read_on: (read_on, here()),
        on_success=lambda threads: (order.append("success"), result.append(threads)),
        on_failure=lambda _error: order.append("failure"),
        on_done=lambda: order.append("done"),
    )
    qtbot.waitUntil(lambda: "success" in order, timeout=5_000)
    [(read_on, worked_on)] = result
    assert read_on.startswith("counter-app-db") and worked_on.startswith("counter-app-cpu")
    assert order == ["done", "success"]  # the busy state ends first, once


def test_a_refused_read_never_reaches_the_pool(qtbot, runner, cpu):
    owner = QObject()
    order: list[object] = []
    worked: list[object] = []

    def refuse():
        raise CounterAppError(ErrorCode.DB_UNREACHABLE, target="db.example")

    ops.db_then_cpu(
        owner,
        runner,
        cpu,
        refuse,
        worked.append,
        on_success=lambda _r: order.append("success"),
        on_failure=lambda error: order.append(error.code),
        on_done=lambda: order.append("done"),
    )
    qtbot.waitUntil(lambda: len(order) == 2, timeout=5_000)
    assert order == ["done", ErrorCode.DB_UNREACHABLE] and worked == []
    assert not runner.online  # the database is away for every screen, said once


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_usual_failure_is_told_in_a_message_box(qtbot, no_message_boxes, language):
    screen = QWidget()
    qtbot.addWidget(screen)
    tell = ops.error_box(screen, "手続きナビ", language)
    tell(CounterAppError(ErrorCode.DB_BUSY, target="db.example"))
    [(title, text)] = no_message_boxes
    assert title == "手続きナビ"
    assert "db.example" in text
    assert ("使用中" in text) if language == "ja" else ("busy" in text)


def test_the_message_box_is_not_shown_for_a_closed_screen(qtbot, no_message_boxes):
    screen = QWidget()
    tell = ops.error_box(screen, "手続きナビ", "ja")
    del screen  # the screen is gone; its error box does not keep it
    tell(CounterAppError(ErrorCode.DB_BUSY, target="db.example"))
    assert no_message_boxes == []


def test_a_database_runner_is_serial(qtbot, runner):
    """The database worker runs one call at a time: the second waits for the first."""
    assert isinstance(runner, DbRunner)
    first_running, release = threading.Event(), threading.Event()
    order: list[str] = []

    def first():
        first_running.set()
        release.wait(5)
        order.append("first")

    owner = QObject()
    ops.db(owner, runner, first)
    ops.db(owner, runner, lambda: order.append("second"))
    assert first_running.wait(5)
    qtbot.wait(200)
    assert order == []
    release.set()
    runner.wait(5)
    assert order == ["first", "second"]
