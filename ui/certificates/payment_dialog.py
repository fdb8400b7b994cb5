"""お会計: the total, then cash received → change, a cashless payment on the window's
terminal, or 減免 with its reason.

Cash less than the total is refused here and again by the core. The cashless charge runs
on the terminal's device worker (never on the GUI thread); while it runs the dialog
cannot be closed, and only an approved charge closes it. Keys: Alt+C 現金, Alt+K
キャッシュレス, Alt+G 減免; Enter takes the payment.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.certificates.model import NamedChoice, PaymentInput, PaymentMethod
from counter_app.ports import CashlessResult
from station.device_workers import DeviceWorker
from ui import ops

from .words import method_label, named, yen

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def parse_yen(text: str) -> int | None:
    """「5000」「５，０００」「5,000円」 → 5000; None for anything that is not an amount."""
    folded = unicodedata.normalize("NFKC", text).replace(",", "").replace("円", "").strip()
    return int(folded) if folded.isdigit() else None


class PaymentDialog(QDialog):
    """`payment()` and `exemption_id()` once accepted. `terminal`: the window's payment
    terminal's device worker (None: no terminal here, cashless is off)."""

    def __init__(
        self,
        parent: QWidget | None,
        total_yen: int,
        exemptions: tuple[NamedChoice, ...],
        language: str,
        *,
        exemption_id: str | None = None,
        terminal: DeviceWorker | None = None,
        order: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("お会計"))
        self.setObjectName("paymentDialog")
        self.total_yen = total_yen
        self._terminal = terminal
        self._order = order
        self._charging = False
        self._payment: PaymentInput | None = None

        self.total_label = QLabel(yen(total_yen))
        self.total_label.setObjectName("paymentTotal")
        self.total_label.setStyleSheet("font-size: 26pt; font-weight: bold; color: #1f4e79;")
        self.method_buttons: dict[PaymentMethod, QRadioButton] = {}
        group = QButtonGroup(self)
        methods = QHBoxLayout()
        for method, mnemonic in (
            (PaymentMethod.CASH, "C"),
            (PaymentMethod.CASHLESS, "K"),
            (PaymentMethod.EXEMPT, "G"),
        ):
            button = QRadioButton(
                self.tr("{name}（Alt+{key}）").format(name=method_label(method), key=mnemonic)
            )
            button.setObjectName(f"method_{method.value}")
            group.addButton(button)
            methods.addWidget(button)
            self.method_buttons[method] = button
            button.toggled.connect(self._method_changed)
            key = QShortcut(QKeySequence(f"Alt+{mnemonic}"), self)
            key.activated.connect(button.click)
        methods.addStretch(1)

        # 現金
        self.received_edit = QLineEdit()
        self.received_edit.setObjectName("received")
        self.received_edit.setPlaceholderText(self.tr("お預かり金額"))
        self.received_edit.textChanged.connect(self._update)
        self.received_edit.installEventFilter(self)
        self.change_label = QLabel("—")
        self.change_label.setObjectName("change")
        self.change_label.setStyleSheet("font-size: 20pt; font-weight: bold;")
        cash = QWidget()
        cash_form = QFormLayout(cash)
        cash_form.addRow(self.tr("お預かり"), self.received_edit)
        cash_form.addRow(self.tr("お釣り"), self.change_label)
        # キャッシュレス
        cashless = QWidget()
        cashless_layout = QVBoxLayout(cashless)
        self.terminal_label = QLabel(
            self.tr(
                "決済端末で {total} を請求します。カード・スマートフォンを端末にかざしてもらいます。"
            ).format(total=yen(total_yen))
            if terminal is not None
            else self.tr(
                "この端末には決済端末が設定されていません（設定ファイルの devices.payment_terminal）。"
            )
        )
        self.terminal_label.setWordWrap(True)
        cashless_layout.addWidget(self.terminal_label)
        cashless_layout.addStretch(1)
        # 減免
        exempt = QWidget()
        exempt_form = QFormLayout(exempt)
        self.reason_box = QComboBox()
        self.reason_box.setObjectName("exemptionReason")
        self.reason_box.addItem(self.tr("理由を選んでください"), None)
        for exemption in exemptions:
            self.reason_box.addItem(named(exemption, language), exemption.id)
        if exemption_id is not None:
            self.reason_box.setCurrentIndex(self.reason_box.findData(exemption_id))
        self.reason_box.currentIndexChanged.connect(self._update)
        exempt_form.addRow(self.tr("減免の理由"), self.reason_box)
        exempt_form.addRow(QLabel(self.tr("手数料はかかりません。")))

        self.pages = QStackedWidget()
        self._page_of = {PaymentMethod.CASH: cash, PaymentMethod.CASHLESS: cashless}
        self._page_of[PaymentMethod.EXEMPT] = exempt
        for page in (cash, cashless, exempt):
            self.pages.addWidget(page)

        self.message = QLabel()
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        self.pay_button = QPushButton(self.tr("受領して交付（Enter）"))
        self.pay_button.setObjectName("primary")
        self.pay_button.setDefault(True)
        self.pay_button.clicked.connect(self.take_payment)
        self.cancel_button = QPushButton(self.tr("戻る（Esc）"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.pay_button)

        form = QFormLayout()
        form.addRow(self.tr("合計"), self.total_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(methods)
        layout.addWidget(self.pages)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.method_buttons[PaymentMethod.CASHLESS].setEnabled(terminal is not None)
        start = PaymentMethod.EXEMPT if exemption_id is not None else PaymentMethod.CASH
        self.method_buttons[start].setChecked(True)
        self.resize(560, self.sizeHint().height())

    @staticmethod
    def present(dialog: PaymentDialog) -> int:
        """`dialog.exec()`; the screen tests replace it to answer the dialog."""
        return dialog.exec()

    # --- reading ---------------------------------------------------------------------

    def method(self) -> PaymentMethod:
        return next(m for m, b in self.method_buttons.items() if b.isChecked())

    def received(self) -> int | None:
        return parse_yen(self.received_edit.text())

    def exemption_id(self) -> str | None:
        return self.reason_box.currentData() if self.method() is PaymentMethod.EXEMPT else None

    def payment(self) -> PaymentInput | None:
        return self._payment

    # --- the form --------------------------------------------------------------------

    def _method_changed(self, checked: bool) -> None:
        if not checked:
            return
        method = self.method()
        self.pages.setCurrentWidget(self._page_of[method])
        self.total_label.setText(
            self.tr("お支払いなし（減免）")
            if method is PaymentMethod.EXEMPT
            else yen(self.total_yen)
        )
        self.pay_button.setText(
            self.tr("決済する（Enter）")
            if method is PaymentMethod.CASHLESS
            else self.tr("受領して交付（Enter）")
            if method is PaymentMethod.CASH
            else self.tr("交付（Enter）")
        )
        if method is PaymentMethod.CASH:
            self.received_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif method is PaymentMethod.EXEMPT:
            self.reason_box.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()

    def _update(self) -> None:
        method = self.method()
        ready = not self._charging
        self.message.setText("")
        if method is PaymentMethod.CASH:
            received = self.received()
            if received is None:
                self.change_label.setText("—")
                ready = False
            elif received < self.total_yen:
                self.change_label.setText("—")
                self.message.setText(
                    self.tr("お預かりが合計に {short} 足りません。").format(
                        short=yen(self.total_yen - received)
                    )
                )
                ready = False
            else:
                self.change_label.setText(yen(received - self.total_yen))
        elif method is PaymentMethod.CASHLESS:
            ready = ready and self._terminal is not None
        else:
            ready = ready and self.reason_box.currentData() is not None
        self.pay_button.setEnabled(ready)
        for button in self.method_buttons.values():
            button.setEnabled(not self._charging)
        self.method_buttons[PaymentMethod.CASHLESS].setEnabled(
            not self._charging and self._terminal is not None
        )

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.received_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in _ENTER_KEYS
        ):
            self.take_payment()
            return True
        return super().eventFilter(watched, event)

    # --- paying ----------------------------------------------------------------------

    def take_payment(self) -> None:
        if not self.pay_button.isEnabled():
            return
        method = self.method()
        if method is PaymentMethod.CASH:
            self._payment = PaymentInput(PaymentMethod.CASH, received_yen=self.received())
            self.accept()
        elif method is PaymentMethod.EXEMPT:
            self._payment = PaymentInput(PaymentMethod.EXEMPT)
            self.accept()
        else:
            self._charge()

    def _charge(self) -> None:
        terminal, total, order = self._terminal, self.total_yen, self._order
        if terminal is None:
            return
        self._charging = True
        self.cancel_button.setEnabled(False)
        self._update()
        self.message.setText(self.tr("決済端末の操作を待っています…"))
        ops.device(
            self,
            terminal,
            lambda driver: driver.charge(total, order),
            on_success=self._charged,
            on_error=self._charge_failed,
            on_done=self._charge_done,
        )

    def _charge_done(self) -> None:
        self._charging = False
        self.cancel_button.setEnabled(True)
        self._update()

    def _charged(self, result: CashlessResult) -> None:
        if not result.approved:
            self.message.setText(
                self.tr("決済できませんでした: {reason}").format(
                    reason=result.message or self.tr("端末が承認しませんでした")
                )
            )
            return
        self._payment = PaymentInput(
            PaymentMethod.CASHLESS,
            cashless_method=result.method,
            cashless_reference=result.reference,
        )
        self.accept()

    def _charge_failed(self, error: BaseException) -> None:
        # devices/payment.py's PaymentTerminalError names the problem (PaymentProblem).
        problem = str(getattr(error, "kind", ""))
        texts = {
            "unreachable": self.tr("決済端末に接続できませんでした。請求はされていません。"),
            "no_answer": self.tr(
                "決済端末から時間内に応答がありませんでした。請求はされていません。"
            ),
            "bad_answer": self.tr(
                "決済端末の応答を読み取れませんでした。交付せず、端末の記録を確認してください。"
            ),
        }
        text = texts.get(problem) or self.tr("決済端末でエラーが起きました（{detail}）。").format(
            detail=str(error) or type(error).__name__
        )
        self.message.setText(text)

    def reject(self) -> None:
        if self._charging:  # the terminal may be charging the card right now
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._charging:
            event.ignore()
            return
        super().closeEvent(event)
