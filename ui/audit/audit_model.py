"""Audit entries as plain rows and a Qt table model over them (no ORM row, no session)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt

from ..rows_model import Index, RowsTableModel

TIME, USER, TERMINAL, ACTION, SUBJECT, PURPOSE = range(6)


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


class AuditTableModel(RowsTableModel[AuditRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
            "visit.read": self.tr("受付の閲覧"),
            "visit.read_refused": self.tr("受付の閲覧の拒否"),
            "visit.forms_viewed": self.tr("受付の帳票の閲覧"),
            "keys.rotated": self.tr("鍵の更新（個人番号の再暗号化）"),
            "keys.replaced_lost": self.tr("鍵の置き換え（鍵ファイルの紛失）"),
            "resident.search_protected": self.tr("検索結果への支援措置対象者の表示"),
        }
        self._subjects = {
            "resident": self.tr("住民 {id}"),
            "staff_user": self.tr("職員 {id}"),
            "visit": self.tr("受付 {id}"),
            "visit_procedure": self.tr("受付の手続き {id}"),
            # A typed user ID that matches no user: only its keyed digest is kept.
            "login_id": self.tr("登録のないユーザーID（ダイジェスト {id}）"),
        }

    def action_text(self, action: str) -> str:
        return self._actions.get(action, action)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if role != Qt.ItemDataRole.DisplayRole or row is None:
            return None
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
