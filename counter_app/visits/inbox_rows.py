"""A department inbox's list kept current between full reads: when the change feed names
some procedures, a screen reads those rows alone (`InboxService.inbox(only=…)`) and
merges them here.

    rows = InboxRows()
    stamp = read_stamp(); rows.loaded(stamp, app.inbox.inbox(actor, "kodomo"))
    stamp = read_stamp(); rows.refreshed(stamp, {17}, app.inbox.inbox(actor, "kodomo", only={17}))
    rows.items   # the list, in the inbox's order (soonest due first)

Full reads and row reads run on different threads (the PC's work connection and its live
one, counter_app.db.budget), so they may end in another order than they began. Each read
takes a stamp just before it starts, and a row shows what the latest-begun read found:
a full read that began before a row read does not undo it, and a row read that began
before the last full read is dropped. A row read that finds a named procedure no more
(decided, or outside the filters now) takes it off the list.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date

from . import InboxItem

_stamps = itertools.count(1)


def read_stamp() -> int:
    """The order a read begins in (thread-safe: one step of a C iterator)."""
    return next(_stamps)


def inbox_order(item: InboxItem) -> tuple:
    """The inbox's order (as `InboxService.inbox` sorts): due first, undated last, then
    the order they were routed in."""
    due = item.procedure.due_on
    return (due is None, due or date.min, item.procedure.id)


class InboxRows:
    def __init__(self) -> None:
        self.items: list[InboxItem] = []
        self._full_stamp = 0
        # procedure id → (stamp, the row then, or None: not in the list any more), for the
        # row reads that began after the last full read
        self._newer: dict[int, tuple[int, InboxItem | None]] = {}

    def loaded(self, stamp: int, items: list[InboxItem]) -> bool:
        """A full read's rows; False (and nothing changes) when a later full read is
        shown already."""
        if stamp < self._full_stamp:
            return False
        self._full_stamp = stamp
        self._newer = {pid: row for pid, row in self._newer.items() if row[0] > stamp}
        self.items = self._merged(items)
        return True

    def refreshed(self, stamp: int, ids: Iterable[int], items: list[InboxItem]) -> bool:
        """A read of the procedures `ids` (those of them the filters let through, found
        as `items`); False when it changes nothing shown because later reads did."""
        if stamp < self._full_stamp:
            return False
        found = {item.procedure.id: item for item in items}
        taken = False
        for pid in ids:
            known = self._newer.get(pid)
            if known is not None and known[0] > stamp:
                continue
            self._newer[pid] = (stamp, found.get(pid))
            taken = True
        if taken:
            self.items = self._merged(self.items)
        return taken

    def _merged(self, items: list[InboxItem]) -> list[InboxItem]:
        rows = {item.procedure.id: item for item in items}
        for pid, (_stamp, item) in self._newer.items():
            if item is None:
                rows.pop(pid, None)
            else:
                rows[pid] = item
        return sorted(rows.values(), key=inbox_order)
