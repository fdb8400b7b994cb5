"""`counter-app catalog check [DIR]`: every problem of a procedure catalog, one per line."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..catalog import check_catalog
from ..config import Config
from .common import guarded, language_of
from .terminal import echo


def register(subparsers, common) -> None:
    catalog = subparsers.add_parser(
        "catalog", parents=[common], help="手続きカタログ / procedure catalog"
    )
    actions = catalog.add_subparsers(dest="catalog_command", required=True)
    check = actions.add_parser(
        "check",
        parents=[common],
        help="カタログを検査する / check a catalog folder (default: the one in use)",
    )
    check.add_argument("dir", nargs="?", metavar="DIR", help="カタログのフォルダ / folder")
    check.set_defaults(handler=guarded(run_check))


def run_check(args: argparse.Namespace, config: Config) -> int:
    folder = Path(args.dir) if args.dir else config.catalog_dir
    catalog, problems = check_catalog(folder)
    lang = language_of(args, config)
    if catalog is None:
        for problem in problems:
            echo(problem.render(lang), error=True)
        return 2
    echo(
        f"catalog ok: {catalog.catalog_id} {catalog.version} "
        f"certificate_kinds={len(catalog.certificates.kinds)} "
        f"departments={len(catalog.departments)} life_events={len(catalog.life_events)} "
        f"procedures={len(catalog.procedures)} notices={len(catalog.notices)} "
        f"forms={len(catalog.forms)}"
    )
    return 0
