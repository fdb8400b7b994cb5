"""Logging in tells nobody which user IDs exist: not by the answer, not by the lock-out,
not by the time it takes, and the audit log never keeps an ID that matches no user."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, select

from counter_app import passwords
from counter_app.db.models import AuditEntry, Base, StaffUser
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import console_actor
from counter_app.security.keyring import Purpose
from counter_app.services.auth import UNKNOWN_LOGIN
from counter_app.services.lockout import MAX_FAILED_LOGINS
from tests.helpers import TERMINAL, add_user, open_app, run_cli

PASSWORD = "correct horse"
# What a hurried clerk types into the user ID field: a password.
PASSWORD_AS_ID = "Kaede#Pass-2027"


@pytest.fixture
def app(database_url):
    app = open_app(database_url)
    yield app
    app.close()


def answer(app, login: str, password: str) -> tuple[ErrorCode, str, str] | str:
    """What the user sees: the error's code and its wording in both languages."""
    try:
        return app.auth.login(login, password, app.terminal).login
    except CounterAppError as error:
        return error.code, message_for(error, "ja"), message_for(error, "en")


def answers(app, login: str, password: str, times: int) -> list:
    return [answer(app, login, password) for _ in range(times)]


def test_an_unknown_id_locks_out_after_five_failures_exactly_like_a_real_one(app):
    add_user(app, "clerk1")
    real = answers(app, "clerk1", "wrong guess", MAX_FAILED_LOGINS + 1)
    unknown = answers(app, "ghost", "wrong guess", MAX_FAILED_LOGINS + 1)
    assert unknown == real
    bad = (ErrorCode.AUTH_BAD_CREDENTIALS, "ユーザーIDまたはパスワードが正しくありません。")
    assert [a[:2] for a in real[: MAX_FAILED_LOGINS - 1]] == [bad] * (MAX_FAILED_LOGINS - 1)
    locked = (
        ErrorCode.AUTH_LOCKED_OUT,
        "ログインの失敗が続いたため、15分間ログインできません。",
        "Too many failed logins: try again in 15 minutes.",
    )
    assert real[MAX_FAILED_LOGINS - 1 :] == [locked, locked]
    assert answer(app, "clerk1", PASSWORD) == locked, "the right password waits too"


def test_the_lock_out_is_per_typed_id_as_login_normalises_it(app):
    add_user(app, "clerk1")
    for typed in ("Ghost", " GHOST", "ghost ", "gHoSt", "ghost"):
        answer(app, typed, "wrong guess")
    assert answer(app, "ghost", "x")[0] is ErrorCode.AUTH_LOCKED_OUT
    assert answer(app, "ghost2", "x")[0] is ErrorCode.AUTH_BAD_CREDENTIALS
    assert answer(app, "clerk1", PASSWORD) == "clerk1"
    for _ in range(MAX_FAILED_LOGINS - 1):
        answer(app, "clerk1", "wrong guess")
    assert answer(app, "clerk1", PASSWORD) == "clerk1", "a success starts the count again"
    assert answer(app, "clerk1", "wrong guess")[0] is ErrorCode.AUTH_BAD_CREDENTIALS


def test_a_disabled_user_answers_like_a_wrong_password_and_locks_the_same_way(app):
    add_user(app, "clerk1")
    add_user(app, "clerk2")
    app.users.set_active(console_actor(TERMINAL), "clerk2", False)
    wrong = answers(app, "clerk1", "wrong guess", MAX_FAILED_LOGINS + 1)
    disabled = answers(app, "clerk2", PASSWORD, MAX_FAILED_LOGINS + 1)
    assert disabled == wrong
    assert disabled[0][0] is ErrorCode.AUTH_BAD_CREDENTIALS
    assert disabled[-1][0] is ErrorCode.AUTH_LOCKED_OUT
    app.users.set_active(console_actor(TERMINAL), "clerk2", True)  # also ends the lock-out
    assert answer(app, "clerk2", PASSWORD) == "clerk2"


def all_stored_text(app) -> str:
    """Every value of every table, as text."""
    parts = []
    with app.db.read() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


