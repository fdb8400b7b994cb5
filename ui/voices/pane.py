"""What the search and the department's list share: a table of voices beside the selected
one's detail, loaded through the database worker (one load at a time, one more if asked
meanwhile) and again whenever the change feed reports a voice it cares about."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
from shiboken6 import isValid

from counter_app.changes import Change, Topic
from counter_app.errors import DB_AWAY, CounterAppError
from counter_app.messages import message_for
from counter_app.permissions import Actor, Permission
from counter_app.voices import VoiceAction, VoiceInfo
from ui import ops

from ..context import UiContext
from ..message_box import MessageBox
from .voice_views import VoiceDetail, VoiceTable


class VoiceListPane(QWidget):
    """Subclasses give `read()` (what to load, run on the worker), `show_loaded(result)`
    and `cares_about(change)`; they lay out `self.table` and `self.detail`.
    Emits `loaded()` after every load shown."""

    loaded = Signal()

    def __init__(
        self, context: UiContext, actor: Actor, table: VoiceTable, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._actor = actor
        self._core = context.core
        self._reads = ops.Reads(self, context.runner)
        self.voices: list[VoiceInfo] = []
        self.table = table
        self.detail = VoiceDetail(context, actor.can(Permission.VIEW_RESIDENTS))
        self.detail.resident_requested.connect(self._show_resident)
        self.empty = QLabel(self.tr("該当する住民の声はありません。"))
        self.empty.setObjectName("muted")
        self.empty.hide()
        self.table.currentItemChanged.connect(lambda *_: self._selection_changed())
        live = context.live
        if live is not None:
            live.changed.connect(self._on_changes)
            live.connection_changed.connect(self._feed_connected)
        context.runner.online_changed.connect(self._online_changed)

    def split(self, top: QVBoxLayout | None = None) -> QVBoxLayout:
        """The pane's layout: `top` (the filters), then the table beside the detail."""
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if top is not None:
            layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        return layout

    # --- for the subclasses ----------------------------------------------------------------

    def read(self) -> Callable[[], object] | None:
        raise NotImplementedError

    def show_loaded(self, result: object) -> None:
        raise NotImplementedError

    def cares_about(self, change: Change) -> bool:
        return change.topic == Topic.VOICE

    def title(self) -> str:
        return self.tr("住民の声")

    # --- loading ---------------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._reads.running

    def reload(self) -> None:
        call = self.read()
        if call is not None:
            self._reads.start(self.reload, call, self._loaded, self.failed)

    def _loaded(self, result: object) -> None:
        self.show_loaded(result)
        self.empty.setVisible(not self.voices)
        self.loaded.emit()

    def failed(self, error: CounterAppError) -> None:
        # A lost database is told by the banner (ui/connection_guard.py), not at every load.
        if isValid(self) and error.code not in DB_AWAY:
            MessageBox.error(self, self.title(), message_for(error, self._context.language))

    def _on_changes(self, changes: list[Change]) -> None:
        if isValid(self) and any(self.cares_about(c) for c in changes):
            self.reload()

    def _feed_connected(self, connected: bool) -> None:
        if connected and isValid(self):
            self.reload()

    def _online_changed(self, online: bool) -> None:
        if not isValid(self):
            return
        self.selection_shown()
        if online:
            self.reload()

    # --- the selected voice ----------------------------------------------------------------

    def selected(self) -> VoiceInfo | None:
        voice_id = self.table.voice_id()
        return next((v for v in self.voices if v.id == voice_id), None)

    def _selection_changed(self) -> None:
        voice = self.selected()
        self.detail.show_voice(voice)
        self.selection_shown()
        if voice is None:
            return
        voices, actor, voice_id = self._core.voices, self._actor, voice.id
        ops.db(
            self,
            self._context.runner,
            lambda: voices.history(actor, voice_id),
            on_success=lambda actions: self._show_history(voice_id, actions),
            on_failure=self.failed,
        )

    def _show_resident(self, voice_id: int) -> None:
        voices, actor = self._core.voices, self._actor
        ops.db(
            self,
            self._context.runner,
            lambda: voices.linked_resident(actor, voice_id),
            on_success=lambda shown: self.detail.show_resident(voice_id, shown),
            on_failure=self.failed,
        )

    def _show_history(self, voice_id: int, actions: list[VoiceAction]) -> None:
        if self.table.voice_id() == voice_id:
            self.detail.show_history(actions)

    def selection_shown(self) -> None:
        """Called once the selection's detail shows (the department's buttons follow)."""
