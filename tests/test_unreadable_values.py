"""Reading a stored record never fails because of one bad value (issue 12, item 7).

The bad values go in by raw SQL, as a broken import, a hand edit or another program would
leave them: SQLite keeps any value in any column; PostgreSQL keeps dates Python cannot
represent, empty names and control characters. Every record, the bad one included, opens;
a bad value is marked UNREADABLE and logged once, by table, row and column, never by content.
"""

from __future__ import annotations

import logging
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime, text

from counter_app.db import tolerant
from counter_app.db.models import Base, LtcRecord, MyNumberCard, NhiRecord, StaffUser
from counter_app.db.models.base import unreadable_columns
from counter_app.db.tolerant import UNREADABLE, TolerantReading
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import RoleCode
from counter_app.records import DepartmentRecords, LtcView, MyNumberCardView
from counter_app.records.ages import wareki
from counter_app.records.notices import NoticeSubject, notices_for
from counter_app.services.residents import ResidentService
from tests.helpers import add_user, open_app
from tests.test_resident_record import PASSWORD, TODAY, build_city

LOGGER = "counter_app.db.tolerant"


@pytest.fixture(autouse=True)
def nothing_logged_yet(monkeypatch):
    """Each bad value is logged once per process: each test starts with none noted."""
    monkeypatch.setattr(tolerant, "_noted", set())


@pytest.fixture
def town_on():
    """The town of test_resident_record on a database URL: (app, resident ids, a clerk)."""
    apps = []

    def build(url: str):
        app = open_app(url)
        apps.append(app)
        app.residents = ResidentService(app.db, today=lambda: TODAY)
        add_user(app, "clerk1", password=PASSWORD)
        ids = build_city(app)
        return app, ids, app.auth.login("clerk1", PASSWORD, app.terminal)

    yield build
    for app in apps:
        app.close()


def spoil(app, statements: list[str], **ids: int) -> None:
    with app.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement.format(**ids)))


def open_everyone(app, clerk, ids: dict[str, int]) -> dict[str, object]:
    """Every record of the town but the protected one, opened as the window clerk would."""
    return {
        key: app.residents.open_record(clerk, resident_id)
        for key, resident_id in ids.items()
        if key != "yumi"
    }


def test_sqlite_garbage_in_dates_and_bytes_in_text(town_on, sqlite_url, caplog):
    app, ids, clerk = town_on(sqlite_url)
    spoil(
        app,
        [
            "UPDATE residents SET birth_date = 'garbage' WHERE id = {ichiro}",
            "UPDATE residents SET became_resident_on = 19800401 WHERE id = {ichiro}",
            "UPDATE residents SET surname_kanji = CAST(x'e9ab99ff' AS TEXT) WHERE id = {hanako}",
            "UPDATE residents SET given_name_kanji = x'ff41' WHERE id = {ken}",
            "UPDATE residents SET relationship_to_head = 12345 WHERE id = {sho}",
            "UPDATE nhi_records SET acquired_on = '2012-99-99' WHERE resident_id = {ken}",
            "UPDATE ltc_records SET cert_valid_until = 'soon' WHERE resident_id = {ichiro}",
            "UPDATE mynumber_cards SET valid_until = x'00' WHERE resident_id = {ichiro}",
        ],
        **ids,
    )
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        records = open_everyone(app, clerk, ids)
        records.update(open_everyone(app, clerk, ids))  # a second look logs nothing new

    ichiro = records["ichiro"]
    assert ichiro.person.birth_date is UNREADABLE and ichiro.person.age is None
    assert ichiro.person.became_resident_on is UNREADABLE
    assert ichiro.departments.ltc.cert_valid_until is UNREADABLE
    assert ichiro.departments.mynumber_card.valid_until is UNREADABLE
    assert ichiro.unreadable == 5  # the birth date shows twice: the person, the household
    members = {m.resident_id: m for m in ichiro.household.members}
    assert members[ids["hanako"]].name == "髙\ufffd\u3000花子"  # the bytes that were not UTF-8
    assert members[ids["ken"]].name == "髙橋\u3000\ufffdA"
    assert members[ids["sho"]].relationship == "12345"  # SQLite stored the number as text
    assert records["hanako"].person.surname is UNREADABLE
    assert records["ken"].departments.nhi.acquired_on is UNREADABLE
    assert records["anna"].person.birth_date == date(1995, 3, 3) and records["anna"].unreadable == 0

    logged = [record.getMessage() for record in caplog.records if record.name == LOGGER]
    assert sorted(logged) == sorted(
        [
            f"unreadable stored value: table=residents row={ids['ichiro']} column=birth_date "
            "(not a date)",
            f"unreadable stored value: table=residents row={ids['ichiro']} "
            "column=became_resident_on (not a date)",
            f"unreadable stored value: table=residents row={ids['hanako']} column=surname_kanji "
            "(text that is not UTF-8)",
            f"unreadable stored value: table=residents row={ids['ken']} "
            "column=given_name_kanji (bytes, not text)",
            f"unreadable stored value: table=nhi_records row={ids['ken']} column=acquired_on "
            "(not a date)",
            f"unreadable stored value: table=ltc_records row={ids['ichiro']} "
            "column=cert_valid_until (not a date)",
            f"unreadable stored value: table=mynumber_cards row={ids['ichiro']} "
            "column=valid_until (not a date)",
        ]
    )
    assert not any("garbage" in line or "soon" in line for line in logged)


