"""Recent audit entries and the 「改ざん検査」 button that verifies the chained logs (the
audit log and the visits' action log) with the key file."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from counter_app.security.chain import AUDIT_LOG, VISIT_LOG
from counter_app.security.chain_verify import Finding, FindingKind, LogReport
from ui import ops

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
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # findings quote stored values
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
        ops.db(
            self,
            self._context.runner,
            lambda: [AuditRow.of(entry) for entry in core.audit.recent(actor, RECENT_LIMIT)],
            on_success=self.model.set_rows,
            on_failure=self._failed,
        )

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("検査しています…"))
        core, actor = self._context.core, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: core.audit.verify(actor),
            on_success=self._show_verified,
            on_failure=self._failed,
            on_done=lambda: self.verify_button.setEnabled(True),
        )

    def _show_verified(self, reports: list[LogReport]) -> None:
        counts = {report.log: report.entries for report in reports}
        problems = [
            self.tr("改ざんを検出しました: {log} {finding}").format(
                log=self._log_name(report.log), finding=self._finding_text(finding)
            )
            for report in reports
            for finding in report.findings
        ]
        if not problems:
            self.result.setText(
                self.tr(
                    "改ざんは見つかりませんでした（監査ログ {audit}件、受付の操作記録 {visits}件を検査）。"
                ).format(audit=counts[AUDIT_LOG.name], visits=counts[VISIT_LOG.name])
            )
            return
        self.result.setText("\n".join(problems))
        self.result.setStyleSheet("color: #b00020; font-weight: bold;")

    def _log_name(self, log: str) -> str:
        return self.tr("監査ログ") if log == AUDIT_LOG.name else self.tr("受付の操作記録")

    def _finding_text(self, finding: Finding) -> str:
        """The screen verifies without a checkpoint: the findings of entries and heads."""
        mark = finding.mark
        texts = {
            FindingKind.CONTENT: self.tr("記録 #{id}（内容の不一致）"),
            FindingKind.LINK: self.tr("記録 #{id}（連鎖の欠落）"),
            FindingKind.UNKNOWN_KEY: self.tr("記録 #{id}（鍵ファイルにない鍵 {key} で署名）"),
            FindingKind.HEAD_MISSING: self.tr("署名済みの末尾がありません"),
            FindingKind.HEAD_ALTERED: self.tr("署名済みの末尾が改ざんされています"),
            FindingKind.SHORTER_THAN_HEAD: (
                self.tr(
                    "記録 #{id} より後の記録が削除されています（署名済みの末尾: 記録 #{last} まで）"
                )
                if finding.entry_id is not None
                else self.tr("記録がすべて削除されています（署名済みの末尾: 記録 #{last} まで）")
            ),
            FindingKind.DIVERGES_FROM_HEAD: self.tr(
                "記録 #{id} が署名済みの末尾（記録 #{last}）と一致しません"
            ),
        }
        return texts[finding.kind].format(
            id=finding.entry_id, key=finding.key_id, last=mark.last_id if mark else None
        )

    def _failed(self, error: CounterAppError) -> None:
        self.result.setText(message_for(error, self._context.language))
