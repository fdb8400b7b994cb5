"""The two views every voice list uses: the table of voices and the selected one's detail
(its full text, each department's state with the answer and what was changed — the
対応事例 others reuse — and the log of every step)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.voices import RoutingInfo, VoiceAction, VoiceInfo

from ..context import UiContext
from ..labels import department_label, join_labels
from ..visits import local_time
from . import action_label, preview, topic_names, word

NUMBER, DAY, KIND, TOPICS, DEPARTMENTS, STATUS, TEXT, DUE = range(8)
VOICE_ID = Qt.ItemDataRole.UserRole
OVERDUE = QColor("#b91c1c")


def tree(name: str, headers: list[str], stretch: int) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setColumnCount(len(headers))
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    tree.header().setStretchLastSection(False)
    return tree


class VoiceTable(QTreeWidget):
    """Voices, one row each; with a department's routings, its state and due date."""

    def __init__(self, context: UiContext, name: str, *, with_due: bool = False) -> None:
        super().__init__()
        self._context = context
        self.setObjectName(name)
        headers = [
            self.tr("番号"),
            self.tr("日付"),
            self.tr("区分"),
            self.tr("分野"),
            self.tr("関係課"),
            self.tr("状況"),
            self.tr("内容"),
        ]
        if with_due:
            headers.append(self.tr("期限"))
        self.setColumnCount(len(headers))
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)

    def show_voices(
        self, voices: list[VoiceInfo], routings: list[RoutingInfo] | None = None, keep=None
    ) -> None:
        """Fill the table; the row of voice `keep` (else the first) becomes current."""
        language = self._context.language
        self.blockSignals(True)
        self.clear()
        current = None
        for index, voice in enumerate(voices):
            routing = routings[index] if routings is not None else None
            status = word(routing.status if routing else voice.status, language)
            values = [
                str(voice.id),
                local_time(voice.recorded_at),
                word(voice.kind, language),
                topic_names(self._context, voice.topics),
                join_labels(department_label(r.department_id, language) for r in voice.routings),
                status,
                preview(voice.text),
            ]
            if routing is not None:
                values.append(routing.due_on.isoformat())
            row = QTreeWidgetItem(values)
            row.setData(NUMBER, VOICE_ID, voice.id)
            row.setToolTip(TEXT, voice.text)
            if routing is not None and routing.overdue:
                for column in range(len(values)):
                    row.setForeground(column, QBrush(OVERDUE))
            self.addTopLevelItem(row)
            if voice.id == keep:
                current = row
        self.blockSignals(False)
        if current is None and self.topLevelItemCount():
            current = self.topLevelItem(0)
        self.setCurrentItem(current)
        self.currentItemChanged.emit(current, None)

    def voice_id(self) -> int | None:
        row = self.currentItem()
        return row.data(NUMBER, VOICE_ID) if row is not None else None

    def texts(self, column: int) -> list[str]:
        return [self.topLevelItem(i).text(column) for i in range(self.topLevelItemCount())]


