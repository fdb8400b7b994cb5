"""One certificate of the request: the kind, the scope, the options, the copies, the 年度
(tax certificates) and the 印鑑登録証 number (seal certificates).

What the requester may not ask for is disabled with the catalog's reason beside it (the
options' `allowed_for`); the core's `check` has the last word when the request is made.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from counter_app import clock
from counter_app.certificates.model import (
    CertificateCatalog,
    CertificateItem,
    CertificateKind,
    RequesterKind,
    Scope,
)

from .words import kind_refusal, named, option_refusal, scope_label, yen

MAX_COPIES = 20
OPTION_COLUMNS = 3


def default_fiscal_year(today: date) -> int:
    """The 年度 whose 課税 is decided (June): this year's from June, last year's before."""
    return today.year if today.month >= 6 else today.year - 1


class ItemEditor(QGroupBox):
    """Emits `changed()`; `item()` is the certificate as chosen."""

    changed = Signal()

    def __init__(
        self,
        catalog: CertificateCatalog,
        language: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("証明書"))
        self.setObjectName("itemEditor")
        self._catalog = catalog
        self._language = language
        self._requester = RequesterKind.SELF
        self.option_boxes: dict[str, QCheckBox] = {}
        self.option_reasons: dict[str, QLabel] = {}

        self.kind_box = QComboBox()
        self.kind_box.setObjectName("certificateKind")
        for kind in catalog.kinds:
            self.kind_box.addItem(
                self.tr("{name}（{fee}）").format(
                    name=named(kind, language), fee=yen(kind.fee_yen)
                ),
                kind.id,
            )
        self.kind_reason = QLabel()
        self.kind_reason.setObjectName("error")
        self.kind_reason.setWordWrap(True)
        self.kind_reason.hide()

        self.scope_row = QWidget()
        scope_layout = QHBoxLayout(self.scope_row)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        self._scope_group = QButtonGroup(self)
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        for scope in (Scope.PERSON, Scope.HOUSEHOLD):
            button = QRadioButton(scope_label(scope))
            button.setObjectName(f"scope_{scope.value}")
            self._scope_group.addButton(button)
            self.scope_buttons[scope] = button
            scope_layout.addWidget(button)
            button.toggled.connect(lambda _on: self.changed.emit())
        scope_layout.addStretch(1)
        self.scope_buttons[Scope.PERSON].setChecked(True)

        self.options_widget = QWidget()
        self.options_grid = QGridLayout(self.options_widget)
        self.options_grid.setContentsMargins(0, 0, 0, 0)

        self.copies_box = QSpinBox()
        self.copies_box.setObjectName("copies")
        self.copies_box.setRange(1, MAX_COPIES)
        self.copies_box.setSuffix(self.tr(" 通"))
        self.year_box = QSpinBox()
        self.year_box.setObjectName("fiscalYear")
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(default_fiscal_year(today or clock.today()))
        self.year_box.setSuffix(self.tr(" 年度"))
        self.seal_edit = QLineEdit()
        self.seal_edit.setObjectName("sealCardNumber")
        self.seal_edit.setPlaceholderText(self.tr("印鑑登録証の番号を入力または読み取り"))
        for widget in (self.copies_box, self.year_box):
            widget.setMinimumHeight(36)
            widget.valueChanged.connect(lambda _value: self.changed.emit())
        self.seal_edit.textChanged.connect(lambda _text: self.changed.emit())

        self.form = QFormLayout(self)
        self.form.addRow(self.tr("種類"), self.kind_box)
        self.form.addRow("", self.kind_reason)
        self.form.addRow(self.tr("範囲"), self.scope_row)
        self.form.addRow(self.tr("記載事項"), self.options_widget)
        self.form.addRow(self.tr("年度"), self.year_box)
        self.form.addRow(self.tr("印鑑登録証"), self.seal_edit)
        self.form.addRow(self.tr("通数"), self.copies_box)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    # --- reading ---------------------------------------------------------------------

    def kind(self) -> CertificateKind:
        return self._catalog.kind(self.kind_box.currentData())

    def item(self) -> CertificateItem:
        kind = self.kind()
        scope = next(s for s, b in self.scope_buttons.items() if b.isChecked())
        options = frozenset(
            option_id
            for option_id, box in self.option_boxes.items()
            if box.isChecked() and box.isEnabled()
        )
        return CertificateItem(
            kind_id=kind.id,
            copies=self.copies_box.value(),
            scope=scope if scope in kind.scopes else kind.scopes[0],
            options=options,
            fiscal_year=self.year_box.value() if kind.by_fiscal_year else None,
            seal_card_number=(self.seal_edit.text().strip() or None)
            if kind.needs_seal_card
            else None,
        )

    def choose_kind(self, kind_id: str) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind_id))

    def reset(self) -> None:
        """Ready for the next certificate: one copy, no options, no card number."""
        self.copies_box.setValue(1)
        self.seal_edit.clear()
        for box in self.option_boxes.values():
            box.setChecked(False)

    # --- who asks decides what may be chosen -------------------------------------------

    def set_requester(self, requester: RequesterKind) -> None:
        self._requester = requester
        self._update_allowed()

    def _kind_changed(self) -> None:
        kind = self.kind()
        while self.options_grid.count():
            widget = self.options_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.option_boxes.clear()
        self.option_reasons.clear()
        for index, option in enumerate(kind.options):
            box = QCheckBox(named(option, self._language))
            box.setObjectName(f"option_{option.id}")
            box.toggled.connect(lambda _on: self.changed.emit())
            reason = QLabel(option_refusal(option))
            reason.setObjectName(f"optionReason_{option.id}")
            reason.setStyleSheet("color: #b00020; font-size: 9pt;")
            reason.setWordWrap(True)
            row, column = divmod(index, OPTION_COLUMNS)
            self.options_grid.addWidget(box, 2 * row, column)
            self.options_grid.addWidget(reason, 2 * row + 1, column)
            self.option_boxes[option.id] = box
            self.option_reasons[option.id] = reason
        self.form.setRowVisible(self.scope_row, len(kind.scopes) > 1)
        for scope, button in self.scope_buttons.items():
            button.setEnabled(scope in kind.scopes)
        if not self.scope_buttons[Scope.PERSON].isEnabled():
            self.scope_buttons[Scope.HOUSEHOLD].setChecked(True)
        elif not self.scope_buttons[Scope.HOUSEHOLD].isEnabled():
            self.scope_buttons[Scope.PERSON].setChecked(True)
        self.form.setRowVisible(self.options_widget, bool(kind.options))
        self.form.setRowVisible(self.year_box, kind.by_fiscal_year)
        self.form.setRowVisible(self.seal_edit, kind.needs_seal_card)
        self._update_allowed()
        self.changed.emit()

    def _update_allowed(self) -> None:
        kind = self.kind()
        model = self.kind_box.model()
        if isinstance(model, QStandardItemModel):
            for row, listed in enumerate(self._catalog.kinds):
                allowed = self._requester in listed.allowed_for
                model.item(row).setEnabled(allowed)
                model.item(row).setToolTip("" if allowed else kind_refusal(listed))
        kind_allowed = self._requester in kind.allowed_for
        self.kind_reason.setText("" if kind_allowed else kind_refusal(kind))
        self.kind_reason.setVisible(not kind_allowed)
        for option in kind.options:
            allowed = self._requester in option.allowed_for
            box = self.option_boxes[option.id]
            box.setEnabled(allowed)
            box.setToolTip("" if allowed else option_refusal(option))
            self.option_reasons[option.id].setVisible(not allowed)
        self.changed.emit()

    def kind_allowed(self) -> bool:
        return self._requester in self.kind().allowed_for

    def focus_kind(self) -> None:
        self.kind_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
