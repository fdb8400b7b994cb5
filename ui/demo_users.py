"""The demo mode panel of the login dialog: the demo users and their shared password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from counter_app.demo.staff import DEMO_PASSWORD, DEMO_USERS, DemoUser

from .labels import departments_label, roles_label

LOGIN_COLUMN, NAME_COLUMN, ROLE_COLUMN = range(3)


class DemoUsersPanel(QFrame):
    """Clicking a user emits `chosen(login, password)`."""

    chosen = Signal(str, str)

    def __init__(self, language: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._language = language
        title = QLabel(self.tr("デモ用ユーザー"))
        title.setObjectName("panelTitle")
        hint = QLabel(
            self.tr("デモモードで動いています。ユーザーをクリックすると入力欄に入ります。")
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.table = self._build_table()
        password = QLabel(
            self.tr("パスワード（全員共通）: {password}").format(password=DEMO_PASSWORD)
        )
        password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(password)

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(len(DEMO_USERS), 3, self)
        table.setHorizontalHeaderLabels([self.tr("ユーザーID"), self.tr("氏名"), self.tr("役割")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row, user in enumerate(DEMO_USERS):
            for column, text in enumerate((user.login, user.display_name, self._role_text(user))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.login)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeColumnsToContents()
        table.setMinimumWidth(header.length() + 2 * table.frameWidth())
        table.cellClicked.connect(self._on_clicked)
        return table

    def _role_text(self, user: DemoUser) -> str:
        text = roles_label(user.roles)
        if user.departments:
            departments = departments_label(user.departments, self._language)
            text = self.tr("{roles}（{departments}）").format(roles=text, departments=departments)
        return text

    def row_of(self, login: str) -> int:
        return next(row for row, user in enumerate(DEMO_USERS) if user.login == login)

    def _on_clicked(self, row: int, _column: int) -> None:
        self.chosen.emit(DEMO_USERS[row].login, DEMO_PASSWORD)
