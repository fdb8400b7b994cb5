"""Persons the window works with before they are in the register: the newborn of a
birth (from the 出生届 answers) and the persons moving in (from the 転出証明書 or the
card's transfer data, entered by the clerk). They get provisional atena numbers
(`NEW-1`, `NEW-2` …) until the register issues real ones.

Names follow the register's convention: 氏 and 名 separated by an ideographic space.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from . import kinship
from .inputs import HouseholdInput, PersonRecord

PROVISIONAL_PREFIX = "NEW-"
NEWBORN_ATENA = "NEW-1"
NAME_SEPARATOR = "\u3000"
# The birth questions the newborn's record is built from besides the mother (whom the
# rules ask for anyway): asked at every birth, and kept, even where no rule reads them.
NEWBORN_IDENTITY = (
    "newborn_surname",
    "newborn_given_name",
    "newborn_name_kana",
    "newborn_birth_datetime",
    "newborn_sex",
    "father_id",
)


def provisional_atena(index: int) -> str:
    return f"{PROVISIONAL_PREFIX}{index}"


def is_provisional(atena_no: str) -> bool:
    return atena_no.startswith(PROVISIONAL_PREFIX)


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _name(surname: object, given: object) -> str:
    parts = [str(p).strip() for p in (surname, given) if p is not None and str(p).strip()]
    return NAME_SEPARATOR.join(parts)


def newborn_name(answers: Mapping) -> str:
    """The newborn's name as the birth questions give it ("" before they are answered)."""
    return _name(answers.get("newborn_surname"), answers.get("newborn_given_name"))


def newborn_relationship(answers: Mapping, household: HouseholdInput) -> str:
    """子 when a parent is the head or the head's spouse, 孫 when a parent is a child (or a
    child's spouse) of the head; "" when no parent is in the household (the clerk says)."""
    by_atena = {m.atena_no: m for m in household.members}
    for key in ("mother_id", "father_id"):
        parent = by_atena.get(str(answers.get(key)))
        if parent is None:
            continue
        if parent.relationship == kinship.HEAD or parent.relationship in kinship.SPOUSE_OF_HEAD:
            return "子"
        if parent.relationship in kinship.CHILD_GENERATION:
            return "孫"
    return ""


def provisional_newborn(
    answers: Mapping, household: HouseholdInput, *, born_on: date | None = None
) -> PersonRecord:
    """The newborn from the birth questions (newborn_surname, newborn_given_name,
    newborn_name_kana, newborn_birth_datetime, newborn_sex, mother_id/father_id).
    `born_on` (the event's date) stands in when the birth date is not answered yet."""
    surname = answers.get("newborn_surname")
    given = answers.get("newborn_given_name")
    data: dict = {
        "atena_no": NEWBORN_ATENA,
        "name_kanji": newborn_name(answers),
        "relationship": newborn_relationship(answers, household),
    }
    if surname:
        data["surname_kanji"] = str(surname)
    if given:
        data["given_name_kanji"] = str(given)
    if kana := answers.get("newborn_name_kana"):
        data["name_kana"] = str(kana)
    birth = _day(answers.get("newborn_birth_datetime")) or born_on
    if birth is not None:
        data["birth_date"] = birth
    if sex := answers.get("newborn_sex"):
        data["sex"] = str(sex)
    return PersonRecord(data)


def provisional_mover(index: int, fields: Mapping) -> PersonRecord:
    """A person moving in, as entered at the window: the fields are record paths in the
    scenario shape (name_kanji or surname_kanji/given_name_kanji, name_kana, birth_date,
    sex, relationship, health_insurance, pension, mynumber_card …)."""
    data = {k: v for k, v in fields.items() if v is not None}
    data["atena_no"] = provisional_atena(index)
    if not data.get("name_kanji") and (data.get("surname_kanji") or data.get("given_name_kanji")):
        data["name_kanji"] = _name(data.get("surname_kanji"), data.get("given_name_kanji"))
    if "birth_date" in data:
        birth = _day(data["birth_date"])
        if birth is None:
            del data["birth_date"]
        else:
            data["birth_date"] = birth
    return PersonRecord(data)


__all__ = [
    "NEWBORN_ATENA",
    "NEWBORN_IDENTITY",
    "newborn_name",
    "newborn_relationship",
    "provisional_atena",
    "provisional_mover",
    "provisional_newborn",
]
