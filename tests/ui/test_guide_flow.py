"""The window clerk takes scenario SC01 (a birth, both parents on 国保) through the
procedure guide: from the resident's record to the procedures, keyboard first."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from counter_app.db.models import AuditEntry, Resident
from counter_app.demo.scenario_households import load_scenario_households
from counter_app.guide.scenario_file import read_scenario_file
from tests.helpers import PROJECT_ROOT
from ui.fonts import apply_application_font
from ui.guide.adjust_dialog import AdjustDialog
from ui.guide.answer_widgets import AnswerField
from ui.guide.guide_panel import GuidePanel
from ui.guide.result_page import ROW_KIND
from ui.main_window import MainWindow
from ui.message_box import MessageBox

SCENARIOS = PROJECT_ROOT / "tests" / "guide" / "data" / "public.yaml"
# scripts/screenshots.sh sets this to keep the screens of the SC01 walk-through for the docs.
SCREENSHOT_DIR = os.environ.get("COUNTER_APP_SCREENSHOT_DIR")
SC01_PROCEDURES = {
    "koseki_birth",
    "nhi_join",
    "child_allowance_claim",
    "child_medical_subsidy",
    "newborn_contact_card",
    "prenatal_support_2nd",
}
SC01_DEPARTMENTS = ["市民課", "保険年金課", "子育て支援課", "健康推進課（保健センター）"]
KENTA, MISAKI = "A0101", "A0102"


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        MessageBox,
        "error",
        classmethod(lambda cls, parent, title, text: shown.append((title, text))),
    )
    return shown


@pytest.fixture
def sc01(core):
    """SC01's household (佐藤 健太 and 佐藤 美咲) in the register."""
    scenario_file = read_scenario_file(Path(SCENARIOS), core.catalog)
    assert not scenario_file.problems
    scenario_file.scenarios = scenario_file.select("SC01")
    load_scenario_households(core.db, scenario_file)
    return core


def type_text(widget, text: str) -> None:
    """Key events carrying kana and kanji, as the input method delivers them."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def keep_screen(window, name: str) -> None:
    if SCREENSHOT_DIR:
        window.grab().save(str(Path(SCREENSHOT_DIR) / f"{name}.png"))


def open_screen(qtbot, context, actor):
    window = MainWindow(context, actor)
    qtbot.addWidget(window)
    if SCREENSHOT_DIR:
        apply_application_font(QApplication.instance())
        window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, window.role_screen.workspace


def open_kenta(qtbot, workspace) -> None:
    """Search 佐藤 健太 and open the record, with the keyboard."""
    panel, view = workspace.search_panel, workspace.record_view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.search_box)
    type_text(panel.search_box, "佐藤 健太")
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert view.record.person.name == "佐藤\u3000健太"


def open_guide(qtbot, workspace) -> GuidePanel:
    """F6 on the open record, then 出生 typed into the event list and Enter."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    panel = workspace.guide_panel
    assert panel is not None and workspace.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.events.filter_box)
    type_text(panel.events.filter_box, "出生")
    assert panel.events.names() == ["出生"]
    with qtbot.waitSignal(panel.questions_shown, timeout=10_000):
        qtbot.keyClick(panel.events.filter_box, Qt.Key.Key_Return)
    return panel


def field(panel: GuidePanel, key: str, atena: str | None = None) -> AnswerField:
    found = panel.questions.fields.get((key, atena))
    assert found is not None and found.isVisibleTo(panel), f"not asked: {key} {atena}"
    return found


def pick(panel: GuidePanel, key: str, value, atena: str | None = None) -> None:
    """Choose the entry holding `value` in a combo box, as the clerk would."""
    combo = field(panel, key, atena).editor.combo
    index = next(
        (
            i
            for i in range(combo.count())
            if combo.itemData(i) == value and type(combo.itemData(i)) is type(value)
        ),
        -1,
    )
    assert index >= 0, f"{key}: no choice {value!r}"
    combo.setFocus()
    combo.setCurrentIndex(index)


def write(panel: GuidePanel, key: str, text: str) -> None:
    line = field(panel, key).editor.line
    line.setFocus()
    type_text(line, text)


