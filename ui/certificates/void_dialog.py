"""取消 of a payment: what is voided, and the reason (required; it is kept with the void).

Tests replace `VoidDialog.ask` (pytest-qt's advice for dialogs)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.certificates.model import PaymentInfo

from .words import method_label, yen


class VoidDialog(QDialog):
    def __init__(self, parent: QWidget | None, payment: PaymentInfo) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("領収の取消"))
        lead = QLabel(
            self.tr(
                "領収書 {receipt}（{method} {total}）を取り消します。取消は記録に残り、"
                "元に戻せません。理由を入力してください。"
            ).format(
                receipt=payment.receipt_number,
                method=method_label(payment.method),
                total=yen(payment.total_yen),
            )
        )
        lead.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("voidReason")
        self.reason.setEditable(True)
        self.reason.addItems(
            [self.tr("交付誤り（種類・通数の誤り）"), self.tr("請求者の申出による取りやめ")]
        )
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText("")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept_if_given)
        self.buttons.rejected.connect(self.reject)
        self.reason.editTextChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(520, self.sizeHint().height())

    def text(self) -> str:
        return self.reason.currentText().strip()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def _accept_if_given(self) -> None:
        if self.text():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, payment: PaymentInfo) -> str | None:
        """The reason given, or None when cancelled."""
        dialog = cls(parent, payment)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.text() or None
        finally:
            dialog.deleteLater()
