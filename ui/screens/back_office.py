"""The back-office screen (原課職員): the inbox of the user's department."""

from __future__ import annotations

from counter_app.permissions import Actor

from ..context import UiContext
from ..labels import departments_label
from .base import Duty, RoleScreen


class BackOfficeScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        departments = departments_label(actor.departments, context.language)
        self.present(
            self.tr("{departments} 受付箱").format(departments=departments)
            if departments
            else self.tr("受付箱"),
            self.tr("窓口から回ってきた所属課の手続きを審査し、決定します。"),
            [
                Duty(
                    self.tr("受付箱"),
                    self.tr("所属課に届いた手続きを、受付の順に一覧します。"),
                ),
                Duty(
                    self.tr("審査・決定"),
                    self.tr("記録と添付書類を確かめ、手続きを決定します。"),
                ),
                Duty(
                    self.tr("差戻し"),
                    self.tr("不足や確認したいことがあれば、質問を添えて窓口へ差し戻します。"),
                ),
            ],
        )