def answer_sc01(panel: GuidePanel) -> None:
    questions = panel.questions
    # the newborn's identity, asked although no rule reads it
    write(panel, "newborn_surname", "佐藤")
    write(panel, "newborn_given_name", "陽菜")
    write(panel, "newborn_name_kana", "サトウ ヒナ")
    born = field(panel, "newborn_birth_datetime").editor.edit
    born.setDateTime(QDateTime(QDate(2026, 11, 12), QTime(10, 30)))
    pick(panel, "newborn_sex", "女")
    pick(panel, "birth_notice_already_filed", False)
    pick(panel, "mother_id", MISAKI)
    pick(panel, "father_id", KENTA)
    pick(panel, "newborn_health_insurance", "nhi")
    pick(panel, "child_allowance_claimant_id", KENTA)
    weight = field(panel, "birth_weight_g").editor.spin
    weight.setFocus()
    weight.setValue(3120)
    pick(panel, "prenatal_support_2nd_done", False)
    # per person, in groups titled with the person's name
    pick(panel, "is_public_servant", False, KENTA)
    pick(panel, "direct_payment_used", True, MISAKI)
    pick(panel, "birth_cost_below_lump_sum", False, MISAKI)
    assert questions.case().event.answers["newborn_birth_datetime"] == datetime(
        2026, 11, 12, 10, 30
    )
    assert questions.case().event.newborn.name == "佐藤\u3000陽菜"
    titles = {box.title() for atena, box in questions._boxes.items() if atena is not None}
    assert {"佐藤\u3000健太", "佐藤\u3000美咲"} <= titles


def compute(qtbot, panel: GuidePanel):
    with qtbot.waitSignal(panel.computed, timeout=10_000) as computed:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    assert panel.stack.currentWidget() is panel.results
    return computed.args[0]


def sc01_procedures(qtbot, context, actor) -> GuidePanel:
    """On a new screen: 佐藤 健太, the guide, SC01's answers, Ctrl+Enter: the procedures."""
    _window, workspace = open_screen(qtbot, context, actor)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    return panel


def drop_with_reason(qtbot, monkeypatch, page, procedure_id: str, reason: str) -> None:
    """Del on the procedure; the dialog answers `reason`."""
    page.tree.setFocus()
    page.tree.setCurrentItem(page.item(procedure_id))
    monkeypatch.setattr(AdjustDialog, "ask_drop", classmethod(lambda cls, parent, name: reason))
    with qtbot.waitSignal(page.adjusted, timeout=10_000):
        qtbot.keyClick(page.tree, Qt.Key.Key_Delete)


def test_sc01_from_the_resident_to_the_procedures(qtbot, make_context, sc01, clerk):
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    keep_screen(_window, "guide-questions-ja")
    result = compute(qtbot, panel)
    keep_screen(_window, "guide-results-ja")

    assert set(result.procedure_ids()) == SC01_PROCEDURES
    assert result.notice_ids() == []
    page = panel.results
    tree = page.tree
    departments = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [d.text(0) for d in departments] == SC01_DEPARTMENTS
    assert set(page.procedure_ids()) == SC01_PROCEDURES
    for department in departments:
        for j in range(department.childCount()):
            procedure = department.child(j)
            reasons = [procedure.child(k) for k in range(procedure.childCount())]
            assert reasons, procedure.text(0)
            assert all(r.data(0, ROW_KIND) == "reason" and r.text(0) for r in reasons)
            assert procedure.text(1)  # the kind: 即時処理可, 要審査後処理 …
    assert page.item("nhi_join").text(2) == "佐藤\u3000陽菜（生まれた子）"
    assert page.notices.isHidden() and not page.no_notices.isHidden()
    # The selected procedure's reasons in full below the tree.
    page.tree.setCurrentItem(page.item("nhi_join"))
    assert "子が加入する健康保険" in page.detail.text()
    assert "国民健康保険" in page.detail.text()

    # Esc goes back to the questions with the answers kept, and again to the events
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert panel.stack.currentWidget() is panel.questions
    assert field(panel, "mother_id").editor.value() == MISAKI
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert panel.stack.currentWidget() is panel.events


