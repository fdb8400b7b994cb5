"""Property tests of the CSV row validator: random and hostile rows give a parsed row or
problems, never another exception, and what passes holds only what the layout allows."""

from __future__ import annotations

import csv
import io
import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.importing.csv_layout import CELL_LIMIT, COLUMNS, Dated
from counter_app.importing.validation import (
    CELL_WHITESPACE,
    EARLIEST_DATE,
    MAX_PROBLEMS,
    parse_file,
)
from counter_app.safe_text import first_unsafe_character, make_visible
from tests.test_import_residents import HEADER, person_row

TODAY = date(2026, 12, 4)
SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

hostile_text = st.text(  # every code point, surrogates and NUL included
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=30
)
long_text = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["x", "東", "\x00", "\u202e", '"', ",", "\r\n"]),
    st.integers(CELL_LIMIT - 2, CELL_LIMIT + 2),
)
any_date = st.dates().flatmap(
    lambda day: st.sampled_from(
        [day.isoformat(), day.strftime("%Y/%m/%d"), day.strftime("%Y%m%d"), f"{day.year}-2-30"]
    )
)
# Households of one, each its own head: rows that pass unless something is changed.
GOOD = [person_row(index, index, "世帯主", random.Random(index)) for index in range(8)]
hostile_cell = st.one_of(hostile_text, long_text, any_date, st.just(""))


@st.composite
def changed_row(draw) -> list[str]:
    """A good row with up to three of its cells replaced by something hostile."""
    row = dict(draw(st.sampled_from(GOOD)))
    for name in draw(st.lists(st.sampled_from(HEADER), max_size=3, unique=True)):
        row[name] = draw(hostile_cell)
    return [row[name] for name in HEADER]


wrong_count_row = st.lists(st.one_of(hostile_text, any_date), max_size=len(HEADER) + 3)
rows = st.lists(st.one_of(changed_row(), changed_row(), wrong_count_row), max_size=6)


def csv_text(body: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(body)
    return buffer.getvalue()


@SETTINGS
@given(rows)
def test_random_and_hostile_rows_give_rows_or_problems(body):
    parsed = parse_file(io.StringIO(csv_text(body), newline=""), TODAY)
    assert parsed.rows or parsed.problems
    for row in parsed.rows:  # a row is kept when its cells are sound (the file may still fail)
        values = {**row.resident, **row.household, "my_number": row.my_number}
        for value in values.values():
            if isinstance(value, str):
                assert (
                    first_unsafe_character(value, CELL_WHITESPACE) is None
                    and len(value) <= CELL_LIMIT
                )
        birth = row.resident["birth_date"]
        assert EARLIEST_DATE <= birth <= TODAY
        for column in COLUMNS:
            day = row.resident.get(column.field)
            if column.dated is Dated.PAST and day is not None:
                assert birth <= day <= TODAY


@SETTINGS
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400))
def test_any_text_as_a_whole_file_gives_a_result(text):
    parsed = parse_file(io.StringIO(text, newline=""), TODAY)
    assert parsed.problems or not parsed.rows or parsed.columns
    assert len(parsed.problems) <= MAX_PROBLEMS + 1


@SETTINGS
@given(hostile_text)
def test_made_visible_text_holds_no_refused_character(text):
    visible = make_visible(text)
    assert first_unsafe_character(visible) is None
    assert (visible == text) == (first_unsafe_character(text) is None)
