"""The monthly report of residents' voices: counts by kind, channel, topic and department,
the departments' response times and overdue answers, the month's most frequent and rising
topics; as CSV (UTF-8 with BOM, or CP932 on request) and as text for a terminal.

    report = monthly_report(session, date(2026, 12, 1), load_voice_settings(), today)
    report_csv(report)                      # bytes, UTF-8 with BOM, CRLF
    report_text(report, language="en")

A voice belongs to the month of its business day (the office's date). Counting is done by
the database (GROUP BY) except for what SQL cannot portably do: the topics (a JSON list
per voice) are read as one column and counted here, and the response times are computed
from the answered routings' two timestamps. At 100,000 voices a month (about 10,000
voices) takes well under a second on SQLite and PostgreSQL.

A routing counts as answered once it has an answer time (`answered_at`), whatever its
status now. Response percentiles are nearest-rank: the p-th percentile is the smallest
value that at least p % of the values do not exceed.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from unicodedata import east_asian_width

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from ..clock import business_day
from ..db.models import Department
from ..db.models.voices import Voice, VoiceRouting
from ..safe_text import escaped
from . import Channel, VoiceKind, label
from .report_model import DepartmentFigures, RisingTopic, TopicCount, VoiceReport
from .topics import VoiceSettings

__all__ = [
    "DepartmentFigures",
    "RisingTopic",
    "TopicCount",
    "VoiceReport",
    "monthly_report",
    "report_csv",
    "report_text",
]

TOP_TOPICS = 5
RISING_TOPICS = 5
SECONDS_PER_DAY = 86_400


# --- counting ------------------------------------------------------------------------


def monthly_report(
    session: Session, month: date, settings: VoiceSettings, today: date
) -> VoiceReport:
    """The report of `month` (any day of it) as of `today` (the month's last day once over)."""
    first, last = month_bounds(month)
    as_of = min(today, last)
    kinds = _counts_by(session, Voice.kind, first, last)
    channels = _counts_by(session, Voice.channel, first, last)
    topics = _topic_counts(session, first, last)
    previous = _topic_counts(session, *month_bounds(first - timedelta(days=1)))
    by_topic = _by_topic(settings, topics)
    return VoiceReport(
        month=first,
        as_of=as_of,
        total=sum(kinds.values()),
        by_kind=tuple((kind, kinds.get(kind.value, 0)) for kind in VoiceKind),
        by_channel=tuple((channel, channels.get(channel.value, 0)) for channel in Channel),
        by_topic=by_topic,
        by_department=_by_department(session, first, last, as_of),
        top_topics=_top_topics(by_topic),
        rising_topics=_rising_topics(by_topic, previous),
    )


def month_bounds(day: date) -> tuple[date, date]:
    """The first and the last day of the month holding `day`."""
    days = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=days)


def _in_month(first: date, last: date):
    return and_(Voice.business_day >= first, Voice.business_day <= last)


def _counts_by(session: Session, column, first: date, last: date) -> dict[str, int]:
    query = select(column, func.count()).where(_in_month(first, last)).group_by(column)
    return {value: count for value, count in session.execute(query)}


def _topic_counts(session: Session, first: date, last: date) -> Counter[str]:
    """How many of the month's voices carry each topic id (a voice counts once per topic)."""
    counts: Counter[str] = Counter()
    for (stored,) in session.execute(select(Voice.topics).where(_in_month(first, last))):
        counts.update(set(_topic_ids(stored)))
    return counts


def _topic_ids(stored: str | None) -> list[str]:
    """The ids of a voice's JSON list; a value that is no such list counts as no topic."""
    try:
        ids = json.loads(stored or "[]")
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def _by_topic(settings: VoiceSettings, counts: Counter[str]) -> tuple[TopicCount, ...]:
    known = [TopicCount(t.id, t.name, counts.get(t.id, 0)) for t in settings.topics]
    file_ids = {t.id for t in settings.topics}
    unknown = [TopicCount(i, i, counts[i]) for i in sorted(counts) if i not in file_ids]
    return tuple(known + unknown)


def _top_topics(by_topic: Sequence[TopicCount]) -> tuple[TopicCount, ...]:
    """The most frequent topics; `sorted` is stable, so ties keep the file's order."""
    ranked = sorted((t for t in by_topic if t.count > 0), key=lambda t: -t.count)
    return tuple(ranked[:TOP_TOPICS])


