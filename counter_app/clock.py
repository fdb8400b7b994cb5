"""Time at the counter: the one place that knows the office's zone and its business day.

Every time is stored in UTC; what the office calls "today" (ticket numbers restart,
due dates, the date printed on a form) is the date in Asia/Tokyo, whatever zone the PC
or the database server is set to. Services take a `Clock` (counter_app.ports) so tests
and the demo history can run at any moment; `SYSTEM_CLOCK` is the real one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Asia/Tokyo")


def utcnow() -> datetime:
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """`moment` in the office's time (a naive moment is taken to be local already)."""
    return moment.astimezone(LOCAL_ZONE) if moment.tzinfo is not None else moment


def business_day(moment: datetime) -> date:
    """The office's date at `moment`."""
    return local(moment).date()


def day_start(day: date) -> datetime:
    """The first moment of the office's `day`, in UTC (for "today's" rows in SQL)."""
    return datetime.combine(day, time(), LOCAL_ZONE).astimezone(UTC)


def today() -> date:
    return business_day(utcnow())


class SystemClock:
    """The PC's own clock, read in UTC; the business day in Asia/Tokyo."""

    def now(self) -> datetime:
        return utcnow()

    def business_day(self, at: datetime | None = None) -> date:
        return business_day(at or self.now())


SYSTEM_CLOCK = SystemClock()
