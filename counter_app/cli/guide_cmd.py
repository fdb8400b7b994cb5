"""`counter-app guide --scenario FILE`: the procedures each scenario's event needs, and why.

Output as specified in shared/domain/scenario-format.md: `--format json` prints one JSON
array; `text` (the default) the same for a person to read. An invalid file prints one
line per problem on stderr, nothing on stdout, and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..catalog import Catalog, check_catalog
from ..catalog.problems import Problem
from ..config import Config
from ..guide import GuideResult, run_guide
from ..guide.scenario_file import ScenarioFile, read_scenario_file
from .common import guarded, language_of
from .terminal import echo


def register(subparsers, common) -> None:
    guide = subparsers.add_parser(
        "guide", parents=[common], help="手続きナビ（シナリオ） / procedure guide for scenarios"
    )
    guide.add_argument(
        "--scenario", required=True, metavar="FILE", help="シナリオファイル / scenario file"
    )
    guide.add_argument("--id", metavar="ID", help="このシナリオだけ / only this scenario")
    guide.add_argument(
        "--format", choices=("json", "text"), default="text", help="出力形式 / output"
    )
    guide.set_defaults(handler=guarded(run_guide_command))


def load_checked(args: argparse.Namespace, config: Config) -> tuple[Catalog, ScenarioFile] | int:
    """The catalog and a valid scenario file, or 2 after printing every problem."""
    lang = language_of(args, config)
    catalog, problems = check_catalog(config.catalog_dir)
    if catalog is None:
        return _fail(problems, lang)
    scenarios = read_scenario_file(Path(args.scenario), catalog)
    problems = list(scenarios.problems)
    if not problems and args.id is not None and not scenarios.select(args.id):
        problems.append(Problem(args.scenario, None, "", "unknown_scenario", {"id": args.id}))
    if problems:
        return _fail(problems, lang)
    for warning in scenarios.warnings:
        echo(warning.render(lang), error=True)
    return catalog, scenarios


def _fail(problems: list[Problem], lang: str) -> int:
    for problem in problems:
        echo(problem.render(lang), error=True)
    return 2


def run_guide_command(args: argparse.Namespace, config: Config) -> int:
    loaded = load_checked(args, config)
    if isinstance(loaded, int):
        return loaded
    catalog, scenarios = loaded
    results = [run_guide(catalog, s.case) for s in scenarios.select(args.id)]
    if args.format == "json":
        # Every raw newline of the dump is layout (JSON escapes those inside strings).
        echo(*json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2).split("\n"))
    else:
        lang = language_of(args, config)
        titles = {s.case.case_id: s.case.title for s in scenarios.scenarios}
        for result in results:
            echo(*render_text(catalog, result, titles.get(result.case_id, ""), lang))
    return 0


def render_text(catalog: Catalog, result: GuideResult, title: str, lang: str) -> list[str]:
    """The result for a person to read, one line each (a newline inside a name stays
    inside its line)."""
    en = lang == "en"
    event = catalog.event(result.event)
    lines = [
        f"{result.case_id} {title}".rstrip(),
        f"  {'event' if en else '届出'}: {event.name_en if en else event.name}",
    ]
    lines.append(f"  {'Procedures' if en else '手続き'} ({len(result.procedures)})")
    for department in catalog.departments:
        owned = [p for p in result.procedures if p.department == department.id]
        if not owned:
            continue
        lines.append(f"    [{department.name_en if en else department.name}]")
        for proc in owned:
            definition = catalog.procedure(proc.id)
            kind = proc.kind if en else catalog.kinds[proc.kind].ja
            lines.append(
                f"      {definition.name_en if en else definition.name} ({proc.id}) {kind}"
            )
            lines.extend(f"        - {reason}" for reason in proc.reasons)
    lines.append(
        f"  {'Automatic notices' if en else '職権・自動のお知らせ'} ({len(result.notices)})"
    )
    for notice in result.notices:
        lines.append(f"      {notice.name} ({notice.id})")
        lines.extend(f"        - {reason}" for reason in notice.reasons)
        lines.append(f"        {notice.explain}")
    names = [
        catalog.department(d).name_en if en else catalog.department(d).name
        for d in result.departments
    ]
    lines.append(f"  {'Departments' if en else '担当課'}: {', '.join(names) or '-'}")
    lines.extend(f"  {'warning' if en else '注意'}: {w}" for w in result.warnings)
    return lines