def test_the_database_never_keeps_an_id_that_matches_no_user(app):
    add_user(app, "clerk1")
    for _ in range(MAX_FAILED_LOGINS + 1):
        answer(app, PASSWORD_AS_ID, "whatever-1")
    answer(app, "clerk1", "wrong guess")
    stored = all_stored_text(app).lower()
    assert PASSWORD_AS_ID.lower() not in stored
    with app.db.read() as session:
        failed = session.execute(
            select(AuditEntry.login, AuditEntry.subject_type, AuditEntry.subject_id)
            .where(AuditEntry.action == "auth.login_failed")
            .order_by(AuditEntry.id)
        ).all()
    digest = app.keys.digest(Purpose.LOGIN_ID, PASSWORD_AS_ID.lower())
    unknown_entry = (UNKNOWN_LOGIN, "login_id", digest[:40])
    assert failed == [unknown_entry] * (MAX_FAILED_LOGINS + 1) + [
        ("clerk1", "staff_user", "clerk1")
    ], "a real ID is logged as typed"


class CountingHasher(PasswordHasher):
    """The real Argon2 hasher (with the parameters of the one in use), noting which hash
    each verification checked."""

    def __init__(self, like: PasswordHasher) -> None:
        super().__init__(
            time_cost=like.time_cost,
            memory_cost=like.memory_cost,
            parallelism=like.parallelism,
            hash_len=like.hash_len,
            salt_len=like.salt_len,
        )
        self.verified: list[str] = []

    def verify(self, hash, password) -> bool:
        self.verified.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


def test_every_refusal_spends_one_argon2_verification(app, monkeypatch):
    """Timing is equal because every path verifies exactly one real Argon2 hash of the
    same parameters (the user's own, or a stand-in for an unknown ID) and runs the same
    database statements."""
    add_user(app, "clerk1")
    add_user(app, "locked1")
    add_user(app, "disabled1")
    app.users.set_active(console_actor(TERMINAL), "disabled1", False)
    for _ in range(MAX_FAILED_LOGINS):
        answer(app, "locked1", "wrong guess")
    for _ in range(MAX_FAILED_LOGINS):
        answer(app, "locked-ghost", "wrong guess")
    with app.db.read() as session:
        stored = dict(session.execute(select(StaffUser.login, StaffUser.password_hash)).all())
    hasher = CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", hasher)
    attempts = {
        "wrong password": ("clerk1", "wrong guess", stored["clerk1"]),
        "disabled": ("disabled1", PASSWORD, stored["disabled1"]),
        "locked": ("locked1", PASSWORD, stored["locked1"]),
        "unknown": ("ghost", PASSWORD, None),
        "unknown and locked": ("locked-ghost", PASSWORD, None),
    }
    statements: list[str] = []

    def record(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(app.engine, "before_cursor_execute", record)
    run: dict[str, list[str]] = {}
    for kind, (login, password, expected_hash) in attempts.items():
        hasher.verified.clear()
        statements.clear()
        assert isinstance(answer(app, login, password), tuple), kind
        run[kind] = list(statements)
        assert len(hasher.verified) == 1, kind
        checked = hasher.verified[0]
        if expected_hash is None:
            assert checked not in stored.values(), kind
        else:
            assert checked == expected_hash, kind
        parameters = checked.rsplit("$", 2)[0]
        assert parameters == stored["clerk1"].rsplit("$", 2)[0], kind
    event.remove(app.engine, "before_cursor_execute", record)
    assert run["unknown"] == run["disabled"] == run["wrong password"], "the same statements"
    assert run["unknown and locked"] == run["locked"]


@pytest.mark.postgres
def test_users_list_shows_a_lock_out_that_enable_and_passwd_end(postgres_url):
    db = ("--database", postgres_url)
    app = open_app(postgres_url)
    add_user(app, "clerk1")
    add_user(app, "clerk2")
    for login in ("clerk1", "clerk2"):
        for _ in range(MAX_FAILED_LOGINS):
            answer(app, login, "wrong guess")
    until = {u.login: u.locked_until for u in app.users.list(console_actor(TERMINAL))}
    assert set(until) == {"clerk1", "clerk2"} and None not in until.values()
    shown = f"{until['clerk1'].astimezone():%H:%M}"
    listed = run_cli("users", "list", *db).stdout
    status = {line.split("\t")[0]: line.split("\t")[4] for line in listed.splitlines()[1:]}
    assert status["clerk1"] == f"有効（{shown}までロック中）"
    listed_en = run_cli("users", "list", "--lang", "en", *db).stdout
    assert f"\tactive (locked until {shown})\t" in listed_en
    assert run_cli("users", "enable", "clerk1", *db).returncode == 0
    passwd = run_cli("users", "passwd", "clerk2", "--password-stdin", *db, stdin="new password\n")
    assert passwd.returncode == 0, passwd.stderr
    assert "locked" not in run_cli("users", "list", "--lang", "en", *db).stdout
    assert answer(app, "clerk1", PASSWORD) == "clerk1"
    assert answer(app, "clerk2", "new password") == "clerk2"
    app.close()
