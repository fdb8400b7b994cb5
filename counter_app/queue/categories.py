"""Keep the ticket_categories table in step with resources/queue/categories.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import resources

from ..catalog.located import load_resource
from ..db.models import TicketCategory
from ..errors import CounterAppError, ErrorCode

_ID = re.compile(r"^[a-z0-9_]{1,32}$")
_PREFIX = re.compile(r"^[A-Z]$")
_HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

DEFAULT_WAIT_TARGET_MINUTES = 20


def default_limit(target: int) -> int:
    """1.5 × the target, a half rounded up (15 → 23)."""
    return (target * 3 + 1) // 2


@dataclass(frozen=True)
class Category:
    """A ticket category as configured: its button, prefix, windows and hours."""

    id: str
    name: str
    name_en: str
    prefix: str
    windows: tuple[int, ...]  # the windows that serve it, the preferred first
    opens: time
    closes: time
    service_minutes: int
    sort_order: int = 0
    # The floor's live view: a category turns amber when a ticket has waited longer than
    # the target, red past the limit (minutes).
    wait_target_minutes: int = DEFAULT_WAIT_TARGET_MINUTES
    wait_limit_minutes: int = default_limit(DEFAULT_WAIT_TARGET_MINUTES)

    def is_open(self, local_time: time) -> bool:
        return self.opens <= local_time < self.closes

    def display_number(self, number: int) -> str:
        return f"{self.prefix}-{number:03d}"


def categories_file() -> Path:
    return resources.path("queue", "categories.yaml")


def _invalid(path: Path, detail: str) -> CounterAppError:
    return CounterAppError(ErrorCode.RESOURCE_INVALID, path=path, detail=detail)


def _hours(path: Path, entry: dict, key: str) -> time:
    value = str(entry[key])
    if not _HOURS.match(value):
        raise _invalid(path, f"{entry['id']}: {key} {value!r} is not HH:MM")
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _category(path: Path, order: int, entry: dict) -> Category:
    category_id = str(entry["id"])
    if not _ID.match(category_id):
        raise _invalid(path, f"id {category_id!r}: a-z 0-9 _ only, at most 32")
    prefix = str(entry["prefix"])
    if not _PREFIX.match(prefix):
        raise _invalid(path, f"{category_id}: prefix {prefix!r} is not one capital letter")
    windows = entry["windows"]
    if (
        not isinstance(windows, list)
        or not windows
        or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in windows)
        or len(set(windows)) != len(windows)
    ):
        raise _invalid(path, f"{category_id}: windows must list distinct window numbers (>= 1)")
    minutes = entry["service_minutes"]
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise _invalid(path, f"{category_id}: service_minutes must be a whole number >= 1")
    target = _minutes(path, category_id, entry, "wait_target_minutes", DEFAULT_WAIT_TARGET_MINUTES)
    limit = _minutes(path, category_id, entry, "wait_limit_minutes", default_limit(target))
    if limit < target:
        raise _invalid(
            path,
            f"{category_id}: wait_limit_minutes ({limit}) must not be below "
            f"wait_target_minutes ({target})",
        )
    category = Category(
        id=category_id,
        name=str(entry["name"]),
        name_en=str(entry["name_en"]),
        prefix=prefix,
        windows=tuple(windows),
        opens=_hours(path, entry, "opens"),
        closes=_hours(path, entry, "closes"),
        service_minutes=minutes,
        sort_order=order,
        wait_target_minutes=target,
        wait_limit_minutes=limit,
    )
    if category.opens >= category.closes:
        raise _invalid(path, f"{category_id}: opens must be before closes")
    return category


def _minutes(path: Path, category_id: str, entry: dict, key: str, default: int) -> int:
    value = entry.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise _invalid(path, f"{category_id}: {key} must be a whole number >= 1, not {value!r}")
    return value


def load_categories(path: Path | None = None) -> list[Category]:
    """The categories of the file, in its order; RESOURCE_INVALID names the first problem."""
    path = path or categories_file()
    try:
        data = load_resource(path)
        loaded = [_category(path, order, e) for order, e in enumerate(data["categories"])]
    except (KeyError, TypeError, AttributeError) as exc:
        raise _invalid(path, str(exc)) from exc
    for attribute in ("id", "prefix"):
        values = [getattr(c, attribute) for c in loaded]
        if len(set(values)) != len(values):
            raise _invalid(path, f"duplicate {attribute}")
    return loaded


def sync_categories(session: Session, categories: list[Category]) -> None:
    """Insert new categories, update changed ones, deactivate those no longer listed (kept
    for the tickets that refer to them)."""
    existing = {c.id: c for c in session.scalars(select(TicketCategory))}
    for category in categories:
        row = existing.pop(category.id, None)
        if row is None:
            row = TicketCategory(id=category.id)
            session.add(row)
        row.name = category.name
        row.name_en = category.name_en
        row.prefix = category.prefix
        row.windows = list(category.windows)
        row.opens = category.opens
        row.closes = category.closes
        row.service_minutes = category.service_minutes
        row.sort_order = category.sort_order
        row.wait_target_minutes = category.wait_target_minutes
        row.wait_limit_minutes = category.wait_limit_minutes
        row.active = True
    for row in existing.values():
        row.active = False


def from_row(row: TicketCategory) -> Category:
    return Category(
        id=row.id,
        name=row.name,
        name_en=row.name_en,
        prefix=row.prefix,
        windows=tuple(int(w) for w in row.windows),
        opens=row.opens,
        closes=row.closes,
        service_minutes=row.service_minutes,
        sort_order=row.sort_order,
        wait_target_minutes=row.wait_target_minutes,
        wait_limit_minutes=row.wait_limit_minutes,
    )
