"""`counter-app users add|passwd|list|disable|enable`.

`list` shows a user locked out by failed logins; `enable` (also on an enabled user) and
`passwd` end the lock-out."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..config import Config
from ..errors import CounterAppError, ErrorCode
from ..permissions import console_actor, parse_role
from ..services.users import UserSummary
from .common import guarded, language_of, open_app
from .terminal import echo


def register(subparsers, common) -> None:
    users = subparsers.add_parser("users", parents=[common], help="職員ユーザー / staff users")
    actions = users.add_subparsers(dest="users_command", required=True)

    add = actions.add_parser("add", parents=[common], help="追加 / add a user")
    add.add_argument("login", help="ユーザーID / login (a-z 0-9 . _ -)")
    add.add_argument("--name", required=True, help="氏名 / display name")
    add.add_argument(
        "--role",
        action="append",
        required=True,
        help="window_clerk | floor_manager | back_office | supervisor | administrator | reform_officer (repeatable)",
    )
    add.add_argument("--department", action="append", default=[], help="部署ID / department id")
    add.add_argument("--password-stdin", action="store_true", help="パスワードを標準入力から読む")
    add.set_defaults(handler=guarded(run_add))

    passwd = actions.add_parser("passwd", parents=[common], help="パスワード変更 / set password")
    passwd.add_argument("login")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(handler=guarded(run_passwd))

    actions.add_parser("list", parents=[common], help="一覧 / list users").set_defaults(
        handler=guarded(run_list)
    )
    for name, help_text in (("disable", "利用停止 / disable"), ("enable", "利用再開 / enable")):
        action = actions.add_parser(name, parents=[common], help=help_text)
        action.add_argument("login")
        action.set_defaults(handler=guarded(run_set_active), active=name == "enable")


def read_new_password(args: argparse.Namespace, language: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    ja = language == "ja"
    first = getpass.getpass("新しいパスワード: " if ja else "New password: ")
    second = getpass.getpass("もう一度入力: " if ja else "Repeat: ")
    if first != second:
        raise CounterAppError(ErrorCode.PASSWORD_MISMATCH)
    return first


def run_add(args: argparse.Namespace, config: Config) -> int:
    roles = [parse_role(role) for role in args.role]
    password = read_new_password(args, language_of(args, config))
    app = open_app(args, config)
    try:
        user = app.users.add(
            console_actor(config.terminal_name),
            args.login,
            args.name,
            password,
            roles,
            args.department,
        )
    finally:
        app.close()
    echo(f"added {user.login} roles={','.join(user.roles)}")
    return 0


def run_passwd(args: argparse.Namespace, config: Config) -> int:
    password = read_new_password(args, language_of(args, config))
    app = open_app(args, config)
    try:
        app.users.change_password(console_actor(config.terminal_name), args.login, password)
    finally:
        app.close()
    echo(f"password changed for {args.login.lower()}")
    return 0


def run_list(args: argparse.Namespace, config: Config) -> int:
    app = open_app(args, config)
    try:
        users = app.users.list(console_actor(config.terminal_name))
    finally:
        app.close()
    ja = language_of(args, config) == "ja"
    header = (
        ("ユーザーID", "氏名", "役割", "部署", "状態", "最終ログイン")
        if ja
        else ("login", "name", "roles", "departments", "status", "last login")
    )
    echo("\t".join(header))
    for user in users:
        last = (
            user.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if user.last_login_at
            else "-"
        )
        echo(
            "\t".join(
                (
                    user.login,
                    user.display_name,
                    ",".join(user.roles),
                    ",".join(user.departments) or "-",
                    _status(user, ja),
                    last,
                )
            )
        )
    return 0


def run_set_active(args: argparse.Namespace, config: Config) -> int:
    app = open_app(args, config)
    try:
        app.users.set_active(console_actor(config.terminal_name), args.login, args.active)
    finally:
        app.close()
    echo(f"{'enabled' if args.active else 'disabled'} {args.login.lower()}")
    return 0


def _status(user: UserSummary, ja: bool) -> str:
    """有効 / 停止, and a lock-out after failed logins with when it ends (`users enable`
    or `users passwd` ends it sooner)."""
    status = ("有効" if ja else "active") if user.active else ("停止" if ja else "disabled")
    if user.locked_until is None:
        return status
    until = user.locked_until.astimezone().strftime("%H:%M")
    return f"{status}（{until}までロック中）" if ja else f"{status} (locked until {until})"