def _rising_topics(
    by_topic: Sequence[TopicCount], previous: Counter[str]
) -> tuple[RisingTopic, ...]:
    """Topics counted more often than the month before; ties keep the file's order."""
    rising = [
        RisingTopic(
            t.topic_id, t.label, t.count, previous[t.topic_id], t.count - previous[t.topic_id]
        )
        for t in by_topic
        if t.count > previous[t.topic_id]
    ]
    return tuple(sorted(rising, key=lambda r: -r.difference)[:RISING_TOPICS])


def _by_department(
    session: Session, first: date, last: date, as_of: date
) -> tuple[DepartmentFigures, ...]:
    overdue = case(
        (and_(VoiceRouting.answered_at.is_(None), VoiceRouting.due_on < as_of), 1), else_=0
    )
    query = (
        select(VoiceRouting.department_id, Department.name, func.count(), func.sum(overdue))
        .join(Voice, Voice.id == VoiceRouting.voice_id)
        .outerjoin(Department, Department.id == VoiceRouting.department_id)
        .where(_in_month(first, last))
        .group_by(VoiceRouting.department_id, Department.name, Department.sort_order)
        .order_by(Department.sort_order, VoiceRouting.department_id)
    )
    answers = _answers_by_department(session, first, last)
    return tuple(
        _department_figures(department_id, name, routed, int(overdue_open or 0), answers)
        for department_id, name, routed, overdue_open in session.execute(query)
    )


def _answers_by_department(
    session: Session, first: date, last: date
) -> dict[str, list[tuple[float, bool]]]:
    """Per department, (days from recorded to answered, answered on time) of each answer."""
    query = (
        select(VoiceRouting.department_id, Voice.recorded_at, VoiceRouting.answered_at)
        .add_columns(VoiceRouting.due_on)
        .join(Voice, Voice.id == VoiceRouting.voice_id)
        .where(_in_month(first, last), VoiceRouting.answered_at.is_not(None))
    )
    answers: dict[str, list[tuple[float, bool]]] = {}
    for department_id, recorded_at, answered_at, due_on in session.execute(query):
        if not _readable(recorded_at, answered_at) or not isinstance(due_on, date):
            continue  # an unreadable stored value (logged by the column type) is left out
        days = (answered_at - recorded_at).total_seconds() / SECONDS_PER_DAY
        on_time = business_day(answered_at) <= due_on
        answers.setdefault(department_id, []).append((days, on_time))
    return answers


def _readable(*moments: object) -> bool:
    return all(isinstance(moment, datetime) for moment in moments)


def _department_figures(
    department_id: str,
    name: str | None,
    routed: int,
    overdue_open: int,
    answers: dict[str, list[tuple[float, bool]]],
) -> DepartmentFigures:
    answered = answers.get(department_id, [])
    days = sorted(d for d, _ in answered)
    return DepartmentFigures(
        department_id=department_id,
        name=name or department_id,
        routed=routed,
        answered=len(answered),
        answered_on_time=sum(1 for _, on_time in answered if on_time),
        overdue_open=overdue_open,
        response_days_p50=_percentile(days, 50),
        response_days_p90=_percentile(days, 90),
    )


def _percentile(ordered: Sequence[float], percent: int) -> float | None:
    """Nearest rank of an ascending list, to one decimal; None for no values."""
    if not ordered:
        return None
    rank = max(1, math.ceil(percent * len(ordered) / 100))
    return round(ordered[rank - 1], 1)


# --- writing -------------------------------------------------------------------------

_WORDS = {
    "summary": ("概要", "Summary"),
    "month": ("対象月", "Month"),
    "as_of": ("集計日", "As of"),
    "total": ("総数", "Total"),
    "item": ("項目", "Item"),
    "value": ("値", "Value"),
    "kind": ("区分別", "By kind"),
    "channel": ("経路別", "By channel"),
    "topic": ("分野別", "By topic"),
    "department": ("部署別", "By department"),
    "top": ("多い分野", "Most frequent topics"),
    "rising": ("増えた分野", "Rising topics"),
    "kind_name": ("区分", "Kind"),
    "channel_name": ("経路", "Channel"),
    "topic_id": ("分野ID", "Topic id"),
    "topic_name": ("分野", "Topic"),
    "department_id": ("部署ID", "Department id"),
    "department_name": ("部署", "Department"),
    "count": ("件数", "Count"),
    "rank": ("順位", "Rank"),
    "routed": ("回付", "Routed"),
    "answered": ("回答", "Answered"),
    "on_time": ("期限内回答", "On time"),
    "overdue": ("期限超過未回答", "Overdue"),
    "p50": ("回答日数中央値", "Days p50"),
    "p90": ("回答日数90%", "Days p90"),
    "this_month": ("今月", "This month"),
    "previous": ("前月", "Last month"),
    "difference": ("増加", "Rise"),
}


