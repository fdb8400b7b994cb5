"""The key file: private on disk, one key per purpose, refused when it is not the
database's own."""

from __future__ import annotations

import json
import os
import stat

import pytest

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.security.keyring import (
    KeyRing,
    Purpose,
    create_key_file,
    load_key_file,
    save_key_file,
)


def test_a_new_key_file_is_private_and_reads_back(tmp_path):
    path = tmp_path / "keys" / "counter-app.key"
    ring = create_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = load_key_file(path)
    assert again.key_ids == ring.key_ids
    assert "secret" not in repr(again.current)
    with pytest.raises(CounterAppError) as exists:
        create_key_file(path)
    assert exists.value.code is ErrorCode.KEY_FILE_EXISTS


def test_sealed_values_open_only_in_their_context_and_with_their_key(tmp_path):
    ring = create_key_file(tmp_path / "a.key")
    token = ring.seal(Purpose.MY_NUMBER, "123456789018", context="resident:7")
    assert "123456789018" not in token
    assert ring.unseal(Purpose.MY_NUMBER, token, context="resident:7") == "123456789018"
    for wrong in (
        lambda: ring.unseal(Purpose.MY_NUMBER, token, context="resident:8"),
        lambda: ring.unseal(Purpose.AUDIT_CHAIN, token, context="resident:7"),
        lambda: ring.unseal(Purpose.MY_NUMBER, token[:-4] + "AAAA", context="resident:7"),
        lambda: create_key_file(tmp_path / "b.key").unseal(
            Purpose.MY_NUMBER, token, context="resident:7"
        ),
    ):
        with pytest.raises(CounterAppError) as refused:
            wrong()
        assert refused.value.code in (ErrorCode.KEY_CANNOT_OPEN, ErrorCode.KEY_UNKNOWN)


def test_a_rotated_ring_still_opens_and_verifies_what_older_keys_made(tmp_path):
    path = tmp_path / "k.key"
    old = create_key_file(path)
    token = old.seal(Purpose.MY_NUMBER, "000000000019")
    signature = old.digest(Purpose.AUDIT_CHAIN, "entry")
    new = old.with_new_key()
    save_key_file(path, new)
    reread = load_key_file(path)
    assert reread.current.id != old.current.id
    assert reread.unseal(Purpose.MY_NUMBER, token) == "000000000019"
    assert reread.digest(Purpose.AUDIT_CHAIN, "entry", old.current.id) == signature
    assert reread.digest(Purpose.AUDIT_CHAIN, "entry") != signature
    assert reread.digest(Purpose.LOGIN_ID, "entry") != reread.digest(Purpose.AUDIT_CHAIN, "entry")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("not json", ErrorCode.KEY_FILE_INVALID),
        (json.dumps({"format": "other"}), ErrorCode.KEY_FILE_INVALID),
        (json.dumps({"format": "counter-app-keys/1", "keys": []}), ErrorCode.KEY_FILE_INVALID),
        (
            json.dumps(
                {
                    "format": "counter-app-keys/1",
                    "keys": [{"id": "k", "created": "2026-01-01T00:00:00", "secret": "c2hvcnQ="}],
                }
            ),
            ErrorCode.KEY_FILE_INVALID,
        ),
    ],
)
def test_a_broken_key_file_is_refused_with_its_reason(tmp_path, content, code):
    path = tmp_path / "k.key"
    path.write_text(content, encoding="utf-8")
    os.chmod(path, 0o600)
    with pytest.raises(CounterAppError) as refused:
        load_key_file(path)
    assert refused.value.code is code


def test_a_key_file_others_may_read_is_refused(tmp_path):
    path = tmp_path / "k.key"
    create_key_file(path)
    os.chmod(path, 0o644)
    with pytest.raises(CounterAppError) as refused:
        load_key_file(path)
    assert refused.value.code is ErrorCode.KEY_FILE_PERMISSIONS


def _config(key_file, tmp_path) -> Config:
    return Config(terminal_name="PC", key_file=key_file)


def test_a_pc_needs_the_database_s_own_key_file(database_url, tmp_path):
    first = tmp_path / "office.key"
    app = CounterApp.open(_config(first, tmp_path), database_url)  # a new database: made here
    app.close()
    assert first.exists()

    missing = tmp_path / "missing.key"
    with pytest.raises(CounterAppError) as refused:
        CounterApp.open(_config(missing, tmp_path), database_url)
    assert refused.value.code is ErrorCode.KEY_FILE_MISSING
    assert not missing.exists(), "a database that has a key never gets a new one by accident"

    other = tmp_path / "other.key"
    create_key_file(other)
    with pytest.raises(CounterAppError) as refused:
        CounterApp.open(_config(other, tmp_path), database_url)
    assert refused.value.code is ErrorCode.KEY_FILE_MISMATCH

    rotated = tmp_path / "rotated.key"
    save_key_file(rotated, KeyRing(load_key_file(first).keys, rotated).with_new_key())
    os.chmod(rotated, 0o600)
    CounterApp.open(_config(rotated, tmp_path), database_url).close()  # registers the new key
    with pytest.raises(CounterAppError) as refused:
        CounterApp.open(_config(first, tmp_path), database_url)
    assert refused.value.code is ErrorCode.KEY_FILE_OUTDATED
