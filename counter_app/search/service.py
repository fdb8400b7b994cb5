"""Resident search: one search box, index-driven queries, ranked hits.

Every criterion becomes a condition one B-tree index can answer: equality on dates and
numbers, and prefixes as ranges (key >= 'タカハシ' AND key < 'タカハシ' + U+10FFFF) on the
search keys of counter_app.search.keys, which SQLite and PostgreSQL both serve from an
ordinary index. An address fragment is a prefix of the address key once the part shared
by every address of the city (東京都みどり市) is put in front of it, so 桜町2-14 is found
through ix_households_address_key; a fragment that starts no address (a building name,
a 番 alone) falls back to a substring scan of the households.

Hits are ranked exact, then prefix, then folded (found only through the variant table,
as 髙橋 for 高橋), and within a rank by kana, then birth date. Each statement reads at
most `candidates` rows (100) in index order and only those are ranked: a query matching
more (さとう alone) shows a correct but not the best-ranked page, and the clerk adds the
given name or birth date. Address and support flag are read for the returned hits only.

The ranges compare code points, as SQLite's BINARY collation and PostgreSQL's C and
C.UTF-8 collations do; a PostgreSQL database created with a linguistic collation
(ja_JP.UTF-8, ICU) would need the key columns declared COLLATE "C".

A resident under a support measure (支援措置) is returned with the flag set and without
address, 方書 or household number: the screen shows a warning instead. The My Number is
never read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from itertools import product

from sqlalchemy import ColumnElement, Row, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Household, Resident, SupportMeasure
from ..permissions import Actor, Permission, require
from .keys import kana_key
from .query import Criterion, Field, parse_query
from .wareki import age_on, format_wareki

# Above every character, also those outside the BMP (𡈽 …) that U+FFFF would not cover.
_AFTER_ALL = "\U0010ffff"
_CITY_END = "都道府県市区郡"
_HOUSEHOLD_FIELDS = {Field.ADDRESS, Field.HOUSEHOLD_NO}
# What ranking needs; the address and support flag are read only for the hits returned.
_RANK_COLUMNS = (
    Resident.id,
    Resident.surname_kanji,
    Resident.given_name_kanji,
    Resident.surname_kana,
    Resident.kana_key,
    Resident.given_kana_key,
    Resident.birth_date,
)
_NAME_COLUMNS = {
    Field.KANA: (Resident.kana_key, Resident.given_kana_key),
    Field.NAME: (Resident.name_key, Resident.given_name_key),
}


class MatchRank(IntEnum):
    EXACT = 0
    PREFIX = 1
    FOLDED = 2


@dataclass(frozen=True)
class SearchHit:
    resident_id: int
    name: str  # as registered (髙橋　一郎)
    kana: str
    birth_date: date
    birth_date_wareki: str  # 「昭和60年8月22日（41歳）」
    age: int
    address: str | None  # None under a support measure
    katagaki: str | None
    household_no: str | None  # None under a support measure
    support_measure: bool
    rank: MatchRank


def prefix_range(column, key: str) -> ColumnElement[bool]:
    return and_(column >= key, column < key + _AFTER_ALL)


class ResidentSearch:
    def __init__(
        self, db: Database, today: Callable[[], date] = date.today, candidates: int = 100
    ) -> None:
        self._db = db
        self._today = today
        self._candidates = candidates
        self._city_prefix: str | None = None

    def search(self, actor: Actor, text: str, limit: int = 50) -> list[SearchHit]:
        """Residents matching every token of `text`, best first; raises CounterAppError
        PERMISSION_DENIED without VIEW_RESIDENTS, DATE_INVALID / DATE_OUTSIDE_ERA for an
        impossible date."""
        require(actor, Permission.VIEW_RESIDENTS)
        today = self._today()
        criteria = parse_query(text, today)
        if not criteria:
            return []
        found: dict[int, Row] = {}
        with self._db.read() as session:
            choices = [self._alternatives(session, criterion) for criterion in criteria]
            # One statement per combination of alternatives rather than OR: each is one
            # index range that LIMIT can stop early, where OR collects every match first.
            for conditions in product(*choices):
                statement = select(*_RANK_COLUMNS).where(*conditions)
                if any(field in _HOUSEHOLD_FIELDS for c in criteria for field in c.fields):
                    statement = statement.join(Household, Resident.household_id == Household.id)
                for row in session.execute(statement.limit(max(self._candidates, limit))):
                    found.setdefault(row.id, row)
            ranked = sorted(
                ((_rank(row, criteria), row) for row in found.values()),
                key=lambda pair: (pair[0], pair[1].kana_key, pair[1].birth_date),
            )[:limit]
            ids = [row.id for _, row in ranked]
            details = {
                row.id: row
                for row in session.execute(_detail_columns(today).where(Resident.id.in_(ids)))
            }
        return [_hit(details[row.id], rank, today) for rank, row in ranked]

    def _alternatives(self, session: Session, criterion: Criterion) -> list[ColumnElement[bool]]:
        """Conditions any one of which the criterion is met by."""
        key = criterion.key
        alternatives: list[ColumnElement[bool]] = []
        for field in sorted(criterion.fields):
            match field:
                case Field.BIRTH_DATE:
                    alternatives.append(Resident.birth_date == criterion.birth_date)
                case Field.KANA | Field.NAME if criterion.given:
                    whole, given = _NAME_COLUMNS[field]
                    # substr, not a range, so the planner never picks the given-name index:
                    # the whole name's range is far narrower.
                    starts = func.substr(given, 1, len(criterion.given)) == criterion.given
                    alternatives.append(and_(prefix_range(whole, key), starts))
                case Field.KANA | Field.NAME:
                    whole, given = _NAME_COLUMNS[field]
                    alternatives.append(prefix_range(whole, key))
                    alternatives.append(prefix_range(given, key))
                case Field.JUMINHYO_CODE:
                    alternatives.append(Resident.juminhyo_code == key)
                case Field.ATENA_NO:
                    alternatives.append(Resident.atena_no == key)
                case Field.PHONE:
                    alternatives.append(Resident.phone_key == key)
                case Field.HOUSEHOLD_NO:
                    alternatives.append(Household.household_no == key)
                case Field.ADDRESS:
                    alternatives.append(self._address_condition(session, key))
        return alternatives

    def _address_condition(self, session: Session, key: str) -> ColumnElement[bool]:
        full = _complete(self._prefix_of_city(session), key)
        in_range = prefix_range(Household.address_key, full)
        if session.scalar(select(Household.id).where(in_range).limit(1)) is not None:
            return in_range
        return Household.address_key.contains(key, autoescape=True)

    def _prefix_of_city(self, session: Session) -> str:
        """「東京都みどり市」: the start every address shares, up to its last 都道府県市区郡."""
        if self._city_prefix is None:
            low, high = session.execute(
                select(func.min(Household.address_key), func.max(Household.address_key))
            ).one()
            if low is None:
                return ""
            shared = _shared_start(low, high)
            end = max(shared.rfind(char) for char in _CITY_END)
            self._city_prefix = shared[: end + 1]
        return self._city_prefix


def _shared_start(first: str, second: str) -> str:
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return first[:length]


def _complete(city: str, key: str) -> str:
    """The whole address key a fragment starts: 桜町2-14 → 東京都みどり市桜町2-14,
    みどり市桜町 → 東京都みどり市桜町."""
    for start in range(len(city) + 1):
        at_boundary = start == 0 or city[start - 1] in _CITY_END
        if at_boundary and key.startswith(city[start:]):
            return city[:start] + key
    return city + key


def _detail_columns(today: date):
    support = exists().where(
        SupportMeasure.resident_id == Resident.id,
        SupportMeasure.started_on <= today,
        or_(SupportMeasure.ends_on.is_(None), SupportMeasure.ends_on >= today),
    )
    return select(
        Resident.id,
        Resident.surname_kanji,
        Resident.given_name_kanji,
        Resident.surname_kana,
        Resident.given_name_kana,
        Resident.birth_date,
        Household.address,
        Household.katagaki,
        Household.household_no,
        support.label("support_measure"),
    ).join(Household, Resident.household_id == Household.id)


def _hit(row: Row, rank: MatchRank, today: date) -> SearchHit:
    protected = bool(row.support_measure)
    age = age_on(row.birth_date, today)
    return SearchHit(
        resident_id=row.id,
        name=f"{row.surname_kanji}\u3000{row.given_name_kanji}",
        kana=f"{row.surname_kana}\u3000{row.given_name_kana}",
        birth_date=row.birth_date,
        birth_date_wareki=f"{format_wareki(row.birth_date)}（{age}歳）",
        age=age,
        address=None if protected else row.address,
        katagaki=None if protected else row.katagaki,
        household_no=None if protected else row.household_no,
        support_measure=protected,
        rank=rank,
    )


def _rank(row: Row, criteria: list[Criterion]) -> MatchRank:
    """The weakest match among the name criteria: one folded name makes the hit folded."""
    return max((_rank_one(row, criterion) for criterion in criteria), default=MatchRank.EXACT)


def _rank_one(row: Row, criterion: Criterion) -> MatchRank:
    if Field.KANA in criterion.fields:
        whole = {row.kana_key, kana_key(row.surname_kana), row.given_kana_key}
        return MatchRank.EXACT if criterion.key in whole else MatchRank.PREFIX
    if Field.NAME in criterion.fields:
        surname = _literal(row.surname_kanji)
        given = _literal(row.given_name_kanji)
        if criterion.typed in (surname + given, surname, given):
            return MatchRank.EXACT
        if (surname + given).startswith(criterion.typed) or given.startswith(criterion.typed):
            return MatchRank.PREFIX
        return MatchRank.FOLDED
    return MatchRank.EXACT


def _literal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
