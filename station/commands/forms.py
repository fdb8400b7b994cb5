"""`counter-app forms`: a scenario's forms as one PDF, or how much of every form is filled.

    counter-app forms --scenario FILE --id SC01 --out bundle.pdf
    counter-app forms --coverage

Registered by the launcher: the core's parser cannot import printing, and printing
imports no persistence, so the command that joins them lives with the composition layer
(it imports no Qt, like every subcommand). The PDF holds every
form of the procedures `counter-app guide` finds for the scenario, filled in for
signature, with the visit's barcode on every page; the visit number is the scenario id.
A character the font lacks is reported on stderr (the form marks the place with 〓).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.catalog import check_catalog
from counter_app.cli.common import guarded, language_of
from counter_app.cli.guide_cmd import load_checked
from counter_app.cli.terminal import echo
from counter_app.config import Config
from counter_app.forms import build_bundle
from counter_app.forms.coverage import coverage_report
from counter_app.guide import run_guide
from counter_app.whole_files import write_bytes_whole


def register(subparsers, common) -> None:
    forms = subparsers.add_parser(
        "forms", parents=[common], help="記入済みの申請書（PDF） / the filled-in forms as a PDF"
    )
    forms.add_argument("--scenario", metavar="FILE", help="シナリオファイル / scenario file")
    forms.add_argument("--id", metavar="ID", help="シナリオ / the scenario")
    forms.add_argument("--out", metavar="PDF", help="出力するPDF / the PDF to write")
    forms.add_argument(
        "--coverage",
        action="store_true",
        help="様式ごとの記入元の内訳 / where every form's fields come from",
    )
    forms.set_defaults(handler=guarded(run_forms))


def run_forms(args: argparse.Namespace, config: Config) -> int:
    lang = language_of(args, config)
    if args.coverage:
        catalog, problems = check_catalog(config.catalog_dir)
        if catalog is None:
            for problem in problems:
                echo(problem.render(lang), error=True)
            return 2
        echo(*coverage_report(catalog, lang))
        return 0
    if not (args.scenario and args.id and args.out):
        echo(
            "counter-app forms: --scenario FILE --id ID --out PDF, or --coverage"
            if lang == "en"
            else "counter-app forms: --scenario FILE --id ID --out PDF か --coverage を指定してください",
            error=True,
        )
        return 2
    loaded = load_checked(args, config)
    if isinstance(loaded, int):
        return loaded
    catalog, scenarios = loaded
    from printing.render import layouts_for, render_bundle  # reportlab only for a PDF

    [scenario] = scenarios.select(args.id)
    result = run_guide(catalog, scenario.case)
    bundle = build_bundle(catalog, scenario.case, result.procedures, scenario.case.case_id)
    rendered = render_bundle(bundle, layouts_for(catalog))
    write_bytes_whole(Path(args.out), rendered.pdf, make_folder=True)
    for warning in rendered.glyph_warnings:
        echo(glyph_message(warning, lang), error=True)
    echo(
        f"forms id={scenario.case.case_id} forms={len(bundle.forms)} pages={rendered.page_count} out={args.out}"
    )
    return 0


def glyph_message(warning, lang: str) -> str:
    where = f"{warning.form_id}.{warning.field_key}"
    if lang == "en":
        return f"warning: {where}: the font has no glyph for {warning.char} (U+{warning.codepoint:04X}); printed as 〓 and framed"
    return f"注意: {where}: フォントに「{warning.char}」(U+{warning.codepoint:04X}) がありません。〓 で印字し枠で示しました"
