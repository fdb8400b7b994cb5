"""`counter-app audit verify [--checkpoint FILE]`: check the audit log and the visits'
action log with the key file, and name every log and entry that does not hold (exit 1);
`counter-app audit checkpoint --out FILE`: write where both logs end, for the city to
keep outside the database. A checkpoint that cannot be read or written: exit 2."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import Config
from ..errors import CounterAppError, ErrorCode
from ..permissions import console_actor
from ..security.checkpoint import STDOUT, read_checkpoint, write_checkpoint
from .audit_text import finding_line
from .common import guarded, language_of, open_app, print_error
from .terminal import echo

BAD_FILE = 2


def register(subparsers, common) -> None:
    audit = subparsers.add_parser("audit", parents=[common], help="監査ログ / audit log")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = actions.add_parser(
        "verify", parents=[common], help="改ざん検査 / check the chained logs"
    )
    verify.add_argument(
        "--checkpoint",
        metavar="FILE",
        help="以前に書いたチェックポイントとも照合する / compare with a checkpoint taken before",
    )
    verify.set_defaults(handler=guarded(run_verify))
    checkpoint = actions.add_parser(
        "checkpoint",
        parents=[common],
        help="ログの末尾をファイルに書く / write where the logs end",
    )
    checkpoint.add_argument(
        "--out",
        metavar="FILE",
        required=True,
        help="新しいファイル（- で標準出力）/ a new file (- for standard output)",
    )
    checkpoint.set_defaults(handler=guarded(run_checkpoint))


def run_verify(args: argparse.Namespace, config: Config) -> int:
    language = language_of(args, config)
    checkpoint = None
    if args.checkpoint:
        try:
            checkpoint = read_checkpoint(Path(args.checkpoint))
        except CounterAppError as error:
            print_error(error, language)
            return BAD_FILE
    app = open_app(args, config)
    try:
        reports = app.audit.verify(console_actor(config.terminal_name), checkpoint)
    finally:
        app.close()
    for report in reports:
        if report.ok:
            echo(f"audit verify {report.log} entries={report.entries} ok")
        for finding in report.findings:
            echo(finding_line(report.log, finding, language))
    if not all(report.ok for report in reports):
        return 1
    if checkpoint is not None:
        held = " ".join(f"{log}={mark.entries}" for log, mark in checkpoint.marks.items())
        echo(f"audit verify checkpoint {checkpoint.taken_at.isoformat()} holds {held}")
    return 0


def run_checkpoint(args: argparse.Namespace, config: Config) -> int:
    language = language_of(args, config)
    if args.out != STDOUT and Path(args.out).exists():  # say so before the work
        print_error(CounterAppError(ErrorCode.CHECKPOINT_EXISTS, path=args.out), language)
        return BAD_FILE
    app = open_app(args, config)
    try:
        checkpoint = app.audit.checkpoint(console_actor(config.terminal_name))
    finally:
        app.close()
    try:
        write_checkpoint(args.out, checkpoint)
    except CounterAppError as error:
        print_error(error, language)
        return BAD_FILE
    if args.out != STDOUT:
        written = " ".join(f"{log}={mark.entries}" for log, mark in checkpoint.marks.items())
        echo(f"audit checkpoint {args.out} {written}")
    return 0
