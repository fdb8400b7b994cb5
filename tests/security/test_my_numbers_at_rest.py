"""My Numbers at rest: never in clear in the database, opened by every reader, and a value
that does not open is an error for that one resident only."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from counter_app.app import CounterApp
from counter_app.db.models import AuditEntry, Resident, ResidentMyNumber
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.guide import GuideCase, GuideResult
from counter_app.guide.from_records import household_input
from counter_app.guide.scenario_file import read_scenario_file
from counter_app.messages import message_for
from counter_app.permissions import Actor, RoleCode
from counter_app.security.keyring import KeyRing, new_secret_key
from counter_app.security.my_numbers import seal_my_number
from counter_app.services.residents import MY_NUMBER_SHOWN
from tests import helpers
from tests.visits import PUBLIC, login, sc01

SATO_KENTA, SATO_MISAKI = "A0101", "A0102"  # SC01's parents, both with a My Number
NUMBERS = {SATO_KENTA: "487590338490", SATO_MISAKI: "970434517779"}
MY_NUMBER_DIGITS = re.compile(rb"(?<!\d)\d{12}(?!\d)")


@dataclass
class Window:
    app: CounterApp
    clerk: Actor
    ids: dict[str, int]  # atena number → resident id
    case: GuideCase
    result: GuideResult

    def forms_numbers(self) -> set[str]:
        bundle = self.app.guide.forms_bundle(
            self.clerk, self.ids[SATO_KENTA], self.case, self.result.procedures, "V-TEST-0001"
        )
        return {
            number
            for form in bundle.forms
            for field in form.fields
            for number in re.findall(r"\d{12}", field.text)
        }


def _window(url: str) -> Window:
    app = helpers.open_app(url)
    clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
    _resident_id, case, result = sc01(app, clerk)
    with app.db.read() as session:
        ids = dict(session.execute(select(Resident.atena_no, Resident.id)).all())
    return Window(app, clerk, ids, case, result)


@pytest.fixture
def window(database_url) -> Iterator[Window]:
    opened = _window(database_url)
    yield opened
    opened.app.close()


@pytest.fixture
def sqlite_window(sqlite_url) -> Iterator[Window]:
    opened = _window(sqlite_url)
    yield opened
    opened.app.close()


def _public_my_numbers(app: CounterApp) -> set[str]:
    public = read_scenario_file(PUBLIC, app.catalog)
    return {
        str(m.data["my_number"])
        for s in public.scenarios
        for m in s.case.household.members
        if m.data.get("my_number")
    }


def _stored_bytes(window: Window) -> bytes:
    """What the database keeps: the SQLite file and its WAL as they are on disk, or the
    table's rows as PostgreSQL returns them."""
    url = window.app.engine.url
    if url.get_backend_name() == "sqlite":
        database = Path(url.database)
        return b"".join(
            path.read_bytes() for path in (database, Path(f"{database}-wal")) if path.exists()
        )
    with window.app.engine.connect() as connection:
        rows = connection.scalars(text("SELECT t::text FROM resident_my_numbers t")).all()
    return "\n".join(rows).encode()


def test_no_my_number_is_kept_in_clear_and_every_reader_opens_it(window):
    app, clerk = window.app, window.clerk
    numbers = _public_my_numbers(app)
    assert len(numbers) >= 10 and set(NUMBERS.values()) <= numbers
    stored = _stored_bytes(window)
    assert not [n for n in numbers if n.encode() in stored]
    with app.engine.connect() as connection:
        sealed = connection.scalars(select(ResidentMyNumber.sealed)).all()
    assert len(sealed) == len(numbers)
    assert not any(MY_NUMBER_DIGITS.search(value.encode()) for value in sealed)

    kenta = window.ids[SATO_KENTA]
    record = app.residents.open_record(clerk, kenta, purpose="国民健康保険の手続き")
    assert record.masked_my_number == "********8490" and not record.my_number_unreadable
    assert app.residents.reveal_my_number(clerk, kenta, "国民健康保険の手続き") == "487590338490"
    assert window.forms_numbers() == set(NUMBERS.values())
    with app.db.read() as session:
        household = household_input(session, kenta, with_my_numbers=True)
    assert {m.atena_no: m.data.get("my_number") for m in household.members} == {
        SATO_KENTA: "487590338490",
        SATO_MISAKI: "970434517779",
    }


def _spoil(window: Window, how: str) -> None:
    kenta, misaki = window.ids[SATO_KENTA], window.ids[SATO_MISAKI]
    table = ResidentMyNumber.__table__
    with window.app.engine.begin() as connection:
        kenta_sealed = connection.scalar(select(table.c.sealed).where(table.c.resident_id == kenta))
        misaki_sealed = connection.scalar(
            select(table.c.sealed).where(table.c.resident_id == misaki)
        )
        if how == "copied_from_another_resident":
            spoiled = kenta_sealed
        elif how == "altered":
            body = misaki_sealed[-8:]
            spoiled = misaki_sealed[:-8] + ("A" * 8 if body != "A" * 8 else "B" * 8)
        else:  # sealed with a key this office's file does not hold
            stranger = KeyRing([new_secret_key()])
            spoiled = seal_my_number(stranger, misaki, NUMBERS[SATO_MISAKI])
        connection.execute(
            update(table).where(table.c.resident_id == misaki).values(sealed=spoiled)
        )


@pytest.mark.parametrize(
    "how", ["copied_from_another_resident", "altered", "sealed_with_another_key"]
)
def test_a_value_that_does_not_open_is_an_error_for_that_resident_only(sqlite_window, how, caplog):
    window = sqlite_window
    app, clerk = window.app, window.clerk
    misaki, kenta = window.ids[SATO_MISAKI], window.ids[SATO_KENTA]
    _spoil(window, how)
    caplog.set_level(logging.ERROR, logger="counter_app.security.my_numbers")

    record = app.residents.open_record(clerk, misaki, purpose="国民健康保険の手続き")
    assert record.person.resident_id == misaki
    assert record.my_number_unreadable and record.masked_my_number is None
    with pytest.raises(CounterAppError) as refused:
        app.residents.reveal_my_number(clerk, misaki, "国民健康保険の手続き")
    assert refused.value.code is ErrorCode.MY_NUMBER_UNREADABLE
    assert message_for(refused.value, "ja").startswith(
        f"住民 {misaki} の個人番号を復号できません（鍵 "
    )
    assert [(r.levelname, f"resident {misaki}" in r.getMessage()) for r in caplog.records] == [
        ("ERROR", True),
        ("ERROR", True),
    ]
    assert not any(NUMBERS[SATO_MISAKI] in r.getMessage() for r in caplog.records)

    # The rest of the household still opens, and its forms still print its numbers.
    assert app.residents.reveal_my_number(clerk, kenta, "国民健康保険の手続き") == "487590338490"
    assert window.forms_numbers() == {NUMBERS[SATO_KENTA]}
    shown = audit_entries(app, MY_NUMBER_SHOWN)
    assert [entry.subject_id for entry in shown] == [str(kenta)], "a failed reveal logs no view"


def audit_entries(app: CounterApp, action: str) -> list[AuditEntry]:
    with app.db.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )
