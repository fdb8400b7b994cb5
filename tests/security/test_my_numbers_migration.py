"""A database from before sealing (revision 0008, My Numbers in clear) is upgraded in place:
every number sealed, none left in clear, and refused with nothing changed without keys."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from counter_app.db.engine import make_engine
from counter_app.db.migrate import current_revision, head_revision, upgrade
from counter_app.db.models import Household, Resident
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import RoleCode
from counter_app.search.keys import household_search_keys, resident_search_keys
from tests import helpers

pytestmark = pytest.mark.empty_database  # each test starts before the first migration

REVEALED = ["487590338490", "970434517779", "038542082760"]
# Enough rows to fill many pages: freed pages are not all reused by what replaces them.
NUMBERS = REVEALED + [f"{700_000_000_000 + n * 7_919:012d}" for n in range(1_500)]
clear_my_numbers = sa.table(
    "resident_my_numbers", sa.column("resident_id", sa.Integer), sa.column("my_number", sa.String)
)


def _old_database(url: str) -> list[int]:
    """A database at revision 0008 whose residents have their My Numbers in clear (NUMBERS,
    in resident id order); their ids."""
    engine = make_engine(url)
    upgrade(engine, "0008")
    address = "東京都みどり市緑町一丁目2番3号"
    ids = list(range(1, len(NUMBERS) + 1))
    with engine.begin() as connection:
        connection.execute(
            sa.insert(Household.__table__),
            {
                "id": 1,
                "household_no": "H0001",
                "address": address,
                "created_at": datetime(2026, 11, 1, tzinfo=UTC),
                **household_search_keys(address, None),
            },
        )
        connection.execute(
            sa.insert(Resident.__table__),
            [
                {
                    "id": n,
                    "atena_no": f"{n:010d}",
                    "household_id": 1,
                    "relationship_to_head": "世帯主" if n == 1 else "子",
                    "surname_kanji": "髙橋",
                    "given_name_kanji": f"太郎{n}",
                    "surname_kana": "タカハシ",
                    "given_name_kana": "タロウ",
                    "birth_date": date(1980, 1, 1),
                    "sex": "男",
                    "status": "resident",
                    "voter_registered": True,
                    "updated_at": datetime(2026, 11, 1, tzinfo=UTC),
                    **resident_search_keys("髙橋", f"太郎{n}", "タカハシ", "タロウ"),
                }
                for n in ids
            ],
        )
        connection.execute(
            sa.insert(clear_my_numbers),
            [
                {"resident_id": n, "my_number": number}
                for n, number in zip(ids, NUMBERS, strict=True)
            ],
        )
    engine.dispose()
    return ids


def _stored(url: str) -> bytes:
    """The My Number table as stored: the SQLite file and its WAL, or PostgreSQL's rows and
    the table's file in the cluster (the throwaway cluster runs on this machine)."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            database = Path(engine.url.database)
            return b"".join(
                p.read_bytes() for p in (database, Path(f"{database}-wal")) if p.exists()
            )
        with engine.connect() as connection:
            rows = connection.scalars(sa.text("SELECT t::text FROM resident_my_numbers t")).all()
            connection.execute(sa.text("CHECKPOINT"))  # the table's pages onto disk
            folder = connection.scalar(sa.text("SELECT current_setting('data_directory')"))
            relation = connection.scalar(
                sa.text("SELECT pg_relation_filepath('resident_my_numbers')")
            )
        return "\n".join(rows).encode() + (Path(folder) / relation).read_bytes()
    finally:
        engine.dispose()


def test_an_old_database_is_sealed_in_place_when_the_app_opens_it(database_url):
    ids = _old_database(database_url)
    before = _stored(database_url)
    assert all(number.encode() in before for number in NUMBERS)

    engine = make_engine(database_url)
    with pytest.raises(CounterAppError) as refused:
        upgrade(engine)  # no key ring
    assert refused.value.code is ErrorCode.MY_NUMBER_NEEDS_KEYS
    assert message_for(refused.value, "ja").startswith(
        f"データベースには暗号化されていない個人番号が {len(NUMBERS)} 件あります。"
    )
    assert current_revision(engine) == "0008"
    with engine.connect() as connection:
        kept = connection.execute(
            sa.select(clear_my_numbers.c.my_number).order_by(clear_my_numbers.c.resident_id)
        )
        assert list(kept.scalars()) == NUMBERS, "a refused upgrade changes nothing"
    engine.dispose()

    app = helpers.open_app(database_url)  # upgrades with this PC's key file
    try:
        assert current_revision(app.engine) == head_revision()
        helpers.add_user(app, "madoguchi", RoleCode.WINDOW_CLERK, password="correct horse")
        clerk = app.auth.login("madoguchi", "correct horse", app.terminal)
        revealed = [app.residents.reveal_my_number(clerk, rid, "国保の手続き") for rid in ids[:3]]
        assert revealed == REVEALED
    finally:
        app.close()
    stored = _stored(database_url)
    assert not [number for number in NUMBERS if number.encode() in stored]


def test_db_upgrade_from_the_command_line_seals_and_records_the_key(postgres_url, tmp_path):
    _old_database(postgres_url)
    result = helpers.run_cli("db", "upgrade", "--database", postgres_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("db upgraded:")
    stored = _stored(postgres_url)
    assert not [number for number in NUMBERS if number.encode() in stored]
    # The database now knows its key: a PC without that file may not make a key of its own.
    other_pc = tmp_path / "other-pc.toml"
    other_pc.write_text('[security]\nkey_file = "other.key"\n', encoding="utf-8")
    refused = helpers.run_cli(
        "users", "list", "--config", str(other_pc), "--database", postgres_url
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        f"counter-app: エラー: 鍵ファイル {tmp_path / 'other.key'} がありません。"
    )
    assert not (tmp_path / "other.key").exists()
