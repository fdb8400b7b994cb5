"""`counter-app voice add | search | report`: residents' voices from the command line.

    counter-app voice add --kind 苦情 --channel 窓口 --department shimin [--topic waiting]
        --text "…" --as USER_ID                         → voice id=…
    counter-app voice search QUERY --as USER_ID [--csv FILE] → one line per hit, or a CSV
    counter-app voice report --month YYYY-MM [--format csv|text|pdf] [--out FILE]

`add` and `search` act as the user named by --as (same checks, same log as on a screen).
Texts leave masked (phone numbers, names … as ＊＊＊), on the terminal and in the CSV.
`report` identifies no resident and no member of staff: it runs as the console. It lives
here, not in the core's CLI, because its PDF is drawn by `printing`. Bad input (an
unknown kind, channel, topic or department, an empty text, a month that is no month)
exits 2 with one line; a database that cannot be reached exits 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from counter_app.app import CounterApp
from counter_app.cli.common import guarded, language_of, print_error, with_app
from counter_app.cli.terminal import echo
from counter_app.clock import today
from counter_app.config import Config
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import console_actor
from counter_app.safe_text import escaped
from counter_app.voices import Channel, VoiceDraft, VoiceKind, label, parse_choice
from counter_app.voices.personal_data import masked
from counter_app.voices.report import report_csv, report_text
from counter_app.whole_files import write_bytes_whole
from printing.voice_report import voice_report_pdf

FIRST_WORDS = 30
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def register(subparsers, common) -> None:
    voice = subparsers.add_parser("voice", parents=[common], help="住民の声 / residents' voices")
    actions = voice.add_subparsers(dest="voice_command", required=True)

    add = actions.add_parser("add", parents=[common], help="住民の声を記録 / record a voice")
    add.add_argument("--kind", required=True, help="苦情 要望 問合せ お礼 提案")
    add.add_argument("--channel", required=True, help="窓口 電話 メール 手紙 SNS アンケート")
    add.add_argument(
        "--department", required=True, action="append", metavar="ID", help="部署 (repeatable)"
    )
    add.add_argument("--topic", action="append", default=[], metavar="T", help="分野 (repeatable)")
    add.add_argument("--text", required=True)
    add.add_argument("--as", dest="login", required=True, metavar="USER_ID")
    add.set_defaults(handler=guarded(run_add))

    search = actions.add_parser("search", parents=[common], help="住民の声を検索 / search")
    search.add_argument("query")
    search.add_argument("--as", dest="login", required=True, metavar="USER_ID")
    search.add_argument(
        "--csv", type=Path, metavar="FILE", help="検索結果をCSVに（個人情報は伏せる）/ export"
    )
    search.add_argument("--encoding", choices=("utf-8", "cp932"), default="utf-8")
    search.set_defaults(handler=guarded(run_search))

    report = actions.add_parser("report", parents=[common], help="月次報告 / monthly report")
    report.add_argument("--month", required=True, metavar="YYYY-MM")
    report.add_argument("--format", choices=("csv", "text", "pdf"), default="text")
    report.add_argument("--encoding", choices=("utf-8", "cp932"), default="utf-8")
    report.add_argument("--out", type=Path, metavar="FILE")
    report.set_defaults(handler=guarded(run_report))


def run_add(args: argparse.Namespace, config: Config) -> int:
    def add(app: CounterApp) -> int:
        kind = _choice(VoiceKind, args.kind, "区分")
        channel = _choice(Channel, args.channel, "経路")
        draft = VoiceDraft(
            kind=kind,
            channel=channel,
            text=args.text,
            departments=tuple(args.department),
            topics=tuple(args.topic),
        )
        voice = app.voices.record(_actor(app, args, config), draft)
        echo(f"voice id={voice.id}")
        return 0

    return with_app(args, config, add)


def run_search(args: argparse.Namespace, config: Config) -> int:
    def search(app: CounterApp) -> int:
        actor = _actor(app, args, config)
        if args.csv is not None:
            encoding = "cp932" if args.encoding == "cp932" else "utf-8-sig"
            write_bytes_whole(args.csv, app.voices.export(actor, args.query, encoding=encoding))
            echo(f"voice export out={args.csv}")
            return 0
        for voice in app.voices.search(actor, args.query):
            departments = ",".join(r.department_id for r in voice.routings)
            words = " ".join(masked(voice.text).split())[:FIRST_WORDS]
            echo(f"{voice.id}\t{label(voice.kind)}\t{departments}\t{escaped(words)}")
        return 0

    return with_app(args, config, search)


def run_report(args: argparse.Namespace, config: Config) -> int:
    month = _month(args.month)
    if month is None:
        print_error(
            CounterAppError(ErrorCode.VOICE_MONTH_INVALID, value=args.month),
            language_of(args, config),
        )
        return 2

    def report(app: CounterApp) -> int:
        made = app.voices.monthly_report(console_actor(config.terminal_name), month, today())
        if args.format == "pdf":
            content = voice_report_pdf(made, app.municipality_name())
        elif args.format == "csv":
            content = report_csv(made, "cp932" if args.encoding == "cp932" else "utf-8-sig")
        else:
            content = report_text(made, language_of(args, config)).encode(args.encoding)
        if args.out is None:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            write_bytes_whole(args.out, content)
            echo(f"voice report month={args.month} out={args.out}")
        return 0

    return with_app(args, config, report)


def _actor(app: CounterApp, args: argparse.Namespace, config: Config):
    return app.auth.act_as(console_actor(config.terminal_name), args.login, app.terminal)


def _choice(enum, typed: str, what: str):
    chosen = parse_choice(enum, typed)
    if chosen is None:
        raise CounterAppError(
            ErrorCode.VOICE_CHOICE_UNKNOWN,
            what=what,
            value=typed,
            choices=" ".join(label(member) for member in enum),
        )
    return chosen


def _month(typed: str) -> date | None:
    match = _MONTH.match(typed.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        return None
    return date(int(match.group(1)), int(match.group(2)), 1)
