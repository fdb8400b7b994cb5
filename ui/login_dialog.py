"""The login dialog: user ID and password, the city and terminal, and in demo mode the
demo users. A successful login emits `logged_in(actor)`."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import Actor
from ui import ops

from .context import UiContext


class LoginDialog(QDialog):
    logged_in = Signal(object)  # Actor

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("ログイン - 総合窓口端末"))
        self.setObjectName("loginDialog")

        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("userId")
        self.user_edit.setMaxLength(64)
        self.user_edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferLatin)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_button = QPushButton(self.tr("ログイン"))
        self.login_button.setObjectName("primary")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        body = QHBoxLayout()
        body.setContentsMargins(24, 24, 24, 24)
        body.setSpacing(24)
        body.addWidget(self._build_form(), 0, Qt.AlignmentFlag.AlignTop)
        self.demo_panel = None
        if context.demo:
            from .demo_users import DemoUsersPanel

            self.demo_panel = DemoUsersPanel(context.language)
            self.demo_panel.chosen.connect(self.fill)
            body.addWidget(self.demo_panel, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_banner())
        layout.addLayout(body, 1)
        self.user_edit.setFocus()

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("banner")
        title = QLabel(self.tr("総合窓口端末"))
        title.setObjectName("bannerTitle")
        city = QLabel(self._context.municipality)
        city.setObjectName("municipality")
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.addWidget(city)
        layout.addWidget(title)
        layout.addStretch(1)
        city.setVisible(bool(self._context.municipality))
        return banner

    def _build_form(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        card.setMinimumWidth(420)
        heading = QLabel(self.tr("ログイン"))
        heading.setObjectName("heading")
        terminal = QLabel(self.tr("端末: {terminal}").format(terminal=self._context.terminal_name))
        terminal.setObjectName("muted")
        form = QFormLayout()
        form.setSpacing(12)
        user_label = QLabel(self.tr("ユーザーID(&U)"))
        user_label.setBuddy(self.user_edit)
        password_label = QLabel(self.tr("パスワード(&P)"))
        password_label.setBuddy(self.password_edit)
        form.addRow(user_label, self.user_edit)
        form.addRow(password_label, self.password_edit)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 20, 24, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.login_button)
        layout.addWidget(terminal)
        return card

    def fill(self, login: str, password: str) -> None:
        self.user_edit.setText(login)
        self.password_edit.setText(password)
        self._clear_error()
        self.login_button.setFocus()

    def submit(self) -> None:
        login = self.user_edit.text().strip()
        if not login:
            self._show_error(self.tr("ユーザーIDを入力してください。"))
            self.user_edit.setFocus()
            return
        password = self.password_edit.text()
        self._set_busy(True)
        auth, terminal = self._context.core.auth, self._context.core.terminal
        ops.db(
            self,
            self._context.runner,
            lambda: auth.login(login, password, terminal),
            on_success=self._succeeded,
            on_failure=self._failed,
            on_done=lambda: self._set_busy(False),
        )

    def _succeeded(self, actor: Actor) -> None:
        self.password_edit.clear()
        self.logged_in.emit(actor)

    def _failed(self, error: CounterAppError) -> None:
        self._show_error(message_for(error, self._context.language))
        if error.code == ErrorCode.AUTH_BAD_CREDENTIALS:
            self.password_edit.clear()
            self.password_edit.setFocus()
        else:
            self.user_edit.selectAll()
            self.user_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.user_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)
        self.login_button.setText(self.tr("ログイン中…") if busy else self.tr("ログイン"))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            # A counter PC stays on its login screen; Esc only clears a shown error.
            self._clear_error()
            return
        super().keyPressEvent(event)
