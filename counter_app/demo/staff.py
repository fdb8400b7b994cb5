"""Demo staff users, one per role, and the flag that marks a database as a demo."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import StaffUser
from ..passwords import hash_password
from ..permissions import Actor, RoleCode
from ..services import settings
from ..services.users import add_user
from .addresses import CITY

DEMO_PASSWORD = "demo1234"


@dataclass(frozen=True)
class DemoUser:
    login: str
    display_name: str
    roles: tuple[RoleCode, ...]
    departments: tuple[str, ...] = ()


DEMO_USERS = (
    DemoUser("madoguchi", "窓口 花子", (RoleCode.WINDOW_CLERK,)),
    DemoUser("floor", "案内 次郎", (RoleCode.FLOOR_MANAGER,)),
    DemoUser("hoken", "保険 年子", (RoleCode.BACK_OFFICE,), ("hoken_nenkin",)),
    DemoUser("kaigo", "介護 守", (RoleCode.BACK_OFFICE,), ("kaigo",)),
    DemoUser("kodomo", "子育 愛", (RoleCode.BACK_OFFICE,), ("kodomo",)),
    DemoUser("kantoku", "監督 一郎", (RoleCode.SUPERVISOR, RoleCode.WINDOW_CLERK)),
    DemoUser("admin", "管理 太郎", (RoleCode.ADMINISTRATOR,)),
    DemoUser("kaikaku", "改革 進", (RoleCode.REFORM_OFFICER,)),
)


def add_demo_staff(session: Session, actor: Actor) -> int:
    """Create the demo users that do not exist yet, inside the caller's unit of work;
    returns how many were added."""
    existing = set(session.scalars(select(StaffUser.login)))
    added = 0
    for demo in DEMO_USERS:
        if demo.login in existing:
            continue
        password_hash = hash_password(DEMO_PASSWORD)
        add_user(
            session,
            actor,
            demo.login,
            demo.display_name,
            password_hash,
            demo.roles,
            demo.departments,
        )
        added += 1
    return added


def mark_as_demo(session: Session) -> None:
    settings.set_setting(session, settings.DEMO_MODE, "true")
    if settings.get_setting(session, settings.MUNICIPALITY_NAME) is None:
        settings.set_setting(session, settings.MUNICIPALITY_NAME, CITY)


def finish_demo(session: Session, actor: Actor) -> None:
    """The demo flag and the demo staff, in the unit of work that wrote the residents: a
    demo is never left with residents but no one to log in."""
    mark_as_demo(session)
    add_demo_staff(session, actor)
