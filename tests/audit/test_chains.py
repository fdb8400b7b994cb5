"""The keyed chains of the audit log and the visits' action log: what someone with the
schema owner's rights does to a log shows, named by log and entry, and a checkpoint taken
before shows a shorter or rewritten log even to whoever holds the key file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from counter_app.db.engine import make_engine
from counter_app.db.models import ChainHead
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.forms import FormBundle
from counter_app.permissions import console_actor
from counter_app.security.chain import AUDIT_LOG, CHAINED_LOGS, Mark
from counter_app.security.chain_verify import Finding, FindingKind, LogReport
from counter_app.security.checkpoint import read_checkpoint
from counter_app.security.keyring import KeyRing, load_key_file, new_secret_key, save_key_file
from tests import helpers
from tests.audit import tamper
from tests.audit.conftest import open_copy

ADMIN = console_actor(helpers.TERMINAL)
by_log = pytest.mark.parametrize("log", CHAINED_LOGS, ids=lambda log: log.name)


def verified(template, url: str, log, *, checkpoint: bool = True) -> LogReport:
    app = open_copy(template, url)
    try:
        taken = read_checkpoint(template.checkpoint) if checkpoint else None
        return next(r for r in app.audit.verify(ADMIN, taken) if r.log == log.name)
    finally:
        app.close()


def head_of(url: str, log) -> Mark:
    engine = make_engine(url)
    with Session(engine) as session:
        head = session.get(ChainHead, log.name)
        mark = Mark(head.entries, head.last_id, head.last_hash)
    engine.dispose()
    return mark


def checkpoint_mark(template, log) -> Mark:
    return read_checkpoint(template.checkpoint).marks[log.name]


@pytest.fixture
def engine(copy_url):
    engine = make_engine(copy_url)
    tamper.lift_triggers(engine)
    yield engine
    engine.dispose()


@by_log
def test_a_clean_log_verifies_with_and_without_the_checkpoint(template, log):
    for checkpoint in (False, True):
        report = verified(template, template.url, log, checkpoint=checkpoint)
        assert report == LogReport(log.name, template.entries[log.name], ())


@by_log
def test_removing_the_newest_entries_leaves_it_shorter_than_its_head_and_the_checkpoint(
    template, copy_url, engine, log
):
    ids = tamper.entry_ids(engine, log)
    head = head_of(copy_url, log)
    kept = template.entries_at_checkpoint[log.name] - 2
    tamper.delete_newest(engine, log, len(ids) - kept)
    assert verified(template, copy_url, log).findings == (
        Finding(FindingKind.SHORTER_THAN_HEAD, ids[kept - 1], head, kept),
        Finding(
            FindingKind.SHORTER_THAN_CHECKPOINT, ids[kept - 1], checkpoint_mark(template, log), kept
        ),
    )
    assert verified(template, copy_url, log, checkpoint=False).findings == (
        Finding(FindingKind.SHORTER_THAN_HEAD, ids[kept - 1], head, kept),
    )


@by_log
def test_an_emptied_log_is_shorter_than_its_head_and_the_checkpoint(
    template, copy_url, engine, log
):
    head = head_of(copy_url, log)
    tamper.empty(engine, log)
    assert verified(template, copy_url, log).findings == (
        Finding(FindingKind.SHORTER_THAN_HEAD, None, head, 0),
        Finding(FindingKind.SHORTER_THAN_CHECKPOINT, None, checkpoint_mark(template, log), 0),
    )


@by_log
def test_an_altered_entry_is_named(template, copy_url, engine, log):
    second = tamper.entry_ids(engine, log)[1]
    tamper.alter(engine, log, second)
    assert verified(template, copy_url, log).findings == (Finding(FindingKind.CONTENT, second),)


@by_log
def test_an_entry_removed_in_the_middle_breaks_the_next_ones_link(template, copy_url, engine, log):
    ids = tamper.entry_ids(engine, log)
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM {log.name} WHERE id = {ids[1]}"))
    head = head_of(copy_url, log)
    at_checkpoint = template.entries_at_checkpoint[log.name]
    assert verified(template, copy_url, log).findings == (
        Finding(FindingKind.LINK, ids[2]),
        Finding(FindingKind.DIVERGES_FROM_HEAD, ids[-1], head, len(ids) - 1),
        Finding(
            FindingKind.DIVERGES_FROM_CHECKPOINT,
            ids[at_checkpoint],
            checkpoint_mark(template, log),
            len(ids) - 1,
        ),
    )


@by_log
def test_a_chain_made_again_with_plain_sha256_matches_nothing(template, copy_url, engine, log):
    ids = tamper.entry_ids(engine, log)
    key_id = load_key_file(template.key_file).current.id
    tamper.chain_anew(engine, log, tamper.sha256, key_id, altered=ids[1])
    at_checkpoint = template.entries_at_checkpoint[log.name]
    assert verified(template, copy_url, log).findings == (
        Finding(FindingKind.CONTENT, ids[0]),
        Finding(FindingKind.HEAD_ALTERED, entries=len(ids)),
        Finding(
            FindingKind.DIVERGES_FROM_CHECKPOINT,
            ids[at_checkpoint - 1],
            checkpoint_mark(template, log),
            len(ids),
        ),
    )


@by_log
def test_a_chain_made_again_with_another_key_matches_nothing(template, copy_url, engine, log):
    ids = tamper.entry_ids(engine, log)
    theirs = KeyRing([new_secret_key()])
    tamper.chain_anew(
        engine,
        log,
        lambda data: theirs.digest(log.purpose, data),
        theirs.current.id,
        altered=ids[1],
    )
    findings = verified(template, copy_url, log).findings
    assert findings[0] == Finding(FindingKind.UNKNOWN_KEY, ids[0], key_id=theirs.current.id)
    assert [f.kind for f in findings[1:]] == [
        FindingKind.HEAD_ALTERED,
        FindingKind.DIVERGES_FROM_CHECKPOINT,
    ]


@by_log
def test_a_log_rewritten_with_the_key_file_itself_shows_only_against_the_checkpoint(
    template, copy_url, engine, log
):
    ids = tamper.entry_ids(engine, log)
    ring = load_key_file(template.key_file)
    tamper.chain_anew(
        engine,
        log,
        lambda data: ring.digest(log.purpose, data),
        ring.current.id,
        altered=ids[1],
    )
    assert verified(template, copy_url, log, checkpoint=False).ok
    at_checkpoint = template.entries_at_checkpoint[log.name]
    assert verified(template, copy_url, log).findings == (
        Finding(
            FindingKind.DIVERGES_FROM_CHECKPOINT,
            ids[at_checkpoint - 1],
            checkpoint_mark(template, log),
            len(ids),
        ),
    )


@by_log
def test_a_deleted_head_is_named_and_the_log_takes_no_more_entries(template, copy_url, engine, log):
    with engine.begin() as connection:
        connection.execute(text(f"DELETE FROM chain_heads WHERE log = '{log.name}'"))
    assert verified(template, copy_url, log, checkpoint=False).findings == (
        Finding(FindingKind.HEAD_MISSING, entries=template.entries[log.name]),
    )
    app = open_copy(template, copy_url)
    try:
        with pytest.raises(CounterAppError) as raised:
            if log is AUDIT_LOG:
                helpers.add_user(app, "clerk9")
            else:
                _add_visit_action(app)
        assert raised.value.code is ErrorCode.CHAIN_HEAD_MISSING
        with pytest.raises(CounterAppError) as raised:
            app.audit.checkpoint(ADMIN)
        assert raised.value.code is ErrorCode.CHAIN_HEAD_MISSING
    finally:
        app.close()


@by_log
def test_a_head_moved_back_without_the_key_is_named(template, copy_url, engine, log):
    with Session(engine) as session, session.begin():
        session.execute(
            update(ChainHead).where(ChainHead.log == log.name).values(entries=ChainHead.entries - 1)
        )
    assert verified(template, copy_url, log, checkpoint=False).findings == (
        Finding(FindingKind.HEAD_ALTERED, entries=template.entries[log.name]),
    )
    app = open_copy(template, copy_url)
    try:
        with pytest.raises(CounterAppError) as raised:
            app.audit.checkpoint(ADMIN)
        assert raised.value.code is ErrorCode.CHAIN_HEAD_INVALID
        assert raised.value.params == {"log": log.name}
    finally:
        app.close()


def test_after_a_key_rotation_old_entries_verify_and_new_ones_name_the_new_key(
    template, copy_url, tmp_path
):
    rotated = load_key_file(template.key_file).with_new_key()
    key_file = tmp_path / "rotated.key"
    save_key_file(key_file, rotated)
    app = open_copy(replace(template, key_file=key_file), copy_url)
    try:
        helpers.add_user(app, "clerk9")
        _add_visit_action(app)
        reports = app.audit.verify(ADMIN, read_checkpoint(template.checkpoint))
        added = {"audit_log": 2, "procedure_actions": 1}  # a user, a login; a reprint
        assert [(r.log, r.entries, r.ok) for r in reports] == [
            (log.name, template.entries[log.name] + added[log.name], True) for log in CHAINED_LOGS
        ]
        with app.db.read() as session:
            newest = [
                session.scalar(select(log.model.key_id).order_by(log.model.id.desc()).limit(1))
                for log in CHAINED_LOGS
            ]
    finally:
        app.close()
    assert newest == [rotated.current.id, rotated.current.id]
    assert rotated.keys[0].id != rotated.current.id


def _add_visit_action(app) -> None:
    """One more entry in the visits' action log: a kept form printed again."""
    clerk = app.auth.login("madoguchi", "correct horse", app.terminal)
    with app.db.read() as session:
        number = session.scalar(text("SELECT visit_number FROM visits ORDER BY id LIMIT 1"))
    app.visit_forms.reprinted(clerk, FormBundle(number, "", None, ()))
