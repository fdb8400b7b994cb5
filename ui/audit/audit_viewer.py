"""Recent audit entries and the 「改ざん検査」 button that walks the hash chain."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor

from ..context import UiContext
from .audit_model import PURPOSE, AuditRow, AuditTableModel

RECENT_LIMIT = 200


class AuditViewer(QWidget):
    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        title = QLabel(self.tr("監査ログ"))
        title.setObjectName("panelTitle")
        self.refresh_button = QPushButton(self.tr("更新"))
        self.refresh_button.setObjectName("refreshAudit")
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("改ざん検査"))
        self.verify_button.setObjectName("verifyAudit")
        self.verify_button.clicked.connect(self.verify)
        self.result = QLabel("")
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)

        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditEntries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PURPOSE, QHeaderView.ResizeMode.Stretch)

        buttons = QHBoxLayout()
        buttons.addWidget(title)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        self.setMinimumHeight(420)
        self._loaded = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        core, actor = self._context.core, self._actor
        self._context.runner.run(
            lambda: [AuditRow.of(entry) for entry in core.audit.recent(actor, RECENT_LIMIT)],
            on_success=self.model.set_rows,
            on_failure=self._failed,
        )

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("検査しています…"))
        core, actor = self._context.core, self._actor
        self._context.runner.run(
            lambda: core.audit.verify(actor),
            on_success=self._show_verified,
            on_failure=self._failed,
            on_done=lambda: self.verify_button.setEnabled(True),
        )

    def _show_verified(self, outcome) -> None:
        count, broken = outcome
        if broken is None:
            self.result.setText(
                self.tr("改ざんは見つかりませんでした（{count}件を検査）。").format(count=count)
            )
            return
        reason = self.tr("内容の不一致") if broken.reason == "content" else self.tr("連鎖の欠落")
        self.result.setText(
            self.tr("改ざんを検出しました: 記録 #{id}（{reason}）").format(
                id=broken.entry_id, reason=reason
            )
        )
        self.result.setStyleSheet("color: #b00020; font-weight: bold;")

    def _failed(self, error: CounterAppError) -> None:
        self.result.setText(message_for(error, self._context.language))
