"""The values every reader of the statistics shares: periods and which way a measure
improves (a comparison's colours)."""

from datetime import date

import pytest

from counter_app.stats import Measure, Period, improvement


def test_a_month_and_the_month_before_it_across_a_year_end():
    january = Period.month(2027, 1)
    assert (january.first, january.last, january.days()) == (
        date(2027, 1, 1),
        date(2027, 1, 31),
        31,
    )
    assert january.previous_month() == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert Period.month(2028, 2).days() == 29


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        Period(date(2026, 11, 30), date(2026, 11, 1))


@pytest.mark.parametrize(
    ("measure", "change", "verdict"),
    [
        (Measure.WAIT_P50, -2.5, 1),  # shorter waits are better
        (Measure.WAIT_P90, 4.0, -1),
        (Measure.ON_TIME, 0.05, 1),  # more decided on time is better
        (Measure.ON_TIME, -0.1, -1),
        (Measure.FIELDS_RESIDENT, -30, 1),  # fewer fields the resident writes
        (Measure.FIELDS_RECORDS, 30, 1),
        (Measure.ISSUED, 100, 0),  # how many came is neither good nor bad
        (Measure.WAIT_P50, 0, 0),
        (Measure.WAIT_P50, None, 0),
    ],
)
def test_which_way_a_measure_improves(measure, change, verdict):
    assert improvement(measure, change) == verdict
