"""The demo city as a user of the demo would see it: right size, consistent, and repeatable."""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from counter_app.db.engine import make_engine
from counter_app.db.migrate import upgrade
from counter_app.db.models import (
    ChildAllowanceChild,
    HealthCover,
    Household,
    KoukiRecord,
    LtcRecord,
    PensionRecord,
    Resident,
    ResidentMyNumber,
    SchoolEnrollment,
    SupportMeasure,
)
from counter_app.demo import DemoStats, fill_demo_city
from counter_app.demo.batch import TABLES_IN_INSERT_ORDER
from counter_app.demo.dates import age_on
from counter_app.demo.mynumber import is_valid_my_number, my_number_check_digit
from counter_app.demo.name_lists import FEMALE_NAMES_BY_ERA, MALE_NAMES_BY_ERA
from counter_app.demo.names import SURNAME_KANA, VARIANT_OF
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.security.keyring import KeyRing, new_secret_key
from counter_app.security.my_numbers import open_my_number

CITY_RESIDENTS = 5_000
REFERENCE = date(2026, 11, 23)
FISCAL_YEAR_START = date(2026, 4, 1)
TOMORROW = date(2026, 11, 24)
REFERENCE_TIME = datetime(2026, 11, 23, tzinfo=UTC)
KATAKANA = re.compile(r"^[ァ-ヶー]+$")
ADDRESS = re.compile(r"^東京都みどり市\S+?[一二三四五六七八九十]+丁目\d+番\d+号$")


KEYS = KeyRing([new_secret_key()])  # these databases are never opened by the app


