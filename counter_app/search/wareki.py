"""Birth dates typed in 西暦 or 和暦, and dates shown in 和暦.

Accepted (full-width digits and letters too): 1985-08-22, 1985/8/22, 1985.8.22, 19850822,
1985年8月22日, S60.8.22, s60/8/22, 昭60.8.22, 昭和60年8月22日, 令和元年5月1日, R元.5.1.

Eras and their first days (Gregorian): 明治 M 1868-10-23, 大正 T 1912-07-30,
昭和 S 1926-12-25, 平成 H 1989-01-08, 令和 R 2019-05-01; each era ends the day before
the next begins. 明治 is counted from its proclamation day; no resident is older.

A date outside its era is refused, never converted: 平成32年1月1日 does not exist
(平成 ended on 平成31年4月30日), so it raises DATE_OUTSIDE_ERA whose message names the
real date of that Gregorian day (令和2年1月1日), and the clerk retypes it. The same for
昭和65年 and for 令和元年4月30日 (before 令和 began: 平成31年4月30日). A day that exists in
no calendar (2月30日, 13月) raises DATE_INVALID.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..errors import CounterAppError, ErrorCode


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: date
    last_day: date | None


ERAS: tuple[Era, ...] = (
    Era("明治", "M", date(1868, 10, 23), date(1912, 7, 29)),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)
_ERA_BY_TOKEN = {token: era for era in ERAS for token in (era.name, era.name[0], era.letter)}

_WESTERN = re.compile(
    r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日?)"
)
_WESTERN_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_WAREKI = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[明大昭平令MTSHR])"
    r"(?P<y>\d{1,2}|元)(?:[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})|年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日?)"
)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "").upper()


def _day(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CounterAppError(ErrorCode.DATE_INVALID, text=text) from exc


def parse_date(text: str) -> date | None:
    """The date `text` means, or None if it is not written as a date at all.

    Raises CounterAppError DATE_INVALID for a day no calendar has, DATE_OUTSIDE_ERA for an
    era year that the era never reached (see the module docstring)."""
    normalised = _normalise(text)
    if match := _WAREKI.fullmatch(normalised):
        era = _ERA_BY_TOKEN[match["era"]]
        era_year = 1 if match["y"] == "元" else int(match["y"])
        month, day = int(match["m"] or match["m2"]), int(match["d"] or match["d2"])
        if era_year < 1:
            raise CounterAppError(ErrorCode.DATE_INVALID, text=text)
        result = _day(text, era.first_day.year + era_year - 1, month, day)
        if result < era.first_day or (era.last_day is not None and result > era.last_day):
            raise CounterAppError(
                ErrorCode.DATE_OUTSIDE_ERA,
                text=text,
                era=era.name,
                period=f"{format_wareki(era.first_day)}〜{format_wareki(era.last_day)}"
                if era.last_day
                else f"{format_wareki(era.first_day)}〜",
                western=result.isoformat(),
                actual=format_wareki(result),
            )
        return result
    match = _WESTERN.fullmatch(normalised) or _WESTERN_COMPACT.fullmatch(normalised)
    if match:
        groups = match.groupdict()
        month = int(groups.get("m") or groups.get("m2"))
        day = int(groups.get("d") or groups.get("d2"))
        return _day(text, int(match["y"]), month, day)
    return None


def era_of(day: date) -> Era:
    for era in reversed(ERAS):
        if day >= era.first_day:
            return era
    raise CounterAppError(ErrorCode.DATE_INVALID, text=day.isoformat())


def format_wareki(day: date) -> str:
    """date(1985, 8, 22) → 「昭和60年8月22日」; the first year of an era is 元年."""
    era = era_of(day)
    year = day.year - era.first_day.year + 1
    return f"{era.name}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def age_on(birth_date: date, on: date) -> int:
    """Completed years on `on`, counting the birthday itself."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday
