"""`counter-app audit verify`: walk the audit log's hash chain and name the first broken row."""

from __future__ import annotations

import argparse

from ..config import Config
from ..permissions import console_actor
from .common import guarded, language_of, open_app
from .terminal import echo

_REASONS = {
    "ja": {"content": "内容の不一致", "link": "連鎖の欠落"},
    "en": {"content": "content does not match", "link": "chain link missing"},
}


def register(subparsers, common) -> None:
    audit = subparsers.add_parser("audit", parents=[common], help="監査ログ / audit log")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser(
        "verify", parents=[common], help="改ざん検査 / check the hash chain"
    )
    verify.set_defaults(handler=guarded(run_verify))


def broken_message(entry_id: int, reason: str, language: str) -> str:
    why = _REASONS.get(language, _REASONS["ja"]).get(reason, reason)
    if language == "en":
        return f"audit verify: tampering detected: entry #{entry_id} ({why})"
    return f"audit verify: 改ざんを検出しました: 記録 #{entry_id}（{why}）"


def run_verify(args: argparse.Namespace, config: Config) -> int:
    app = open_app(args, config)
    try:
        count, broken = app.audit.verify(console_actor(config.terminal_name))
    finally:
        app.close()
    if broken is None:
        echo(f"audit verify entries={count} ok")
        return 0
    echo(broken_message(broken.entry_id, broken.reason, language_of(args, config)))
    return 1
