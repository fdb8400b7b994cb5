"""`counter-app demo-data`: fill a database with a demo city and one demo user per role.

The residents, the demo flag and the demo staff are one transaction: killed at any moment,
the command leaves the database as it found it, and the same command runs again. Each
step is announced on stderr as it starts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import Connection, func, select
from tqdm import tqdm

from ..app import CounterApp
from ..config import Config
from ..db.models import Resident
from ..permissions import console_actor
from .common import guarded, language_of, open_app
from .terminal import echo

_STEPS = {
    "ja": {
        "city": "デモの市（住民 {residents} 人）を作成しています…",
        "scenario": "シナリオの世帯を登録しています…",
        "staff": "デモ職員を登録しています…",
    },
    "en": {
        "city": "Writing the demo city ({residents} residents)…",
        "scenario": "Writing the scenario households…",
        "staff": "Adding the demo staff…",
    },
}


def register(subparsers, common) -> None:
    demo = subparsers.add_parser(
        "demo-data", parents=[common], help="デモ用の市を作る / fill a demo city"
    )
    demo.add_argument(
        "--residents", type=int, default=5_000, metavar="N", help="住民数 / residents"
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="乱数の種 / random seed")
    demo.add_argument(
        "--scenario",
        metavar="FILE",
        help="ランダムな市の代わりにシナリオファイルの世帯を登録する（--residents は無視） / "
        "load the households of a scenario file instead of a random city (ignores --residents)",
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="住民がいれば何もしない / do nothing if the database already has residents",
    )
    demo.set_defaults(handler=guarded(run_demo_data))


def run_demo_data(args: argparse.Namespace, config: Config) -> int:
    from ..demo.city import fill_demo_city
    from ..demo.staff import finish_demo

    if args.scenario is None and args.residents < 1:
        echo("counter-app: --residents must be at least 1", error=True)
        return 2
    steps = _STEPS.get(language_of(args, config), _STEPS["ja"])
    app = open_app(args, config)
    try:
        with app.db.read() as session:
            existing = session.scalar(select(func.count()).select_from(Resident))
        if existing and args.if_empty:
            echo(f"demo-data skipped: the database already has {existing} residents")
            return 0
        if args.scenario is not None:
            return _load_scenarios(app, args, config, steps)
        actor = console_actor(config.terminal_name)

        def staff_and_flag(connection: Connection) -> None:
            _announce(steps["staff"])
            with app.db.write_within(connection) as session:
                finish_demo(session, actor)

        _announce(steps["city"].format(residents=args.residents))
        stats = fill_demo_city(
            app.engine,
            args.residents,
            seed=args.seed,
            progress=sys.stderr.isatty(),
            keys=app.keys,
            finish=staff_and_flag,
        )
    finally:
        app.close()
    echo(
        f"demo-data residents={stats.residents} households={stats.households} "
        f"seconds={stats.seconds:.1f}"
    )
    return 0


def _load_scenarios(
    app: CounterApp, args: argparse.Namespace, config: Config, steps: dict[str, str]
) -> int:
    """`demo-data --scenario FILE`: the scenario households and the demo staff, or exit
    status 2 with one line per problem of the file and nothing written."""
    from ..demo.scenario_households import write_scenario_households
    from ..demo.staff import finish_demo
    from ..guide.scenario_file import read_scenario_file

    scenario_file = read_scenario_file(Path(args.scenario), app.catalog)
    if scenario_file.problems:
        lang = language_of(args, config)
        for problem in scenario_file.problems:
            echo(problem.render(lang), error=True)
        return 2
    with app.db.write() as session:
        _announce(steps["scenario"])
        stats = write_scenario_households(session, scenario_file)
        _announce(steps["staff"])
        finish_demo(session, console_actor(config.terminal_name))
    echo(
        f"demo-data scenarios={stats.scenarios} households={stats.households} "
        f"residents={stats.residents}"
    )
    return 0


def _announce(step: str) -> None:
    tqdm.write(step, file=sys.stderr)  # above the progress bar, when one is shown
