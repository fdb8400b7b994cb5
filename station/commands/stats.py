"""`counter-app stats`: the statistics from the command line, and the month's PDF report.

    counter-app stats --from 2026-11-01 --to 2026-11-30 --by window
        [--format text|csv|xlsx] [--encoding utf-8|cp932] [--out FILE]
        [--compare-from 2026-10-01 --compare-to 2026-10-31]      (before, then --from/--to)
    counter-app stats report --month 2026-11 --out report.pdf

It runs as the console (the figures name nobody) and lives here, not in the core's CLI,
because the report's PDF is drawn by `printing`. CSV is UTF-8 with a BOM (Excel opens
it) or cp932; xlsx needs --out. Bad input (a date that is no date, a period that ends
before it starts, an unknown grouping, xlsx without --out) exits 2 with one line in the
user's language; a database that cannot be reached exits 1. docs/stats.md defines every
figure.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from counter_app.cli.common import guarded, language_of, with_app
from counter_app.cli.terminal import echo
from counter_app.config import Config
from counter_app.permissions import console_actor
from counter_app.stats.export import csv_bytes, encoded, to_text, write_csv, write_xlsx
from counter_app.stats.model import Comparison, Grouping, Period, StatsTable
from counter_app.whole_files import write_whole

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class BadInput(Exception):
    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja, self.en = ja, en


def register(subparsers, common) -> None:
    stats = subparsers.add_parser(
        "stats", parents=[common], help="統計（窓口の見える化）/ statistics"
    )
    stats.add_argument("--from", dest="first", metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="last", metavar="YYYY-MM-DD")
    stats.add_argument("--by", metavar="|".join(g.value for g in Grouping))
    stats.add_argument("--format", choices=("text", "csv", "xlsx"), default="text")
    stats.add_argument("--encoding", choices=("utf-8", "cp932"), default="utf-8")
    stats.add_argument("--out", type=Path, metavar="FILE")
    stats.add_argument("--compare-from", dest="compare_first", metavar="YYYY-MM-DD")
    stats.add_argument("--compare-to", dest="compare_last", metavar="YYYY-MM-DD")
    stats.set_defaults(handler=guarded(run_table))
    actions = stats.add_subparsers(dest="stats_command")
    report = actions.add_parser("report", parents=[common], help="月次報告 / monthly report")
    report.add_argument("--month", required=True, metavar="YYYY-MM")
    report.add_argument("--out", required=True, type=Path, metavar="FILE")
    report.set_defaults(handler=guarded(run_report))


def run_table(args: argparse.Namespace, config: Config) -> int:
    try:
        period = _period(args.first, args.last, "--from", "--to")
        grouping = _grouping(args.by)
        before = None
        if args.compare_first is not None or args.compare_last is not None:
            before = _period(
                args.compare_first, args.compare_last, "--compare-from", "--compare-to"
            )
        if args.format == "xlsx" and args.out is None:
            raise BadInput("xlsx には --out FILE が必要です", "xlsx needs --out FILE")
    except BadInput as bad:
        return _refuse(bad, args, config)
    language = language_of(args, config)

    def show(app) -> int:
        actor = console_actor(config.terminal_name)
        data: StatsTable | Comparison
        if before is not None:
            data = app.stats.compare(actor, before, period, grouping)
        else:
            data = app.stats.table(actor, period, grouping)
        if args.format == "xlsx":
            write_whole(args.out, lambda path: write_xlsx(data, path, language))
        elif args.format == "csv":
            encoding = "cp932" if args.encoding == "cp932" else "utf-8-sig"
            if args.out is None:
                _stdout(csv_bytes(data, encoding, language))
            else:
                write_whole(args.out, lambda path: write_csv(data, path, encoding, language))
        else:
            content = encoded(to_text(data, language), args.encoding)
            if args.out is None:
                _stdout(content)
            else:
                write_whole(args.out, lambda path: path.write_bytes(content))
        if args.out is not None:
            echo(f"stats by={grouping.value} format={args.format} out={args.out}")
        return 0

    return with_app(args, config, show)


def run_report(args: argparse.Namespace, config: Config) -> int:
    match = _MONTH.match((args.month or "").strip())
    if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        bad = BadInput(
            f"月は YYYY-MM で指定してください: {args.month}", f"a month is YYYY-MM: {args.month}"
        )
        return _refuse(bad, args, config)
    year, month = int(match.group(1)), int(match.group(2))

    def report(app) -> int:
        from printing.stats_report import render_month_report

        made = app.stats.month_report(console_actor(config.terminal_name), year, month)
        write_whole(args.out, lambda path: render_month_report(made, path))
        echo(f"stats report month={args.month} out={args.out}")
        return 0

    return with_app(args, config, report)


def _period(first: str | None, last: str | None, first_flag: str, last_flag: str) -> Period:
    if first is None or last is None:
        raise BadInput(
            f"{first_flag} と {last_flag} を指定してください（YYYY-MM-DD）",
            f"give {first_flag} and {last_flag} (YYYY-MM-DD)",
        )
    start, end = _date(first), _date(last)
    if end < start:
        raise BadInput(
            f"期間の終わり {end} が始まり {start} より前です",
            f"the period ends ({end}) before it starts ({start})",
        )
    return Period(start, end)


def _date(typed: str) -> date:
    try:
        if not _DATE.match(typed.strip()):
            raise ValueError(typed)
        return date.fromisoformat(typed.strip())
    except ValueError:
        raise BadInput(
            f"日付が正しくありません（YYYY-MM-DD）: {typed}", f"not a date (YYYY-MM-DD): {typed}"
        ) from None


def _grouping(typed: str | None) -> Grouping:
    choices = ", ".join(g.value for g in Grouping)
    try:
        return Grouping((typed or "").strip().lower())
    except ValueError:
        raise BadInput(
            f"--by は次のどれかです: {choices}（{typed or '指定なし'}）",
            f"--by is one of: {choices} (not {typed or 'given'})",
        ) from None


def _refuse(bad: BadInput, args: argparse.Namespace, config: Config) -> int:
    language = language_of(args, config)
    label = "エラー" if language == "ja" else "error"
    echo(f"counter-app: {label}: {bad.ja if language == 'ja' else bad.en}", error=True)
    return 2


def _stdout(content: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.flush()
