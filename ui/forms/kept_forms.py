"""The forms kept with a visit (as printed at the window), previewed on any PC: the
department's inbox shows those of one procedure, the visit's window all of them.

    show_kept_forms(screen, context, actor,
                    lambda: core.visit_forms.for_visit(actor, number), on_failure=screen.failed)

Reading them is logged by the core; they are rendered on the CPU pool, not the database
worker. The preview is the window's (ui/forms/preview_dialog), so they can be printed
again from it, which is logged too. The dialog is kept as `owner.forms_preview`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from counter_app.errors import CounterAppError
from counter_app.forms import FormBundle
from counter_app.permissions import Actor
from ui import ops

from ..context import UiContext
from ..message_box import MessageBox
from .preview_dialog import FormsPreviewDialog, PreparedForms, render_forms


def forms_title() -> str:
    return QCoreApplication.translate("KeptForms", "帳票を表示")


def show_kept_forms(
    owner: QWidget,
    context: UiContext,
    actor: Actor,
    fetch: Callable[[], FormBundle | None],
    *,
    on_failure: Callable[[CounterAppError], None],
) -> None:
    """`fetch` (on the database worker) reads the kept forms, or None when there are none.
    Printing them again from the preview is logged as `actor`'s."""
    catalog = context.core.catalog

    def render(bundle: FormBundle | None) -> PreparedForms | None:
        return None if bundle is None else render_forms(bundle, catalog)

    def opened(forms: PreparedForms | None) -> None:
        if forms is None:
            MessageBox.about(
                owner,
                forms_title(),
                QCoreApplication.translate("KeptForms", "この受付には帳票の記録がありません。"),
            )
            return
        previous = getattr(owner, "forms_preview", None)
        if previous is not None and isValid(previous):
            previous.deleteLater()
        owner.forms_preview = FormsPreviewDialog(forms, owner)
        owner.forms_preview.printed.connect(lambda _pages: reprinted(forms.bundle))
        owner.forms_preview.open()

    def reprinted(bundle: FormBundle) -> None:
        ops.db(
            owner,
            context.runner,
            lambda: context.core.visit_forms.reprinted(actor, bundle),
            on_failure=on_failure,
        )

    ops.db_then_cpu(
        owner, context.runner, context.cpu, fetch, render, on_success=opened, on_failure=on_failure
    )
