"""職員からの手紙: improvement proposals every member of staff writes and reads.

The list (title, status, supporters; the most supported first) beside the selected
letter: its body, the voices it answers, the reason of its last move, the comments and
every move so far. Anyone writes (手紙を書く…), supports it (+1, taken back with the same
button; never one's own, as the core decides) and comments; 業務改革担当 moves it — one
button per status the core offers the reader (`LetterInfo.moves`), each asking for the
reason. Everything follows the change feed (Topic.LETTER).

LettersPanel is the reform officer's screen and the body of LettersWindow, the window
the menu opens for everyone else. Tests replace `LetterDialog.ask` and `NoteDialog.ask`.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.changes import Change, Topic
from counter_app.errors import DB_AWAY, CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor
from counter_app.voices import LetterInfo, LetterStatus
from ui import ops

from ..context import UiContext
from ..live import LiveStateLabel
from ..message_box import MessageBox
from ..visits import NoteDialog, local_time
from . import chosen, enum_choices, fill_choices, word
from .dialogs import LetterDialog
from .voice_views import tree

NUMBER, TITLE, STATUS, SUPPORTERS, AUTHOR, DAY = range(6)
LETTER_ID = Qt.ItemDataRole.UserRole


class LettersPanel(QWidget):
    """Emits `loaded()` after every list shown and `letter_shown()` after every detail."""

    loaded = Signal()
    letter_shown = Signal()

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._letters = context.core.letters
        self._reads = ops.Reads(self, context.runner)
        self.letters: list[LetterInfo] = []
        self.letter: LetterInfo | None = None  # the selected one, read in full
        language = context.language

        self.write_button = QPushButton(self.tr("手紙を書く…"))
        self.write_button.setObjectName("letterWrite")
        self.write_button.clicked.connect(lambda _=False: self.write())
        self.status = fill_choices(
            QComboBox(), self.tr("すべての状況"), enum_choices(LetterStatus, language)
        )
        self.status.setObjectName("letterStatusFilter")
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = tree(
            "letterList",
            [
                self.tr("番号"),
                self.tr("件名"),
                self.tr("状況"),
                self.tr("賛同"),
                self.tr("提案者"),
                self.tr("日付"),
            ],
            TITLE,
        )
        self.table.currentItemChanged.connect(lambda *_: self._selection_changed())

        self.body = QLabel()
        self.body.setObjectName("letterDetail")
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.support_button = QPushButton()
        self.support_button.setObjectName("letterSupport")
        self.support_button.clicked.connect(lambda _=False: self.toggle_support())
        self.move_buttons: dict[LetterStatus, QPushButton] = {}
        moves = QHBoxLayout()
        moves.addWidget(self.support_button)
        for status in LetterStatus:
            button = QPushButton(self.tr("{status}にする…").format(status=word(status, language)))
            button.setObjectName(f"letterMove_{status.value}")
            button.clicked.connect(lambda _=False, s=status: self.move(s))
            button.hide()
            self.move_buttons[status] = button
            moves.addWidget(button)
        moves.addStretch(1)
        self.comments = tree(
            "letterComments", [self.tr("日時"), self.tr("職員"), self.tr("コメント")], 2
        )
        self.comment = QLineEdit()
        self.comment.setObjectName("letterComment")
        self.comment.setPlaceholderText(self.tr("コメントを書いて Enter"))
        self.comment.returnPressed.connect(self.send_comment)
        self.transitions = tree(
            "letterTransitions",
            [self.tr("日時"), self.tr("職員"), self.tr("変更"), self.tr("理由")],
            3,
        )
        comments_title = QLabel(self.tr("コメント"))
        comments_title.setObjectName("panelTitle")
        transitions_title = QLabel(self.tr("検討の経過"))
        transitions_title.setObjectName("panelTitle")

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.body)
        detail_layout.addLayout(moves)
        detail_layout.addWidget(transitions_title)
        detail_layout.addWidget(self.transitions, 1)
        detail_layout.addWidget(comments_title)
        detail_layout.addWidget(self.comments, 1)
        detail_layout.addWidget(self.comment)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.write_button)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(LiveStateLabel(context.live))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setMinimumHeight(480)

        live = context.live
        if live is not None:
            live.changed.connect(self._on_changes)
            live.connection_changed.connect(self._feed_connected)
        context.runner.online_changed.connect(self._online_changed)
        self._show_letter(None)
        self.reload()

    # --- the list --------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._reads.running

    def reload(self) -> None:
        letters, actor, status = self._letters, self._actor, chosen(LetterStatus, self.status)
        self._reads.start(
            self.reload, lambda: letters.list(actor, status), self._loaded, self._failed
        )

    def _loaded(self, letters: list[LetterInfo]) -> None:
        self.letters = letters
        keep = self.selected_id()
        language = self._context.language
        self.table.blockSignals(True)
        self.table.clear()
        current = None
        for letter in letters:
            row = QTreeWidgetItem(
                [
                    str(letter.id),
                    letter.title,
                    word(letter.status, language),
                    str(letter.supporters),
                    letter.author_name,
                    local_time(letter.written_at),
                ]
            )
            row.setData(NUMBER, LETTER_ID, letter.id)
            self.table.addTopLevelItem(row)
            if letter.id == keep:
                current = row
        self.table.blockSignals(False)
        if current is None and letters:
            current = self.table.topLevelItem(0)
        self.table.setCurrentItem(current)
        self._selection_changed()
        self.loaded.emit()

    def _failed(self, error: CounterAppError) -> None:
        if shiboken6.isValid(self) and error.code not in DB_AWAY:
            MessageBox.error(
                self, self.tr("職員からの手紙"), message_for(error, self._context.language)
            )

    def _on_changes(self, changes: list[Change]) -> None:
        if shiboken6.isValid(self) and any(c.topic == Topic.LETTER for c in changes):
            self.reload()

    def _feed_connected(self, connected: bool) -> None:
        if connected and shiboken6.isValid(self):
            self.reload()

    def _online_changed(self, online: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self._enable(self.letter)
        if online:
            self.reload()

    def list_texts(self, column: int) -> list[str]:
        return [
            self.table.topLevelItem(i).text(column) for i in range(self.table.topLevelItemCount())
        ]

    # --- the selected letter ---------------------------------------------------------------

    def selected_id(self) -> int | None:
        row = self.table.currentItem()
        return row.data(NUMBER, LETTER_ID) if row is not None else None

    def select(self, letter_id: int) -> bool:
        for index in range(self.table.topLevelItemCount()):
            row = self.table.topLevelItem(index)
            if row.data(NUMBER, LETTER_ID) == letter_id:
                self.table.setCurrentItem(row)
                return True
        return False

    def _selection_changed(self) -> None:
        letter_id = self.selected_id()
        if letter_id is None:
            self._show_letter(None)
            return
        letters, actor = self._letters, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: letters.get(actor, letter_id),
            on_success=self._read,
            on_failure=self._failed,
        )

    def _read(self, letter: LetterInfo) -> None:
        if letter.id == self.selected_id():
            self._show_letter(letter)

    def _show_letter(self, letter: LetterInfo | None) -> None:
        self.letter = letter
        self.comments.clear()
        self.transitions.clear()
        self._enable(letter)
        if letter is None:
            self.body.setText(self.tr("手紙を選んでください。"))
            self.letter_shown.emit()
            return
        language = self._context.language
        lines = [
            f"No.{letter.id}　{letter.title}",
            self.tr("{author}　{day}　状況: {status}　賛同 {count}").format(
                author=letter.author_name,
                day=local_time(letter.written_at),
                status=word(letter.status, language),
                count=letter.supporters,
            ),
            letter.body,
        ]
        if letter.voice_ids:
            lines.append(
                self.tr("関連する住民の声: {numbers}").format(
                    numbers="、".join(f"No.{v}" for v in letter.voice_ids)
                )
            )
        if letter.status_reason:
            lines.append(self.tr("理由: {reason}").format(reason=letter.status_reason))
        self.body.setText("\n".join(lines))
        for comment in letter.comments:
            self.comments.addTopLevelItem(
                QTreeWidgetItem([local_time(comment.at), comment.author_name, comment.text])
            )
        for move in letter.transitions:
            change = f"{word(move.from_status, language)} → {word(move.to_status, language)}"
            self.transitions.addTopLevelItem(
                QTreeWidgetItem([local_time(move.at), move.login, change, move.reason])
            )
        self.letter_shown.emit()

    def _enable(self, letter: LetterInfo | None) -> None:
        online = self._context.runner.online
        self.support_button.setText(
            self.tr("賛同を取り消す")
            if letter is not None and letter.supported_by_me
            else self.tr("賛同する（+1）")
        )
        self.support_button.setEnabled(online and letter is not None and letter.may_support)
        self.comment.setEnabled(online and letter is not None)
        self.write_button.setEnabled(online)
        moves = letter.moves if letter is not None else frozenset()
        for status, button in self.move_buttons.items():
            button.setVisible(status in moves)
            button.setEnabled(online)

    # --- actions ---------------------------------------------------------------------------

    def _act(self, call: Callable[[], LetterInfo]) -> None:
        ops.db(
            self,
            self._context.runner,
            call,
            on_success=self._acted,
            on_failure=self._action_failed,
        )

    def _acted(self, letter: LetterInfo) -> None:
        self.reload()
        if letter.id == self.selected_id():
            self._show_letter(letter)

    def _action_failed(self, error: CounterAppError) -> None:
        MessageBox.error(
            self, self.tr("職員からの手紙"), message_for(error, self._context.language)
        )
        self.reload()

    def write(self) -> None:
        given = LetterDialog.ask(self)
        if given is None:
            return
        letters, actor = self._letters, self._actor
        self._act(lambda: letters.write(actor, *given))

    def toggle_support(self) -> None:
        letter = self.letter
        if letter is None:
            return
        letters, actor, wanted = self._letters, self._actor, not letter.supported_by_me
        self._act(lambda: letters.support(actor, letter.id, wanted))

    def send_comment(self) -> None:
        letter, text = self.letter, self.comment.text()
        if letter is None or not text.strip():
            return
        self.comment.clear()
        letters, actor = self._letters, self._actor
        self._act(lambda: letters.comment(actor, letter.id, text))

    def move(self, target: LetterStatus) -> None:
        letter = self.letter
        if letter is None or target not in letter.moves:
            return
        reason = NoteDialog.ask(
            self,
            self.tr("{status}にする").format(status=word(target, self._context.language)),
            self.tr(
                "「{title}」を{status}にする理由を入力してください（全職員に公開されます）。"
            ).format(title=letter.title, status=word(target, self._context.language)),
        )
        if not reason:
            return
        letters, actor = self._letters, self._actor
        self._act(lambda: letters.move(actor, letter.id, target, reason))


class LettersWindow(QDialog):
    """The letters in a window of their own (non-modal), from the menu."""

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("職員からの手紙"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.panel = LettersPanel(context, actor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.resize(1100, 700)
