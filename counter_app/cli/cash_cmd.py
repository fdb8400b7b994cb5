"""`counter-app cash report --date YYYY-MM-DD [--window N] [--format csv|text]`: the day's
close (日計) of the certificate desk per window and fee kind, the voids and the 金種表.

CSV is written in UTF-8 with a BOM (Excel opens it as such) and CRLF line ends; every
cell is escaped like any terminal output. A bad date or window exits 2 with one line.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date

from ..certificates.model import DayReport
from ..config import Config
from ..safe_text import escaped
from .common import guarded, open_app
from .terminal import echo

HEADER = ("日付", "窓口", "区分", "項目", "通数", "減免通数", "件数", "金額")
ALL_WINDOWS = "全体"


def register(subparsers, common) -> None:
    cash = subparsers.add_parser("cash", parents=[common], help="日計 / the day's close")
    actions = cash.add_subparsers(dest="cash_command", required=True)
    report = actions.add_parser(
        "report",
        parents=[common],
        help="証明書窓口の日計 / the certificate desk's day report",
    )
    report.add_argument("--date", required=True, type=_day, metavar="YYYY-MM-DD")
    report.add_argument("--window", type=_window, metavar="N", help="窓口番号 / window")
    report.add_argument("--format", choices=("csv", "text"), default="csv")
    report.set_defaults(handler=guarded(run_report))


def run_report(args: argparse.Namespace, config: Config) -> int:
    app = open_app(args, config)
    try:
        service = app.certificates
        if args.window is not None:
            reports = [service.day_report(args.date, args.window)]
        else:
            windows = service.windows_of_day(args.date)
            per_window = [service.day_report(args.date, w) for w in windows if w is not None]
            reports = [*per_window, service.day_report(args.date)]
    finally:
        app.close()
    if args.format == "text":
        for report in reports:
            echo(*text_lines(report))
        return 0
    sys.stdout.flush()
    sys.stdout.buffer.write(csv_bytes(reports))
    sys.stdout.buffer.flush()
    return 0


def report_rows(report: DayReport) -> list[list[object]]:
    day = report.business_day.isoformat()
    window: object = ALL_WINDOWS if report.window is None else report.window
    rows: list[list[object]] = []
    for kind in report.kinds:
        rows.append(
            [day, window, "手数料", kind.name, kind.copies, kind.exempt_copies, "", kind.amount_yen]
        )
    rows += [
        [day, window, "現金", "", "", "", "", report.cash_yen],
        [day, window, "キャッシュレス", "", "", "", "", report.cashless_yen],
        [day, window, "合計", "", "", "", report.payments, report.total_yen],
        [day, window, "取消", "", "", "", report.voided, ""],
    ]
    for count in report.cash_counts:
        counted_window = "" if count.window is None else count.window
        rows += [
            [day, counted_window, "金種表", f"{d}円", "", "", pieces, d * pieces]
            for d, pieces in count.counts.items()
        ]
        rows += [
            [day, counted_window, "金種表", "現金有高", "", "", "", count.counted_yen],
            [day, counted_window, "金種表", "現金収納額", "", "", "", count.expected_yen],
            [day, counted_window, "金種表", "過不足", "", "", "", count.difference_yen],
            [day, counted_window, "金種表", "確認者", "", "", "", count.signed_off_by or "未確認"],
        ]
    return rows


def csv_bytes(reports: list[DayReport]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    for report in reports:
        for row in report_rows(report):
            writer.writerow([escaped(str(cell)) for cell in row])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def text_lines(report: DayReport) -> list[str]:
    window = ALL_WINDOWS if report.window is None else f"窓口{report.window}"
    lines = [f"日計 {report.business_day.isoformat()} {window}"]
    for kind in report.kinds:
        exempt = f"（減免 {kind.exempt_copies}通）" if kind.exempt_copies else ""
        lines.append(f"  {kind.name}\t{kind.copies}通{exempt}\t{kind.amount_yen:,}円")
    lines += [
        f"  現金\t{report.cash_yen:,}円",
        f"  キャッシュレス\t{report.cashless_yen:,}円",
        f"  合計\t{report.payments}件\t{report.total_yen:,}円",
        f"  取消\t{report.voided}件",
    ]
    for count in report.cash_counts:
        signed = count.signed_off_by or "未確認"
        lines.append(
            f"  金種表\t有高 {count.counted_yen:,}円\t収納 {count.expected_yen:,}円"
            f"\t過不足 {count.difference_yen:+,}円\t確認 {signed}"
        )
    return lines


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _window(text: str) -> int:
    if not text.isdecimal() or not 1 <= int(text) <= 999:
        raise argparse.ArgumentTypeError(f"not a window number: {text!r}")
    return int(text)
