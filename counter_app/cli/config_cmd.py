"""`counter-app config path|show|init`: where this PC's settings live and what they are."""

from __future__ import annotations

import argparse

from ..config import EXAMPLE_CONFIG, Config, resolve_config_path
from .common import guarded
from .terminal import echo


def register(subparsers, common) -> None:
    config = subparsers.add_parser(
        "config", parents=[common], help="端末の設定 / this PC's settings"
    )
    actions = config.add_subparsers(dest="config_command", required=True)
    actions.add_parser(
        "path", parents=[common], help="設定ファイルの場所 / file location"
    ).set_defaults(handler=guarded(run_path))
    actions.add_parser(
        "show", parents=[common], help="有効な設定 / effective settings"
    ).set_defaults(handler=guarded(run_show))
    init = actions.add_parser(
        "init", parents=[common], help="設定ファイルの雛形を書く / write a template"
    )
    init.add_argument("--force", action="store_true", help="既存を上書き / overwrite")
    init.set_defaults(handler=run_init)


def run_path(args: argparse.Namespace, config: Config) -> int:
    path, _ = resolve_config_path(getattr(args, "config", None))
    echo(path)
    return 0


def run_show(args: argparse.Namespace, config: Config) -> int:
    echo(f"source = {config.source or '(defaults)'}")
    echo(f"terminal.name = {config.terminal_name}")
    echo(f"terminal.kind = {config.terminal_kind.value}")
    echo(f"terminal.window_number = {config.window_number}")
    echo(f"terminal.department = {config.department}")
    echo(f"database.url = {config.effective_database_url}")
    echo(f"ui.language = {config.language}")
    echo(f"ui.idle_lock_minutes = {config.idle_lock_minutes}")
    echo(f"changes.keep_days = {config.changes_keep_days}")
    echo(f"security.key_file = {config.effective_key_file}")
    for key, value in vars(config.devices).items():
        echo(f"devices.{key} = {value}")
    return 0


def run_init(args: argparse.Namespace) -> int:
    path, _ = resolve_config_path(getattr(args, "config", None))
    if path.exists() and not args.force:
        echo(f"{path} exists; use --force to overwrite")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE_CONFIG, encoding="utf-8")
    echo(path)
    return 0
