"""What the statistics say, as plain values: the screens, the exports, the CLI and the
monthly report all read these (counter_app/stats/service.py makes them).

Times are in minutes (waits, service) or days (a department's lead time); a share is
0..1; None means there was nothing to measure (no served ticket in the group).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

__all__ = [
    "CERTIFICATE_MEASURES",
    "COLUMNS",
    "FORM_MEASURES",
    "GROUPING_LABELS",
    "MEASURES",
    "PROCEDURE_MEASURES",
    "SMALL_GROUP",
    "SUPPRESSED_TEXT",
    "TICKET_MEASURES",
    "WEEKDAY_LABELS",
    "Better",
    "CategoryWait",
    "ComparedRow",
    "Comparison",
    "DailyWait",
    "FieldShares",
    "Grouping",
    "HeatCell",
    "LeadTime",
    "Measure",
    "MeasureInfo",
    "MonthReport",
    "Period",
    "StatsRow",
    "StatsTable",
    "Unit",
    "Value",
    "WaitLevel",
    "improvement",
]


class Grouping(StrEnum):
    CATEGORY = "category"
    WINDOW = "window"
    HOUR = "hour"
    WEEKDAY = "weekday"
    DAY = "day"
    DEPARTMENT = "department"
    PROCEDURE = "procedure"
    EVENT = "event"
    CERTIFICATE = "certificate"


GROUPING_LABELS: dict[Grouping, tuple[str, str]] = {
    Grouping.CATEGORY: ("発券区分別", "By category"),
    Grouping.WINDOW: ("窓口別", "By window"),
    Grouping.HOUR: ("時間帯別", "By hour"),
    Grouping.WEEKDAY: ("曜日別", "By weekday"),
    Grouping.DAY: ("日別", "By day"),
    Grouping.DEPARTMENT: ("担当課別", "By department"),
    Grouping.PROCEDURE: ("手続き別", "By procedure"),
    Grouping.EVENT: ("ライフイベント別", "By life event"),
    Grouping.CERTIFICATE: ("証明書別", "By certificate"),
}


@dataclass(frozen=True)
class Period:
    """Business days in Asia/Tokyo, both ends included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the period ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    def previous_month(self) -> Period:
        before = self.first.replace(day=1) - timedelta(days=1)
        return Period.month(before.year, before.month)

    def days(self) -> int:
        return (self.last - self.first).days + 1

    def label(self) -> str:
        return f"{self.first.isoformat()}〜{self.last.isoformat()}"


class Unit(StrEnum):
    COUNT = "count"
    MINUTES = "minutes"
    DAYS = "days"
    SHARE = "share"
    YEN = "yen"


class Better(StrEnum):
    """Which way a measure improves (a comparison colours its changes by it)."""

    LOWER = "lower"
    HIGHER = "higher"
    NEITHER = "neither"  # how many came is neither good nor bad


@dataclass(frozen=True)
class MeasureInfo:
    label: str
    label_en: str
    unit: Unit
    better: Better = Better.NEITHER


class Measure(StrEnum):
    ISSUED = "issued"
    SERVED = "served"
    ABSENT = "absent"  # 不在 (called, never came)
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"
    WAIT_P50 = "wait_p50"  # issue → first call
    WAIT_P90 = "wait_p90"
    SERVICE_P50 = "service_p50"  # start → end
    SERVICE_P90 = "service_p90"
    VISITS = "visits"
    PROCEDURES = "procedures"
    ROUTED = "routed"
    LEAD_P50 = "lead_p50"  # routed → decided
    LEAD_P90 = "lead_p90"
    ON_TIME = "on_time"  # decided on or before the due date
    RETURNS = "returns"  # 差戻し
    FORMS = "forms"
    FIELDS_RECORDS = "fields_records"
    FIELDS_CLERK = "fields_clerk"
    FIELDS_COMPUTED = "fields_computed"
    FIELDS_DOCUMENTS = "fields_documents"
    FIELDS_RESIDENT = "fields_resident"
    CERTIFICATES = "certificates"
    FEES_YEN = "fees_yen"


