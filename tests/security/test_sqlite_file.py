"""The embedded database on disk: private to its owner, in a folder that must exist, and
refused in one line when it is not an SQLite database."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from counter_app.app import CounterApp
from counter_app.config import Config, default_data_dir
from counter_app.permissions import RoleCode
from tests.helpers import add_user, run_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    """The usual desktop umask: files would be 0644 and folders 0755 unless the app says."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_default_database_its_wal_and_folder_are_private_while_in_use():
    app = CounterApp.open(Config(terminal_name="PC"))
    try:
        folder = default_data_dir()
        database = folder / "counter-app.sqlite3"
        assert (mode(folder), mode(database)) == (0o700, 0o600)
        add_user(app, "clerk1", RoleCode.WINDOW_CLERK)  # a write: the WAL holds it
        wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
        assert wal.stat().st_size > 0 and shm.exists()
        assert (mode(wal), mode(shm)) == (0o600, 0o600)
    finally:
        app.close()


def test_loose_modes_left_by_an_older_version_are_tightened_on_open():
    folder = default_data_dir()
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)
    database = folder / "counter-app.sqlite3"
    holder = sqlite3.connect(database, isolation_level=None)  # keeps the WAL and SHM
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE left_over (x)")
    companions = [Path(f"{database}-wal"), Path(f"{database}-shm")]
    for path in (database, *companions):
        os.chmod(path, 0o644)
    try:
        CounterApp.open(Config(terminal_name="PC")).close()
        assert mode(folder) == 0o700
        assert [mode(path) for path in (database, *companions)] == [0o600, 0o600, 0o600]
    finally:
        holder.close()


def test_a_database_in_a_folder_of_its_own_is_private_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'city.sqlite3'}"
    app = CounterApp.open(Config(terminal_name="PC", key_file=tmp_path / "keys" / "k.key"), url)
    app.close()
    assert mode(tmp_path / "city.sqlite3") == 0o600
    assert mode(tmp_path / "keys") == 0o700 and mode(tmp_path / "keys" / "k.key") == 0o600


def test_demo_data_from_the_command_line_leaves_only_private_files():
    result = run_cli("demo-data", "--residents", "40")
    assert result.returncode == 0, result.stderr
    folder = default_data_dir()
    assert mode(folder) == 0o700
    assert sorted(path.name for path in folder.iterdir()) == [
        "counter-app.key",
        "counter-app.sqlite3",
    ]
    assert {path.name: mode(path) for path in folder.iterdir()} == {
        "counter-app.key": 0o600,
        "counter-app.sqlite3": 0o600,
    }


def _one_line_error(result) -> str:
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    return line


def test_a_folder_that_does_not_exist_is_refused_not_created(tmp_path):
    missing = tmp_path / "typo" / "city"
    result = run_cli("db", "upgrade", "--database", f"sqlite:///{missing / 'counter.sqlite3'}")
    assert _one_line_error(result) == (
        f"counter-app: エラー: データベースのフォルダ {missing} がありません。"
        "フォルダを作るか、データベースURLを確認してください（自動では作りません）。"
    )
    assert not (tmp_path / "typo").exists()
    english = run_cli(
        "users", "list", "--lang", "en", "--database", f"sqlite:///{missing / 'c.sqlite3'}"
    )
    assert _one_line_error(english).startswith(
        f"counter-app: error: The database folder {missing} does not exist."
    )


def _real_database(path: Path) -> bytes:
    """An SQLite file of a few hundred pages."""
    built = sqlite3.connect(path)
    built.execute("CREATE TABLE residents (id INTEGER PRIMARY KEY, name TEXT)")
    built.executemany("INSERT INTO residents (name) VALUES (?)", [("髙橋 一郎" * 20,)] * 5_000)
    built.commit()
    built.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("damage", "command"),
    [
        ("text", ("db", "upgrade")),
        ("cut_short", ("users", "list")),
        ("header_only", ("demo-data", "--residents", "5")),
        ("a_folder", ("audit", "verify")),
    ],
)
def test_a_file_that_is_not_an_sqlite_database_gives_one_line(tmp_path, damage, command):
    target = tmp_path / "counter.sqlite3"
    if damage == "text":
        target.write_text("[database]\nurl = 'this is a config file'\n", encoding="utf-8")
    elif damage == "a_folder":
        target.mkdir()
    else:
        whole = _real_database(tmp_path / "whole.sqlite3")
        target.write_bytes(whole[: len(whole) // 2] if damage == "cut_short" else whole[:150])
    before = target.read_bytes() if target.is_file() else None
    result = run_cli(*command, "--database", f"sqlite:///{target}")
    assert _one_line_error(result) == (
        f"counter-app: エラー: {target} はSQLiteのデータベースではないか、壊れています。"
        "ファイル名を確認するか、バックアップから戻してください。"
    )
    if before is not None:
        assert target.read_bytes() == before, "a refused file is left as it was"
