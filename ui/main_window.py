"""The main window after login: menus, the role's screen, the status bar and the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Signal, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import __version__
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import Actor, Permission, RoleCode
from ui import ops

from .connection_guard import ConnectionGuard
from .context import UiContext
from .idle_lock import IdleWatcher, LockScreen
from .labels import ordered_roles, role_label
from .message_box import MessageBox
from .screens import create_screen
from .screens.window_clerk import WindowClerkScreen
from .visits.open_visit import VisitWindow
from .voices import shown_once
from .voices.letters_window import LettersWindow
from .voices.record_dialog import RecordVoiceDialog
from .voices.voices_window import VoicesWindow

if TYPE_CHECKING:
    from .stats.stats_window import StatsWindow

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
RECORD_VOICE_KEYS = "Ctrl+Shift+V"  # from every window of the app


class MainWindow(QMainWindow):
    logout_requested = Signal(str)  # why: "user" or "idle"
    quit_requested = Signal()
    locked_changed = Signal(bool)

    def __init__(self, context: UiContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.actor = actor
        self.role = actor.primary_role
        self._ending = False
        self.hall_display = None  # the supervisor's hall display window, once opened
        self.voices_window: VoicesWindow | None = None
        self.letters_window: LettersWindow | None = None
        self.stats_window: StatsWindow | None = None
        self.resize(1200, 760)

        self.content_area = QScrollArea()
        self.content_area.setObjectName("content")
        self.content_area.setWidgetResizable(True)
        self.lock_screen = LockScreen(actor)
        self.lock_screen.unlock_requested.connect(self._check_password)
        self.lock_screen.switch_user_requested.connect(lambda: self.logout_requested.emit("idle"))
        self._stack = QStackedWidget()
        self._stack.addWidget(self.content_area)
        self._stack.addWidget(self.lock_screen)
        # The red banner when the database is gone (hidden otherwise).
        self.connection_guard = ConnectionGuard(context)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.connection_guard)
        central_layout.addWidget(self._stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self.show_role(self.role)

        self._watcher: IdleWatcher | None = None
        if context.idle_interval_ms:
            self._watcher = IdleWatcher(context.idle_interval_ms, self)
            self._watcher.idle.connect(self.lock)
            self._watcher.start()

    # --- screens -------------------------------------------------------------------------

    def show_role(self, role: RoleCode) -> None:
        self.role = role
        self.role_screen = create_screen(role, self._context, self.actor)
        self.content_area.setWidget(self.role_screen)
        self.role_screen.setAutoFillBackground(False)  # the scroll area's background shows
        self.setWindowTitle(
            self.tr("総合窓口端末 - {role} - {name} - {terminal}").format(
                role=role_label(role),
                name=self.actor.display_name,
                terminal=self._context.terminal_name,
            )
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("ファイル(&F)"))
        self.logout_action = file_menu.addAction(self.tr("ログアウト(&L)"))
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action.triggered.connect(lambda: self.logout_requested.emit("user"))
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("終了(&X)"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(lambda: self.quit_requested.emit())

        view_menu = self.menuBar().addMenu(self.tr("表示(&V)"))
        roles = ordered_roles(self.actor.roles)
        self.role_actions: dict[RoleCode, QAction] = {}
        if len(roles) > 1:
            screens = view_menu.addMenu(self.tr("画面(&S)"))
            group = QActionGroup(self)
            for role in roles:
                action = screens.addAction(role_label(role))
                action.setCheckable(True)
                action.setChecked(role == self.role)
                action.setActionGroup(group)
                action.triggered.connect(lambda _checked=False, r=role: self.show_role(r))
                self.role_actions[role] = action
            view_menu.addSeparator()
        self.hall_action: QAction | None = None
        if RoleCode.SUPERVISOR in self.actor.roles:
            self.hall_action = view_menu.addAction(self.tr("呼出表示を開く(&H)"))
            self.hall_action.triggered.connect(self.open_hall_display)
            view_menu.addSeparator()
        self.stats_action: QAction | None = None
        if self.actor.can(Permission.VIEW_STATISTICS):
            self.stats_action = view_menu.addAction(self.tr("統計・見える化(&T)…"))
            self.stats_action.triggered.connect(lambda: self.open_statistics())
            view_menu.addSeparator()
        full_screen = view_menu.addAction(self.tr("全画面表示(&U)"))
        full_screen.setCheckable(True)
        full_screen.setShortcut(QKeySequence("F11"))
        full_screen.toggled.connect(self._set_full_screen)
        view_menu.addSeparator()
        language = view_menu.addAction(
            self.tr("言語: {language}").format(
                language=LANGUAGE_NAMES.get(self._context.language, self._context.language)
            )
        )
        language.setEnabled(False)
        language.setToolTip(
            self.tr("表示言語は設定ファイルの ui.language か、起動オプション --lang で選びます。")
        )
        view_menu.setToolTipsVisible(True)

        self._build_voices_menu()

        help_menu = self.menuBar().addMenu(self.tr("ヘルプ(&H)"))
        about = help_menu.addAction(self.tr("バージョン情報(&A)"))
        about.triggered.connect(self._show_about)

    def _build_voices_menu(self) -> None:
        """住民の声, for every member of staff: record (from any window), search and answer,
        and the staff letters."""
        menu = self.menuBar().addMenu(self.tr("住民の声(&O)"))
        self.record_voice_action = menu.addAction(self.tr("記録(&R)…"))
        self.record_voice_action.setShortcut(QKeySequence(RECORD_VOICE_KEYS))
        self.record_voice_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.record_voice_action.triggered.connect(lambda: self.record_voice())
        voices = menu.addAction(self.tr("検索・対応(&S)…"))
        voices.triggered.connect(lambda: self.open_voices())
        letters = menu.addAction(self.tr("職員からの手紙(&L)…"))
        letters.triggered.connect(lambda: self.open_letters())

    def record_voice(self) -> RecordVoiceDialog | None:
        """The record dialog, linked to the visit or ticket being served, if any."""
        if self.is_locked():
            return None
        active = QApplication.activeWindow()
        if isinstance(active, RecordVoiceDialog):
            return active  # already recording: the shortcut pressed again
        return RecordVoiceDialog.open_for(self, self._context, self.actor, **self._serving())

    def _serving(self) -> dict:
        """The visit whose window is active, else the ticket this PC's window is serving."""
        active = QApplication.activeWindow()
        if isinstance(active, VisitWindow):
            return {"visit_number": active.panel.visit_number}
        screen = self.role_screen
        if isinstance(screen, WindowClerkScreen) and screen.window_panel.current is not None:
            ticket = screen.window_panel.current
            return {"ticket_id": ticket.id, "ticket_label": ticket.display_number}
        return {}

    def open_voices(self) -> VoicesWindow:
        self.voices_window = shown_once(
            self.voices_window, lambda: VoicesWindow(self._context, self.actor, self)
        )
        return self.voices_window

    def open_letters(self) -> LettersWindow:
        self.letters_window = shown_once(
            self.letters_window, lambda: LettersWindow(self._context, self.actor, self)
        )
        return self.letters_window

    def open_statistics(self) -> StatsWindow:
        """The statistics window (its charts' library is loaded now, not at start-up)."""
        from .stats.stats_window import StatsWindow

        self.stats_window = shown_once(
            self.stats_window, lambda: StatsWindow(self._context, self.actor, self)
        )
        return self.stats_window

    def open_hall_display(self) -> None:
        """The hall display on the monitor of `devices.hall_display_screen` (F11 … Ctrl+Q)."""
        from .queue.hall_display import HallDisplay

        if self.hall_display is None:
            self.hall_display = HallDisplay(self._context)
            self.hall_display.closed.connect(self._hall_display_closed)
        self.hall_display.show_on_screen(self._context.core.config.devices.hall_display_screen)

    def _hall_display_closed(self) -> None:
        display, self.hall_display = self.hall_display, None
        if display is not None:
            display.deleteLater()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_status = QLabel(
            self.tr("ユーザー: {name}（{login}）").format(
                name=self.actor.display_name, login=self.actor.login
            )
        )
        terminal = QLabel(self.tr("端末: {terminal}").format(terminal=self._context.terminal_name))
        database = QLabel(
            self.tr("データベース: {target}").format(target=self._context.database_target)
        )
        database.setObjectName("muted")
        bar.addWidget(self.user_status)
        bar.addWidget(terminal)
        bar.addPermanentWidget(database)

    def _set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _show_about(self) -> None:
        MessageBox.about(
            self,
            self.tr("バージョン情報"),
            self.tr(
                "総合窓口端末 counter-app {version}\n"
                "Qt {qt} / PySide6 {pyside}\n"
                "端末: {terminal}\n"
                "データベース: {target}\n\n"
                "画面の文字: IPAexゴシック（IPAフォントライセンス v1.0）"
            ).format(
                version=__version__,
                qt=qVersion(),
                pyside=pyside_version,
                terminal=self._context.terminal_name,
                target=self._context.database_target,
            ),
        )

    # --- idle lock -----------------------------------------------------------------------

    def is_locked(self) -> bool:
        return self._stack.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.is_locked():
            return
        for dialog in self.findChildren(QDialog):
            dialog.reject()
        self._stack.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        if self._watcher is not None:
            self._watcher.stop()
        self.lock_screen.reset()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        self._stack.setCurrentWidget(self.content_area)
        self.menuBar().setEnabled(True)
        self.lock_screen.reset()
        if self._watcher is not None:
            self._watcher.start()
        self.locked_changed.emit(False)

    def _check_password(self, password: str) -> None:
        auth, actor = self._context.core.auth, self.actor
        self.lock_screen.set_busy(True)
        ops.db(
            self,
            self._context.runner,
            lambda: auth.unlock(actor, password),
            on_success=lambda _: self.unlock(),
            on_failure=self._unlock_refused,
            on_done=lambda: self.lock_screen.set_busy(False),
        )

    def _unlock_refused(self, error: CounterAppError) -> None:
        if error.code is ErrorCode.AUTH_BAD_CREDENTIALS:
            self.lock_screen.show_wrong_password()
            return
        # Locked out or disabled meanwhile: say why, then the session ends.
        MessageBox.error(self, self.tr("総合窓口端末"), message_for(error, self._context.language))
        self.logout_requested.emit(error.code.value)

    # --- closing -------------------------------------------------------------------------

    def end_session(self) -> None:
        """Close for good: called once the user has been logged out."""
        self._ending = True
        if self.hall_display is not None:
            self.hall_display.close()
        if self._watcher is not None:
            self._watcher.detach()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._ending:
            event.accept()
            return
        event.ignore()
        self.quit_requested.emit()
