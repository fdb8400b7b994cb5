""" "Today" at the counter is the date in Asia/Tokyo, whatever zone the PC is set to.

A PC (or CI) on UTC is nine hours behind the office: from 00:00 to 09:00 in Japan its
local date is yesterday's. Code that asks the PC for its date files a receipt under one
day and shows the day close of another. The office's day comes only from
`counter_app.clock`."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from counter_app import clock
from tests.helpers import PROJECT_ROOT

PACKAGES = ("counter_app", "station", "ui", "printing", "devices")
# Calls that read the PC's own zone (or its local date) instead of the office's.
PC_LOCAL_CALLS = {
    ("datetime", "today"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QTime", "currentTime"),
    ("time", "localtime"),
}


def pc_local_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for each read of the PC's date; `date.today` also when passed
    uncalled (as a default argument)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        named = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        if named and (node.value.id, node.attr) == ("date", "today"):
            found.add((node.lineno, "date.today"))
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
        if (name, node.func.attr) in PC_LOCAL_CALLS:
            found.add((node.lineno, f"{name}.{node.func.attr}()"))
        elif (name, node.func.attr) == ("datetime", "now") and not node.args and not node.keywords:
            found.add((node.lineno, "datetime.now() without a zone"))
    return sorted(found)


def test_the_guard_sees_each_way_of_asking_the_pc_for_its_date():
    source = (
        "a = date.today()\n"
        "def f(today=date.today): ...\n"
        "b = datetime.now()\n"
        "c = QDate.currentDate()\n"
        "d = datetime.now(UTC)\n"
        "e = clock.today()\n"
    )
    assert [line for line, _ in pc_local_reads(source)] == [1, 2, 3, 4]


def test_no_module_asks_the_pc_for_its_date():
    offenders = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: {what}"
        for package in PACKAGES
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        for line, what in pc_local_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use counter_app.clock (the office's day):\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("moment", "office_day"),
    [
        (datetime(2026, 12, 5, 15, 30, tzinfo=UTC), date(2026, 12, 6)),  # 00:30 in Japan
        (datetime(2026, 12, 5, 14, 59, tzinfo=UTC), date(2026, 12, 5)),  # 23:59 in Japan
        (datetime(2026, 12, 31, 15, 0, tzinfo=UTC), date(2027, 1, 1)),
    ],
)
def test_the_office_day_is_the_date_in_japan(moment, office_day):
    assert clock.business_day(moment) == office_day
    assert clock.day_start(office_day) <= moment


def test_a_pc_set_to_another_zone_has_the_same_office_day():
    """Samoa is 19 or 20 hours from Tokyo: its date differs from Japan's most of the day."""
    script = "from counter_app import clock; print(clock.today().isoformat())"
    days = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=PROJECT_ROOT,
            env={**os.environ, "TZ": zone},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for zone in ("Pacific/Apia", "Asia/Tokyo", "UTC")
    }
    assert days == {clock.today().isoformat()}
