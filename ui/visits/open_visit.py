"""Opening a visit by its number, on any PC: the 受付番号 box of the clerk's screen (Ctrl+J
focuses it; a barcode scanner types the receipt's number and Enter) and the window that
shows the visit's procedures live (VisitPanel).

    box = OpenVisitBox(context, actor)          # emits opened(VisitWindow)
    show_visit(parent, context, actor, "V-20261201-0007")
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.visits import VisitInfo
from ui import ops

from ..context import UiContext


def normalize_visit_number(text: str) -> str:
    """What was typed or scanned, as stored: full-width characters and dashes folded
    (an input method may deliver ＶＡ－…), spaces dropped, upper case."""
    folded = unicodedata.normalize("NFKC", text)
    for dash in ("‐", "−", "–", "—", "ー", "―"):
        folded = folded.replace(dash, "-")
    return "".join(folded.split()).upper()


class VisitWindow(QDialog):
    """A window of its own holding the VisitPanel of one visit (non-modal)."""

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        visit_number: str,
        parent: QWidget | None = None,
        *,
        visit: VisitInfo | None = None,
    ) -> None:
        super().__init__(parent)
        from .visit_panel import VisitPanel

        self.setWindowTitle(self.tr("受付 {number}").format(number=visit_number))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.panel = VisitPanel(context, actor, visit_number, visit=visit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(900, 480)


def show_visit(
    parent: QWidget | None,
    context: UiContext,
    actor: Actor,
    visit_number: str,
    visit: VisitInfo | None = None,
) -> VisitWindow:
    """The visit's window; `visit`: as just read (each read is logged, so not read twice)."""
    window = VisitWindow(context, actor, visit_number, parent, visit=visit)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


class OpenVisitBox(QWidget):
    """「受付番号」 and a line edit: Enter opens that visit, or says why not (unknown, or
    refused by the core: another department's, or protected by a support measure); the
    core logs every try."""

    opened = Signal(object)  # the VisitWindow
    refused = Signal(str)  # the message shown

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._busy = False
        self.window_shown: VisitWindow | None = None
        label = QLabel(self.tr("受付番号（Ctrl+J）"))
        self.edit = QLineEdit()
        self.edit.setObjectName("visitNumberBox")
        self.edit.setPlaceholderText(self.tr("V-20261201-0001 またはバーコードを読み取り"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.open_typed)
        label.setBuddy(self.edit)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.edit.textEdited.connect(lambda _text: self.message.hide())
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)

    def focus_box(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def open_typed(self) -> None:
        number = normalize_visit_number(self.edit.text())
        if not number or self._busy:
            return
        self._busy = True
        visits, actor = self._context.core.visits, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: visits.visit(actor, number),
            on_success=self._found,
            on_failure=self._refused,
            on_done=self._done,
        )

    def _done(self) -> None:
        self._busy = False

    def _found(self, visit: VisitInfo) -> None:
        self.message.hide()
        self.edit.clear()
        self.window_shown = show_visit(self, self._context, self._actor, visit.visit_number, visit)
        self.opened.emit(self.window_shown)

    def _refused(self, error: CounterAppError) -> None:
        text = message_for(error, self._context.language)
        self.message.setText(text)
        self.message.show()
        self.edit.selectAll()
        self.refused.emit(text)
