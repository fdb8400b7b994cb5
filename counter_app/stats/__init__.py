"""Measuring the window (窓口の見える化): waits and service per category, window, hour and
weekday; the departments' lead times against their due dates; the fields residents no
longer write; certificates and fees. Nothing here names a resident.

    table = app.stats.table(actor, Period(date(2026, 11, 1), date(2026, 11, 30)), Grouping.CATEGORY)
    app.stats.month_report(actor, 2026, 11)
"""

from .model import *  # noqa: F403  (the values every caller reads)
