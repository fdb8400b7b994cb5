"""The supervisor's screen (監督者): the whole floor, reassignments and the audit log."""

from __future__ import annotations

from counter_app.permissions import Actor

from ..context import UiContext
from .base import Duty, RoleScreen


class SupervisorScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        self.present(
            self.tr("窓口の監督"),
            self.tr("窓口全体の状況を見て、滞っている業務を調整します。"),
            [
                Duty(
                    self.tr("全体の状況"),
                    self.tr("各窓口の呼出、待ち人数、処理中の手続きを一覧します。"),
                ),
                Duty(
                    self.tr("手続きの振替"),
                    self.tr("滞っている手続きを別の職員や課へ振り替えます。"),
                ),
                Duty(
                    self.tr("支援措置"),
                    self.tr("支援措置の対象となっている住民の記録を扱う操作を承認します。"),
                ),
                Duty(
                    self.tr("監査ログ"),
                    self.tr("誰が、いつ、どの記録を見て何をしたかを確かめます。"),
                ),
            ],
        )
