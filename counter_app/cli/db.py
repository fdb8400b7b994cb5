"""`counter-app db upgrade|current`."""

from __future__ import annotations

import argparse

from ..config import Config
from ..db.engine import Database, check_connection, describe_target, make_engine
from ..db.migrate import current_revision, head_revision, upgrade
from ..security.chain import register_keys
from ..security.registry import open_key_ring
from .common import guarded
from .terminal import echo


def register(subparsers, common) -> None:
    db = subparsers.add_parser("db", parents=[common], help="データベース / database schema")
    actions = db.add_subparsers(dest="db_command", required=True)
    actions.add_parser(
        "upgrade", parents=[common], help="スキーマを最新にする / migrate to the latest schema"
    ).set_defaults(handler=guarded(run_upgrade))
    actions.add_parser(
        "current", parents=[common], help="スキーマの版を表示 / show the schema revision"
    ).set_defaults(handler=guarded(run_current))


def _engine(args: argparse.Namespace, config: Config):
    engine = make_engine(args.database or config.effective_database_url)
    check_connection(engine)
    return engine


def run_upgrade(args: argparse.Namespace, config: Config) -> int:
    """Run by IT as the schema owner (docs/postgresql-roles.md), with the office's key
    file: some migrations sign existing rows with it, and the database then records it,
    so that no PC signs with another."""
    engine = _engine(args, config)
    try:
        keys = open_key_ring(engine, config.effective_key_file)
        changed = upgrade(engine, keys=keys)
        with Database(engine, keys).write() as session:
            register_keys(session, keys)
        target = describe_target(str(engine.url))
        state = "upgraded" if changed else "up to date"
        echo(f"db {state}: {target} revision={current_revision(engine)}")
    finally:
        engine.dispose()
    return 0


def run_current(args: argparse.Namespace, config: Config) -> int:
    engine = _engine(args, config)
    try:
        echo(f"current={current_revision(engine) or 'none'} head={head_revision()}")
    finally:
        engine.dispose()
    return 0
