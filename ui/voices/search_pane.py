"""Every voice of the office, for every member of staff: words (any two consecutive
characters of the text), kind, topic, department, period and status; each one's answers
are the 対応事例 the next department reuses. Enter (or 検索) searches; a filter changed
searches at once; the results follow the change feed. CSV出力 saves the hits with every
free text masked (the core's export)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.permissions import Actor
from counter_app.voices import VoiceFilter, VoiceKind, VoiceStatus
from ui import ops

from ..context import UiContext
from ..message_box import MessageBox
from . import chosen, department_choices, enum_choices, fill_choices, topic_choices
from .pane import VoiceListPane
from .voice_views import VoiceTable


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class ExportPath:
    """Where to save the export: the system's save dialog (tests replace `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("VoiceSearchPane", "CSV出力"),
            f"voices-{clock.today().isoformat()}.csv",
            QCoreApplication.translate("VoiceSearchPane", "CSVファイル (*.csv)"),
        )
        return path


class VoiceSearchPane(VoiceListPane):
    saved = Signal(str)  # the path an export was written to

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(context, actor, VoiceTable(context, "voiceResults"), parent)
        language = context.language
        self.query = QLineEdit()
        self.query.setObjectName("voiceQuery")
        self.query.setPlaceholderText(self.tr("ことばで検索（例: 待ち時間）"))
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.reload)
        self.search_button = QPushButton(self.tr("検索"))
        self.search_button.setObjectName("voiceSearch")
        self.search_button.clicked.connect(lambda _=False: self.reload())
        self.export_button = QPushButton(self.tr("CSV出力…"))
        self.export_button.setObjectName("voiceExport")
        self.export_button.setToolTip(
            self.tr(
                "検索結果をCSVに保存します。電話番号・氏名など個人情報らしき記載は＊＊＊で伏せます。"
            )
        )
        self.export_button.clicked.connect(lambda _=False: self.export())
        self.export_button.setEnabled(context.runner.online)
        context.runner.online_changed.connect(self.export_button.setEnabled)
        self.kind = fill_choices(
            QComboBox(), self.tr("すべての区分"), enum_choices(VoiceKind, language)
        )
        self.kind.setObjectName("voiceKindFilter")
        self.topic = fill_choices(QComboBox(), self.tr("すべての分野"), topic_choices(context))
        self.topic.setObjectName("voiceTopicFilter")
        self.department = fill_choices(
            QComboBox(), self.tr("すべての課"), department_choices(context)
        )
        self.department.setObjectName("voiceDepartmentFilter")
        self.status = fill_choices(
            QComboBox(), self.tr("すべての状況"), enum_choices(VoiceStatus, language)
        )
        self.status.setObjectName("voiceStatusFilter")
        self.period = QCheckBox(self.tr("期間"))
        self.period.setObjectName("voicePeriod")
        today = QDate(clock.today())
        self.since = QDateEdit(today.addMonths(-1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.period.isChecked() and self.reload())
        self.period.toggled.connect(self._period_toggled)
        for combo in (self.kind, self.topic, self.department, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.reload())

        words = QHBoxLayout()
        words.addWidget(self.query, 1)
        words.addWidget(self.search_button)
        words.addWidget(self.export_button)
        filters = QHBoxLayout()
        for widget in (self.kind, self.topic, self.department, self.status, self.period):
            filters.addWidget(widget)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("〜"))
        filters.addWidget(self.until)
        filters.addStretch(1)
        top = QVBoxLayout()
        top.addLayout(words)
        top.addLayout(filters)
        self.split(top)
        self.setFocusProxy(self.query)
        self.reload()

    def _period_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.reload()

    def voice_filter(self) -> VoiceFilter:
        period = self.period.isChecked()
        return VoiceFilter(
            kind=chosen(VoiceKind, self.kind),
            topic=self.topic.currentData(),
            department=self.department.currentData(),
            status=chosen(VoiceStatus, self.status),
            recorded_from=_day(self.since) if period else None,
            recorded_to=_day(self.until) if period else None,
        )

    def export(self) -> None:
        """Save the search's hits as CSV (texts masked by the core), where the user says."""
        path = ExportPath.ask(self)
        if not path:
            return
        voices, actor = self._core.voices, self._actor
        query, voice_filter = self.query.text(), self.voice_filter()
        ops.db(
            self,
            self._context.runner,
            lambda: voices.export(actor, query, voice_filter),
            on_success=lambda content: self._save(path, content),
            on_failure=self.failed,
        )

    def _save(self, path: str, content: bytes) -> None:
        try:
            Path(path).write_bytes(content)
        except OSError as error:
            MessageBox.error(
                self,
                self.tr("CSV出力"),
                self.tr("{path} に保存できません: {reason}").format(
                    path=path, reason=error.strerror or error
                ),
            )
            return
        self.saved.emit(path)

    def read(self) -> Callable[[], object]:
        voices, actor = self._core.voices, self._actor
        query, voice_filter = self.query.text(), self.voice_filter()
        return lambda: voices.search(actor, query, voice_filter)

    def show_loaded(self, result: object) -> None:
        self.voices = list(result)  # type: ignore[call-overload]
        self.table.show_voices(self.voices, keep=self.table.voice_id())
