"""Recording a resident's voice in half a minute, from any screen (Ctrl+Shift+V).

Keyboard first, in tab order: 経路, 区分, the text, 分野 and 関係課 (lists: arrows move,
Space ticks), 回答を希望 and how, then — for staff who may view residents — the 宛名番号
with the resident's consent. Ctrl+Enter records. The voice is anonymous unless a 宛名番号
is given with consent; it is linked to the ticket or visit the recorder is serving when
the main window passes one (a checkbox lets the recorder leave it out).

While the text is typed, the personal data it seems to hold is named
(`find_personal_data`), and after a pause (400 ms) earlier voices that say much the same
are listed (`VoiceService.similar`), with their state and answer, so a recurring matter
is seen as one. What the voice needs (a department, a reply method, consent…) is the
core's to check: its refusal is shown in the dialog and nothing is kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from counter_app.errors import CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor, Permission
from counter_app.voices import Channel, ReplyMethod, VoiceDraft, VoiceInfo, VoiceKind
from counter_app.voices.personal_data import describe, find_personal_data
from ui import ops

from ..context import UiContext
from ..visits import local_time
from . import department_choices, preview, topic_choices, word

SIMILAR_DELAY_MS = 400
ID_ROLE = Qt.ItemDataRole.UserRole


def _check_list(name: str, choices: list[tuple[str, str]]) -> QListWidget:
    """A list whose items are ticked with Space (or a click)."""
    box = QListWidget()
    box.setObjectName(name)
    for data, text in choices:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setMaximumHeight(120)
    return box


def ticked(box: QListWidget) -> tuple[str, ...]:
    return tuple(
        box.item(i).data(ID_ROLE)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    )


class RecordVoiceDialog(QDialog):
    """Emits `recorded(VoiceInfo)` once the voice is kept, then closes."""

    recorded = Signal(object)

    def __init__(
        self,
        context: UiContext,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        ticket_id: int | None = None,
        ticket_label: str = "",
        visit_number: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._ticket_id = ticket_id
        self._visit_number = visit_number
        self._busy = False
        self._asked = 0  # the number of the newest similar-voices question
        self.similar_voices: list[VoiceInfo] = []
        language = context.language
        self.setWindowTitle(self.tr("住民の声を記録"))

        self.channel = QComboBox()
        self.channel.setObjectName("voiceChannel")
        for channel in Channel:
            self.channel.addItem(word(channel, language), channel.value)
        self.kind = QComboBox()
        self.kind.setObjectName("voiceKind")
        for kind in VoiceKind:
            self.kind.addItem(word(kind, language), kind.value)
        self.text = QPlainTextEdit()
        self.text.setObjectName("voiceText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("住民の方のお話を、できるだけそのまま"))
        self.personal_warning = QLabel()
        self.personal_warning.setObjectName("error")
        self.personal_warning.setWordWrap(True)
        self.personal_warning.hide()
        self.similar_title = QLabel(self.tr("似た声がすでにあります（同じ件ならまとめて対応）"))
        self.similar_title.setObjectName("panelTitle")
        self.similar = QListWidget()
        self.similar.setObjectName("voiceSimilar")
        self.similar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.similar.setMaximumHeight(110)
        self.similar.setWordWrap(True)
        self.similar_title.hide()
        self.similar.hide()
        self.topics = _check_list("voiceTopics", topic_choices(context))
        self.departments = _check_list("voiceDepartments", department_choices(context))
        self.reply_wanted = QCheckBox(self.tr("回答を希望する"))
        self.reply_wanted.setObjectName("voiceReplyWanted")
        self.reply_method = QComboBox()
        self.reply_method.setObjectName("voiceReplyMethod")
        for method in ReplyMethod:
            self.reply_method.addItem(word(method, language), method.value)
        self.reply_method.setEnabled(False)
        self.reply_wanted.toggled.connect(self.reply_method.setEnabled)

        self.link = QCheckBox(self._link_text(ticket_label))
        self.link.setObjectName("voiceLink")
        self.link.setChecked(True)
        self.link.setVisible(ticket_id is not None or visit_number is not None)

        self.may_name_resident = actor.can(Permission.VIEW_RESIDENTS)
        self.atena = QLineEdit()
        self.atena.setObjectName("voiceAtena")
        self.atena.setPlaceholderText(self.tr("空欄のままなら匿名"))
        self.consent = QCheckBox(self.tr("ご本人が記録に名前を残すことに同意"))
        self.consent.setObjectName("voiceConsent")

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = self.buttons.addButton(
            self.tr("記録（Ctrl+Enter）"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.record_button.setObjectName("voiceRecord")
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("経路(&C)"), self.channel)
        form.addRow(self.tr("区分(&K)"), self.kind)
        form.addRow(self.tr("内容(&T)"), self.text)
        form.addRow("", self.personal_warning)
        form.addRow("", self.similar_title)
        form.addRow("", self.similar)
        form.addRow(self.tr("分野(&P)"), self.topics)
        form.addRow(self.tr("関係課(&D)"), self.departments)
        reply = QHBoxLayout()
        reply.addWidget(self.reply_wanted)
        reply.addWidget(self.reply_method, 1)
        form.addRow(self.tr("回答"), reply)
        form.addRow("", self.link)
        if self.may_name_resident:
            form.addRow(self.tr("宛名番号(&A)"), self.atena)
            form.addRow("", self.consent)
        else:
            self.atena.hide()
            self.consent.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 720)

        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.record)
        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(SIMILAR_DELAY_MS)
        self._similar_timer.timeout.connect(self._ask_similar)
        self.text.textChanged.connect(self._text_changed)
        self.channel.setFocus()

    def _link_text(self, ticket_label: str) -> str:
        if self._visit_number:
            return self.tr("受付 {number} に紐づける").format(number=self._visit_number)
        return self.tr("対応中の番号札 {number} に紐づける").format(number=ticket_label)

    # --- while typing --------------------------------------------------------------------

    def _text_changed(self) -> None:
        typed = self.text.toPlainText()
        kinds = find_personal_data(typed)
        if kinds:
            self.personal_warning.setText(
                self.tr(
                    "個人情報らしき記載があります（{kinds}）。必要なとき以外は書かないでください。"
                ).format(kinds=describe(kinds, self._context.language))
            )
        self.personal_warning.setVisible(bool(kinds))
        self._similar_timer.start()

    def _ask_similar(self) -> None:
        self._asked += 1
        asked, typed = self._asked, self.text.toPlainText()
        voices, actor = self._context.core.voices, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: voices.similar(actor, typed),
            on_success=lambda found: self._show_similar(asked, found),
            on_failure=lambda _error: None,  # a hint only: the recording goes on without it
        )

    def _show_similar(self, asked: int, found: list[VoiceInfo]) -> None:
        if not isValid(self) or asked != self._asked:
            return  # typed on since: a newer answer is coming
        self.similar_voices = found
        self.similar.clear()
        language = self._context.language
        for voice in found:
            answers = [r.answer for r in voice.routings if r.answer]
            line = self.tr("No.{id}　{day}　{kind}　{status}　{text}").format(
                id=voice.id,
                day=local_time(voice.recorded_at),
                kind=word(voice.kind, language),
                status=word(voice.status, language),
                text=preview(voice.text),
            )
            if answers:
                line += "\n" + self.tr("回答: {answer}").format(answer=preview(answers[0]))
            item = QListWidgetItem(line)
            item.setToolTip(voice.text)
            self.similar.addItem(item)
        self.similar_title.setVisible(bool(found))
        self.similar.setVisible(bool(found))

    # --- recording -------------------------------------------------------------------------

    def draft(self) -> VoiceDraft:
        linked = not self.link.isHidden() and self.link.isChecked()
        atena = self.atena.text().strip() if self.may_name_resident else ""
        return VoiceDraft(
            kind=VoiceKind(self.kind.currentData()),
            channel=Channel(self.channel.currentData()),
            text=self.text.toPlainText(),
            departments=ticked(self.departments),
            topics=ticked(self.topics),
            reply_wanted=self.reply_wanted.isChecked(),
            reply_method=ReplyMethod(self.reply_method.currentData())
            if self.reply_wanted.isChecked()
            else None,
            ticket_id=self._ticket_id if linked else None,
            visit_number=self._visit_number if linked else None,
            resident_atena=atena or None,
            consent=self.consent.isChecked() if atena else False,
        )

    def record(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.record_button.setEnabled(False)
        draft, voices, actor = self.draft(), self._context.core.voices, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: voices.record(actor, draft),
            on_success=self._recorded,
            on_failure=self._refused,
            on_done=self._done,
        )

    def _done(self) -> None:
        self._busy = False
        self.record_button.setEnabled(True)

    def _recorded(self, voice: VoiceInfo) -> None:
        self.recorded.emit(voice)
        self.accept()

    def _refused(self, error: CounterAppError) -> None:
        self.error.setText(message_for(error, self._context.language))
        self.error.show()

    @classmethod
    def open_for(
        cls, parent: QWidget | None, context: UiContext, actor: Actor, **link
    ) -> RecordVoiceDialog:
        """The dialog, shown non-modal and deleted once closed."""
        dialog = cls(context, actor, parent, **link)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
