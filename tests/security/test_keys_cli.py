"""`counter-app keys init|show|rotate` as IT staff run them, and what a rotation does to the
database and to the other PCs."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, update

from counter_app.config import default_data_dir
from counter_app.db.engine import make_engine
from counter_app.db.models import AuditEntry, ResidentMyNumber
from counter_app.demo import fill_demo_city
from counter_app.permissions import console_actor
from counter_app.security import rotation
from counter_app.security.keyring import KEY_FILE_NAME, load_key_file
from counter_app.security.my_numbers import load_my_numbers
from counter_app.security.registry import registered_keys
from counter_app.security.rotation import KEYS_ROTATED, rotate_keys
from tests.helpers import TERMINAL, open_app, run_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_init_makes_a_private_key_file_show_lists_it_and_nothing_is_overwritten(tmp_path):
    path = tmp_path / "office" / "counter-app.key"
    none_yet = run_cli("keys", "show", "--key-file", str(path))
    assert none_yet.returncode == 1
    assert none_yet.stderr.splitlines() == [
        f"counter-app: 鍵ファイル {path} はありません。新しい事務所なら counter-app keys init で"
        "作り、既存の事務所ならほかの端末かバックアップからコピーしてください。"
    ]
    made = run_cli("keys", "init", "--key-file", str(path))
    assert made.returncode == 0, made.stderr
    ring = load_key_file(path)
    first, advice = made.stdout.splitlines()
    assert first == f"keys init: 鍵ファイルを作りました: {path}（鍵 {ring.current.id}）"
    assert "すべての端末" in advice and "オフラインで2か所" in advice
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)

    shown = run_cli("keys", "show", "--key-file", str(path), "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    created = ring.current.created.isoformat(timespec="seconds")
    assert shown.stdout.splitlines() == [
        f"key file: {path}",
        f"  {ring.current.id}  created {created} (current)",
    ]
    secret = json.loads(path.read_text(encoding="utf-8"))["keys"][0]["secret"]
    assert secret not in shown.stdout + made.stdout

    before = path.read_bytes()
    again = run_cli("keys", "init", "--key-file", str(path))
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"counter-app: エラー: 鍵ファイル {path} はすでにあります。上書きしません。"
    ]
    assert path.read_bytes() == before


def _sealed(url: str) -> dict[int, str]:
    """resident id → the sealed My Number, as stored."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(ResidentMyNumber.resident_id, ResidentMyNumber.sealed)
            ).all()
        return {resident_id: sealed for resident_id, sealed in rows}
    finally:
        engine.dispose()


def test_rotate_reseals_every_my_number_and_the_other_pcs_need_the_new_file(postgres_url, tmp_path):
    db = ("--database", postgres_url)
    assert run_cli("keys", "init").returncode == 0  # the office's key, before the first start
    key_file = default_data_dir() / KEY_FILE_NAME
    other_pc_key = tmp_path / "other-pc" / KEY_FILE_NAME
    other_pc_key.parent.mkdir()
    shutil.copy2(key_file, other_pc_key)  # the copy every PC was given
    other_pc = tmp_path / "other-pc" / "config.toml"
    other_pc.write_text(f'[security]\nkey_file = "{other_pc_key}"\n', encoding="utf-8")
    filled = run_cli("demo-data", "--residents", "120", *db)
    assert filled.returncode == 0, filled.stderr
    old = load_key_file(key_file)
    app = open_app(postgres_url)
    with app.db.read() as session:
        numbers = load_my_numbers(session, list(_sealed(postgres_url))).opened
    app.close()
    assert len(numbers) == 120

    rotated = run_cli("keys", "rotate", *db)
    assert rotated.returncode == 0, rotated.stderr
    new = load_key_file(key_file)
    assert new.key_ids[:-1] == old.key_ids and new.keys[0].secret == old.keys[0].secret
    summary, outdated = rotated.stdout.splitlines()
    assert summary == (
        f"keys rotate: 新しい鍵 {new.current.id} を {key_file} に追加しました"
        f"（前の鍵 {old.current.id} も残しています）。個人番号 再暗号化=120 復号不可=0"
    )
    assert outdated.startswith("ほかの端末は、この鍵ファイルを受け取るまで起動できません")
    assert mode(key_file) == 0o600

    sealed = _sealed(postgres_url)
    assert {value.partition(":")[0] for value in sealed.values()} == {new.current.id}
    app = open_app(postgres_url)
    try:
        with app.db.read() as session:
            assert load_my_numbers(session, list(sealed)).opened == numbers
            assert [key_id for key_id, _ in registered_keys(session)] == list(new.key_ids)
            [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == KEYS_ROTATED))
        assert entry.subject_id == new.current.id
        assert json.loads(entry.detail) == {
            "previous": old.current.id,
            "my_numbers_resealed": 120,
            "my_numbers_unreadable": 0,
        }
    finally:
        app.close()

    stale = run_cli("users", "list", "--config", str(other_pc), *db)
    assert stale.returncode == 1
    assert stale.stderr.splitlines() == [
        f"counter-app: エラー: 鍵ファイル {other_pc_key} は古い版です。データベースは新しい鍵 "
        f"{new.current.id} を使っています。鍵の更新後の鍵ファイルをこの端末にも配布してください。"
    ]
    shutil.copy2(key_file, other_pc_key)
    assert run_cli("users", "list", "--config", str(other_pc), *db).returncode == 0


