"""Nothing typed is lost: a clerk's app killed with SIGKILL in the middle of a visit, and
the guide opened again for the same resident, restores every answer typed before the kill.

The clerk's screen runs in a separate Python process (offscreen Qt) on the test's
database; it answers SC01's questions one at a time and prints `saved <n> <key>` once the
draft holding that answer is in the database. The test kills it mid-way with SIGKILL,
then opens the guide here and restores the draft."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select as sql_select

from counter_app.db.models import Resident
from tests.helpers import PROJECT_ROOT
from tests.ui import test_guide_flow as guide_flow
from tests.ui.support import PASSWORD
from tests.ui.test_guide_flow import (
    KENTA,
    MISAKI,
    field,
    open_kenta,
    open_screen,
)

# the SC01 walk-through's fixtures
sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes

KILL_AFTER = 6  # answers reported saved before the kill

# (key, atena or None, how, value): the answers the child types, in order.
ANSWERS = [
    ("newborn_surname", None, "write", "佐藤"),
    ("newborn_given_name", None, "write", "陽菜"),
    ("newborn_name_kana", None, "write", "サトウ ヒナ"),
    ("newborn_sex", None, "pick", "女"),
    ("birth_notice_already_filed", None, "pick", False),
    ("mother_id", None, "pick", MISAKI),
    ("father_id", None, "pick", KENTA),
    ("newborn_health_insurance", None, "pick", "nhi"),
    ("child_allowance_claimant_id", None, "pick", KENTA),
    ("prenatal_support_2nd_done", None, "pick", False),
    ("is_public_servant", KENTA, "pick", False),
    ("direct_payment_used", MISAKI, "pick", True),
]

CHILD = r"""
import os, sys, time
from PySide6.QtWidgets import QApplication
from sqlalchemy import select as sql_select

from counter_app.db.models import Resident

from counter_app.app import CounterApp
from counter_app.config import Config
from tests.ui.test_draft_kill import ANSWERS
from tests.ui.test_guide_flow import pick, write
from ui.context import UiContext
from ui.db_runner import DbRunner
from ui.main_window import MainWindow
from ui.workers import CpuPool


app = QApplication([])
config = Config(database_url=os.environ["DRAFT_DB"], terminal_name=os.environ["DRAFT_TERMINAL"],
                window_number=2, idle_lock_minutes=0)
core = CounterApp.open(config)
actor = core.auth.login("madoguchi", os.environ["DRAFT_PASSWORD"], core.terminal)
runner = DbRunner()
context = UiContext(core=core, runner=runner, cpu=CpuPool(), language="ja")


def wait(condition, timeout=20.0):
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"timed out: {saved[-3:]} {panel.questions._drafts}")
        app.processEvents()
        time.sleep(0.005)


window = MainWindow(context, actor)
window.show()
workspace = window.role_screen.workspace
resident_id = int(os.environ["DRAFT_RESIDENT"])
workspace.record_view.open(resident_id)
wait(lambda: workspace.record_view.record is not None)
workspace.open_guide(resident_id)
panel = workspace.guide_panel
panel.choose_event("birth")
wait(lambda: panel.stack.currentWidget() is panel.questions)
saved = []
panel.questions.draft_saved.connect(lambda answers: saved.append(answers))
print("ready", flush=True)
for n, (key, atena, how, value) in enumerate(ANSWERS, 1):
    if how == "write":
        write(panel, key, value)
    else:
        pick(panel, key, value, atena)

    def holds(answers, key=key, atena=atena, value=value):
        event, persons = answers
        got = event.get(key) if atena is None else persons.get(atena, {}).get(key)
        return got == value

    editor = panel.questions.fields[(key, atena)].editor
    if editor.touched:  # else the guide's suggestion was already this: nothing to save
        wait(lambda: saved and holds(saved[-1]))
    print(f"saved {n} {key}", flush=True)
    end = time.monotonic() + 0.1
    while time.monotonic() < end:
        app.processEvents()
