"""A small hand-made register, written through the ORM with the keys from keys.py."""

from datetime import date

import pytest

from counter_app.db.models import Household, Resident, ResidentMyNumber, SupportMeasure
from counter_app.permissions import Actor, RoleCode
from counter_app.search.keys import household_search_keys, phone_key, resident_search_keys
from counter_app.search.service import ResidentSearch
from counter_app.security.my_numbers import my_number_row
from tests.helpers import open_app

TODAY = date(2026, 11, 23)
MY_NUMBER = "123456789018"
CLERK = Actor(
    user_id=None, login="clerk", display_name="窓口", roles=frozenset({RoleCode.WINDOW_CLERK})
)

HOUSEHOLDS = [
    ("10000001", "東京都みどり市桜町二丁目14番3号", None),
    ("10000002", "東京都みどり市本町一丁目2番5号", "メゾン本町 203号室"),
    ("10000003", "東京都みどり市緑町三丁目7番1号", None),
]
# household, surname, given, surname kana, given kana, birth date, phone
RESIDENTS = [
    ("10000001", "髙橋", "花子", "タカハシ", "ハナコ", date(1985, 8, 22), "090-1234-5678"),
    ("10000001", "髙橋", "一郎", "タカハシ", "イチロウ", date(1983, 1, 7), None),
    ("10000002", "高橋", "一郎", "タカハシ", "イチロウ", date(1960, 4, 1), "03-1234-5678"),
    ("10000002", "高梨", "健", "タカナシ", "ケン", date(1985, 8, 22), None),
    ("10000002", "高", "優子", "タカ", "ユウコ", date(1990, 5, 5), None),
    ("10000003", "山﨑", "太郎", "ヤマザキ", "タロウ", date(1989, 1, 8), None),
    ("10000003", "山埼", "次郎", "ヤマサキ", "ジロウ", date(1989, 1, 7), None),
    ("10000003", "町田", "守", "マチダ", "マモル", date(2019, 5, 1), "080-2222-3333"),
]
PROTECTED = "町田\u3000守"  # under a support measure (支援措置) since 2026-01-01


def fill_register(app) -> None:
    with app.db.write() as session:
        households = {}
        for number, address, katagaki in HOUSEHOLDS:
            households[number] = Household(
                household_no=number,
                address=address,
                katagaki=katagaki,
                **household_search_keys(address, katagaki),
            )
            session.add(households[number])
        for index, (number, surname, given, surname_kana, given_kana, born, phone) in enumerate(
            RESIDENTS, start=1
        ):
            session.add(
                Resident(
                    atena_no=f"{index:010d}",
                    juminhyo_code=f"{index + 20_000_000_000:011d}",
                    household=households[number],
                    relationship_to_head="世帯主",
                    surname_kanji=surname,
                    given_name_kanji=given,
                    surname_kana=surname_kana,
                    given_name_kana=given_kana,
                    birth_date=born,
                    sex="female",
                    contact_phone=phone,
                    phone_key=phone_key(phone),
                    **resident_search_keys(surname, given, surname_kana, given_kana),
                )
            )
        session.flush()
        first = session.query(Resident).filter_by(given_name_kanji="花子").one()
        session.add(ResidentMyNumber(**my_number_row(app.keys, first.id, MY_NUMBER)))
        protected = session.query(Resident).filter_by(surname_kanji="町田").one()
        session.add(
            SupportMeasure(resident_id=protected.id, kind="dv", started_on=date(2026, 1, 1))
        )


@pytest.fixture
def register_app(database_url):
    app = open_app(database_url)
    fill_register(app)
    yield app
    app.close()


@pytest.fixture
def register(register_app):
    return ResidentSearch(register_app.db, today=lambda: TODAY)
