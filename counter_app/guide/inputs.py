"""What the guide evaluates: a household, one life event and the clerk's answers.

Persons are records in the shape of shared/domain/residents-schema.md without the
`resident.` prefix (nested mappings: `pension: {category: 1}`), whether they come from a
scenario file or from the database (`counter_app.guide.from_records`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ..catalog import MISSING


@dataclass(frozen=True)
class PersonRecord:
    data: Mapping

    @property
    def atena_no(self) -> str:
        return str(self.data["atena_no"])

    @property
    def name(self) -> str:
        return str(self.data.get("name_kanji") or self.atena_no)

    @property
    def birth_date(self) -> date | None:
        value = self.data.get("birth_date")
        if isinstance(value, datetime):
            return value.date()
        return value if isinstance(value, date) else None

    @property
    def relationship(self) -> str:
        return str(self.data.get("relationship") or "")

    def get(self, path: str) -> object:
        """The value at a record path (`pension.category`), or MISSING."""
        node: object = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if path == "is_head":
                    return self.relationship == "世帯主"
                return MISSING
            node = node[part]
        return node


@dataclass(frozen=True)
class HouseholdInput:
    household_no: str
    address: str
    katagaki: str | None
    members: tuple[PersonRecord, ...]


@dataclass(frozen=True)
class EventInput:
    type: str
    date: date | None
    answers: Mapping = field(default_factory=dict)
    person_answers: Mapping = field(default_factory=dict)  # atena_no → {key: value}
    newborn: PersonRecord | None = None
    incoming: tuple[PersonRecord, ...] = ()


@dataclass(frozen=True)
class GuideCase:
    reference_date: date
    household: HouseholdInput
    event: EventInput
    municipality: str = ""
    case_id: str = ""
    title: str = ""