def _migrated(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def city(request, tmp_path_factory) -> Iterator[tuple[Engine, DemoStats]]:
    """One 5,000-resident city per database kind, shared by the read-only tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo-city') / 'city.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_cluster").new_database("demo_city")
    engine = _migrated(url)
    stats = fill_demo_city(engine, CITY_RESIDENTS, seed=1, progress=False, keys=KEYS)
    yield engine, stats
    engine.dispose()


@pytest.fixture
def city_engine(city) -> Engine:
    return city[0]


def _residents(engine: Engine) -> list:
    with engine.connect() as connection:
        return list(connection.execute(select(Resident).order_by(Resident.id)).all())


def _by_household(residents: list) -> dict[int, list]:
    households = defaultdict(list)
    for resident in residents:
        households[resident.household_id].append(resident)
    return households


def _years_between(older: date, younger: date) -> float:
    return (younger - older).days / 365.2425


def test_the_worked_example_of_the_schema_doc():
    assert my_number_check_digit("12345678901") == 8
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789017")
    assert not is_valid_my_number("12345678901")
    assert not is_valid_my_number("12345678901a")
    assert not is_valid_my_number("１２３４５６７８９０１８")


def test_the_check_digit_follows_the_ordinance_formula_digit_by_digit():
    def ordinance(first11: str) -> int:  # 省令第5条: Pn counted from the right, Qn by n
        total = sum(int(first11[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
        return 0 if total % 11 <= 1 else 11 - total % 11

    numbers = random.Random(7)
    for _ in range(2_000):
        first11 = f"{numbers.randrange(10**11):011d}"
        assert my_number_check_digit(first11) == ordinance(first11)


def test_the_city_has_exactly_the_residents_asked_for(city):
    engine, stats = city
    with engine.connect() as connection:
        residents = connection.scalar(select(func.count()).select_from(Resident))
        households = connection.scalar(select(func.count()).select_from(Household))
    assert residents == stats.residents == CITY_RESIDENTS
    assert households == stats.households
    assert 1.8 < residents / households < 2.6


def test_a_small_city_and_an_empty_one_are_exact_too(database_url):
    engine = _migrated(database_url)
    assert fill_demo_city(engine, 0, progress=False, keys=KEYS) == DemoStats(
        0, 0, pytest.approx(0, abs=5)
    )
    assert fill_demo_city(engine, 7, progress=False, keys=KEYS).residents == 7
    heads = _residents(engine)
    assert len(heads) == 7
    for members in _by_household(heads).values():
        assert members[0].relationship_to_head == "世帯主"
    engine.dispose()


def test_every_household_has_exactly_one_head_listed_first(city_engine):
    for members in _by_household(_residents(city_engine)).values():
        relationships = [member.relationship_to_head for member in members]
        assert relationships.count("世帯主") == 1
        assert relationships[0] == "世帯主"


def test_identifiers_are_unique_and_well_formed(city_engine):
    residents = _residents(city_engine)
    atena = [resident.atena_no for resident in residents]
    codes = [resident.juminhyo_code for resident in residents]
    assert len(set(atena)) == len(atena) and all(re.fullmatch(r"\d{10}", a) for a in atena)
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"\d{11}", c) for c in codes)
    with city_engine.connect() as connection:
        household_numbers = connection.scalars(select(Household.household_no)).all()
    assert len(set(household_numbers)) == len(household_numbers)


def test_every_resident_has_a_valid_and_unique_my_number(city_engine):
    with city_engine.connect() as connection:
        rows = connection.execute(select(ResidentMyNumber.resident_id, ResidentMyNumber.sealed))
        numbers = [open_my_number(KEYS, resident_id, sealed) for resident_id, sealed in rows]
    assert len(numbers) == CITY_RESIDENTS
    assert len(set(numbers)) == len(numbers)
    assert all(is_valid_my_number(number) for number in numbers)


def test_names_are_japanese_with_full_width_katakana_and_shared_surnames(city_engine):
    male_names = {t.split(":")[0] for text_ in MALE_NAMES_BY_ERA.values() for t in text_.split()}
    female_names = {
        t.split(":")[0] for text_ in FEMALE_NAMES_BY_ERA.values() for t in text_.split()
    }
    for members in _by_household(_residents(city_engine)).values():
        japanese = [member for member in members if member.nationality is None]
        assert len({member.surname_kanji for member in japanese}) <= 1
        for member in japanese:
            assert KATAKANA.match(member.surname_kana), member.surname_kana
            assert KATAKANA.match(member.given_name_kana), member.given_name_kana
            names = male_names if member.sex == "男" else female_names
            assert member.given_name_kanji in names


def test_variant_characters_appear_and_read_like_the_common_form(city_engine):
    residents = _residents(city_engine)
    for character in "髙﨑齋邊澤":
        carriers = [r for r in residents if character in r.surname_kanji]
        assert carriers, f"no surname with {character}"
        for resident in carriers:
            assert resident.surname_kana == SURNAME_KANA[VARIANT_OF[resident.surname_kanji]]
    variant_households = {r.household_id for r in residents if r.surname_kanji in VARIANT_OF}
    households = {r.household_id for r in residents}
    assert 0.02 < len(variant_households) / len(households) < 0.07


def test_children_are_20_to_45_years_younger_than_their_parents(city_engine):
    for members in _by_household(_residents(city_engine)).values():
        head = members[0]
        parents = [head] + [m for m in members if m.relationship_to_head in ("妻", "夫")]
        for child in (m for m in members if m.relationship_to_head == "子"):
            for parent in parents:
                assert 20 <= _years_between(parent.birth_date, child.birth_date) <= 45


def test_spouses_are_of_similar_age(city_engine):
    for members in _by_household(_residents(city_engine)).values():
        for spouse in (m for m in members if m.relationship_to_head in ("妻", "夫")):
            assert abs(_years_between(members[0].birth_date, spouse.birth_date)) <= 12


def test_the_city_has_young_and_old_in_plausible_shares(city_engine):
    ages = [age_on(resident.birth_date, REFERENCE) for resident in _residents(city_engine)]

    def share(low: int, high: int) -> float:
        return sum(low <= age < high for age in ages) / len(ages)

    assert 0.09 < share(0, 15) < 0.17
    assert 0.20 < share(65, 200) < 0.33
    assert 0.10 < share(75, 200) < 0.20
    assert any(age == 0 for age in ages) and any(age >= 95 for age in ages)


def test_addresses_name_the_city_with_chome_ban_go(city_engine):
    with city_engine.connect() as connection:
        households = connection.execute(select(Household)).all()
    for household in households:
        assert ADDRESS.match(household.address), household.address
        assert re.fullmatch(r"\d{3}-\d{4}", household.postal_code)
        assert household.school_district.endswith("中学校")
    flats = [h for h in households if h.katagaki]
    assert 0.3 < len(flats) / len(households) < 0.8
    assert all(re.fullmatch(r"\S+ \d{3,4}号室", h.katagaki) for h in flats)


def test_everyone_from_75_is_in_kouki_and_no_one_under_65(city_engine):
    residents = {r.id: r for r in _residents(city_engine)}
    with city_engine.connect() as connection:
        kinds = dict(connection.execute(select(HealthCover.resident_id, HealthCover.kind)).all())
        kouki = {k.resident_id: k for k in connection.execute(select(KoukiRecord)).all()}
    assert set(kinds) == set(residents)
    for resident_id, resident in residents.items():
        age = age_on(resident.birth_date, REFERENCE)
        if age >= 75 and kinds[resident_id] != "public_assistance":
            assert kinds[resident_id] == "kouki" and resident_id in kouki
        if resident_id in kouki:
            assert kinds[resident_id] == "kouki"
            assert age >= 75 or (age >= 65 and kouki[resident_id].disability_certified)
            assert re.fullmatch(r"\d{8}", kouki[resident_id].insured_number)


def test_dependants_are_insured_through_an_employee_of_their_household(city_engine):
    residents = {r.id: r for r in _residents(city_engine)}
    with city_engine.connect() as connection:
        covers = {c.resident_id: c for c in connection.execute(select(HealthCover)).all()}
    dependants = [c for c in covers.values() if c.kind == "employer_dependent"]
    assert dependants
    for cover in dependants:
        insured = covers[cover.insured_via_id]
        assert insured.kind == "employer_insured"
        assert (
            residents[cover.insured_via_id].household_id
            == residents[cover.resident_id].household_id
        )


def test_every_child_under_18_is_covered_by_a_child_allowance_in_the_household(city_engine):
    residents = {r.id: r for r in _residents(city_engine)}
    with city_engine.connect() as connection:
        recipient_of = dict(
            connection.execute(
                select(ChildAllowanceChild.child_id, ChildAllowanceChild.recipient_id)
            ).all()
        )
    children = [r for r in residents.values() if age_on(r.birth_date, FISCAL_YEAR_START) <= 17]
    assert children
    for child in children:
        recipient = residents[recipient_of[child.id]]
        assert recipient.household_id == child.household_id
        assert 20 <= _years_between(recipient.birth_date, child.birth_date) <= 45
    assert set(recipient_of) == {child.id for child in children}


def test_school_grades_follow_the_school_year(city_engine):
    residents = {r.id: r for r in _residents(city_engine)}
    with city_engine.connect() as connection:
        enrolments = connection.execute(select(SchoolEnrollment)).all()
    enrolled = {e.resident_id for e in enrolments}
    for resident in residents.values():
        fy_age = age_on(resident.birth_date, FISCAL_YEAR_START)
        assert (resident.id in enrolled) == (6 <= fy_age <= 14)
    for enrolment in enrolments:
        fy_age = age_on(residents[enrolment.resident_id].birth_date, FISCAL_YEAR_START)
        expected = f"小{fy_age - 5}" if fy_age <= 11 else f"中{fy_age - 11}"
        assert enrolment.grade == expected
    types = Counter(e.school_type for e in enrolments)
    assert types["public"] > 0.8 * len(enrolments)


def test_care_insurance_and_pension_follow_age_and_work(city_engine):
    residents = {r.id: r for r in _residents(city_engine)}
    with city_engine.connect() as connection:
        ltc = {r.resident_id: r for r in connection.execute(select(LtcRecord)).all()}
        pensions = {p.resident_id: p for p in connection.execute(select(PensionRecord)).all()}
        covers = {c.resident_id: c for c in connection.execute(select(HealthCover)).all()}
    for resident in residents.values():
        age = age_on(resident.birth_date, TOMORROW)  # both start the day before the birthday
        record = ltc.get(resident.id)
        if age >= 65:
            assert record.category == "1" and re.fullmatch(r"\d{10}", record.insured_number)
        elif age >= 40 and covers[resident.id].kind != "public_assistance":
            assert record.category == "2"
        else:
            assert record is None
    assert any(r.certified and r.care_level for r in ltc.values())
    for resident_id, pension in pensions.items():
        assert re.fullmatch(r"\d{4}-\d{6}", pension.basic_pension_no)
        cover = covers[resident_id]
        if pension.category == "2":
            assert cover.kind == "employer_insured"
        if pension.category == "3":
            assert cover.kind == "employer_dependent"
            spouse = residents[cover.insured_via_id]
            assert spouse.household_id == residents[resident_id].household_id
    categories = Counter(p.category for p in pensions.values())
    assert {"1", "2", "3", "none"} <= set(categories)
    assert all(
        pensions[r.id].receiving is not None
        for r in residents.values()
        if age_on(r.birth_date, REFERENCE) >= 65
    )


def test_foreign_residents_carry_their_residence_card_details(city_engine):
    residents = _residents(city_engine)
    foreign = [r for r in residents if r.nationality is not None]
    assert 0.01 < len(foreign) / len(residents) < 0.035
    for resident in foreign:
        assert resident.residence_status
        assert re.fullmatch(r"[A-Z]{2}\d{8}[A-Z]{2}", resident.residence_card_number)
        assert resident.honseki is None and not resident.voter_registered
        permanent = resident.residence_status in ("永住者", "特別永住者")
        assert (resident.period_of_stay_until is None) == permanent


def test_register_dates_are_in_order(city_engine):
    for resident in _residents(city_engine):
        assert resident.birth_date <= resident.became_resident_on <= resident.address_since
        assert resident.address_since <= resident.last_change_on <= resident.notified_on
        assert resident.notified_on <= REFERENCE
        assert resident.last_change_reason
        if resident.last_change_reason == "出生":
            assert resident.became_resident_on == resident.birth_date


def test_at_least_one_support_measure(city_engine):
    with city_engine.connect() as connection:
        measures = connection.execute(select(SupportMeasure)).all()
    assert measures
    assert {m.kind for m in measures} <= {"dv", "stalking", "abuse"}
    assert all(m.started_on <= REFERENCE <= m.ends_on for m in measures)


def _digest(engine: Engine) -> str:
    """Every row; My Numbers opened (each seal draws a fresh nonce)."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in TABLES_IN_INSERT_ORDER:
            ordered = select(table).order_by(*table.primary_key.columns)
            for row in connection.execute(ordered):
                if table is ResidentMyNumber.__table__:
                    row = (row.resident_id, open_my_number(KEYS, row.resident_id, row.sealed))
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture
def new_database(database_url, tmp_path, request) -> Iterator[Callable[[], Engine]]:
    """Makes further empty, migrated databases of the kind `database_url` names."""
    engines: list[Engine] = []

    def make() -> Engine:
        if database_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'city-{len(engines)}.sqlite3'}"
        else:
            url = request.getfixturevalue("postgres_cluster").new_database("demo_city")
        engines.append(_migrated(url))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()


