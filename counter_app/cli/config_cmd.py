"""`counter-app config path|show|init`: where this PC's settings live and what they are."""

from __future__ import annotations

import argparse

from ..config import EXAMPLE_CONFIG, Config, resolve_config_path
from .common import guarded


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
    print(path)
    return 0


def run_show(args: argparse.Namespace, config: Config) -> int:
    print(f"source = {config.source or '(defaults)'}")
    print(f"terminal.name = {config.terminal_name}")
    print(f"terminal.kind = {config.terminal_kind.value}")
    print(f"terminal.window_number = {config.window_number}")
    print(f"terminal.department = {config.department}")
    print(f"database.url = {config.effective_database_url}")
    print(f"ui.language = {config.language}")
    print(f"ui.idle_lock_minutes = {config.idle_lock_minutes}")
    print(f"changes.keep_days = {config.changes_keep_days}")
    print(f"security.key_file = {config.effective_key_file}")
    for key, value in vars(config.devices).items():
        print(f"devices.{key} = {value}")
    return 0


def run_init(args: argparse.Namespace) -> int:
    path, _ = resolve_config_path(getattr(args, "config", None))
    if path.exists() and not args.force:
        print(f"{path} exists; use --force to overwrite")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EXAMPLE_CONFIG, encoding="utf-8")
    print(path)
    return 0