class VoiceDetail(QWidget):
    """The selected voice: what was said, each department's state and answer, the log;
    for staff who may view residents, a button that shows whom a consenting voice names
    (the core logs it, and refuses it for a resident under a support measure)."""

    resident_requested = Signal(int)  # the voice's id

    def __init__(
        self, context: UiContext, may_view_residents: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._may_view_residents = may_view_residents
        self._voice_id: int | None = None
        self.resident_button = QPushButton(self.tr("ご本人を表示（記録されます）"))
        self.resident_button.setObjectName("voiceResident")
        self.resident_button.clicked.connect(
            lambda _=False: (
                self._voice_id is not None and self.resident_requested.emit(self._voice_id)
            )
        )
        self.resident_button.hide()
        self.resident = QLabel()
        self.resident.setObjectName("voiceResidentShown")
        self.resident.hide()
        # The answers in full, wrapped: the reusable case (対応事例) the table can only elide.
        self.answers = QLabel()
        self.answers.setObjectName("voiceAnswers")
        self.answers.setWordWrap(True)
        self.answers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setObjectName("voiceDetail")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.routings = tree(
            "voiceRoutings",
            [
                self.tr("課"),
                self.tr("状況"),
                self.tr("担当者"),
                self.tr("期限"),
                self.tr("回答（対応事例）"),
                self.tr("改善した内容"),
            ],
            4,
        )
        self.routings.setWordWrap(True)
        # The answer and what changed are the reusable case: they share the width.
        self.routings.header().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.log = tree(
            "voiceLog",
            [self.tr("日時"), self.tr("操作"), self.tr("職員"), self.tr("課"), self.tr("内容")],
            4,
        )
        routings_title = QLabel(self.tr("各課の対応"))
        routings_title.setObjectName("panelTitle")
        log_title = QLabel(self.tr("記録"))
        log_title.setObjectName("panelTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        resident_row = QHBoxLayout()
        resident_row.addWidget(self.resident_button)
        resident_row.addWidget(self.resident, 1)
        layout.addLayout(resident_row)
        layout.addWidget(routings_title)
        layout.addWidget(self.routings, 1)
        layout.addWidget(self.answers)
        layout.addWidget(log_title)
        layout.addWidget(self.log, 1)
        self.show_voice(None)

    def show_voice(self, voice: VoiceInfo | None) -> None:
        self.routings.clear()
        self.log.clear()
        self.resident.hide()
        self.answers.clear()
        self._voice_id = voice.id if voice is not None else None
        self.resident_button.setVisible(
            voice is not None and voice.resident_linked and self._may_view_residents
        )
        if voice is None:
            self.summary.setText(self.tr("住民の声を選んでください。"))
            return
        language = self._context.language
        lines = [
            self.tr("No.{id}　{day}　{channel}・{kind}　{status}").format(
                id=voice.id,
                day=local_time(voice.recorded_at),
                channel=word(voice.channel, language),
                kind=word(voice.kind, language),
                status=word(voice.status, language),
            ),
            self.tr("分野: {topics}").format(
                topics=topic_names(self._context, voice.topics) or "-"
            ),
            voice.text,
        ]
        if voice.reply_wanted:
            lines.append(
                self.tr("回答を希望: {method}").format(method=word(voice.reply_method, language))
            )
        if voice.ticket_number or voice.visit_number:
            lines.append(
                self.tr("番号札 {ticket}　受付 {visit}").format(
                    ticket=voice.ticket_number or "-", visit=voice.visit_number or "-"
                )
            )
        if voice.resident_linked:
            lines.append(self.tr("ご本人の同意を得て住民記録に紐づけています。"))
        self.summary.setText("\n".join(lines))
        for routing in voice.routings:
            row = QTreeWidgetItem(
                [
                    department_label(routing.department_id, language),
                    word(routing.status, language),
                    routing.holder_name or "",
                    routing.due_on.isoformat(),
                    routing.answer or "",
                    routing.change_made or "",
                ]
            )
            row.setToolTip(4, routing.answer or "")
            row.setToolTip(5, routing.change_made or "")
            self.routings.addTopLevelItem(row)
        self.answers.setText("\n".join(self._case_lines(voice)))

    def _case_lines(self, voice: VoiceInfo) -> list[str]:
        language = self._context.language
        lines = []
        for routing in voice.routings:
            if not routing.answer:
                continue
            department = department_label(routing.department_id, language)
            lines.append(
                self.tr("{department}の回答: {answer}").format(
                    department=department, answer=routing.answer
                )
            )
            if routing.change_made:
                lines.append(self.tr("　改善した内容: {change}").format(change=routing.change_made))
        return lines

    def show_history(self, actions: list[VoiceAction]) -> None:
        self.log.clear()
        language = self._context.language
        for action in actions:
            department = action.department_id
            entry = QTreeWidgetItem(
                [
                    local_time(action.at),
                    action_label(action.action),
                    action.login,
                    department_label(department, language) if department else "",
                    action.note or "",
                ]
            )
            entry.setToolTip(4, action.note or "")
            self.log.addTopLevelItem(entry)

    def show_resident(self, voice_id: int, shown: tuple[str, str] | None) -> None:
        """Whom the voice names (宛名番号, name), once the core has logged the look."""
        if voice_id != self._voice_id or shown is None:
            return
        atena, name = shown
        self.resident.setText(self.tr("{name}（宛名番号 {atena}）").format(name=name, atena=atena))
        self.resident.show()
        self.resident_button.hide()

    def routing_texts(self) -> list[list[str]]:
        return [
            [self.routings.topLevelItem(i).text(c) for c in range(self.routings.columnCount())]
            for i in range(self.routings.topLevelItemCount())
        ]
