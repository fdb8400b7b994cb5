"""What the certificate desk's screen tests share: a demo city, a resident opened at the
desk with the keyboard, and the payment dialog answered as a clerk would."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_resident_search_ui import findable_resident, type_text
from ui.certificates.desk import CertificateDesk, CertificateDeskWindow
from ui.certificates.payment_dialog import PaymentDialog
from ui.fonts import apply_application_font
from ui.style import STYLE_SHEET

# scripts/screenshots.sh sets this to keep the desk's screens for the README.
SCREENSHOT_DIR = os.environ.get("COUNTER_APP_SCREENSHOT_DIR")


def keep_screen(widget, name: str, size: tuple[int, int] | None = None) -> None:
    """Save the widget as docs/screenshots/NAME.png when scripts/screenshots.sh asks, in
    the application's font and style (laid out again in them first)."""
    if SCREENSHOT_DIR:
        apply_application_font(QApplication.instance())
        widget.setStyleSheet(STYLE_SHEET)
        if size is not None:
            widget.resize(*size)
        QApplication.processEvents()
        widget.grab().save(str(Path(SCREENSHOT_DIR) / f"{name}.png"))


def show(qtbot, widget, size: tuple[int, int] = (1240, 780)):
    qtbot.addWidget(widget)
    if SCREENSHOT_DIR:
        apply_application_font(QApplication.instance())
        widget.setStyleSheet(STYLE_SHEET)
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def open_desk(qtbot, context, actor, **kw) -> CertificateDesk:
    window = show(qtbot, CertificateDeskWindow(context, actor, **kw))
    desk = window.desk
    desk.held_window = window  # a window without a parent lives as long as its wrapper
    return desk


def open_resident(qtbot, desk: CertificateDesk, core, actor):
    """Search a resident by kana at the desk and open the record: type, Enter, ↓, Enter."""
    resident = findable_resident(core, actor)
    panel = desk.search_panel
    panel.focus_search()
    type_text(panel.search_box, f"{resident.surname_kana} {resident.given_name_kana}")
    with qtbot.waitSignal(panel.searched, timeout=10_000):
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    with qtbot.waitSignal(desk.record_view.record_shown, timeout=10_000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    return resident


def add_certificate(qtbot, desk: CertificateDesk, kind_id: str, **choose) -> None:
    """Choose the kind (and options) in the editor, then Ins; waits for the new fee."""
    desk.editor.choose_kind(kind_id)
    for option_id in choose.get("options", ()):
        desk.editor.option_boxes[option_id].setChecked(True)
    if "copies" in choose:
        desk.editor.copies_box.setValue(choose["copies"])
    with qtbot.waitSignal(desk.quoted, timeout=10_000):
        qtbot.keyClick(desk.editor.kind_box, Qt.Key.Key_Insert)


class CashAnswer:
    """Answers the payment dialog: types each amount into お預かり (what the dialog says
    in between is kept), then Enter."""

    def __init__(self, qtbot, *amounts: str) -> None:
        self.qtbot = qtbot
        self.amounts = amounts
        self.seen: list[tuple[str, str, str, bool]] = []  # received, change, message, ok
        self.total = ""

    def __call__(self, dialog: PaymentDialog) -> int:
        self.total = dialog.total_label.text()
        for amount in self.amounts:
            dialog.received_edit.clear()
            self.qtbot.keyClicks(dialog.received_edit, amount)
            self.seen.append(
                (
                    amount,
                    dialog.change_label.text(),
                    dialog.message.text(),
                    dialog.pay_button.isEnabled(),
                )
            )
            self.qtbot.keyClick(dialog.received_edit, Qt.Key.Key_Return)
        return dialog.result()
