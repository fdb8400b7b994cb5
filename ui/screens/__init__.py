"""The central screen of each role, looked up by RoleCode.

A later feature replaces a role's screen with `register_screen(role, factory)`, or by
changing the entry below; a factory takes the UiContext and the acting user.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from counter_app.permissions import Actor, RoleCode

from ..context import UiContext
from .administrator import AdministratorScreen
from .back_office import BackOfficeScreen
from .floor_manager import FloorManagerScreen
from .reform_officer import ReformOfficerScreen
from .supervisor import SupervisorScreen
from .window_clerk import WindowClerkScreen

ScreenFactory = Callable[[UiContext, Actor], QWidget]

_FACTORIES: dict[RoleCode, ScreenFactory] = {
    RoleCode.WINDOW_CLERK: WindowClerkScreen,
    RoleCode.FLOOR_MANAGER: FloorManagerScreen,
    RoleCode.BACK_OFFICE: BackOfficeScreen,
    RoleCode.SUPERVISOR: SupervisorScreen,
    RoleCode.ADMINISTRATOR: AdministratorScreen,
    RoleCode.REFORM_OFFICER: ReformOfficerScreen,
}


def register_screen(role: RoleCode, factory: ScreenFactory) -> None:
    _FACTORIES[role] = factory


def create_screen(role: RoleCode, context: UiContext, actor: Actor) -> QWidget:
    return _FACTORIES[role](context, actor)


def registered_roles() -> frozenset[RoleCode]:
    return frozenset(_FACTORIES)