@pytest.fixture
def city(sqlite_url):
    app = open_app(sqlite_url)
    fill_demo_city(app.engine, 30, progress=False, keys=app.keys)
    yield app
    app.close()


def test_a_value_that_does_not_open_is_left_as_it_was_and_named(city):
    table = ResidentMyNumber.__table__
    with city.engine.begin() as connection:
        connection.execute(update(table).where(table.c.resident_id == 7).values(sealed="x:AAAA"))
    done = rotate_keys(city.db, console_actor(TERMINAL))
    assert (done.resealed, done.unreadable) == (29, (7,))
    assert _sealed(str(city.engine.url))[7] == "x:AAAA"


def test_a_rotation_that_fails_leaves_the_key_file_and_the_database_as_they_were(city, monkeypatch):
    key_file = city.keys.path
    file_before = key_file.read_bytes()
    sealed_before = _sealed(str(city.engine.url))

    def reseal_then_fail(session, ring):
        rotation_reseal(session, ring)
        raise OSError("disk full")

    rotation_reseal = rotation.reseal_my_numbers
    monkeypatch.setattr(rotation, "reseal_my_numbers", reseal_then_fail)
    with pytest.raises(OSError, match="disk full"):
        rotate_keys(city.db, console_actor(TERMINAL))
    assert key_file.read_bytes() == file_before
    assert _sealed(str(city.engine.url)) == sealed_before
    with city.db.read() as session:
        assert [key_id for key_id, _ in registered_keys(session)] == list(city.keys.key_ids)


def test_when_every_copy_is_lost_a_new_key_lets_the_office_work_again(sqlite_url, tmp_path):
    db = ("--database", sqlite_url)
    assert run_cli("demo-data", "--residents", "30", *db).returncode == 0
    key_file = default_data_dir() / KEY_FILE_NAME
    found_later = tmp_path / "found-later.key"
    shutil.move(key_file, found_later)
    missing = run_cli("users", "list", *db)
    assert missing.returncode == 1 and "がありません" in missing.stderr

    unconfirmed = run_cli("keys", "replace-lost", *db)
    assert unconfirmed.returncode == 2 and "--all-copies-lost" in unconfirmed.stderr
    assert not key_file.exists()

    replaced = run_cli("keys", "replace-lost", "--all-copies-lost", *db)
    assert replaced.returncode == 0, replaced.stderr
    new = load_key_file(key_file)
    lost = load_key_file(found_later)
    summary, advice = replaced.stdout.splitlines()
    assert summary == (
        f"keys replace-lost: 新しい鍵 {new.current.id} を {key_file} に作り、データベースに登録"
        f"しました（失われた鍵: {lost.current.id}）。復号できない個人番号=30"
    )
    assert "取り込み直して" in advice
    assert run_cli("users", "list", *db).returncode == 0

    app = open_app(sqlite_url)
    try:
        with app.db.read() as session:
            numbers = load_my_numbers(session, range(1, 31))
        assert (numbers.opened, numbers.unreadable) == ({}, frozenset(range(1, 31)))
    finally:
        app.close()
    stale = run_cli("users", "list", "--config", str(_config(tmp_path, found_later)), *db)
    assert stale.returncode == 1 and "古い版です" in stale.stderr


def _config(folder: Path, key_file: Path) -> Path:
    path = folder / "config.toml"
    path.write_text(f'[security]\nkey_file = "{key_file}"\n', encoding="utf-8")
    return path
