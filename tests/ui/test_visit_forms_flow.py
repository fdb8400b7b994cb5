"""The forms and the visit number at the window: forms printed before 受付を確定 carry
the number the visit is then recorded under and are kept with it; a draft brought back
after a restart returns to where the clerk was: the procedures with their adjustments,
the number already printed on the forms, the persons moving in."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from counter_app.visits import ActionKind, ProcedureStatus
from tests.ui import test_forms_preview as forms_preview
from tests.ui import test_guide_flow as guide_flow
from tests.ui.test_guide_flow import (
    compute,
    drop_with_reason,
    open_kenta,
    open_screen,
    sc01_procedures,
)
from ui.guide.guide_panel import GuidePanel

# the SC01 walk-through's fixtures
sc01 = guide_flow.sc01
no_message_boxes = guide_flow.no_message_boxes
printed_to = forms_preview.printed_to

VISIT_NUMBER = re.compile(r"V-\d{8}-\d{4}")
DROP_REASON = "出生連絡票は来庁前に郵送済み"


def make_forms(qtbot, page):
    page.window().activateWindow()
    page.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree)
    with qtbot.waitSignal(page.forms_opened, timeout=30_000) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = opened.args[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    return dialog


def close_preview(qtbot, page, dialog) -> None:
    qtbot.keyClick(dialog.pages, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.window().focusWidget() is page.tree)
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree)


def restore_after_restart(qtbot, make_context, core, clerk, *, saved, signal: str) -> GuidePanel:
    """Once the draft is `saved`, the same clerk on the same PC after a restart: the
    resident, F6, 復元 on the banner; returns when the panel emits `signal`."""

    def draft_saved() -> bool:
        draft = core.visits.load_draft(clerk)
        return draft is not None and saved(draft)

    qtbot.waitUntil(draft_saved, timeout=10_000)
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    panel = workspace.guide_panel
    qtbot.waitUntil(lambda: panel.draft_banner.isVisible(), timeout=10_000)
    with qtbot.waitSignal(getattr(panel, signal), timeout=10_000):
        panel.draft_banner.restore_button.click()
    return panel


def test_forms_printed_before_confirming_are_kept_with_the_visit_under_their_number(
    qtbot,
    make_context,
    sc01,
    clerk,
    printed_to,
    no_message_boxes,
):
    page = sc01_procedures(qtbot, make_context(), clerk).results

    dialog = make_forms(qtbot, page)
    number = dialog.bundle.visit_number
    assert VISIT_NUMBER.fullmatch(number) and page.visit_number == number
    printed_to()
    with qtbot.waitSignal(dialog.printed, timeout=60_000):
        qtbot.keyClick(dialog.pages, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    close_preview(qtbot, page, dialog)

    with qtbot.waitSignal(page.visit_shown, timeout=10_000) as shown:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert page.visit.visit_number == number
    # the visit's window (on any PC) shows the forms kept with it
    visit_panel = shown.args[0].panel
    visit_panel.forms_button.click()
    qtbot.waitUntil(lambda: visit_panel.forms_preview is not None, timeout=30_000)
    assert visit_panel.forms_preview.bundle.visit_number == number
    assert [f.form_id for f in visit_panel.forms_preview.bundle.forms] == [
        f.form_id for f in dialog.bundle.forms
    ]
    visit_panel.forms_preview.close()
    kept = sc01.visit_forms.for_visit(clerk, number)
    assert [(f.form_id, f.person_atena) for f in kept.forms] == [
        (f.form_id, f.person_atena) for f in dialog.bundle.forms
    ]
    printed = [a for a in sc01.visits.log(clerk, number) if a.action is ActionKind.FORMS_PRINTED]
    assert len(printed) == 1 and dialog.bundle.forms[0].title in printed[0].reason

    # forms printed again after the visit is recorded: kept again, the printing logged
    dialog = make_forms(qtbot, page)
    assert dialog.bundle.visit_number == number
    with qtbot.waitSignal(dialog.printed, timeout=60_000):
        qtbot.keyClick(dialog.pages, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            [a.action for a in sc01.visits.log(clerk, number)].count(ActionKind.FORMS_PRINTED) == 2
        ),
        timeout=10_000,
    )
    assert not no_message_boxes


def test_a_restored_draft_returns_to_the_procedures_with_its_adjustments_and_number(
    qtbot, make_context, sc01, clerk, monkeypatch, no_message_boxes
):
    page = sc01_procedures(qtbot, make_context(), clerk).results
    drop_with_reason(qtbot, monkeypatch, page, "newborn_contact_card", DROP_REASON)
    dialog = make_forms(qtbot, page)
    number = page.visit_number
    close_preview(qtbot, page, dialog)

    restored = restore_after_restart(
        qtbot,
        make_context,
        sc01,
        clerk,
        saved=lambda draft: draft.selections.get("visit_number") == number,
        signal="computed",
    )

    again = restored.results
    assert restored.stack.currentWidget() is again
    assert again.dropped == {"newborn_contact_card": DROP_REASON}
    assert again.item("newborn_contact_card").font(0).strikeOut()
    assert again.visit_number == number
    # the forms are made again under the number they were printed with
    assert not again.confirm_button.isEnabled()  # not before they are
    qtbot.waitUntil(lambda: again.current_forms() is not None, timeout=30_000)
    assert again.preview.bundle.visit_number == number
    served = {p for form in again.preview.bundle.forms for p in form.procedures}
    assert "newborn_contact_card" not in served
    close_preview(qtbot, again, again.preview)
    with qtbot.waitSignal(again.visit_shown, timeout=10_000):
        again.confirm()
    visit = again.visit
    assert visit.visit_number == number
    assert sc01.visit_forms.for_visit(clerk, number) is not None
    assert visit.procedure("newborn_contact_card").status is ProcedureStatus.CANCELLED
    dropped = [a for a in sc01.visits.log(clerk, number) if a.action is ActionKind.DROPPED]
    assert [a.reason for a in dropped] == [DROP_REASON]
    assert not no_message_boxes


def test_the_persons_moving_in_come_back_with_the_draft(
    qtbot, make_context, sc01, clerk, no_message_boxes
):
    _window, workspace = open_screen(qtbot, make_context(), clerk)
    open_kenta(qtbot, workspace)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    panel = workspace.guide_panel
    with qtbot.waitSignal(panel.questions_shown, timeout=10_000):
        panel.choose_event("move_in")
    incoming = panel.questions.incoming
    table = incoming.table
    table.item(0, incoming.NAME).setText("伊藤 直樹")
    table.item(0, incoming.KANA).setText("イトウ ナオキ")
    table.cellWidget(0, incoming.BIRTH).setDate(date(1985, 4, 2))
    sex = table.cellWidget(0, incoming.SEX)
    sex.setCurrentIndex(sex.findData("男"))
    table.item(0, incoming.CARD).setCheckState(Qt.CheckState.Checked)
    incoming.add_row()
    table.item(1, incoming.NAME).setText("伊藤 花子")
    insurance = table.cellWidget(1, incoming.INSURANCE)
    insurance.setCurrentIndex(insurance.findData("nhi"))
    typed = incoming.rows()

    restored = restore_after_restart(
        qtbot,
        make_context,
        sc01,
        clerk,
        saved=lambda draft: draft.selections.get("incoming") == typed,
        signal="draft_restored",
    )
    assert restored.stack.currentWidget() is restored.questions
    assert restored.questions.incoming.rows() == typed
    names = [p.data["name_kanji"] for p in restored.questions.incoming.persons()]
    assert names == ["伊藤 直樹", "伊藤 花子"]
    assert not no_message_boxes


def test_forms_are_kept_with_the_visit_only_while_they_fit_it(
    qtbot, make_context, sc01, clerk, monkeypatch, no_message_boxes
):
    panel = sc01_procedures(qtbot, make_context(), clerk)
    page = panel.results
    dialog = make_forms(qtbot, page)
    close_preview(qtbot, page, dialog)

    # back to the questions and on again with nothing changed: the forms still fit
    panel.back()
    compute(qtbot, panel)
    assert page.current_forms() is not None
    assert page.current_forms().bundle is dialog.bundle

    # a procedure dropped: the forms made before no longer fit and are not kept
    drop_with_reason(qtbot, monkeypatch, page, "newborn_contact_card", DROP_REASON)
    assert page.current_forms() is None
    with qtbot.waitSignal(page.visit_shown, timeout=10_000):
        page.confirm()
    assert page.visit.visit_number == dialog.bundle.visit_number  # the number stays
    assert sc01.visit_forms.for_visit(clerk, page.visit.visit_number) is None
    assert not no_message_boxes
