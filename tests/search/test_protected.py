"""A resident under a support measure (支援措置): never confirmed by where they live, still
found by who they are, and every search that shows them is in the audit log."""

import json

from sqlalchemy import func, select, update

from counter_app.db.models import AuditEntry, Resident
from counter_app.permissions import Actor, RoleCode
from counter_app.search.service import SEARCH_PROTECTED
from tests.search.conftest import CLERK, PROTECTED

HOUSEMATES = ["山埼\u3000次郎", "山﨑\u3000太郎"]  # the protected resident's household
WINDOW_CLERK = Actor(
    user_id=None,
    login="madoguchi",
    display_name="窓口",
    roles=frozenset({RoleCode.WINDOW_CLERK}),
    terminal="窓口2番",
)


def names(register, text: str, actor: Actor = CLERK) -> list[str]:
    return sorted(hit.name for hit in register.search(actor, text))


def protected_id(app) -> int:
    with app.db.read() as session:
        return session.scalar(select(Resident.id).where(Resident.surname_kanji == "町田"))


def audit_entries(app) -> list[AuditEntry]:
    with app.db.read() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


ADDRESSES = [
    "緑町",
    "緑町3丁目",
    "緑町三丁目7",
    "緑町3-7",
    "緑町3丁目7番",
    "緑町3-7-1",
    "緑町三丁目7番1号",
    "東京都みどり市緑町3-7-1",
    "みどり市緑町3丁目7番1号",
    "3-7-1",  # matched as a substring
]


def test_an_address_household_number_or_phone_never_reveals_them(register):
    for address in ADDRESSES:
        assert names(register, address) == HOUSEMATES, address
    assert names(register, "10000003") == HOUSEMATES
    assert names(register, "080-2222-3333") == []
    assert names(register, "08022223333") == [], "11 digits from 0: phone or 住民票コード"


def test_nor_does_one_with_their_name(register):
    for typed in [
        "まちだ 緑町",
        "町田 緑町3-7-1",
        "町田 守 緑町三丁目7番1号",
        "まちだ 桜町",  # any address, right or wrong
        "まちだ メゾン本町",
        "まちだ 3-7-1",
        "まちだ 10000003",
        "町田 10000001",
        "まちだ 080-2222-3333",
        "まちだ 08022223333",
        "まちだ R1.5.1 緑町3-7-1",
    ]:
        assert PROTECTED not in names(register, typed), typed


def test_who_they_are_still_finds_them_flagged(register, register_app):
    with register_app.db.read() as session:
        person = session.get(Resident, protected_id(register_app))
        numbers = [person.atena_no, person.juminhyo_code]
    for typed in [
        "まちだ",
        "マチダ マモル",
        "町田",
        "町田 守",
        "R1.5.1",
        "まちだ R1.5.1",
        *numbers,
    ]:
        [hit] = [hit for hit in register.search(CLERK, typed) if hit.name == PROTECTED]
        assert hit.support_measure, typed
        assert hit.address is None and hit.katagaki is None and hit.household_no is None


def test_an_eleven_digit_code_from_0_finds_them_as_a_code_never_as_a_phone(register, register_app):
    """01234567890 is 町田's 住民票コード and 髙橋 花子's phone: both are listed, each
    through the alternative that may reveal them."""
    with register_app.db.write() as session:
        session.execute(
            update(Resident)
            .where(Resident.id == protected_id(register_app))
            .values(juminhyo_code="01234567890")
        )
        session.execute(
            update(Resident)
            .where(Resident.given_name_kanji == "花子")
            .values(contact_phone="01234567890", phone_key="01234567890")
        )
    hits = register.search(CLERK, "01234567890")
    assert sorted((hit.name, hit.support_measure) for hit in hits) == [
        (PROTECTED, True),
        ("髙橋\u3000花子", False),
    ]
    # the phone of 町田 (080-2222-3333) typed as 11 digits still finds no one
    assert names(register, "08022223333") == []


def test_a_search_that_shows_them_is_logged_with_the_kinds_never_the_text(register, register_app):
    before = len(audit_entries(register_app))
    register.search(WINDOW_CLERK, "まちだ")
    register.search(WINDOW_CLERK, "町田 守 令和元年5月1日")
    entries = audit_entries(register_app)[before:]
    assert [(e.action, e.subject_type, e.subject_id) for e in entries] == [
        (SEARCH_PROTECTED, "resident", str(protected_id(register_app)))
    ] * 2
    assert [(e.login, e.terminal) for e in entries] == [("madoguchi", "窓口2番")] * 2
    assert [json.loads(e.detail) for e in entries] == [
        {"criteria": ["kana"]},
        {"criteria": ["name", "birth_date"]},
    ]
    for entry in entries:
        logged = f"{entry.detail} {entry.purpose}"
        for typed in ("まちだ", "マチダ", "町田", "守", "令和", "2019"):
            assert typed not in logged


def test_searches_without_a_protected_hit_write_nothing(register, register_app):
    def count() -> int:
        with register_app.db.read() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry))

    before = count()
    for typed in ["たかはし", "緑町3-7-1", "10000003", "まちだ 緑町", "080-2222-3333", "やまだ"]:
        register.search(WINDOW_CLERK, typed)
    assert count() == before
