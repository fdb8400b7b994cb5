"""The floor manager's screen (フロアマネージャー): greeting visitors and issuing tickets,
with the waits per category against the city's targets above the ticket buttons."""

from __future__ import annotations

from counter_app.permissions import Actor

from ..context import UiContext
from ..queue.floor_screen import FloorScreen
from ..stats.live_waits import LiveWaitsView
from .base import RoleScreen
from .window_clerk import replace_trailing_stretch


class FloorManagerScreen(RoleScreen):
    def __init__(self, context: UiContext, actor: Actor) -> None:
        super().__init__()
        self.present(
            self.tr("フロア案内"),
            self.tr("来庁した方を迎えて用件を伺い、番号札を発行して窓口へ案内します。"),
            [],
        )
        self.live_waits = LiveWaitsView(context, actor)
        self.floor = FloorScreen(context, actor)
        self.floor.issued.connect(lambda _issued: self.live_waits.reload())
        layout = replace_trailing_stretch(self)
        layout.addWidget(self.live_waits)
        layout.addWidget(self.floor, 1)
