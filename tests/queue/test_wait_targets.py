"""The floor's wait targets per ticket category: read from categories.yaml with their
defaults (20 minutes, the limit 1.5 × the target), refused with the field named when
wrong, and kept in the database at start-up (migration 0015)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.db.models import TicketCategory
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.queue.categories import load_categories
from tests.helpers import open_app

ENTRY = (
    "  - id: one\n    name: x\n    name_en: x\n    prefix: A\n    windows: [1]\n"
    '    opens: "08:30"\n    closes: "17:15"\n    service_minutes: 5\n'
)


def _load(tmp_path, extra: str = ""):
    path = tmp_path / "categories.yaml"
    path.write_text("categories:\n" + ENTRY + extra, encoding="utf-8")
    return load_categories(path)


def test_defaults_and_a_limit_of_one_and_a_half_times_the_target(tmp_path):
    (plain,) = _load(tmp_path)
    assert (plain.wait_target_minutes, plain.wait_limit_minutes) == (20, 30)
    (target_only,) = _load(tmp_path, "    wait_target_minutes: 15\n")
    assert (target_only.wait_target_minutes, target_only.wait_limit_minutes) == (15, 23)
    (both,) = _load(tmp_path, "    wait_target_minutes: 10\n    wait_limit_minutes: 12\n")
    assert (both.wait_target_minutes, both.wait_limit_minutes) == (10, 12)


@pytest.mark.parametrize(
    ("extra", "detail"),
    [
        ("    wait_target_minutes: 0\n", "one: wait_target_minutes must be a whole number >= 1"),
        ("    wait_target_minutes: 十分\n", "one: wait_target_minutes must be a whole number >= 1"),
        ("    wait_limit_minutes: 2.5\n", "one: wait_limit_minutes must be a whole number >= 1"),
        ("    wait_target_minutes: true\n", "one: wait_target_minutes must be a whole number >= 1"),
        (
            "    wait_target_minutes: 20\n    wait_limit_minutes: 10\n",
            "one: wait_limit_minutes (10) must not be below wait_target_minutes (20)",
        ),
    ],
)
def test_a_wrong_target_is_refused_with_the_field_named(tmp_path, extra, detail):
    with pytest.raises(CounterAppError) as refused:
        _load(tmp_path, extra)
    assert refused.value.code is ErrorCode.RESOURCE_INVALID
    assert refused.value.params["detail"].startswith(detail)


def test_the_shipped_targets_are_kept_in_the_database(database_url):
    app = open_app(database_url)
    try:
        with app.db.read() as session:
            kept = {
                row.id: (row.wait_target_minutes, row.wait_limit_minutes)
                for row in session.scalars(select(TicketCategory))
            }
        shipped = {c.id: (c.wait_target_minutes, c.wait_limit_minutes) for c in load_categories()}
        assert kept == shipped
        assert kept["shomei"] == (10, 15)
        from_rows = {
            c.id: (c.wait_target_minutes, c.wait_limit_minutes) for c in app.tickets.categories()
        }
        assert from_rows == shipped
    finally:
        app.close()
