"""住民の声 (検索・対応): a window of its own, opened from the menu by every member of staff.

Tab 検索・対応事例: every voice of the office, searched and filtered, each with its
departments' answers (VoiceSearchPane). Tab 自課の未完了, for those who work a
department's voices (back-office staff, supervisors): claim, answer, close, reassign
(DepartmentVoicesPane). Both follow the change feed, so the recorder sees a department's
answer without reloading. 記録… records a new voice; 手紙を書く… a staff letter about the
selected one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from ui import ops

from ..context import UiContext
from ..live import LiveStateLabel
from ..message_box import MessageBox
from .department_pane import DepartmentVoicesPane, worked_departments
from .dialogs import LetterDialog
from .record_dialog import RecordVoiceDialog
from .search_pane import VoiceSearchPane


class VoicesWindow(QDialog):
    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self.setWindowTitle(self.tr("住民の声"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.search = VoiceSearchPane(context, actor)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("voiceTabs")
        self.tabs.addTab(self.search, self.tr("検索・対応事例"))
        self.department: DepartmentVoicesPane | None = None
        if worked_departments(context, actor):
            self.department = DepartmentVoicesPane(context, actor)
            self.tabs.addTab(self.department, self.tr("自課の未完了"))
        self.record_button = QPushButton(self.tr("記録…"))
        self.record_button.setObjectName("voiceRecordNew")
        self.record_button.clicked.connect(lambda _=False: self.record())
        self.letter_button = QPushButton(self.tr("この声について手紙を書く…"))
        self.letter_button.setObjectName("voiceWriteLetter")
        self.letter_button.clicked.connect(lambda _=False: self.write_letter())
        self.notice = QLabel()
        self.notice.setObjectName("muted")
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addWidget(self.letter_button)
        actions.addWidget(self.notice)
        actions.addStretch(1)
        actions.addWidget(LiveStateLabel(context.live))
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.resize(1200, 740)
        self.search.setFocus()

    def record(self) -> RecordVoiceDialog:
        return RecordVoiceDialog.open_for(self, self._context, self._actor)

    def write_letter(self) -> None:
        pane = self.tabs.currentWidget()
        voice = (
            pane.selected() if isinstance(pane, VoiceSearchPane | DepartmentVoicesPane) else None
        )
        given = LetterDialog.ask(self, [voice.id] if voice is not None else [])
        if given is None:
            return
        letters, actor = self._context.core.letters, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: letters.write(actor, *given),
            on_success=lambda letter: self.notice.setText(
                self.tr("職員からの手紙 No.{id} を送りました。").format(id=letter.id)
            ),
            on_failure=self._failed,
        )

    def _failed(self, error: CounterAppError) -> None:
        MessageBox.error(self, self.tr("住民の声"), message_for(error, self._context.language))
