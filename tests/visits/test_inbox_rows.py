"""Keeping an inbox list current from the rows the change feed names (InboxRows): a
row shows what the latest-begun read found, whichever read ends last."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from counter_app.visits import InboxItem, ProcedureStatus
from counter_app.visits.inbox_rows import InboxRows, read_stamp
from tests.visits.test_inbox import office  # noqa: F401  (the fixture)


@pytest.fixture
def rows(office):  # noqa: F811
    """kodomo's two procedures as read for kodomo1, before anyone claimed them."""
    return office.inbox.inbox(office.kodomo1, "kodomo")


def _with(item: InboxItem, **changes) -> InboxItem:
    return replace(item, procedure=replace(item.procedure, **changes))


def shown(rows: InboxRows) -> list[tuple[int, str, str | None]]:
    return [(i.id, i.procedure.status.value, i.procedure.holder_login) for i in rows.items]


def test_a_row_read_replaces_adds_and_removes_rows_in_the_inbox_order(rows):
    first, second = rows
    kept = InboxRows()
    kept.loaded(1, [second])
    earlier = _with(first, due_on=date(2000, 1, 1))
    assert kept.refreshed(2, {first.id}, [earlier])  # routed meanwhile, due sooner: on top
    assert [i.id for i in kept.items] == [first.id, second.id]
    claimed = _with(second, status=ProcedureStatus.CLAIMED, holder_login="kodomo2")
    assert kept.refreshed(3, {second.id}, [claimed])
    assert shown(kept)[1] == (second.id, "claimed", "kodomo2")
    assert kept.refreshed(4, {first.id}, [])  # decided, or outside the filters now: gone
    assert [i.id for i in kept.items] == [second.id]


def test_a_full_read_that_began_before_a_row_read_does_not_undo_it(rows):
    first, second = rows
    kept = InboxRows()
    kept.loaded(1, [first, second])
    claimed = _with(first, status=ProcedureStatus.CLAIMED, holder_login="kodomo2")
    assert kept.refreshed(3, {first.id}, [claimed])
    assert kept.loaded(2, [first, second])  # began at 2, ended after the row read of 3
    assert shown(kept)[0] == (first.id, "claimed", "kodomo2")
    assert kept.loaded(5, [first, second])  # began after it: the row read is history
    assert shown(kept)[0] == (first.id, "routed", None)


def test_reads_that_began_before_the_shown_ones_change_nothing(rows):
    first, second = rows
    kept = InboxRows()
    kept.loaded(5, [first, second])
    assert not kept.loaded(4, [second])
    assert not kept.refreshed(3, {first.id}, [])
    assert kept.refreshed(7, {first.id}, [_with(first, holder_login="kodomo2")])
    assert not kept.refreshed(6, {first.id}, [first])
    assert [(i.id, i.procedure.holder_login) for i in kept.items] == [
        (first.id, "kodomo2"),
        (second.id, None),
    ]


def test_stamps_follow_the_order_reads_begin_in():
    stamps = [read_stamp() for _ in range(3)]
    assert stamps == sorted(set(stamps))
