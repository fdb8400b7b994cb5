"""Database-wide settings shared by every PC."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.models import AppSetting

DEMO_MODE = "demo_mode"
MUNICIPALITY_NAME = "municipality_name"


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(AppSetting, key)
    return default if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