if os.environ.get("DRAFT_TO_PROCEDURES"):
    from ui.guide.adjust_dialog import AdjustDialog

    pick(panel, "birth_cost_below_lump_sum", False, ANSWERS[-1][1])
    panel.compute()
    page = panel.results
    wait(lambda: panel.stack.currentWidget() is page)
    reason = os.environ["DRAFT_DROP_REASON"]
    AdjustDialog.ask_drop = classmethod(lambda cls, parent, name: reason)
    page.tree.setCurrentItem(page.item("newborn_contact_card"))
    page.drop_selected()
    wait(lambda: "newborn_contact_card" in page.dropped)
    page.make_forms()
    wait(lambda: page.visit_number is not None and page.preview is not None, timeout=60)

    def kept():
        draft = core.visits.load_draft(actor)
        return draft is not None and draft.selections.get("visit_number") == page.visit_number \
            and draft.selections.get("dropped") == {"newborn_contact_card": reason}

    wait(kept)
    print(f"procedures saved {page.visit_number}", flush=True)
print("done", flush=True)
while True:
    app.processEvents()
    time.sleep(0.01)
"""


def read_line(process: subprocess.Popen, timeout: float = 60.0) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "the clerk's process said nothing"
    line = process.stdout.readline()
    assert line, f"the clerk's process ended: {process.stderr.read()}"
    return line.strip()


def run_clerk_until(config, resident_id: int, lines, **extra_env) -> list[str]:
    """Start the clerk's process, read the lines `lines(line)` accepts until it returns
    False, then kill it with SIGKILL; the lines read."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(PROJECT_ROOT),
        DRAFT_DB=config.database_url,
        DRAFT_TERMINAL=config.terminal_name,
        DRAFT_PASSWORD=PASSWORD,
        DRAFT_RESIDENT=str(resident_id),
        **extra_env,
    )
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    read: list[str] = []
    try:
        assert read_line(process) == "ready"
        while True:
            read.append(read_line(process))
            if not lines(read[-1]):
                break
    finally:
        process.send_signal(signal.SIGKILL)  # mid-visit
        process.wait(10)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return read


def kenta_id(core) -> int:
    with core.db.read() as session:
        return session.scalars(sql_select(Resident.id).where(Resident.atena_no == KENTA)).one()


def reopen_and_restore(qtbot, make_context, clerk, signal_name: str):
    """A new start on the same terminal: the guide for 佐藤 健太 offers the draft; 復元."""
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    panel = workspace.guide_panel
    qtbot.waitUntil(lambda: panel.draft_banner.isVisible(), timeout=10_000)
    assert "出生" in panel.draft_banner.text.text()
    with qtbot.waitSignal(getattr(panel, signal_name), timeout=10_000):
        qtbot.mouseClick(panel.draft_banner.restore_button, Qt.MouseButton.LeftButton)
    return panel


def test_a_killed_clerk_loses_nothing_typed(
    qtbot, make_context, config, sc01, clerk, no_message_boxes
):
    kenta = kenta_id(sc01)
    lines = run_clerk_until(config, kenta, lambda line: not line.startswith(f"saved {KILL_AFTER} "))
    for n, line in enumerate(lines, 1):
        assert line.startswith(f"saved {n} "), line
    typed = [(key, atena, value) for key, atena, _how, value in ANSWERS[:KILL_AFTER]]

    panel = reopen_and_restore(qtbot, make_context, clerk, "draft_restored")
    assert panel.stack.currentWidget() is panel.questions
    for key, atena, value in typed:
        editor = field(panel, key, atena).editor
        assert editor.value() == value, key
    # typing on goes on saving the same draft
    draft = sc01.visits.load_draft(clerk)
    assert draft is not None and draft.event_type == "birth"
    assert draft.resident_id == kenta
    assert not no_message_boxes


def test_a_clerk_killed_on_the_procedures_gets_them_back_with_the_forms_number(
    qtbot, make_context, config, sc01, clerk, no_message_boxes
):
    reason = "出生連絡票は来庁前に郵送済み"
    lines = run_clerk_until(
        config,
        kenta_id(sc01),
        lambda line: not line.startswith("procedures saved "),
        DRAFT_TO_PROCEDURES="1",
        DRAFT_DROP_REASON=reason,
    )
    number = lines[-1].split()[-1]

    panel = reopen_and_restore(qtbot, make_context, clerk, "computed")
    page = panel.results
    assert panel.stack.currentWidget() is page
    assert page.dropped == {"newborn_contact_card": reason}
    assert page.visit_number == number  # the forms printed before the kill carry it
    qtbot.waitUntil(lambda: page.current_forms() is not None, timeout=30_000)
    assert page.current_forms().bundle.visit_number == number
    with qtbot.waitSignal(page.visit_shown, timeout=10_000):
        page.confirm()
    assert page.visit.visit_number == number
    assert sc01.visit_forms.for_visit(clerk, number) is not None
    assert not no_message_boxes
