"""Resident search: one search box, index-driven queries, ranked hits.

Every criterion becomes a condition one B-tree index can answer: equality on dates and
numbers, and prefixes as ranges (key >= 'タカハシ' AND key < 'タカハシ' + U+10FFFF) on the
search keys of counter_app.search.keys, which SQLite and PostgreSQL both serve from an
ordinary index. An address fragment is a prefix of the address key once the part shared
by every address of the city (東京都みどり市) is put in front of it, so 桜町2-14 is found
through ix_households_address_key; a fragment that starts no address (a building name,
a 番 alone) is matched as a substring. counter_app.search.plan turns the criteria into at
most four statements whatever was typed.

Hits are ranked exact, then prefix, then folded (found only through the variant table,
as 髙橋 for 高橋), and within a rank by kana, then birth date. Each statement reads at
most `candidates` rows (100) and only those are ranked: a query matching more (さとう
alone) shows a correct but not the best-ranked page, and the clerk adds the given name
or birth date. Address and support flag are read for the returned hits only.

The ranges compare code points, as SQLite's BINARY collation and PostgreSQL's C and
C.UTF-8 collations do; a PostgreSQL database created with a linguistic collation
(ja_JP.UTF-8, ICU) would need the key columns declared COLLATE "C".

A resident under a support measure (支援措置) is found only by name, kana, birth date,
住民票コード or 宛名番号, never by an address, 世帯番号 or phone (see plan.py), and is
returned with the flag set and without address, 方書 or household number: the screen
shows a warning instead. Every search that returns one writes `resident.search_protected`
to the audit log, one entry per such resident (subject), with the kinds of criteria used
but never the typed text. The My Number is never read.

A database error in a search is a search error (SEARCH_FAILED, logged) unless the
database cannot be used at all (DB_UNREACHABLE, DB_BUSY).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from .. import clock
from ..db.engine import Database, database_error
from ..db.failures import is_unavailable
from ..db.models import Household, Resident
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from ..services import audit
from .keys import kana_key
from .plan import CITY_END, REVEALING, plan
from .query import Criterion, Field, parse_query
from .sql import UNDER_SUPPORT_MEASURE
from .stored import DateText, stored_date, stored_text
from .wareki import ERAS, age_on, format_wareki

log = logging.getLogger(__name__)

_DETAILS = (
    select(
        Resident.id,
        Resident.surname_kanji,
        Resident.given_name_kanji,
        Resident.surname_kana,
        Resident.given_name_kana,
        DateText(Resident.birth_date).label("birth_date"),
        Household.address,
        Household.katagaki,
        Household.household_no,
        UNDER_SUPPORT_MEASURE.label("support_measure"),
    )
    .outerjoin(Household, Resident.household_id == Household.id)
    .where(Resident.id.in_(bindparam("ids", expanding=True)))
)

SEARCH_PROTECTED = "resident.search_protected"
SUBJECT = "resident"


class MatchRank(IntEnum):
    EXACT = 0
    PREFIX = 1
    FOLDED = 2


@dataclass(frozen=True)
class SearchHit:
    resident_id: int
    name: str  # as registered (髙橋　一郎)
    kana: str
    birth_date: date | None  # None if the stored value is no date
    birth_date_wareki: str  # 「昭和60年8月22日（41歳）」; the stored date if outside the eras
    age: int | None  # None for a birth date before 明治 or after today
    address: str | None  # None under a support measure
    katagaki: str | None
    household_no: str | None  # None under a support measure
    support_measure: bool
    rank: MatchRank


class ResidentSearch:
    def __init__(
        self, db: Database, today: Callable[[], date] = clock.today, candidates: int = 100
    ) -> None:
        self._db = db
        self._today = today
        self._candidates = candidates
        self._city_prefix: str | None = None

    def search(self, actor: Actor, text: str, limit: int = 50) -> list[SearchHit]:
        """Residents matching every token of `text`, best first; raises CounterAppError
        PERMISSION_DENIED without VIEW_RESIDENTS, DATE_INVALID / DATE_OUTSIDE_ERA for an
        impossible date, SEARCH_* for a box over the limits (counter_app.search.limits),
        SEARCH_FAILED if the database refused the search, DB_UNREACHABLE / DB_BUSY."""
        require(actor, Permission.VIEW_RESIDENTS)
        today = self._today()
        criteria = parse_query(text, today)
        if not criteria:
            return []
        try:
            with self._db.read() as session:
                hits = self._find(session, criteria, today, limit)
            protected = [hit.resident_id for hit in hits if hit.support_measure]
            if protected:
                with self._db.write() as session:
                    _log_protected(session, actor, criteria, protected)
        except DBAPIError as error:
            raise self._failure(error) from error
        return hits

    def _find(
        self, session: Session, criteria: list[Criterion], today: date, limit: int
    ) -> list[SearchHit]:
        found: dict[int, Row] = {}
        statements = plan(
            session,
            criteria,
            today,
            max(self._candidates, limit),
            self._prefix_of_city(session) if _has_address(criteria) else "",
        )
        for statement in statements:
            for row in session.execute(statement, {"today": today}):
                found.setdefault(row.id, row)
        ranked = sorted(
            ((_rank(row, criteria), row) for row in found.values()),
            key=lambda pair: (
                pair[0],
                stored_text(pair[1].kana_key),
                stored_date(pair[1].birth_date) or date.max,
            ),
        )[:limit]
        if not ranked:
            return []
        ids = [row.id for _, row in ranked]
        details = {row.id: row for row in session.execute(_DETAILS, {"ids": ids, "today": today})}
        return [_hit(details[row.id], rank, today) for rank, row in ranked if row.id in details]

    def _prefix_of_city(self, session: Session) -> str:
        """「東京都みどり市」: the start every address shares, up to its last 都道府県市区郡."""
        if self._city_prefix is None:
            # Two subqueries: each is one end of the index, where min and max together
            # would read all of it.
            low, high = session.execute(
                select(
                    select(func.min(Household.address_key)).scalar_subquery(),
                    select(func.max(Household.address_key)).scalar_subquery(),
                )
            ).one()
            if low is None:
                return ""
            shared = _shared_start(stored_text(low), stored_text(high))
            end = max(shared.rfind(char) for char in CITY_END)
            self._city_prefix = shared[: end + 1]
        return self._city_prefix

    def _failure(self, error: DBAPIError) -> CounterAppError:
        if is_unavailable(error):
            return database_error(error, str(self._db.engine.url))
        # The DBAPI message only: SQLAlchemy's own text would add the typed keys.
        log.error("resident search failed: %s: %s", type(error.orig).__name__, error.orig)
        return CounterAppError(ErrorCode.SEARCH_FAILED)


def _has_address(criteria: list[Criterion]) -> bool:
    return any(Field.ADDRESS in criterion.fields for criterion in criteria)


def _log_protected(
    session: Session, actor: Actor, criteria: list[Criterion], resident_ids: list[int]
) -> None:
    """One entry per protected resident found, naming the kinds of criteria that found
    them (never what was typed)."""
    kinds = ["|".join(sorted(criterion.fields - REVEALING)) for criterion in criteria]
    for resident_id in resident_ids:
        audit.append(
            session,
            actor,
            SEARCH_PROTECTED,
            subject_type=SUBJECT,
            subject_id=resident_id,
            detail={"criteria": kinds},
        )


def _shared_start(first: str, second: str) -> str:
    length = 0
    while length < min(len(first), len(second)) and first[length] == second[length]:
        length += 1
    return first[:length]


def _hit(row: Row, rank: MatchRank, today: date) -> SearchHit:
    protected = bool(row.support_measure)
    born = stored_date(row.birth_date)
    age = age_on(born, today) if born is not None and ERAS[0].first_day <= born <= today else None
    return SearchHit(
        resident_id=row.id,
        name=f"{stored_text(row.surname_kanji)}\u3000{stored_text(row.given_name_kanji)}",
        kana=f"{stored_text(row.surname_kana)}\u3000{stored_text(row.given_name_kana)}",
        birth_date=born,
        birth_date_wareki=_birth_text(born, age),
        age=age,
        address=None if protected else row.address,
        katagaki=None if protected else row.katagaki,
        household_no=None if protected else row.household_no,
        support_measure=protected,
        rank=rank,
    )


def _birth_text(born: date | None, age: int | None) -> str:
    if born is None:
        return ""
    if born < ERAS[0].first_day:
        return born.isoformat()
    if age is None:
        return format_wareki(born)
    return f"{format_wareki(born)}（{age}歳）"


def _rank(row: Row, criteria: list[Criterion]) -> MatchRank:
    """The weakest match among the name criteria: one folded name makes the hit folded."""
    return max((_rank_one(row, criterion) for criterion in criteria), default=MatchRank.EXACT)


def _rank_one(row: Row, criterion: Criterion) -> MatchRank:
    if Field.KANA in criterion.fields:
        surname_kana = kana_key(stored_text(row.surname_kana))
        whole = {stored_text(row.kana_key), surname_kana, stored_text(row.given_kana_key)}
        return MatchRank.EXACT if criterion.key in whole else MatchRank.PREFIX
    if Field.NAME in criterion.fields:
        surname = _literal(stored_text(row.surname_kanji))
        given = _literal(stored_text(row.given_name_kanji))
        if criterion.typed in (surname + given, surname, given):
            return MatchRank.EXACT
        if (surname + given).startswith(criterion.typed) or given.startswith(criterion.typed):
            return MatchRank.PREFIX
        return MatchRank.FOLDED
    return MatchRank.EXACT


def _literal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "")
