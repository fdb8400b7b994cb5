"""Staff users, roles and logging in, through the core services on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.db.models import AuditEntry, LoginLockout, StaffUser, Terminal
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from counter_app.permissions import Permission, RoleCode, console_actor
from counter_app.services.lockout import MAX_FAILED_LOGINS
from tests.helpers import TERMINAL, add_user, open_app


@pytest.fixture
def app(database_url):
    app = open_app(database_url)
    yield app
    app.close()


def error_of(call) -> CounterAppError:
    with pytest.raises(CounterAppError) as raised:
        call()
    return raised.value


def test_a_user_logs_in_with_roles_departments_and_terminal(app):
    add_user(app, "hoken1", RoleCode.BACK_OFFICE, departments=("hoken_nenkin",))
    actor = app.auth.login("HOKEN1 ", "correct horse", app.terminal)
    assert actor.login == "hoken1"
    assert actor.roles == {RoleCode.BACK_OFFICE}
    assert actor.departments == {"hoken_nenkin"}
    assert actor.terminal == TERMINAL
    assert actor.can(Permission.WORK_DEPARTMENT_INBOX)
    assert not actor.can(Permission.MANAGE_USERS)
    with app.db.read() as session:
        terminal = session.scalar(select(Terminal).where(Terminal.name == TERMINAL))
        assert terminal is not None and terminal.kind == "window"
        user = session.scalar(select(StaffUser).where(StaffUser.login == "hoken1"))
        assert user.last_login_at is not None


def test_passwords_are_stored_as_argon2id_hashes(app):
    add_user(app, "clerk1", password="s3cret-pass")
    with app.db.read() as session:
        stored = session.scalar(select(StaffUser.password_hash).where(StaffUser.login == "clerk1"))
    assert stored.startswith("$argon2id$")
    assert "s3cret-pass" not in stored


def test_wrong_password_and_unknown_user_get_the_same_message(app):
    add_user(app, "clerk1")
    wrong = error_of(lambda: app.auth.login("clerk1", "wrong password", app.terminal))
    unknown = error_of(lambda: app.auth.login("nobody", "correct horse", app.terminal))
    assert wrong.code is unknown.code is ErrorCode.AUTH_BAD_CREDENTIALS
    assert message_for(wrong, "ja") == "ユーザーIDまたはパスワードが正しくありません。"
    assert message_for(unknown, "en") == "The user ID or password is incorrect."
    with app.db.read() as session:
        reasons = [
            e.detail
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.action == "auth.login_failed")
            )
        ]
    assert reasons == ['{"reason": "wrong_password"}', '{"reason": "unknown_user"}']


def test_a_disabled_user_cannot_log_in_until_enabled(app):
    """A disabled account answers like a wrong password, even to its right password."""
    add_user(app, "clerk1")
    admin = console_actor(TERMINAL)
    app.users.set_active(admin, "clerk1", False)
    error = error_of(lambda: app.auth.login("clerk1", "correct horse", app.terminal))
    assert error.code is ErrorCode.AUTH_BAD_CREDENTIALS
    assert message_for(error, "ja") == "ユーザーIDまたはパスワードが正しくありません。"
    app.users.set_active(admin, "clerk1", True)
    assert app.auth.login("clerk1", "correct horse", app.terminal).login == "clerk1"


def test_repeated_failures_lock_the_user_out(app):
    add_user(app, "clerk1")
    for _ in range(MAX_FAILED_LOGINS):
        error_of(lambda: app.auth.login("clerk1", "guess", app.terminal))
    error = error_of(lambda: app.auth.login("clerk1", "correct horse", app.terminal))
    assert error.code is ErrorCode.AUTH_LOCKED_OUT
    assert "15分間" in message_for(error, "ja")
    with app.db.write() as session:  # the lock-out expires
        lockout = session.scalar(select(LoginLockout))
        lockout.locked_until = lockout.locked_until - timedelta(minutes=16)
    assert app.auth.login("clerk1", "correct horse", app.terminal).login == "clerk1"


def test_unlocking_an_idle_screen_shares_the_login_lock_out(app):
    add_user(app, "clerk1")
    actor = app.auth.login("clerk1", "correct horse", app.terminal)
    app.auth.unlock(actor, "correct horse")
    for _ in range(MAX_FAILED_LOGINS - 1):
        assert error_of(lambda: app.auth.unlock(actor, "guess")).code is (
            ErrorCode.AUTH_BAD_CREDENTIALS
        )
    assert error_of(lambda: app.auth.unlock(actor, "guess")).code is ErrorCode.AUTH_LOCKED_OUT
    assert error_of(lambda: app.auth.unlock(actor, "correct horse")).code is (
        ErrorCode.AUTH_LOCKED_OUT
    )
    error = error_of(lambda: app.auth.login("clerk1", "correct horse", app.terminal))
    assert error.code is ErrorCode.AUTH_LOCKED_OUT
    app.users.set_active(console_actor(TERMINAL), "clerk1", False)
    assert error_of(lambda: app.auth.unlock(actor, "correct horse")).code is ErrorCode.AUTH_DISABLED


def test_only_administrators_manage_users(app):
    add_user(app, "clerk1")
    add_user(app, "clerk2")
    clerk = app.auth.login("clerk1", "correct horse", app.terminal)
    denied = error_of(lambda: app.users.add(clerk, "x1", "X", "password1", [RoleCode.WINDOW_CLERK]))
    assert denied.code is ErrorCode.PERMISSION_DENIED
    assert error_of(lambda: app.users.list(clerk)).code is ErrorCode.PERMISSION_DENIED
    assert error_of(lambda: app.users.set_active(clerk, "clerk2", False)).code is (
        ErrorCode.PERMISSION_DENIED
    )
    other = error_of(lambda: app.users.change_password(clerk, "clerk2", "new password"))
    assert other.code is ErrorCode.PERMISSION_DENIED
    app.users.change_password(clerk, "clerk1", "my new password")
    assert app.auth.login("clerk1", "my new password", app.terminal).login == "clerk1"


def test_user_records_are_validated(app):
    admin = console_actor(TERMINAL)
    add_user(app, "clerk1")
    cases = [
        (lambda: add_user(app, "clerk1"), ErrorCode.USER_EXISTS),
        (lambda: add_user(app, "Bad Login!"), ErrorCode.USER_INVALID),
        (lambda: add_user(app, "short", password="1234567"), ErrorCode.PASSWORD_TOO_SHORT),
        (lambda: add_user(app, "bo1", RoleCode.BACK_OFFICE), ErrorCode.USER_INVALID),
        (
            lambda: add_user(app, "bo2", RoleCode.BACK_OFFICE, departments=("nowhere",)),
            ErrorCode.DEPARTMENT_UNKNOWN,
        ),
        (lambda: app.users.set_active(admin, "ghost", False), ErrorCode.USER_NOT_FOUND),
    ]
    for call, code in cases:
        assert error_of(call).code is code
    assert [u.login for u in app.users.list(admin)] == ["clerk1"], "nothing half-written"


def test_every_user_action_is_audited_and_the_chain_verifies(app):
    admin = console_actor(TERMINAL)
    add_user(app, "clerk1")
    app.users.change_password(admin, "clerk1", "another password")
    app.users.set_active(admin, "clerk1", False)
    app.users.set_active(admin, "clerk1", True)
    actor = app.auth.login("clerk1", "another password", app.terminal)
    app.auth.logout(actor)
    with app.db.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == [
        "user.add",
        "user.passwd",
        "user.disable",
        "user.enable",
        "auth.login",
        "auth.logout",
    ]
    audit_log, _visit_log = app.audit.verify(admin)
    assert (audit_log.entries, audit_log.findings) == (6, ())


def test_departments_come_from_the_resource_file(app):
    from counter_app.db.models import Department

    with app.db.read() as session:
        names = {d.id: d.name for d in session.scalars(select(Department))}
    assert names["hoken_nenkin"] == "保険年金課"
    assert names["kaigo"] == "介護保険課"
    assert names["kodomo"] == "子育て支援課"
    assert len(names) == 9
