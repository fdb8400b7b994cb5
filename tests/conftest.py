"""Shared fixtures: an isolated environment, SQLite files and a throwaway PostgreSQL."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from argon2 import PasswordHasher

from counter_app import passwords
from counter_app.db import budget
from counter_app.db.engine import make_engine
from counter_app.db.migrate import upgrade
from tests.postgres import ThrowawayCluster

QUICK_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test reads or writes the developer's own config or data directories."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("COUNTER_APP_CONFIG", raising=False)
    return home


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Argon2id with the smallest parameters inside the test process: the suite creates and
    checks thousands of passwords, each 0.1 s at the real cost. The real parameters are
    what every `counter-app` subprocess uses (tests/test_cli.py checks them)."""
    monkeypatch.setattr(passwords, "_hasher", QUICK_HASHER)


@pytest.fixture(autouse=True)
def prompt_pool_timeout(monkeypatch):
    """A PC has one connection (counter_app.db.budget): code that asks for a second one
    while holding the first would wait for itself. Here it fails after 30 s, not 120."""
    monkeypatch.setattr(budget, "POOL_TIMEOUT_SECONDS", 30)


@pytest.fixture(scope="session")
def postgres_cluster():
    cluster = ThrowawayCluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster):
    """A new, empty database on the throwaway cluster for each test."""
    return postgres_cluster.new_database()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'counter-app.sqlite3'}"


def _migrated(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def sqlite_at_head(tmp_path_factory):
    """An SQLite file at the newest schema, migrated once per test process."""
    path = tmp_path_factory.mktemp("schema") / "head.sqlite3"
    _migrated(f"sqlite:///{path}")
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"the migrated file must stand alone to be copied: {leftovers}"
    return path


@pytest.fixture(scope="session")
def postgres_at_head(postgres_cluster) -> str:
    """The name of a database at the newest schema, migrated once per test process, that
    each test's database is copied from (CREATE DATABASE … TEMPLATE)."""
    url = postgres_cluster.new_database(prefix="head")
    _migrated(url)
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """Run the test once on an SQLite file and once on PostgreSQL, each a database of its
    own copied from one already at the newest schema (migrating every test's database
    from nothing took 0.2 s on SQLite and 0.5 s on PostgreSQL, test after test). Tests of
    migrations and of `db upgrade` are marked `empty_database`: theirs has no schema."""
    empty = request.node.get_closest_marker("empty_database") is not None
    if request.param == "sqlite":
        if empty:
            return request.getfixturevalue("sqlite_url")
        path = tmp_path / "counter-app.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_at_head"), path)
        path.chmod(0o600)
        return f"sqlite:///{path}"
    if empty:
        return request.getfixturevalue("postgres_url")
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.new_database(template=request.getfixturevalue("postgres_at_head"))
