"""Which residents under a support measure (支援措置) a visit names.

A visit names its resident, its household (the forms print the household's address, the
inbox its members' names) and every registered person its answers, procedures and forms
refer to by atena number. If any of them is protected, the visit is: reading it would
disclose what the record protects. Household membership is read as it is now, so a
member who joined since the visit protects it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Household, Resident, SupportMeasure, Visit, VisitForm, VisitProcedure
from .rows import loads

_ATENA_LENGTH = 10  # Resident.atena_no: longer strings cannot name anyone


def protected_residents(
    session: Session, visits: Sequence[Visit], today: date
) -> dict[int, frozenset[int]]:
    """visit id → the residents under a support measure active on `today` the visit names."""
    if not visits:
        return {}
    ids = [v.id for v in visits]
    atenas: dict[int, set[str]] = {
        v.id: _named(loads(v.answers)) | _named(loads(v.person_answers), keys=True) for v in visits
    }
    for visit_id, persons in session.execute(
        select(VisitProcedure.visit_id, VisitProcedure.persons).where(
            VisitProcedure.visit_id.in_(ids)
        )
    ):
        atenas[visit_id] |= _named(loads(persons))
    for visit_id, atena in session.execute(
        select(VisitForm.visit_id, VisitForm.person_atena).where(
            VisitForm.visit_id.in_(ids), VisitForm.person_atena.is_not(None)
        )
    ):
        atenas[visit_id].add(atena)

    wanted = sorted({a for named in atenas.values() for a in named})
    by_atena: dict[str, int] = {}
    if wanted:
        rows = session.execute(
            select(Resident.atena_no, Resident.id).where(Resident.atena_no.in_(wanted))
        )
        by_atena = {atena: resident_id for atena, resident_id in rows}
    households = sorted({v.household_no for v in visits if v.household_no})
    members: dict[str, set[int]] = {}
    if households:
        for household_no, resident_id in session.execute(
            select(Household.household_no, Resident.id)
            .join(Resident, Resident.household_id == Household.id)
            .where(Household.household_no.in_(households))
        ):
            members.setdefault(household_no, set()).add(resident_id)

    named: dict[int, set[int]] = {}
    for visit in visits:
        residents = {by_atena[a] for a in atenas[visit.id] if a in by_atena}
        residents |= members.get(visit.household_no or "", set())
        if visit.resident_id is not None:
            residents.add(visit.resident_id)
        named[visit.id] = residents
    protected = _under_measure(session, {r for rs in named.values() for r in rs}, today)
    return {visit_id: frozenset(rs & protected) for visit_id, rs in named.items()}


def _under_measure(session: Session, resident_ids: Iterable[int], today: date) -> set[int]:
    wanted = sorted(set(resident_ids))
    if not wanted:
        return set()
    measures = session.scalars(select(SupportMeasure).where(SupportMeasure.resident_id.in_(wanted)))
    return {m.resident_id for m in measures if m.active_on(today)}


def _named(value: object, *, keys: bool = False) -> set[str]:
    """Every string short enough to be an atena number in an answer (and, with `keys`,
    the keys of a mapping: person_answers are keyed by atena number)."""
    found: set[str] = set()
    if isinstance(value, str):
        if 0 < len(value) <= _ATENA_LENGTH:
            found.add(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if keys:
                found |= _named(key)
            found |= _named(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= _named(item)
    return found
