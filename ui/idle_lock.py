"""Idle lock: no key, mouse or touch input for a while covers the screen until the same
user types their password again, or another user logs in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.permissions import Actor

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` after `interval_ms` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)
        QCoreApplication.instance().installEventFilter(self)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def detach(self) -> None:
        self.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    """What covers the main window while it is locked."""

    unlock_requested = Signal(str)  # the password typed
    switch_user_requested = Signal()

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        heading = QLabel(self.tr("画面をロックしました"))
        heading.setObjectName("heading")
        self.who_label = QLabel(
            self.tr(
                "{name}（{login}）が使用中です。続けるにはパスワードを入力してください。"
            ).format(name=actor.display_name, login=actor.login)
        )
        self.who_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("パスワード"))
        self.password_edit.returnPressed.connect(self._submit)
        self.unlock_button = QPushButton(self.tr("ロック解除"))
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self._submit)
        self.switch_button = QPushButton(self.tr("別のユーザーでログイン"))
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        card = QFrame()
        card.setObjectName("card")
        card.setFixedWidth(520)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(14)
        inner.addWidget(heading)
        inner.addWidget(self.who_label)
        inner.addWidget(self.password_edit)
        inner.addWidget(self.error_label)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def reset(self) -> None:
        self.password_edit.clear()
        self.error_label.hide()
        self.set_busy(False)
        self.password_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.password_edit, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)

    def show_wrong_password(self) -> None:
        self.show_error(self.tr("パスワードが正しくありません。"))

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _submit(self) -> None:
        if self.password_edit.isEnabled():
            self.unlock_requested.emit(self.password_edit.text())
