"""お会計: cash less than the total is refused and the change shows as the amount is
typed; a cashless charge goes to the window's terminal (the fake one, over a real
socket) on its device worker, and only an approved charge takes the payment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from counter_app.certificates.model import NamedChoice, PaymentMethod
from devices.payment_fake import INSUFFICIENT_BALANCE, FakePaymentTerminal
from ui.certificates.payment_dialog import PaymentDialog

EXEMPTIONS = (
    NamedChoice("official", "公用", "Official use"),
    NamedChoice("public_assistance", "生活保護", "Public assistance"),
)


@pytest.fixture
def terminal():
    fake = FakePaymentTerminal().start()
    yield fake
    fake.stop()


def dialog_for(qtbot, total: int, **kw) -> PaymentDialog:
    dialog = PaymentDialog(None, total, EXEMPTIONS, "ja", **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def press_alt(qtbot, key) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)


def test_cash_short_of_the_total_is_refused_and_the_change_follows_the_typing(qtbot):
    dialog = dialog_for(qtbot, 900)
    assert dialog.method() is PaymentMethod.CASH
    assert dialog.total_label.text() == "900円"
    qtbot.keyClicks(dialog.received_edit, "500")
    assert not dialog.pay_button.isEnabled()
    assert dialog.message.text() == "お預かりが合計に 400円 足りません。"
    qtbot.keyClick(dialog.received_edit, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.payment() is None
    qtbot.keyClicks(dialog.received_edit, "0")  # 5000
    assert dialog.change_label.text() == "4,100円"
    assert dialog.message.text() == ""
    qtbot.keyClick(dialog.received_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    payment = dialog.payment()
    assert (payment.method, payment.received_yen) == (PaymentMethod.CASH, 5000)


def test_an_exemption_needs_its_reason(qtbot):
    dialog = dialog_for(qtbot, 300)
    press_alt(qtbot, Qt.Key.Key_G)
    assert dialog.method() is PaymentMethod.EXEMPT
    assert not dialog.pay_button.isEnabled()
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("public_assistance"))
    assert dialog.pay_button.isEnabled()
    dialog.take_payment()
    assert dialog.payment().method is PaymentMethod.EXEMPT
    assert dialog.exemption_id() == "public_assistance"
    # an exemption chosen at the desk opens the dialog on it
    preset = dialog_for(qtbot, 0, exemption_id="official")
    assert preset.method() is PaymentMethod.EXEMPT and preset.exemption_id() == "official"


def test_no_terminal_here_means_no_cashless(qtbot):
    dialog = dialog_for(qtbot, 300)
    assert not dialog.method_buttons[PaymentMethod.CASHLESS].isEnabled()


def test_a_cashless_charge_runs_on_the_terminals_worker_and_is_taken_once_approved(
    qtbot, devices, terminal
):
    worker = devices.payment_terminal(terminal.url)
    dialog = dialog_for(qtbot, 600, terminal=worker, order="MADO-02-1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert dialog.method() is PaymentMethod.CASHLESS
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.pay_button, Qt.Key.Key_Return)
        assert dialog._charging  # the GUI thread is free while the terminal answers
        dialog.reject()  # not while charging
        assert dialog.isVisible()
    payment = dialog.payment()
    assert payment.method is PaymentMethod.CASHLESS
    assert payment.cashless_method == "credit"
    [charge] = terminal.charges
    assert (charge.amount_yen, charge.order) == (600, "MADO-02-1")
    assert payment.cashless_reference == charge.reference


def test_a_declined_card_says_why_and_takes_nothing(qtbot, devices, terminal):
    terminal.balance_yen = 100
    dialog = dialog_for(
        qtbot, 600, terminal=devices.payment_terminal(terminal.url), order="MADO-02-2"
    )
    dialog.method_buttons[PaymentMethod.CASHLESS].setChecked(True)
    dialog.take_payment()
    qtbot.waitUntil(lambda: not dialog._charging, timeout=10_000)
    assert dialog.message.text() == f"決済できませんでした: {INSUFFICIENT_BALANCE}"
    assert dialog.payment() is None and dialog.isVisible()
    assert terminal.charges == []
    # cash is still there to pay with
    dialog.method_buttons[PaymentMethod.CASH].setChecked(True)
    assert dialog.method_buttons[PaymentMethod.CASH].isEnabled()


def test_an_unreachable_terminal_charges_nothing_and_says_so(qtbot, devices):
    dead = FakePaymentTerminal().start()
    url = dead.url
    dead.stop()
    dialog = dialog_for(qtbot, 300, terminal=devices.payment_terminal(url), order="MADO-02-3")
    dialog.method_buttons[PaymentMethod.CASHLESS].setChecked(True)
    dialog.take_payment()
    qtbot.waitUntil(lambda: not dialog._charging, timeout=10_000)
    assert dialog.message.text() == "決済端末に接続できませんでした。請求はされていません。"
    assert dialog.payment() is None
