"""The monthly report of residents' voices as plain values (`report.py` counts them).

Kept apart from the counting so that `printing` can draw a report without importing the
persistence layer (import-linter forbids it). Nothing here names a resident, quotes a
voice or names a member of staff: counts, topic and department names, days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import Channel, VoiceKind


@dataclass(frozen=True)
class TopicCount:
    topic_id: str
    label: str  # the file's Japanese name; the id itself for a topic the file no longer has
    count: int


@dataclass(frozen=True)
class RisingTopic:
    topic_id: str
    label: str
    count: int  # this month
    previous: int  # the month before
    difference: int  # count - previous, always > 0


@dataclass(frozen=True)
class DepartmentFigures:
    """The routings of the month's voices to one department, as of the report's day."""

    department_id: str
    name: str
    routed: int
    answered: int
    answered_on_time: int  # answered on or before the due day (office's date)
    overdue_open: int  # not answered and due before the report's day
    response_days_p50: float | None  # recorded → answered, days, one decimal
    response_days_p90: float | None


@dataclass(frozen=True)
class VoiceReport:
    month: date  # its first day
    as_of: date  # the month's last day, or today while the month runs
    total: int
    by_kind: tuple[tuple[VoiceKind, int], ...]  # every kind, in the enum's order
    by_channel: tuple[tuple[Channel, int], ...]
    by_topic: tuple[TopicCount, ...]  # the file's order, then unknown stored ids
    by_department: tuple[DepartmentFigures, ...]
    top_topics: tuple[TopicCount, ...]  # at most 5, most frequent first
    rising_topics: tuple[RisingTopic, ...]  # at most 5, biggest rise first