MEASURES: dict[Measure, MeasureInfo] = {
    Measure.ISSUED: MeasureInfo("発券", "Issued", Unit.COUNT),
    Measure.SERVED: MeasureInfo("対応済", "Served", Unit.COUNT),
    Measure.ABSENT: MeasureInfo("不在", "Absent", Unit.COUNT, Better.LOWER),
    Measure.CANCELLED: MeasureInfo("取消", "Cancelled", Unit.COUNT),
    Measure.TRANSFERRED: MeasureInfo("転送", "Transferred", Unit.COUNT),
    Measure.WAIT_P50: MeasureInfo(
        "待ち時間 中央値(分)", "Wait p50 (min)", Unit.MINUTES, Better.LOWER
    ),
    Measure.WAIT_P90: MeasureInfo("待ち時間 90%(分)", "Wait p90 (min)", Unit.MINUTES, Better.LOWER),
    Measure.SERVICE_P50: MeasureInfo(
        "対応時間 中央値(分)", "Service p50 (min)", Unit.MINUTES, Better.LOWER
    ),
    Measure.SERVICE_P90: MeasureInfo(
        "対応時間 90%(分)", "Service p90 (min)", Unit.MINUTES, Better.LOWER
    ),
    Measure.VISITS: MeasureInfo("受付", "Visits", Unit.COUNT),
    Measure.PROCEDURES: MeasureInfo("手続き", "Procedures", Unit.COUNT),
    Measure.ROUTED: MeasureInfo("回付", "Routed", Unit.COUNT),
    Measure.LEAD_P50: MeasureInfo(
        "処理日数 中央値(日)", "Lead p50 (days)", Unit.DAYS, Better.LOWER
    ),
    Measure.LEAD_P90: MeasureInfo("処理日数 90%(日)", "Lead p90 (days)", Unit.DAYS, Better.LOWER),
    Measure.ON_TIME: MeasureInfo("期限内決定率", "Decided on time", Unit.SHARE, Better.HIGHER),
    Measure.RETURNS: MeasureInfo("差戻し", "Returns", Unit.COUNT, Better.LOWER),
    Measure.FORMS: MeasureInfo("印刷帳票", "Forms printed", Unit.COUNT),
    Measure.FIELDS_RECORDS: MeasureInfo(
        "記入項目:記録から", "Fields: records", Unit.COUNT, Better.HIGHER
    ),
    Measure.FIELDS_CLERK: MeasureInfo("記入項目:職員", "Fields: clerk", Unit.COUNT),
    Measure.FIELDS_COMPUTED: MeasureInfo(
        "記入項目:自動計算", "Fields: computed", Unit.COUNT, Better.HIGHER
    ),
    Measure.FIELDS_DOCUMENTS: MeasureInfo(
        "記入項目:書類から", "Fields: documents", Unit.COUNT, Better.HIGHER
    ),
    Measure.FIELDS_RESIDENT: MeasureInfo(
        "記入項目:住民", "Fields: resident", Unit.COUNT, Better.LOWER
    ),
    Measure.CERTIFICATES: MeasureInfo("証明書", "Certificates", Unit.COUNT),
    Measure.FEES_YEN: MeasureInfo("手数料(円)", "Fees (yen)", Unit.YEN),
}

TICKET_MEASURES = (
    Measure.ISSUED,
    Measure.SERVED,
    Measure.ABSENT,
    Measure.CANCELLED,
    Measure.TRANSFERRED,
    Measure.WAIT_P50,
    Measure.WAIT_P90,
    Measure.SERVICE_P50,
    Measure.SERVICE_P90,
)
PROCEDURE_MEASURES = (
    Measure.VISITS,
    Measure.PROCEDURES,
    Measure.ROUTED,
    Measure.LEAD_P50,
    Measure.LEAD_P90,
    Measure.ON_TIME,
    Measure.RETURNS,
)
FORM_MEASURES = (
    Measure.FORMS,
    Measure.FIELDS_RECORDS,
    Measure.FIELDS_CLERK,
    Measure.FIELDS_COMPUTED,
    Measure.FIELDS_DOCUMENTS,
    Measure.FIELDS_RESIDENT,
)
CERTIFICATE_MEASURES = (Measure.CERTIFICATES, Measure.FEES_YEN)

# The columns of each grouping, in order: what can be told of a group of that kind.
COLUMNS: dict[Grouping, tuple[Measure, ...]] = {
    Grouping.CATEGORY: TICKET_MEASURES,
    Grouping.WINDOW: TICKET_MEASURES + CERTIFICATE_MEASURES,
    Grouping.HOUR: TICKET_MEASURES,
    Grouping.WEEKDAY: TICKET_MEASURES,
    Grouping.DAY: TICKET_MEASURES + PROCEDURE_MEASURES + FORM_MEASURES + CERTIFICATE_MEASURES,
    Grouping.DEPARTMENT: PROCEDURE_MEASURES + FORM_MEASURES,
    Grouping.PROCEDURE: PROCEDURE_MEASURES,
    Grouping.EVENT: PROCEDURE_MEASURES + FORM_MEASURES,
    Grouping.CERTIFICATE: CERTIFICATE_MEASURES,
}

# Fewer people than this in a per-window group (one clerk, mostly) shows as "<3".
SMALL_GROUP = 3
SUPPRESSED_TEXT = "<3"

Value = int | float | None


def improvement(measure: Measure, change: Value) -> int:
    """+1 when `change` (after − before) is an improvement, -1 when it is a deterioration,
    0 when there is none or the measure has no better side."""
    if not change:
        return 0
    better = MEASURES[measure].better
    if better is Better.NEITHER:
        return 0
    return 1 if (change < 0) == (better is Better.LOWER) else -1