@pytest.mark.postgres
def test_postgres_dates_python_cannot_use_empty_names_and_control_characters(
    town_on, postgres_url, caplog
):
    app, ids, clerk = town_on(postgres_url)
    spoil(
        app,
        [
            "UPDATE residents SET birth_date = '0001-01-01' WHERE id = {ichiro}",
            "UPDATE residents SET birth_date = '9999-12-31' WHERE id = {hanako}",
            "UPDATE residents SET became_resident_on = 'infinity' WHERE id = {ken}",
            "UPDATE residents SET address_since = '0044-03-15 BC' WHERE id = {ken}",
            "UPDATE residents SET surname_kanji = '', given_name_kanji = '' WHERE id = {sho}",
            "UPDATE residents SET given_name_kanji = E'\\u202e\\u0007美咲' WHERE id = {misaki}",
            "UPDATE nhi_records SET lost_on = '10000-01-01' WHERE resident_id = {ken}",
            "UPDATE mynumber_cards SET valid_until = '-infinity' WHERE resident_id = {ichiro}",
        ],
        **ids,
    )
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        records = open_everyone(app, clerk, ids)

    assert records["ichiro"].person.birth_wareki == "0001-01-01"  # before 明治: no era
    assert records["hanako"].person.birth_wareki == "令和7981年12月31日"
    assert records["hanako"].person.age == 0
    ken = records["ken"].person
    assert ken.became_resident_on is UNREADABLE and ken.address_since is UNREADABLE
    assert records["ken"].departments.nhi.lost_on is UNREADABLE
    assert records["ichiro"].departments.mynumber_card.valid_until is UNREADABLE
    assert records["sho"].person.name == "\u3000"
    assert records["misaki"].person.name == "髙橋\u3000<U+202E><U+0007>美咲"
    assert records["misaki"].person.given_name == "<U+202E><U+0007>美咲"
    logged = {record.getMessage() for record in caplog.records if record.name == LOGGER}
    assert (
        f"unreadable stored value: table=residents row={ids['ken']} column=became_resident_on "
        "(not a date)"
    ) in logged
    assert len(logged) == 4


def test_an_unreadable_date_never_lifts_a_support_measure(town_on, database_url):
    app, ids, clerk = town_on(database_url)
    bad = "'garbage'" if database_url.startswith("sqlite") else "'-infinity'"
    spoil(
        app,
        [f"UPDATE support_measures SET started_on = {bad} WHERE resident_id = {{yumi}}"],
        **ids,
    )
    with pytest.raises(CounterAppError) as still_protected:
        app.residents.open_record(clerk, ids["yumi"])
    assert still_protected.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
    bad_end = "'soon'" if database_url.startswith("sqlite") else "'infinity'"
    spoil(
        app,
        [
            "UPDATE support_measures SET started_on = '2025-01-01' WHERE resident_id = {yumi}",
            f"UPDATE support_measures SET ends_on = {bad_end} WHERE resident_id = {{yumi}}",
        ],
        **ids,
    )
    with pytest.raises(CounterAppError):
        app.residents.open_record(clerk, ids["yumi"])
    app.residents.open_record(clerk, ids["ichiro"])  # the others are not affected


def test_text_held_as_a_str_enum_is_readable_text(sqlite_url, caplog):
    """A row written in this unit of work keeps the enum it was given (a status) until it
    is read again; a partial refresh meanwhile must not take that for unreadable text."""
    app = open_app(sqlite_url)
    try:
        with caplog.at_level(logging.WARNING, logger=LOGGER), app.db.write() as session:
            user = StaffUser(
                login="enum1",
                display_name=RoleCode.SUPERVISOR,  # a StrEnum, as statuses are
                password_hash="x",
                active=True,
            )
            session.add(user)
            session.flush()
            session.refresh(user, ["login"])
            assert unreadable_columns(user) == frozenset()
        assert "unreadable stored value" not in caplog.text
    finally:
        app.close()


def test_every_date_column_of_the_models_reads_tolerantly():
    for table in Base.metadata.tables.values():
        for column in table.columns:
            base_type = getattr(column.type, "impl", column.type)
            if isinstance(base_type, Date | DateTime):
                assert isinstance(column.type, TolerantReading), f"{table.name}.{column.name}"
    assert isinstance(NhiRecord.__table__.c.acquired_on.type, TolerantReading)
    assert {LtcRecord.__tablename__, MyNumberCard.__tablename__} <= set(Base.metadata.tables)


any_day = st.one_of(st.dates(), st.just(UNREADABLE), st.none())


@settings(deadline=None, max_examples=200)
@given(birth=st.one_of(st.dates(), st.just(UNREADABLE)), days=st.lists(any_day, min_size=4))
def test_notices_and_eras_accept_any_stored_date(birth, days):
    """Dates from 0001-01-01 to 9999-12-31, or unreadable, give notices or none, never an
    exception (the 75th birthday of a person born in 9950 lies beyond the calendar)."""
    card_until, certs_until, cert_until, stay_until = days[:4]
    departments = DepartmentRecords(
        ltc=LtcView("1", None, True, "要介護1", cert_until, None),
        mynumber_card=MyNumberCardView(
            date.max if card_until is None else card_until, True, True, certs_until
        ),
    )
    subject = NoticeSubject(1, "試験　太郎", birth, departments, stay_until)
    child = NoticeSubject(2, "試験　花子", birth, DepartmentRecords())
    notices_for([subject], TODAY, {1: [child]})
    if isinstance(birth, date):
        assert wareki(birth)
