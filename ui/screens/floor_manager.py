"""The floor manager's screen (フロアマネージャー): greeting visitors and issuing tickets."""

from __future__ import annotations

from counter_app.permissions import Actor

from ..context import UiContext
from .base import Duty, RoleScreen


class FloorManagerScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        self.present(
            self.tr("フロア案内"),
            self.tr("来庁した方を迎えて用件を伺い、番号札を発行して窓口へ案内します。"),
            [
                Duty(
                    self.tr("番号札の発行"),
                    self.tr("用件に合った窓口の番号札を発行し、発券機で印刷します。"),
                ),
                Duty(
                    self.tr("待ち状況"),
                    self.tr("窓口ごとの待ち人数と呼出の状況を確かめます。"),
                ),
                Duty(
                    self.tr("案内"),
                    self.tr("おくやみコーナーなど、用件に合った窓口へ案内します。"),
                ),
            ],
        )
