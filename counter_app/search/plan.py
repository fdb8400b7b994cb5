"""How the criteria of one search become at most four statements, whatever was typed.

Each criterion has one or two alternatives (a kana word is the start of the whole
reading or of the given name's; eleven digits from 0 are a 住民票コード or a phone
number), each answered by one B-tree index range. A search runs:

1. One estimate: how many entries each alternative's index range holds, counted up to
   SCAN_CAP + 1 from the index alone, all in one statement. It also asks whether a
   resident without a support measure lives at an address starting with each address
   fragment (桜町2-14); a fragment that starts none (a building name, 14-3) is matched
   as a substring instead. A criterion that meets no one ends the search there.
2. The criterion with the smallest estimate drives: one statement per alternative of
   it (two at most), reading the first SCAN_CAP entries of its index range in index
   order; every other criterion only filters those rows (its alternatives ORed, in
   forms no index answers, see sql.py, so no planner swaps the bounded range for an
   unbounded one). When even that range holds more than SCAN_CAP entries and a
   substring fragment was typed, or when only fragments were typed, one pass over the
   households for the longest fragment drives instead (kept to SCAN_CAP households).
   A query whose driving range holds more than SCAN_CAP entries shows the matches among
   those read: a correct page, not necessarily every match, as a bare さとう does.
3. The details of the hits shown (ResidentSearch).

A single criterion without an address skips the estimate. However many words are
typed, a search costs at most four statements, reads at most 2 × MAX_WORDS ×
(SCAN_CAP + 1) index entries for the estimate and then 2 × SCAN_CAP rows, or one pass
over the households.

A resident under a support measure (支援措置) never meets an address, 世帯番号 or phone
alternative (REVEALING), so neither alone nor combined with a name does such a criterion
confirm where the resident lives; name, kana, birth date, 住民票コード and 宛名番号 still
find them. Whether a fragment is matched as a prefix or a substring depends only on
residents without a support measure, so that choice says nothing about them either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ..db.models import Household, Resident
from .query import Criterion, Field
from .sql import UNDER_SUPPORT_MEASURE, Contains, prefix_range, starts_with
from .stored import DateText

# Rows one statement reads from its driving range: a full name, a birth date or a 番 is
# read whole, and 2,000 rows with their filters cost a few milliseconds on either database.
SCAN_CAP = 2000
CITY_END = "都道府県市区郡"
REVEALING = frozenset({Field.ADDRESS, Field.HOUSEHOLD_NO, Field.PHONE})
_NAME_COLUMNS = {
    Field.KANA: (Resident.kana_key, Resident.given_kana_key),
    Field.NAME: (Resident.name_key, Resident.given_name_key),
}
# What ranking needs; the address and support flag are read only for the hits returned.
RANK_COLUMNS = (
    Resident.id,
    Resident.surname_kanji,
    Resident.given_name_kanji,
    Resident.surname_kana,
    Resident.kana_key,
    Resident.given_kana_key,
    DateText(Resident.birth_date).label("birth_date"),
)
_VISIBLE = ~UNDER_SUPPORT_MEASURE


@dataclass(frozen=True)
class IndexRange:
    """Entries of one index: those of `column` that meet `condition` (a range or an
    equality), read in index order so that every planner reads them from the index."""

    column: ColumnElement
    condition: ColumnElement[bool]

    def entries(self, selected: ColumnElement, limit: int) -> Select:
        return select(selected).where(self.condition).order_by(self.column).limit(limit)


@dataclass(frozen=True)
class Alternative:
    """One way a criterion is met.

    `condition`: the test on residents (joined with households when `on_household`),
    which no index answers but an equality; `index`: the same as one index answers it,
    on households when `on_household` else on residents (None for a substring: no index
    answers it); `fragment`: the address fragment typed."""

    condition: ColumnElement[bool]
    index: IndexRange | None
    on_household: bool = False
    fragment: str | None = None


def plan(
    session: Session,
    criteria: list[Criterion],
    today: date,
    candidates: int,
    city: str,
) -> list[Select]:
    """The statements whose rows (RANK_COLUMNS) are the candidates: every resident they
    return meets every criterion. Empty if a criterion meets no one. They are executed
    with {"today": today}."""
    unique = dict.fromkeys(criteria)  # a word typed twice asks nothing new
    choices = [_alternatives(criterion, city) for criterion in unique]
    sizes: list[int | None] = [None] * len(choices)
    if len(choices) > 1 or any(alt.fragment for alts in choices for alt in alts):
        choices, sizes = _estimate(session, choices, today, counting=len(choices) > 1)
        if not all(choices):
            return []
    indexed = [i for i, alts in enumerate(choices) if alts[0].index is not None]
    fragments = [alts[0].fragment or "" for alts in choices if alts[0].index is None]
    driver = min(indexed, key=lambda index: sizes[index] or 0) if indexed else None
    if fragments and (driver is None or (sizes[driver] or 0) > SCAN_CAP):
        everything = [_any(alternatives) for alternatives in choices]
        return [_households_scan(max(fragments, key=len), everything, candidates)]
    filters = [_any(alternatives) for index, alternatives in enumerate(choices) if index != driver]
    household = any(alt.on_household for alts in choices for alt in alts)
    return [_driven(alternative, filters, household, candidates) for alternative in choices[driver]]


def _equal(column, value) -> IndexRange:
    return IndexRange(column, column == value)


def _prefix(column, key: str) -> IndexRange:
    return IndexRange(column, prefix_range(column, key))


def _alternatives(criterion: Criterion, city: str) -> list[Alternative]:
    key = criterion.key
    alternatives: list[Alternative] = []
    for field in sorted(criterion.fields):
        match field:
            case Field.BIRTH_DATE:
                index = _equal(Resident.birth_date, criterion.birth_date)
                alternatives.append(Alternative(index.condition, index))
            case Field.KANA | Field.NAME if criterion.given:
                whole, given = _NAME_COLUMNS[field]
                condition = and_(starts_with(whole, key), starts_with(given, criterion.given))
                alternatives.append(Alternative(condition, _prefix(whole, key)))
            case Field.KANA | Field.NAME:
                for column in _NAME_COLUMNS[field]:
                    alternatives.append(Alternative(starts_with(column, key), _prefix(column, key)))
            case Field.JUMINHYO_CODE:
                index = _equal(Resident.juminhyo_code, key)
                alternatives.append(Alternative(index.condition, index))
            case Field.ATENA_NO:
                index = _equal(Resident.atena_no, key)
                alternatives.append(Alternative(index.condition, index))
            case Field.PHONE:
                index = _equal(Resident.phone_key, key)
                alternatives.append(Alternative(and_(index.condition, _VISIBLE), index))
            case Field.HOUSEHOLD_NO:
                index = _equal(Household.household_no, key)
                alternatives.append(Alternative(and_(index.condition, _VISIBLE), index, True))
            case Field.ADDRESS:
                full = complete(city, key)
                condition = and_(starts_with(Household.address_key, full), _VISIBLE)
                index = _prefix(Household.address_key, full)
                alternatives.append(Alternative(condition, index, True, key))
    return alternatives


def _estimate(
    session: Session, choices: list[list[Alternative]], today: date, counting: bool
) -> tuple[list[list[Alternative]], list[int | None]]:
    """Each criterion's alternatives that may meet someone and their entries (up to
    SCAN_CAP + 1 each, when `counting`: a single criterion drives whatever its size), in
    one statement; an address fragment that starts the address of no resident without a
    support measure becomes a substring (size None)."""
    questions = []
    for alternative in (alt for alts in choices for alt in alts):
        if counting:
            questions.append(_count_upto(alternative))
        if alternative.fragment is not None:
            questions.append(_anyone(alternative))
    answers = iter(session.execute(select(*questions), {"today": today}).one())
    estimated: list[list[Alternative]] = []
    sizes: list[int | None] = []
    for alternatives in choices:
        kept: list[Alternative] = []
        size: int | None = 0
        for alternative in alternatives:
            count = next(answers) if counting else None
            if alternative.fragment is not None and not next(answers):
                contains = Contains(Household.address_key, alternative.fragment)
                kept.append(Alternative(and_(contains, _VISIBLE), None, True, alternative.fragment))
                size = None
            elif count is None or count:
                kept.append(alternative)
                size = None if count is None or size is None else size + count
        estimated.append(kept)
        sizes.append(size)
    return estimated, sizes


def _count_upto(alternative: Alternative):
    index = alternative.index
    entries = index.entries(index.column, SCAN_CAP + 1).subquery()
    return select(func.count()).select_from(entries).scalar_subquery()


def _anyone(alternative: Alternative):
    """Whether the alternative meets a resident (one without a support measure)."""
    return exists(
        select(Resident.id)
        .join(Household, Resident.household_id == Household.id)
        .where(alternative.index.condition, alternative.condition)
    )


def _any(alternatives: list[Alternative]) -> ColumnElement[bool]:
    if len(alternatives) == 1:
        return alternatives[0].condition
    return or_(*(alt.condition for alt in alternatives))


def _driven(
    alternative: Alternative,
    filters: list[ColumnElement[bool]],
    household: bool,
    candidates: int,
) -> Select:
    """The first SCAN_CAP entries of the alternative's index range, then the rest."""
    table = Household if alternative.on_household else Resident
    link = Resident.household_id if alternative.on_household else Resident.id
    entries = alternative.index.entries(table.id, SCAN_CAP).subquery()
    statement = select(*RANK_COLUMNS).select_from(entries).join(Resident, link == entries.c.id)
    if household:
        statement = statement.join(Household, Resident.household_id == Household.id)
    return statement.where(alternative.condition, *filters).limit(candidates)


def _households_scan(
    fragment: str, conditions: list[ColumnElement[bool]], candidates: int
) -> Select:
    """One pass over the households for `fragment`, stopping at SCAN_CAP of them."""
    households = (
        select(Household.id)
        .where(Contains(Household.address_key, fragment))
        .limit(SCAN_CAP)
        .subquery()
    )
    return (
        select(*RANK_COLUMNS)
        .select_from(households)
        .join(Resident, Resident.household_id == households.c.id)
        .join(Household, Resident.household_id == Household.id)
        .where(*conditions)
        .limit(candidates)
    )


def complete(city: str, key: str) -> str:
    """The whole address key a fragment starts: 桜町2-14 → 東京都みどり市桜町2-14,
    みどり市桜町 → 東京都みどり市桜町."""
    for start in range(len(city) + 1):
        at_boundary = start == 0 or city[start - 1] in CITY_END
        if at_boundary and key.startswith(city[start:]):
            return city[:start] + key
    return city + key