def test_the_same_seed_gives_the_same_city_and_another_seed_another(new_database):
    first, again, other = new_database(), new_database(), new_database()
    fill_demo_city(first, 1_500, seed=42, progress=False, keys=KEYS)
    fill_demo_city(again, 1_500, seed=42, progress=False, keys=KEYS)
    fill_demo_city(other, 1_500, seed=43, progress=False, keys=KEYS)
    assert _digest(first) == _digest(again)
    assert _digest(first) != _digest(other)


@pytest.mark.postgres
def test_postgresql_holds_the_same_city_as_sqlite(sqlite_url, postgres_url):
    digests = []
    for url in (sqlite_url, postgres_url):
        engine = _migrated(url)
        fill_demo_city(engine, 1_000, seed=9, progress=False, keys=KEYS)
        digests.append(_digest(engine))
        engine.dispose()
    assert digests[0] == digests[1]


def test_a_failure_while_writing_reaches_the_caller(database_url):
    engine = _migrated(database_url)
    with engine.begin() as connection:
        connection.execute(
            Household.__table__.insert(),
            {"id": 3, "household_no": "X", "address": "-", "created_at": REFERENCE_TIME},
        )
    with pytest.raises(IntegrityError):
        fill_demo_city(engine, 100, progress=False, keys=KEYS)
    engine.dispose()


