"""The certificates of a request, a line each: kind, scope, what it shows, copies and the
fee the core quoted. Del (or the desk's button) drops the selected line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidgetItem, QVBoxLayout, QWidget

from counter_app.certificates.model import CertificateCatalog, CertificateItem, Quote

from ..tables import row_table
from .words import named, scope_label, yen

KIND, SCOPE, DETAIL, COPIES, FEE = range(5)


class RequestLines(QWidget):
    """Emits `remove_requested(row)` on Del over a selected line."""

    remove_requested = Signal(int)

    def __init__(
        self, catalog: CertificateCatalog, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._language = language
        self.table = row_table(
            "certificateLines",
            [
                self.tr("証明書"),
                self.tr("範囲"),
                self.tr("記載事項"),
                self.tr("通数"),
                self.tr("手数料"),
            ],
            DETAIL,
            120,
        )
        self.table.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)

    def show_items(self, items: Sequence[CertificateItem], quote: Quote | None) -> None:
        """The lines, each with its fee once the core has quoted them (… until then)."""
        self.table.setRowCount(len(items))
        fees = quote.lines if quote is not None else ()
        for row, item in enumerate(items):
            kind = self._catalog.kind(item.kind_id)
            values = [
                named(kind, self._language),
                scope_label(item.scope),
                self.detail(item),
                str(item.copies),
                yen(fees[row].amount_yen) if row < len(fees) else "…",
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def detail(self, item: CertificateItem) -> str:
        kind = self._catalog.kind(item.kind_id)
        parts = [named(kind.option(o), self._language) for o in sorted(item.options)]
        if item.fiscal_year is not None:
            parts.append(self.tr("{year}年度").format(year=item.fiscal_year))
        if item.seal_card_number:
            parts.append(self.tr("登録証 {number}").format(number=item.seal_card_number))
        return self.tr("、").join(parts) or "—"

    def current_row(self) -> int:
        return self.table.currentRow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
            and self.table.currentRow() >= 0
        ):
            self.remove_requested.emit(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)
