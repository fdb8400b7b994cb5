"""A checkpoint file reads back as written, and any other file is CHECKPOINT_INVALID
saying what is wrong, never another exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.security.chain import EMPTY, Mark
from counter_app.security.checkpoint import (
    Checkpoint,
    checkpoint_text,
    read_checkpoint,
    write_checkpoint,
)

TAKEN = Checkpoint(
    "db-server:5432/counter",
    datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
    {"audit_log": Mark(120, 121, "ab" * 32), "procedure_actions": EMPTY},
)


def _invalid(path) -> str:
    with pytest.raises(CounterAppError) as raised:
        read_checkpoint(path)
    assert raised.value.code is ErrorCode.CHECKPOINT_INVALID
    return message_for(raised.value, "en")


def test_a_checkpoint_reads_back_as_written_and_is_never_overwritten(tmp_path):
    path = tmp_path / "2026-12-04.json"
    write_checkpoint(str(path), TAKEN)
    assert read_checkpoint(path) == TAKEN
    with pytest.raises(CounterAppError) as raised:
        write_checkpoint(str(path), TAKEN)
    assert raised.value.code is ErrorCode.CHECKPOINT_EXISTS
    with pytest.raises(CounterAppError) as raised:
        write_checkpoint(str(tmp_path / "no-such-folder" / "x.json"), TAKEN)
    assert raised.value.code is ErrorCode.CHECKPOINT_WRITE_FAILED


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        (lambda d: d.update(format="something-else/1"), "not a counter-app-checkpoint/1 file"),
        (lambda d: d.pop("database"), "database: missing"),
        (lambda d: d["logs"].pop("procedure_actions"), "procedure_actions: missing"),
        (lambda d: d["logs"]["audit_log"].update(entries=-1), "audit_log: entries: not a count"),
        (lambda d: d["logs"]["audit_log"].update(entries=True), "audit_log: entries: not a count"),
        (lambda d: d["logs"]["audit_log"].update(last_id=None), "audit_log: last_id: not an entry"),
        (lambda d: d["logs"]["audit_log"].update(digest="AB" * 32), "audit_log: digest: not a"),
        (lambda d: d.update(taken_at="x" * 100_000), "taken_at: not a time"),
    ],
)
def test_what_is_wrong_with_a_checkpoint_is_named(tmp_path, change, detail):
    document = json.loads(checkpoint_text(TAKEN))
    change(document)
    path = tmp_path / "checkpoint.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    message = _invalid(path)
    assert message.startswith(f"Cannot read the checkpoint {path}: ")
    assert detail in message and len(message) < 300


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe", b"[" * 100_000, b"1" * 5000, b"x" * 1_000_001, b'{"format": 1}'],
)
def test_files_that_are_no_checkpoint_are_refused(tmp_path, content):
    path = tmp_path / "checkpoint.json"
    path.write_bytes(content)
    assert len(_invalid(path)) < 300


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=70),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_is_a_checkpoint_or_a_clear_error(tmp_path, value):
    document = json.loads(checkpoint_text(TAKEN))
    path = tmp_path / "checkpoint.json"
    for candidate in (value, {**document, "logs": value}, {**document, "taken_at": value}):
        path.write_text(json.dumps(candidate), encoding="utf-8")
        try:
            read_checkpoint(path)
        except CounterAppError as error:
            assert error.code is ErrorCode.CHECKPOINT_INVALID
