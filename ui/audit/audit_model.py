"""Audit entries as plain rows and a Qt table model over them (no ORM row, no session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

TIME, USER, TERMINAL, ACTION, SUBJECT, PURPOSE = range(6)
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # aware, UTC
    login: str
    terminal: str
    action: str
    subject_type: str | None
    subject_id: str | None
    purpose: str | None

    @classmethod
    def of(cls, entry) -> AuditRow:
        return cls(
            entry.id,
            entry.at,
            entry.login,
            entry.terminal,
            entry.action,
            entry.subject_type,
            entry.subject_id,
            entry.purpose,
        )


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._headers = (
            self.tr("日時"),
            self.tr("ユーザー"),
            self.tr("端末"),
            self.tr("操作"),
            self.tr("対象"),
            self.tr("目的・理由"),
        )
        self._actions = {
            "auth.login": self.tr("ログイン"),
            "auth.logout": self.tr("ログアウト"),
            "auth.login_failed": self.tr("ログイン失敗"),
            "auth.unlock": self.tr("画面ロックの解除"),
            "auth.unlock_failed": self.tr("画面ロック解除の失敗"),
            "user.add": self.tr("職員ユーザーの追加"),
            "user.passwd": self.tr("パスワードの変更"),
            "user.enable": self.tr("職員ユーザーの利用再開"),
            "user.disable": self.tr("職員ユーザーの利用停止"),
            "resident.view": self.tr("住民記録の閲覧"),
            "resident.view_blocked": self.tr("閲覧の拒否（支援措置）"),
            "resident.my_number_shown": self.tr("個人番号の表示"),
            "resident.my_number_blocked": self.tr("個人番号表示の拒否（支援措置）"),
            "resident.support_measure_authorised": self.tr("支援措置対象記録の閲覧許可"),
        }
        self._subjects = {
            "resident": self.tr("住民 {id}"),
            "staff_user": self.tr("職員 {id}"),
        }

    def set_rows(self, rows: Sequence[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> AuditRow:
        return self._rows[index]

    def action_text(self, action: str) -> str:
        return self._actions.get(action, action)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == TIME:
            return row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == USER:
            return row.login
        if column == TERMINAL:
            return row.terminal
        if column == ACTION:
            return self.action_text(row.action)
        if column == SUBJECT:
            if row.subject_type is None:
                return ""
            template = self._subjects.get(row.subject_type)
            if template is None:
                return f"{row.subject_type} {row.subject_id or ''}".strip()
            return template.format(id=row.subject_id or "")
        if column == PURPOSE:
            return row.purpose or ""
        return None
