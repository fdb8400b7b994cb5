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
        "history": "{days} 開庁日分の履歴を作成しています（{first}〜{last}）…",
    },
    "en": {
        "city": "Writing the demo city ({residents} residents)…",
        "scenario": "Writing the scenario households…",
        "staff": "Adding the demo staff…",
        "history": "Writing {days} business days of history ({first} to {last})…",
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
    demo.add_argument(
        "--history-days",
        type=int,
        default=0,
        metavar="N",
        help="N 開庁日分の窓口の履歴（発券・呼出・来庁・手続・証明書）を作る。デモの市が既にあれば"
        "履歴だけを追加する / also write N business days of history (tickets, calls, visits, "
        "procedures, certificates); on a database with the demo city, adds only the history",
    )
    demo.add_argument(
        "--history-scale",
        type=int,
        default=600,
        metavar="T",
        help="履歴の平日 1 日あたりの発券数（既定 600） / tickets on an ordinary day of the "
        "history (default 600)",
    )
    demo.set_defaults(handler=guarded(run_demo_data))


def run_demo_data(args: argparse.Namespace, config: Config) -> int:
    from ..demo.city import fill_demo_city
    from ..demo.staff import finish_demo

    if args.scenario is None and args.residents < 1:
        echo("counter-app: --residents must be at least 1", error=True)
        return 2
    if args.history_days < 0 or args.history_scale < 1:
        echo(
            "counter-app: --history-days must not be negative, --history-scale positive", error=True
        )
        return 2
    steps = _STEPS.get(language_of(args, config), _STEPS["ja"])
    app = open_app(args, config)
    try:
        with app.db.read() as session:
            existing = session.scalar(select(func.count()).select_from(Resident))
        if existing and args.history_days and app.is_demo():
            return _add_history(app, args, steps)
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
        echo(
            f"demo-data residents={stats.residents} households={stats.households} "
            f"seconds={stats.seconds:.1f}"
        )
        return _add_history(app, args, steps) if args.history_days else 0
    finally:
        app.close()


def _add_history(app: CounterApp, args: argparse.Namespace, steps: dict[str, str]) -> int:
    """`--history-days N`: N business days of history ending the business day before
    today, unless the database holds tickets of those days already (exit status 1)."""
    from ..db.models import Ticket
    from ..demo.history import HistoryError, build_history, history_end
    from ..demo.history_plan import business_days

    calendar = business_days(history_end(), args.history_days)
    with app.db.read() as session:
        taken = session.scalar(
            select(func.count()).where(
                Ticket.business_day >= calendar[0], Ticket.business_day <= calendar[-1]
            )
        )
    if taken:
        echo(
            f"counter-app: the database already has {taken} tickets between {calendar[0]} and "
            f"{calendar[-1]}: no history written (use a fresh database)",
            error=True,
        )
        return 1
    _announce(steps["history"].format(days=len(calendar), first=calendar[0], last=calendar[-1]))
    with tqdm(
        total=len(calendar), unit="日", file=sys.stderr, disable=not sys.stderr.isatty()
    ) as bar:
        try:
            summary = build_history(
                app,
                args.history_days,
                args.seed,
                progress=lambda _day, _done, _all: bar.update(),
                scale=args.history_scale,
                bulk=True,  # the same rows as through the services, in a third of the time
            )
        except HistoryError as error:
            echo(f"counter-app: {error}", error=True)
            return 1
    echo(
        f"demo-data history days={summary.days} tickets={summary.tickets} "
        f"visits={summary.visits} routed={summary.routed} decided={summary.decided} "
        f"certificates={summary.certificates} seconds={summary.seconds:.1f}"
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
