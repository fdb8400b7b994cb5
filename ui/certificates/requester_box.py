"""Who asks (本人 / 同一世帯 / 代理人 / 第三者) and the identity document they show.

Keys: Alt+1 … Alt+4 pick who asks. The agent's 委任状 and the third party's purpose
appear only for them; the identity document's kind is recorded, never a copy of it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
)

from counter_app.certificates.model import NamedChoice, Requester, RequesterKind

from .words import REQUESTER_ORDER, named, requester_label


class RequesterBox(QGroupBox):
    """Emits `changed()` whenever who asks, or what they show, changes."""

    changed = Signal()

    def __init__(
        self, identity_documents: tuple[NamedChoice, ...], language: str, parent=None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("請求者"))
        self.setObjectName("requesterBox")
        self.kind_buttons: dict[RequesterKind, QRadioButton] = {}
        self._group = QButtonGroup(self)
        kinds = QHBoxLayout()
        for number, kind in enumerate(REQUESTER_ORDER, start=1):
            button = QRadioButton(
                self.tr("{name}（Alt+{number}）").format(name=requester_label(kind), number=number)
            )
            button.setObjectName(f"requester_{kind.value}")
            self._group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
            button.toggled.connect(self._kind_toggled)
            key = QShortcut(QKeySequence(f"Alt+{number}"), self)
            key.activated.connect(button.click)
        kinds.addStretch(1)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("requesterName")
        self.name_edit.setPlaceholderText(self.tr("窓口に来た方の氏名"))
        self.mandate_box = QCheckBox(self.tr("委任状あり"))
        self.mandate_box.setObjectName("mandate")
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setObjectName("purpose")
        self.purpose_edit.setPlaceholderText(self.tr("請求の事由（例: 債権回収のため）"))
        self.document_box = QComboBox()
        self.document_box.setObjectName("identityDocument")
        for document in identity_documents:
            self.document_box.addItem(named(document, language), document.id)

        self.form = QFormLayout(self)
        self.form.addRow(kinds)
        self.form.addRow(self.tr("本人確認書類"), self.document_box)
        self.form.addRow(self.tr("請求者氏名"), self.name_edit)
        self.form.addRow("", self.mandate_box)
        self.form.addRow(self.tr("請求の事由"), self.purpose_edit)
        for signal in (
            self.name_edit.textChanged,
            self.purpose_edit.textChanged,
            self.mandate_box.toggled,
            self.document_box.currentIndexChanged,
        ):
            signal.connect(self.changed)
        self.kind_buttons[RequesterKind.SELF].setChecked(True)

    def kind(self) -> RequesterKind:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return RequesterKind.SELF

    def set_kind(self, kind: RequesterKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def requester(self) -> Requester:
        kind = self.kind()
        return Requester(
            kind=kind,
            identity_document=self.document_box.currentData() or "",
            name="" if kind is RequesterKind.SELF else self.name_edit.text().strip(),
            has_mandate=kind is RequesterKind.AGENT and self.mandate_box.isChecked(),
            purpose=self.purpose_edit.text().strip(),
        )

    def _kind_toggled(self, checked: bool) -> None:
        if not checked:
            return
        kind = self.kind()
        self.form.setRowVisible(self.name_edit, kind is not RequesterKind.SELF)
        self.form.setRowVisible(self.mandate_box, kind is RequesterKind.AGENT)
        self.changed.emit()

    def focus_first(self) -> None:
        self.kind_buttons[self.kind()].setFocus()
