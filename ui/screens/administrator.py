"""The administrator's screen (システム管理者): staff users, settings and the audit log."""

from __future__ import annotations

from counter_app.permissions import Actor

from ..context import UiContext
from .base import Duty, RoleScreen


class AdministratorScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        self.present(
            self.tr("システム管理"),
            self.tr("職員ユーザーと、市役所全体の設定を管理します。"),
            [
                Duty(
                    self.tr("職員ユーザー"),
                    self.tr(
                        "ユーザーの追加、役割と所属課の設定、パスワードの再設定、利用停止を行います。"
                    ),
                ),
                Duty(
                    self.tr("設定"),
                    self.tr("自治体名など、すべての端末に共通する設定を変更します。"),
                ),
                Duty(
                    self.tr("監査ログ"),
                    self.tr("操作の記録を確かめ、改ざんされていないことを検証します。"),
                ),
            ],
        )
