"""`counter-app import-residents FILE`: the core resident system's CSV export, validated whole
and upserted by 宛名番号 in one transaction (docs/import-format.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Config
from ..importing import ImportRejected, import_residents, report_lines
from ..importing.encoding import ENCODINGS
from ..permissions import console_actor
from .common import guarded, language_of, open_app, print_error
from .terminal import echo


def register(subparsers, common) -> None:
    command = subparsers.add_parser(
        "import-residents",
        parents=[common],
        help="住民記録システムのCSVを取り込む / import the core resident system's CSV",
    )
    command.add_argument("file", metavar="FILE", help="CSVファイル / the CSV file")
    command.add_argument(
        "--encoding",
        choices=ENCODINGS,
        default="auto",
        help="文字コード（既定: 自動判別） / encoding (default: detect)",
    )
    command.set_defaults(handler=guarded(run_import))


def run_import(args: argparse.Namespace, config: Config) -> int:
    app = open_app(args, config)
    try:
        result = import_residents(
            app,
            Path(args.file),
            console_actor(config.terminal_name),
            encoding=args.encoding,
            progress=sys.stderr.isatty(),
        )
    except ImportRejected as rejected:
        language = language_of(args, config)
        for line in report_lines(rejected.problems, language):
            echo(line, error=True)
        print_error(rejected, language)
        return 1
    finally:
        app.close()
    echo(
        f"import-residents rows={result.rows} inserted={result.inserted} "
        f"updated={result.updated} households={result.households} seconds={result.seconds:.1f}"
    )
    return 0