def _row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table))
            for table in TABLES_IN_INSERT_ORDER
        }


def test_a_fill_interrupted_midway_leaves_nothing_behind(database_url, monkeypatch):
    """Several batches are written before the interruption; none of them may stay."""
    from counter_app.demo import city
    from counter_app.demo.records import RowBuilder

    monkeypatch.setattr(city, "BATCH_RESIDENTS", 50)
    original_add = RowBuilder.add
    households_drawn = itertools.count(1)

    def interrupted_add(self, household, batch):
        if next(households_drawn) == 300:
            raise KeyboardInterrupt
        return original_add(self, household, batch)

    monkeypatch.setattr(RowBuilder, "add", interrupted_add)
    engine = _migrated(database_url)
    with pytest.raises(KeyboardInterrupt):
        fill_demo_city(engine, 2_000, progress=False, keys=KEYS)
    assert set(_row_counts(engine).values()) == {0}
    monkeypatch.setattr(RowBuilder, "add", original_add)
    assert fill_demo_city(engine, 200, progress=False, keys=KEYS).residents == 200
    engine.dispose()


def test_a_second_fill_is_refused(database_url):
    engine = _migrated(database_url)
    fill_demo_city(engine, 20, progress=False, keys=KEYS)
    with pytest.raises(CounterAppError) as refused:
        fill_demo_city(engine, 20, progress=False, keys=KEYS)
    assert refused.value.code is ErrorCode.DEMO_NOT_EMPTY
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Resident)) == 20
    engine.dispose()


def test_new_rows_after_a_fill_get_fresh_ids(database_url):
    """An import or a new resident after the demo city must not collide with its ids."""
    engine = _migrated(database_url)
    fill_demo_city(engine, 50, progress=False, keys=KEYS)
    with engine.begin() as connection:
        new_id = connection.execute(
            Household.__table__.insert().returning(Household.__table__.c.id),
            {"household_no": "NEW-1", "address": "-", "created_at": REFERENCE_TIME},
        ).scalar_one()
        highest = connection.scalar(select(func.max(Resident.household_id)))
    assert new_id > highest
    engine.dispose()
