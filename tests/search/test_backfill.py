"""Migration 0002 fills the search keys of residents and households that existed before it."""

import pytest
from sqlalchemy import text

from counter_app.db.engine import make_engine
from counter_app.db.migrate import upgrade

pytestmark = pytest.mark.empty_database  # each test starts before the first migration


def test_upgrade_fills_keys_of_existing_rows(database_url):
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO households (id, household_no, address, katagaki, created_at) "
                "VALUES (1, '10000001', '東京都みどり市櫻町二丁目14番3号', 'メゾン桜 203号室', "
                "CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO residents (id, atena_no, household_id, relationship_to_head, "
                "surname_kanji, given_name_kanji, surname_kana, given_name_kana, birth_date, sex, "
                "status, voter_registered, contact_phone, updated_at) VALUES (1, '0000000001', 1, "
                "'世帯主', '髙橋', '花子', 'ﾀｶﾊｼ', 'はなこ', '1985-08-22', 'female', 'resident', "
                ":no, '090-1234-5678', CURRENT_TIMESTAMP)"
            ),
            {"no": False},
        )
    upgrade(engine)
    with engine.connect() as connection:
        keys = connection.execute(
            text(
                "SELECT name_key, given_name_key, kana_key, given_kana_key, phone_key "
                "FROM residents WHERE id = 1"
            )
        ).one()
        address_key = connection.scalar(text("SELECT address_key FROM households WHERE id = 1"))
    engine.dispose()
    assert tuple(keys) == ("高橋花子", "花子", "タカハシハナコ", "ハナコ", "09012345678")
    assert address_key == "東京都みどり市桜町2-14-3-メゾン桜203-室"
