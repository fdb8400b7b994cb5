"""The record view shows a stored value it cannot read as such, and the rest as usual."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget
from sqlalchemy import func, select, text

from counter_app.db.models import Resident, SupportMeasure
from counter_app.demo import fill_demo_city
from ui.residents.record_view import ResidentRecordView

UNREADABLE = "（読み取れない値）"


def household_of_two(core) -> tuple[int, int, int]:
    """(a resident, another member of the household, someone elsewhere), none protected."""
    with core.db.read() as s:
        protected = set(s.scalars(select(SupportMeasure.resident_id)))
        pairs = s.execute(
            select(Resident.household_id, func.min(Resident.id), func.max(Resident.id))
            .group_by(Resident.household_id)
            .having(func.count() >= 2)
        ).all()
    first, second = next((low, high) for _, low, high in pairs if not {low, high} & protected)
    with core.db.read() as s:
        elsewhere = s.scalar(
            select(Resident.id).where(
                Resident.household_id
                != select(Resident.household_id).where(Resident.id == first).scalar_subquery(),
                Resident.id.not_in(protected),
            )
        )
    return first, second, elsewhere


def labels(view) -> set[str]:
    return {label.text() for label in view.findChildren(QLabel)}


def test_unreadable_values_are_marked_and_the_rest_is_shown(qtbot, make_context, core, clerk):
    fill_demo_city(core.engine, 60, progress=False, keys=core.keys)
    person, member, elsewhere = household_of_two(core)
    with core.engine.begin() as connection:
        connection.execute(text(f"UPDATE residents SET birth_date = 'garbage' WHERE id = {person}"))
        connection.execute(
            text(f"UPDATE residents SET surname_kanji = CAST(x'ff' AS TEXT) WHERE id = {member}")
        )
    view = ResidentRecordView(make_context(), clerk)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        view.open(person)

    assert UNREADABLE in labels(view)  # 生年月日
    banner = view.findChild(QLabel, "unreadableValues")
    assert banner is not None and "読み取れない値が2件あります" in banner.text()
    table = view.findChild(QTableWidget, "householdMembers")
    rows = {
        table.item(row, 0).text(): [table.item(row, c).text() for c in range(4)]
        for row in range(table.rowCount())
    }
    mine = next(row for name, row in rows.items() if name == view.record.person.name)
    assert mine[2:] == [UNREADABLE, "—"]
    assert any(name.startswith("\ufffd") for name in rows)  # the member's lost bytes

    with qtbot.waitSignal(view.record_shown, timeout=10_000):
        view.open(elsewhere)
    assert view.findChild(QLabel, "unreadableValues") is None
    assert UNREADABLE not in labels(view)
