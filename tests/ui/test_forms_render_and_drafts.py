"""A form being rendered never holds up a draft being saved (issue 13).

Ctrl+P on the procedures fills the forms in on the database worker, then renders them
(reportlab, then every page rasterised by PDFium) on the CPU pool. Here the real render
is held at a barrier while the clerk goes back to the questions and corrects an answer:
the draft is saved to the SQLite file and said saved while the render is still held,
and the preview opens once the render goes on. The control puts the same held render
where it ran before issue 13, in one call on the database worker with the filling in:
then the draft waits until the render ends."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui import test_guide_flow
from tests.ui.test_guide_flow import sc01_procedures
from ui import ops
from ui.forms import preview_dialog
from ui.forms.preview_dialog import fill_forms, render_forms
from ui.guide.guide_panel import GuidePanel
from ui.guide.question_page import DRAFT_DELAY_MS

sc01 = test_guide_flow.sc01
no_message_boxes = test_guide_flow.no_message_boxes

CORRECTED_WEIGHT = 3200  # grams; SC01's answers say 3120


@dataclass
class HeldRender:
    started: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    threads: list[str] = field(default_factory=list)  # where each render ran


@pytest.fixture
def held_render(monkeypatch) -> Any:
    """`render_bundle` as shipped, entered and then held until `release` is set."""
    held = HeldRender()
    real = preview_dialog.render_bundle

    def render(bundle, layouts):
        held.threads.append(threading.current_thread().name)
        held.started.set()
        assert held.release.wait(60), "the test never let the render go on"
        return real(bundle, layouts)

    monkeypatch.setattr(preview_dialog, "render_bundle", render)
    yield held
    held.release.set()  # a failed test leaves no worker thread waiting


def correct_the_weight(qtbot, panel: GuidePanel) -> None:
    """Esc back to the questions, then the newborn's weight corrected (saved as a draft)."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert panel.stack.currentWidget() is panel.questions
    weight = test_guide_flow.field(panel, "birth_weight_g").editor.spin
    weight.setFocus()
    weight.setValue(CORRECTED_WEIGHT)


def test_a_draft_is_saved_while_the_forms_render(
    qtbot, make_context, sc01, clerk, held_render, no_message_boxes
):
    panel = sc01_procedures(qtbot, make_context(), clerk)
    page = panel.results
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(held_render.started.is_set, timeout=30_000)
    [render_thread] = held_render.threads
    assert render_thread.startswith("counter-app-cpu")
    assert not page.forms_button.isEnabled() and page.preview is None  # forms being made

    with qtbot.waitSignal(panel.questions.draft_saved, timeout=10_000) as saved:
        correct_the_weight(qtbot, panel)
    answers, _person_answers = saved.args[0]
    assert answers["birth_weight_g"] == CORRECTED_WEIGHT
    # saved, and in the database file, while the render is still held
    assert not held_render.release.is_set() and page.preview is None
    assert sc01.visits.load_draft(clerk).answers["birth_weight_g"] == CORRECTED_WEIGHT

    held_render.release.set()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30_000)
    rendered = page.preview.rendered
    assert rendered.page_count >= 6 and len(page.preview.images) == rendered.page_count
    assert page.forms_button.isEnabled()
    assert no_message_boxes == []


def test_control_the_same_render_on_the_database_worker_holds_the_draft_back(
    qtbot, make_context, sc01, clerk, held_render, no_message_boxes
):
    context = make_context()
    panel = sc01_procedures(qtbot, context, clerk)
    page = panel.results
    resident_id, case, procedures = page.resident_id, page.case, page.procedures_for_forms()

    def as_before_issue_13():  # filled in and rendered in one database call
        bundle = fill_forms(sc01, clerk, resident_id, case, procedures, None)
        return render_forms(bundle, sc01.catalog)

    made: list = []
    ops.db(page, context.runner, as_before_issue_13, on_success=made.append)
    qtbot.waitUntil(held_render.started.is_set, timeout=30_000)
    assert held_render.threads[0].startswith("counter-app-db")

    saved: list = []
    panel.questions.draft_saved.connect(saved.append)
    correct_the_weight(qtbot, panel)
    qtbot.wait(DRAFT_DELAY_MS + 1_500)
    assert saved == []  # the save waits behind the render
    assert sc01.visits.load_draft(clerk) is None or (
        sc01.visits.load_draft(clerk).answers.get("birth_weight_g") != CORRECTED_WEIGHT
    )

    held_render.release.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=30_000)
    assert made and made[0].rendered.page_count >= 6
    assert saved[0][0]["birth_weight_g"] == CORRECTED_WEIGHT


def test_the_forms_kept_with_a_visit_render_off_the_database_worker(
    qtbot, make_context, sc01, clerk, held_render, no_message_boxes
):
    """The visit's window shows its kept forms: read on the database worker, rendered on
    the CPU pool; the visit is read again meanwhile."""
    page = sc01_procedures(qtbot, make_context(), clerk).results
    held_render.release.set()  # the window's own forms render at once
    page.tree.setFocus()
    with qtbot.waitSignal(page.forms_opened, timeout=30_000) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    opened.args[0].close()
    with qtbot.waitSignal(page.visit_shown, timeout=10_000) as shown:
        page.confirm()
    visit_panel = shown.args[0].panel
    qtbot.waitUntil(lambda: visit_panel.visit is not None, timeout=10_000)

    held_render.started.clear()
    held_render.release.clear()
    visit_panel.forms_button.click()
    qtbot.waitUntil(held_render.started.is_set, timeout=30_000)
    assert held_render.threads[-1].startswith("counter-app-cpu")
    with qtbot.waitSignal(visit_panel.loaded, timeout=10_000):
        visit_panel.reload()
    assert visit_panel.forms_preview is None  # still rendering

    held_render.release.set()
    qtbot.waitUntil(lambda: visit_panel.forms_preview is not None, timeout=30_000)
    kept = visit_panel.forms_preview
    assert kept.bundle.visit_number == page.visit.visit_number
    assert len(kept.images) == kept.rendered.page_count >= 6
    assert no_message_boxes == []
