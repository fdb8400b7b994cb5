"""日計: the day's takings per fee kind (from `app.certificates.day_report`), the 金種表
(a row per denomination; the counted cash, the expected cash and the difference update
as the pieces are typed), 「記録」 (Ctrl+S) saving the count, a supervisor's 承認, and the
day's payments, where a supervisor voids (取消) one with a reason.

The figures are the core's: this screen adds up only the pieces being typed, to show
the count before it is recorded; what is recorded is what the core computes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.certificates.model import DENOMINATIONS, CashCount, DayReport, PaymentInfo
from counter_app.clock import local
from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor, Permission
from ui import ops

from ..context import UiContext
from ..tables import row_table
from .void_dialog import VoidDialog
from .words import method_label, named, yen

MAX_PIECES = 99_999
COUNT_ROW_HEIGHT = 32
DENOMINATION, PIECES, AMOUNT = range(3)


def local_day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DayCloseScreen(QWidget):
    """Emits `loaded(DayReport)`, `counted(CashCount)`, `signed(CashCount)` and
    `voided(PaymentInfo)` once the core has done each."""

    loaded = Signal(object)
    counted = Signal(object)
    signed = Signal(object)
    voided = Signal(object)

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayClose")
        self._context = context
        self._actor = actor
        self._service = context.core.certificates
        self.report: DayReport | None = None
        self.payments: tuple[PaymentInfo, ...] = ()
        self.supervisor = actor.can(Permission.SIGN_OFF_CASH)
        self.can_void = actor.can(Permission.VOID_FEE_PAYMENTS)

        self.day_edit = QDateEdit(QDate(clock.today()))
        self.day_edit.setObjectName("closeDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.window_box = QComboBox()
        self.window_box.setObjectName("closeWindow")
        own = context.core.terminal.window_number
        if own is not None:
            self.window_box.addItem(self.tr("{number}番窓口").format(number=own), own)
        self.window_box.addItem(self.tr("全窓口"), None)
        self.refresh_button = QPushButton(self.tr("更新（F5）"))
        self.refresh_button.clicked.connect(self.refresh)
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        self.window_box.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("営業日")))
        top.addWidget(self.day_edit)
        top.addWidget(QLabel(self.tr("窓口")))
        top.addWidget(self.window_box)
        top.addWidget(self.refresh_button)
        top.addStretch(1)

        # --- 日計 ---
        self.kinds_table = row_table(
            "dayKinds",
            [self.tr("証明書"), self.tr("通数"), self.tr("うち減免"), self.tr("金額")],
            0,
            160,
        )
        self.summary = {
            key: QLabel("—") for key in ("payments", "voided", "cash", "cashless", "total")
        }
        for key, label in self.summary.items():
            label.setObjectName(f"day_{key}")
        summary = QFormLayout()
        summary.addRow(self.tr("件数"), self.summary["payments"])
        summary.addRow(self.tr("取消"), self.summary["voided"])
        summary.addRow(self.tr("現金"), self.summary["cash"])
        summary.addRow(self.tr("キャッシュレス"), self.summary["cashless"])
        summary.addRow(self.tr("合計"), self.summary["total"])
        takings = QGroupBox(self.tr("日計"))
        takings_layout = QVBoxLayout(takings)
        takings_layout.addWidget(self.kinds_table, 1)
        takings_layout.addLayout(summary)

        # --- 金種表 ---
        self.count_table = row_table(
            "cashCount", [self.tr("金種"), self.tr("枚数"), self.tr("金額")], AMOUNT, 200
        )
        self.count_table.verticalHeader().setDefaultSectionSize(COUNT_ROW_HEIGHT)
        # every denomination in sight: the count is typed top to bottom without scrolling
        self.count_table.setMinimumHeight(COUNT_ROW_HEIGHT * len(DENOMINATIONS) + 36)
        self.count_table.setRowCount(len(DENOMINATIONS))
        self.piece_boxes: dict[int, QSpinBox] = {}
        for row, denomination in enumerate(DENOMINATIONS):
            self.count_table.setItem(row, DENOMINATION, QTableWidgetItem(yen(denomination)))
            box = QSpinBox()
            box.setObjectName(f"pieces_{denomination}")
            box.setRange(0, MAX_PIECES)
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.valueChanged.connect(self._update_count)
            self.count_table.setCellWidget(row, PIECES, box)
            self.count_table.setItem(row, AMOUNT, QTableWidgetItem(yen(0)))
            self.piece_boxes[denomination] = box
        self.counted_label = QLabel(yen(0))
        self.counted_label.setObjectName("countedCash")
        self.expected_label = QLabel("—")
        self.expected_label.setObjectName("expectedCash")
        self.difference_label = QLabel("—")
        self.difference_label.setObjectName("cashDifference")
        self.difference_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.count_state = QLabel()
        self.count_state.setObjectName("muted")
        self.count_state.setWordWrap(True)
        totals = QFormLayout()
        totals.addRow(self.tr("現金有高"), self.counted_label)
        totals.addRow(self.tr("現金収納額"), self.expected_label)
        totals.addRow(self.tr("過不足"), self.difference_label)
        self.record_button = QPushButton(self.tr("記録（Ctrl+S）"))
        self.record_button.setObjectName("recordCount")
        self.record_button.clicked.connect(self.record_count)
        self.sign_button = QPushButton(self.tr("承認（監督者）"))
        self.sign_button.setObjectName("signOff")
        self.sign_button.clicked.connect(self.sign_off)
        count_buttons = QHBoxLayout()
        count_buttons.addStretch(1)
        count_buttons.addWidget(self.record_button)
        count_buttons.addWidget(self.sign_button)
        count = QGroupBox(self.tr("金種表"))
        count_layout = QVBoxLayout(count)
        count_layout.addWidget(self.count_table, 1)
        count_layout.addLayout(totals)
        count_layout.addWidget(self.count_state)
        count_layout.addLayout(count_buttons)

        # --- the day's payments ---
        self.payments_table = row_table(
            "dayPayments",
            [
                self.tr("領収書番号"),
                self.tr("時刻"),
                self.tr("窓口"),
                self.tr("方法"),
                self.tr("金額"),
                self.tr("状態"),
            ],
            5,
            120,
        )
        self.void_button = QPushButton(self.tr("取消…"))
        self.void_button.setObjectName("voidPayment")
        self.void_button.clicked.connect(self.void_selected)
        self.void_button.setToolTip(
            "" if self.can_void else self.tr("取消は監督者だけが行えます。")
        )
        self.payments_table.itemSelectionChanged.connect(self._update_actions)
        payments = QGroupBox(self.tr("本日の領収"))
        payments_layout = QVBoxLayout(payments)
        payments_layout.addWidget(self.payments_table, 1)
        void_row = QHBoxLayout()
        if not self.can_void:
            hint = QLabel(self.tr("取消は監督者だけが行えます。"))
            hint.setObjectName("muted")
            void_row.addWidget(hint)
        void_row.addStretch(1)
        void_row.addWidget(self.void_button)
        payments_layout.addLayout(void_row)

        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()

        middle = QHBoxLayout()
        middle.addWidget(takings, 1)
        middle.addWidget(count, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(middle, 3)
        layout.addWidget(payments, 1)

        for key, slot in (
            (QKeySequence(Qt.Key.Key_F5), self.refresh),
            (QKeySequence("Ctrl+S"), self.record_count),
        ):
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.runner.online_changed.connect(self._update_actions)
        self._update_actions()
        self.refresh()

    # --- what is shown ------------------------------------------------------------------

    def day(self) -> date:
        return local_day(self.day_edit.date())

    def window(self) -> int | None:
        return self.window_box.currentData()

    def refresh(self) -> None:
        service, day, window = self._service, self.day(), self.window()

        def read() -> tuple[DayReport, tuple[PaymentInfo, ...]]:
            return service.day_report(day, window), service.payments_of_day(day, window)

        ops.db(self, self._context.runner, read, on_success=self._show, on_failure=self._failed)

    def _show(self, read: tuple[DayReport, tuple[PaymentInfo, ...]]) -> None:
        report, payments = read
        self.report, self.payments = report, payments
        self.message.hide()
        self.kinds_table.setRowCount(len(report.kinds))
        language = self._context.language
        catalog = self._service.catalog
        for row, kind in enumerate(report.kinds):
            try:
                name = named(catalog.kind(kind.kind_id), language)
            except KeyError:  # a kind since removed from the catalog: as it was recorded
                name = kind.name
            values = [name, str(kind.copies), str(kind.exempt_copies), yen(kind.amount_yen)]
            for column, value in enumerate(values):
                self.kinds_table.setItem(row, column, QTableWidgetItem(value))
        self.summary["payments"].setText(str(report.payments))
        self.summary["voided"].setText(str(report.voided))
        self.summary["cash"].setText(yen(report.cash_yen))
        self.summary["cashless"].setText(yen(report.cashless_yen))
        self.summary["total"].setText(yen(report.total_yen))
        self.expected_label.setText(yen(report.cash_yen))
        latest = report.cash_counts[-1] if report.cash_counts else None
        for denomination, box in self.piece_boxes.items():
            box.blockSignals(True)
            box.setValue(latest.counts.get(denomination, 0) if latest is not None else 0)
            box.blockSignals(False)
        self._show_count_state(latest)
        self._show_payments()
        self._update_count()
        self.loaded.emit(report)

    def _show_payments(self) -> None:
        self.payments_table.setRowCount(len(self.payments))
        for row, payment in enumerate(self.payments):
            state = (
                self.tr("取消（{reason}）").format(reason=payment.void_reason or "")
                if payment.voided
                else self.tr("有効")
            )
            values = [
                payment.receipt_number,
                local(payment.paid_at).strftime("%H:%M"),
                "—" if payment.window is None else str(payment.window),
                method_label(payment.method),
                yen(payment.total_yen),
                state,
            ]
            for column, value in enumerate(values):
                self.payments_table.setItem(row, column, QTableWidgetItem(value))
        self._update_actions()

    def _show_count_state(self, count: CashCount | None) -> None:
        if count is None:
            self.count_state.setText(self.tr("金種表はまだ記録されていません。"))
            return
        text = self.tr("記録: {who} {time}　過不足 {difference}").format(
            who=count.counted_by,
            time=local(count.counted_at).strftime("%H:%M"),
            difference=yen(count.difference_yen),
        )
        if count.signed_off_by:
            text += self.tr("　承認: {who} {time}").format(
                who=count.signed_off_by,
                time=local(count.signed_off_at).strftime("%H:%M") if count.signed_off_at else "",
            )
        else:
            text += self.tr("　承認待ち")
        self.count_state.setText(text)

    # --- the count ----------------------------------------------------------------------

    def counts(self) -> dict[int, int]:
        return {d: box.value() for d, box in self.piece_boxes.items()}

    def counted_yen(self) -> int:
        return sum(d * n for d, n in self.counts().items())

    def _update_count(self) -> None:
        for row, (denomination, pieces) in enumerate(self.counts().items()):
            self.count_table.item(row, AMOUNT).setText(yen(denomination * pieces))
        counted = self.counted_yen()
        self.counted_label.setText(yen(counted))
        if self.report is None:
            self.difference_label.setText("—")
            return
        difference = counted - self.report.cash_yen
        sign = "+" if difference > 0 else ""
        self.difference_label.setText(f"{sign}{yen(difference)}")
        colour = "#1f4e79" if difference == 0 else "#b00020"
        self.difference_label.setStyleSheet(f"font-size: 16pt; font-weight: bold; color: {colour};")

    def record_count(self) -> None:
        if self.report is None or not self._context.runner.online:
            return
        service, actor, day, window = self._service, self._actor, self.day(), self.window()
        counts = self.counts()
        ops.db(
            self,
            self._context.runner,
            lambda: service.record_cash_count(actor, day, window, counts),
            on_success=self._counted,
            on_failure=self._failed,
        )

    def _counted(self, count: CashCount) -> None:
        self._show_count_state(count)
        self.counted.emit(count)
        self.refresh()

    def sign_off(self) -> None:
        if not self.supervisor or not self._context.runner.online:
            return
        service, actor, day, window = self._service, self._actor, self.day(), self.window()
        ops.db(
            self,
            self._context.runner,
            lambda: service.sign_off(actor, day, window),
            on_success=self._signed,
            on_failure=self._failed,
        )

    def _signed(self, count: CashCount) -> None:
        self._show_count_state(count)
        self.signed.emit(count)
        self.refresh()

    # --- voiding ------------------------------------------------------------------------

    def selected_payment(self) -> PaymentInfo | None:
        row = self.payments_table.currentRow()
        return self.payments[row] if 0 <= row < len(self.payments) else None

    def void_selected(self) -> None:
        payment = self.selected_payment()
        if payment is None or payment.voided or not self.can_void:
            return
        reason = VoidDialog.ask(self, payment)
        if not reason:
            return
        service, actor = self._service, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: service.void(actor, payment.receipt_number, reason),
            on_success=self._voided,
            on_failure=self._failed,
        )

    def _voided(self, payment: PaymentInfo) -> None:
        self.voided.emit(payment)
        self.refresh()

    # --- helpers ------------------------------------------------------------------------

    def _update_actions(self, *_args) -> None:
        online = self._context.runner.online
        self.record_button.setEnabled(online)
        self.sign_button.setEnabled(online and self.supervisor)
        self.sign_button.setVisible(self.supervisor)
        payment = self.selected_payment()
        self.void_button.setEnabled(
            online and self.can_void and payment is not None and not payment.voided
        )

    def _failed(self, error: CounterAppError) -> None:
        self.message.setText(message_for(error, self._context.language))
        self.message.show()
