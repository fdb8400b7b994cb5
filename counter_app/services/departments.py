"""Keep the departments table in step with resources/catalog/departments.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import resources

from ..catalog.located import load_resource
from ..db.models import Department
from ..errors import CounterAppError, ErrorCode


@dataclass(frozen=True)
class DepartmentInfo:
    id: str
    name: str
    name_en: str


def departments_file() -> Path:
    return resources.path("catalog", "departments.yaml")


def load_departments(path: Path | None = None) -> list[DepartmentInfo]:
    path = path or departments_file()
    try:
        data = load_resource(path)
        entries = data["departments"]
        loaded = [DepartmentInfo(str(e["id"]), str(e["name"]), str(e["name_en"])) for e in entries]
    except (KeyError, TypeError) as exc:
        raise CounterAppError(ErrorCode.RESOURCE_INVALID, path=path, detail=str(exc)) from exc
    ids = [d.id for d in loaded]
    if len(set(ids)) != len(ids):
        raise CounterAppError(ErrorCode.RESOURCE_INVALID, path=path, detail="duplicate id")
    return loaded


def sync_departments(session: Session, departments: list[DepartmentInfo]) -> None:
    """Insert new departments, update names, deactivate those no longer listed (kept for
    the history that refers to them)."""
    existing = {d.id: d for d in session.scalars(select(Department))}
    for order, info in enumerate(departments):
        row = existing.pop(info.id, None)
        if row is None:
            session.add(
                Department(
                    id=info.id, name=info.name, name_en=info.name_en, sort_order=order, active=True
                )
            )
        else:
            row.name, row.name_en, row.sort_order, row.active = (
                info.name,
                info.name_en,
                order,
                True,
            )
    for row in existing.values():
        row.active = False