def test_a_dropped_procedure_needs_a_reason_and_is_logged(
    qtbot, make_context, sc01, clerk, monkeypatch, no_message_boxes
):
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    panel = open_guide(qtbot, workspace)
    answer_sc01(panel)
    compute(qtbot, panel)
    page = panel.results
    page.tree.setFocus()
    page.tree.setCurrentItem(page.item("newborn_contact_card"))

    # a blank reason is refused by the core: nothing dropped, the clerk is told
    monkeypatch.setattr(AdjustDialog, "ask_drop", classmethod(lambda cls, parent, name: "  "))
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(no_message_boxes), timeout=10_000)
    assert "newborn_contact_card" not in page.dropped

    reason = "出生連絡票は来庁前に郵送済み"
    monkeypatch.setattr(AdjustDialog, "ask_drop", classmethod(lambda cls, parent, name: reason))
    with qtbot.waitSignal(page.adjusted, timeout=10_000):
        qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    item = page.item("newborn_contact_card")
    assert page.dropped == {"newborn_contact_card": reason}
    assert item.font(0).strikeOut() and reason in item.text(3)
    assert "newborn_contact_card" in page.procedure_ids(include_dropped=True)
    assert "newborn_contact_card" not in page.procedure_ids()
    with sc01.db.read() as s:
        kenta = s.scalars(select(Resident).where(Resident.atena_no == KENTA)).one()
        dropped = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "guide.procedure_dropped")
        ).all()
    assert len(dropped) == 1
    assert dropped[0].subject_id == str(kenta.id) and reason in dropped[0].detail

    # Ins adds one of the event's other procedures, with its reason
    added = "出産育児一時金の差額を本日請求したいとの申出"
    monkeypatch.setattr(
        AdjustDialog,
        "ask_add",
        classmethod(lambda cls, parent, choices: (choices[0][0], added)),
    )
    with qtbot.waitSignal(page.adjusted, timeout=10_000) as adjusted:
        qtbot.keyClick(page.tree, Qt.Key.Key_Insert)
    action, procedure_id = adjusted.args
    assert action == "add" and procedure_id not in SC01_PROCEDURES
    assert procedure_id in page.procedure_ids() and added in page.item(procedure_id).text(3)
    with sc01.db.read() as s:
        logged = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "guide.procedure_added")
        ).one()
    assert procedure_id in logged.detail and added in logged.detail

    # the dialog itself refuses to close without a reason
    dialog = AdjustDialog(page)
    qtbot.addWidget(dialog)
    dialog.findChild(QLineEdit, "adjustReason").setText("   ")
    dialog._accept_if_filled()
    assert dialog.result() == 0 and not dialog.refusal.isHidden()


def test_english_event_names(qtbot, make_context, sc01, clerk, english):
    _window, workspace = open_screen(qtbot, make_context(language="en"), clerk)
    open_kenta(qtbot, workspace)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    panel = workspace.guide_panel
    names = panel.events.names()
    assert names[0] == "Birth of a child"
    assert "Moving in from another municipality" in names
    assert workspace.tabs.tabText(workspace.tabs.indexOf(panel)).startswith("Procedure guide")


def test_every_life_event_opens_its_questions_and_computes(
    qtbot, make_context, sc01, clerk, no_message_boxes
):
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    panel = workspace.guide_panel
    for event in sc01.catalog.life_events:
        panel.start()
        with qtbot.waitSignal(panel.questions_shown, timeout=10_000):
            panel.choose_event(event.id)
        questions = panel.questions
        assert questions.asked, event.id
        if questions.incoming is not None:  # move_in: the persons moving in
            questions.incoming.table.item(0, 0).setText("伊藤 直樹")
            assert ("health_insurance", "NEW-1") in questions.asked
        if questions.missing():
            # a question naming whom the rules are about: the page says which, and stays
            assert panel.stack.currentWidget() is questions
            assert questions.status.objectName() == "error"
            continue
        with qtbot.waitSignal(panel.computed, timeout=10_000):
            panel.compute()
        assert panel.stack.currentWidget() is panel.results
    assert not no_message_boxes