@dataclass(frozen=True)
class StatsRow:
    key: str  # "todokede", "5", "09", "mon", "2026-11-04", "kodomo", …
    label: str
    label_en: str
    values: Mapping[Measure, Value]
    suppressed: bool = False  # a small per-window group: counts "<3", no percentiles

    def label_in(self, language: str) -> str:
        return self.label_en if language == "en" else self.label


@dataclass(frozen=True)
class StatsTable:
    grouping: Grouping
    period: Period
    measures: tuple[Measure, ...]
    rows: tuple[StatsRow, ...]
    total: StatsRow  # key "total"


@dataclass(frozen=True)
class ComparedRow:
    key: str
    label: str
    label_en: str
    before: Mapping[Measure, Value]
    after: Mapping[Measure, Value]
    change: Mapping[Measure, Value]  # after − before; None when either side is
    suppressed: bool = False


@dataclass(frozen=True)
class Comparison:
    """The same grouping over two periods (before and after a reform date)."""

    grouping: Grouping
    before: StatsTable
    after: StatsTable

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self.after.measures

    def rows(self) -> tuple[ComparedRow, ...]:
        before = {row.key: row for row in (*self.before.rows, self.before.total)}
        after = {row.key: row for row in (*self.after.rows, self.after.total)}
        keys = [row.key for row in self.before.rows]
        keys += [row.key for row in self.after.rows if row.key not in before]
        keys.append("total")
        compared = []
        for key in keys:
            old, new = before.get(key), after.get(key)
            shown = new or old
            assert shown is not None
            old_values = old.values if old else {}
            new_values = new.values if new else {}
            compared.append(
                ComparedRow(
                    key=key,
                    label=shown.label,
                    label_en=shown.label_en,
                    before=old_values,
                    after=new_values,
                    change={
                        m: _difference(old_values.get(m), new_values.get(m)) for m in self.measures
                    },
                    suppressed=bool((old and old.suppressed) or (new and new.suppressed)),
                )
            )
        return tuple(compared)


def _difference(before: Value, after: Value) -> Value:
    if before is None or after is None:
        return None
    return after - before


@dataclass(frozen=True)
class HeatCell:
    weekday: int  # 0 = Monday … 5 = Saturday
    hour: int  # local hour
    arrivals: float  # tickets issued in that hour, per such weekday in the period
    wait_p50: float | None  # minutes


WEEKDAY_LABELS = (
    ("月", "Mon"),
    ("火", "Tue"),
    ("水", "Wed"),
    ("木", "Thu"),
    ("金", "Fri"),
    ("土", "Sat"),
    ("日", "Sun"),
)


@dataclass(frozen=True)
class DailyWait:
    """One category's waits per business day: (day, p50, p90) in minutes."""

    category_id: str
    label: str
    label_en: str
    days: tuple[tuple[date, float | None, float | None], ...]


@dataclass(frozen=True)
class LeadTime:
    """One department's routed procedures (routed in the period)."""

    department_id: str
    label: str
    label_en: str
    routed: int
    decided: int
    lead_p50: float | None  # days
    lead_p90: float | None
    due_days_p50: float | None  # routed → due date, days: the target on the chart
    on_time: float | None  # share decided on or before the due date
    late_open: int  # still open past the due date


@dataclass(frozen=True)
class FieldShares:
    """The fields of the printed forms by where their value came from."""

    records: int
    clerk: int
    computed: int
    documents: int
    resident: int

    def total(self) -> int:
        return self.records + self.clerk + self.computed + self.documents + self.resident

    def prefilled(self) -> int:
        """Fields the resident did not write."""
        return self.total() - self.resident

    def share(self) -> float | None:
        total = self.total()
        return self.prefilled() / total if total else None


class WaitLevel(StrEnum):
    OK = "ok"
    AMBER = "amber"  # the longest wait is past the category's target
    RED = "red"  # past its limit


@dataclass(frozen=True)
class CategoryWait:
    """The floor's live view: one category now."""

    category_id: str
    label: str
    label_en: str
    prefix: str
    waiting: int
    longest_minutes: float | None  # the longest wait of a ticket waiting now
    target_minutes: int
    limit_minutes: int
    level: WaitLevel


@dataclass(frozen=True)
class MonthReport:
    month: Period
    previous: Period
    by_category: Comparison
    by_department: Comparison
    by_event: Comparison
    by_certificate: StatsTable
    heatmap: tuple[HeatCell, ...]
    daily_waits: tuple[DailyWait, ...]
    lead_times: tuple[LeadTime, ...]
    fields: FieldShares
    fields_previous: FieldShares
    municipality: str
    generated_at: datetime