def _word(key: str, language: str) -> str:
    ja, en = _WORDS[key]
    return en if language == "en" else ja


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


Section = tuple[str, tuple[str, ...], list[tuple[object, ...]]]

DEPARTMENT_COLUMNS = (
    "department_id",
    "department_name",
    "routed",
    "answered",
    "on_time",
    "overdue",
    "p50",
    "p90",
)
RISING_COLUMNS = ("rank", "topic_id", "topic_name", "this_month", "previous", "difference")


def report_sections(report: VoiceReport, language: str = "ja") -> list[Section]:
    """(section title, column headings, rows) in the order every output shows them."""

    def words(*keys: str) -> tuple[str, ...]:
        return tuple(_word(key, language) for key in keys)

    def counted(pairs: Iterable[tuple[StrEnum, int]]) -> list[tuple[object, ...]]:
        return [(label(value, language), count) for value, count in pairs]

    (summary, kind, channel, topic, department, top, rising) = words(
        "summary", "kind", "channel", "topic", "department", "top", "rising"
    )
    return [
        (summary, words("item", "value"), _summary_rows(report, language)),
        (kind, words("kind_name", "count"), counted(report.by_kind)),
        (channel, words("channel_name", "count"), counted(report.by_channel)),
        (
            topic,
            words("topic_id", "topic_name", "count"),
            [(t.topic_id, t.label, t.count) for t in report.by_topic],
        ),
        (department, words(*DEPARTMENT_COLUMNS), _department_rows(report)),
        (
            top,
            words("rank", "topic_id", "topic_name", "count"),
            [(i, t.topic_id, t.label, t.count) for i, t in enumerate(report.top_topics, 1)],
        ),
        (
            rising,
            words(*RISING_COLUMNS),
            [
                (i, r.topic_id, r.label, r.count, r.previous, r.difference)
                for i, r in enumerate(report.rising_topics, 1)
            ],
        ),
    ]


def _summary_rows(report: VoiceReport, language: str) -> list[tuple[object, ...]]:
    return [
        (_word("month", language), report.month.strftime("%Y-%m")),
        (_word("as_of", language), report.as_of.isoformat()),
        (_word("total", language), report.total),
    ]


def _department_rows(report: VoiceReport) -> list[tuple[object, ...]]:
    return [
        (
            d.department_id,
            d.name,
            d.routed,
            d.answered,
            d.answered_on_time,
            d.overdue_open,
            _days(d.response_days_p50),
            _days(d.response_days_p90),
        )
        for d in report.by_department
    ]


def report_csv(report: VoiceReport, encoding: str = "utf-8-sig") -> bytes:
    """Each section as rows whose first cell names it (in Japanese), a heading row first;
    CRLF line ends, every cell escaped as terminal output is. In CP932 a character the
    code page lacks (a rare kanji of a department's name) is written as "?"."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    for title, headings, rows in report_sections(report, "ja"):
        for row in [headings, *rows]:
            writer.writerow([escaped(str(cell)) for cell in (title, *row)])
    return text.getvalue().encode(encoding, errors="replace")


def report_text(report: VoiceReport, language: str = "ja") -> str:
    """The sections as columns aligned for a terminal (wide characters count twice)."""
    blocks = []
    for title, headings, rows in report_sections(report, language):
        table = [headings, *rows]
        blocks.append("\n".join([f"[{escaped(title)}]", *_aligned(table)]))
    return "\n\n".join(blocks) + "\n"


def _aligned(table: Sequence[Sequence[object]]) -> list[str]:
    cells = [[escaped(str(cell)) for cell in row] for row in table]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(cells[0]))]
    return [
        "  " + "  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True))
        for row in cells
    ]


def _pad(cell: str, width: int) -> str:
    """Numbers to the right, words to the left."""
    gap = " " * (width - _width(cell))
    return gap + cell if _is_number(cell) else cell + gap


def _is_number(cell: str) -> bool:
    return cell.replace(".", "", 1).isdigit()


def _width(text: Iterable[str]) -> int:
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)
