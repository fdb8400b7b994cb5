"""A supervisor authorises reading what a support measure (支援措置) protects: a visit
from its window or from the departments' inbox. The same authorisation as the record
view's 「閲覧を許可」 (`ResidentService.authorise_support_measure`), for the supervisor or
for the member of staff who asked.

    authorise_residents(screen, context, actor, (resident_id,), staff, on_done=screen.reload,
                        on_failure=screen.failed)

Tests replace `AuthoriseDialog.ask`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import CounterAppError
from counter_app.permissions import Actor
from ui import ops

from ..context import UiContext


class AuthoriseDialog(QDialog):
    """The reason (kept in the audit log) and whose reading it is: the supervisor's own,
    one of `staff` ((login, label) pairs), or a login typed."""

    def __init__(
        self, parent: QWidget | None, actor: Actor, staff: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("支援措置対象の記録の閲覧許可"))
        prompt = QLabel(
            self.tr(
                "閲覧を許可する理由を入力してください（監査ログに記録されます）。"
                "許可は10分間有効です。"
            )
        )
        prompt.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("authoriseReason")
        self.reason.setEditable(True)
        self.reason.addItems(
            [self.tr("本人が来庁し、本人確認済み"), self.tr("支援措置の申出の確認")]
        )
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText("")
        self.reader = QComboBox()
        self.reader.setObjectName("authoriseFor")
        self.reader.setEditable(True)
        self.reader.addItem(self.tr("自分（{login}）").format(login=actor.login), None)
        for login, label in staff:
            if login != actor.login:
                self.reader.addItem(label, login)
        self.reader.setToolTip(self.tr("依頼した職員を選ぶか、そのユーザーIDを入力します。"))
        form = QFormLayout()
        form.addRow(self.tr("理由"), self.reason)
        form.addRow(self.tr("閲覧する職員"), self.reader)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_filled)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(500, self.sizeHint().height())

    def _accept_if_filled(self) -> None:
        if self.reason.currentText().strip():
            self.accept()

    def for_login(self) -> str | None:
        """The login of whom the reading is for; None: the supervisor's own."""
        text = self.reader.currentText().strip()
        index = self.reader.findText(text)
        if index >= 0:
            return self.reader.itemData(index)
        return text or None

    @classmethod
    def ask(
        cls, parent: QWidget | None, actor: Actor, staff: Sequence[tuple[str, str]] = ()
    ) -> tuple[str, str | None] | None:
        """(reason, for whom: a login or None for the supervisor), or None when cancelled."""
        dialog = cls(parent, actor, staff)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.currentText().strip(), dialog.for_login()


def authorise_residents(
    owner: QWidget,
    context: UiContext,
    actor: Actor,
    residents: Sequence[int],
    staff: Sequence[tuple[str, str]],
    *,
    on_done: Callable[[], None],
    on_failure: Callable[[CounterAppError], None],
) -> None:
    """Ask the supervisor, then authorise every resident named (on the database worker)."""
    answer = AuthoriseDialog.ask(owner, actor, staff)
    if answer is None or not residents:
        return
    reason, for_login = answer
    authorise = context.core.residents.authorise_support_measure

    def grant() -> None:
        for resident_id in residents:
            authorise(actor, resident_id, reason, for_login=for_login)

    ops.db(
        owner,
        context.runner,
        grant,
        on_success=lambda _none: on_done(),
        on_failure=on_failure,
    )
