"""The `counter-app` argument parser. Without a subcommand the launcher opens the screens."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from types import ModuleType

from .. import __version__
from . import (
    audit_cmd,
    cash_cmd,
    catalog_cmd,
    changes_cmd,
    config_cmd,
    db,
    demo,
    guide_cmd,
    import_cmd,
    keys_cmd,
    ticket_cmd,
    users,
)
from .common import add_common_options


def build_parser(extra_commands: Sequence[ModuleType] = ()) -> argparse.ArgumentParser:
    """The parser of every subcommand; `extra_commands` are modules with a `register`
    function from the outer layers (the launcher adds `ui.forms_cmd`)."""
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="総合窓口端末 / one-stop window terminal. "
        "サブコマンドなしで画面を開きます / without a subcommand, opens the login screen.",
    )
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    add_common_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    add_common_options(common, suppress=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    core = (
        db,
        users,
        demo,
        config_cmd,
        audit_cmd,
        import_cmd,
        catalog_cmd,
        guide_cmd,
        ticket_cmd,
        cash_cmd,
        changes_cmd,
        keys_cmd,
    )
    for module in (*core, *extra_commands):
        module.register(subparsers, common)
    return parser


def run_command(args: argparse.Namespace) -> int:
    return args.handler(args)
