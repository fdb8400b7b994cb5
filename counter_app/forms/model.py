"""A visit's forms filled in, as plain data: what `printing` lays out and the screens show.

Every value says where it came from (住民記録 as of a date, 窓口で聴取, 計算, 提示書類) and
whether the resident must check it; fields the resident writes (署名, 暗証番号, 印影) stay
empty and are marked for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Source(StrEnum):
    RECORDS = (
        "records"  # resident.* / household.*: printed from the register and department records
    )
    CLERK = "clerk"  # asked at the window
    COMPUTED = "computed"  # today, the event's date, 事由 wording, child lists …
    DOCUMENT = "document"  # copied from (or attached as) a presented document
    RESIDENT = "resident"  # written by the resident only: signature, PIN, seal impression


@dataclass(frozen=True)
class FieldValue:
    key: str
    label: str
    source: Source
    text: str  # as printed; "" when the box is left empty
    provenance: str  # Japanese: 住民記録（令和8年11月23日時点）, 窓口で聴取, 計算（今日の日付） …
    rows: tuple[str, ...] = ()  # a repeated field (one row per person moving …); text joins them
    check: bool = False  # the resident must check this pre-filled value
    note: str = ""  # for an empty box: what goes there and who writes it

    @property
    def filled(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class FilledForm:
    form_id: str
    title: str
    department: str  # the department's name ("" for a shared form)
    procedures: tuple[str, ...]  # the procedure ids this form serves
    person_atena: str | None  # per-person forms: whose form it is
    person_name: str | None
    fields: tuple[FieldValue, ...]

    def field(self, key: str) -> FieldValue:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class FormBundle:
    visit_number: str
    municipality: str
    prepared_on: date
    forms: tuple[FilledForm, ...]
