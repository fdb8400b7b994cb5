"""The search results as a Qt table model over plain SearchHit rows (never a live session)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.search.service import SearchHit

from ..rows_model import Index, RowsTableModel

NAME, KANA, BIRTH, ADDRESS = range(4)
RESIDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
WARNING_COLOUR = QColor("#b00020")


class SearchResultsModel(RowsTableModel[SearchHit]):
    """Columns 氏名, カナ, 生年月日（和暦・年齢）, 住所; never the My Number. A hit under a
    support measure shows a warning instead of its address."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (
            self.tr("氏名"),
            self.tr("カナ"),
            self.tr("生年月日（和暦・年齢）"),
            self.tr("住所"),
        )
        self._protected_text = self.tr("支援措置対象のため住所は表示しません")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.row_at(index)
        if hit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(hit, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == ADDRESS and hit.support_measure:
            return self._protected_text
        if role == Qt.ItemDataRole.ForegroundRole and column == ADDRESS and hit.support_measure:
            return QBrush(WARNING_COLOUR)
        if role == RESIDENT_ID_ROLE:
            return hit.resident_id
        if role == HIT_ROLE:
            return hit
        return None

    def _text(self, hit: SearchHit, column: int) -> str | None:
        if column == NAME:
            return hit.name
        if column == KANA:
            return hit.kana
        if column == BIRTH:
            return hit.birth_date_wareki
        if column == ADDRESS:
            if hit.support_measure:
                return self._protected_text
            return " ".join(part for part in (hit.address, hit.katagaki) if part)
        return None
