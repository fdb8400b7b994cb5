"""`counter-app changes prune`: delete the change feed's old changes now.

Every PC already does this when it starts; the command is for a server whose PCs seldom
restart (run it from cron) and for clearing a feed by hand with a shorter `--keep-days`.
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from ..app import CounterApp
from ..changes import prune_if_due
from ..config import SETTING_RANGES, Config
from .common import guarded
from .terminal import echo


def _days(text: str) -> int:
    low, high = SETTING_RANGES["changes.keep_days"]
    days = int(text)
    if not low <= days <= high:
        raise argparse.ArgumentTypeError(f"{low}〜{high} の日数 / days from {low} to {high}")
    return days


def register(subparsers, common) -> None:
    changes = subparsers.add_parser("changes", parents=[common], help="変更フィード / change feed")
    actions = changes.add_subparsers(dest="changes_command", required=True)
    prune = actions.add_parser(
        "prune", parents=[common], help="古い変更を削除 / delete old changes"
    )
    prune.add_argument(
        "--keep-days",
        type=_days,
        metavar="N",
        help="保持日数 / days to keep (default: [changes] keep_days)",
    )
    prune.set_defaults(handler=guarded(run_prune))


def run_prune(args: argparse.Namespace, config: Config) -> int:
    keep_days = args.keep_days or config.changes_keep_days
    # Opened as every PC opens it (the schema brought up to date), without its own prune,
    # so that the count below is all that was deleted.
    app = CounterApp.open(config, getattr(args, "database", None), prune_changes=False)
    try:
        deleted = prune_if_due(app.db, timedelta(days=keep_days))
    finally:
        app.close()
    echo(f"changes pruned={deleted} keep_days={keep_days}")
    return 0
