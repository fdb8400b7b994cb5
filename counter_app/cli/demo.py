"""`counter-app demo-data`: fill a database with a demo city and one demo user per role."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import func, select

from ..config import Config
from ..db.models import Resident
from ..permissions import console_actor
from .common import guarded, open_app


def register(subparsers, common) -> None:
    demo = subparsers.add_parser(
        "demo-data", parents=[common], help="デモ用の市を作る / fill a demo city"
    )
    demo.add_argument(
        "--residents", type=int, default=5_000, metavar="N", help="住民数 / residents"
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="乱数の種 / random seed")
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="住民がいれば何もしない / do nothing if the database already has residents",
    )
    demo.set_defaults(handler=guarded(run_demo_data))


def run_demo_data(args: argparse.Namespace, config: Config) -> int:
    from ..demo.city import fill_demo_city
    from ..demo.staff import add_demo_staff, mark_as_demo

    if args.residents < 1:
        print("counter-app: --residents must be at least 1", file=sys.stderr)
        return 2
    app = open_app(args, config)
    try:
        with app.db.read() as session:
            existing = session.scalar(select(func.count()).select_from(Resident))
        if existing and args.if_empty:
            print(f"demo-data skipped: the database already has {existing} residents")
            return 0
        stats = fill_demo_city(
            app.engine,
            args.residents,
            seed=args.seed,
            progress=sys.stderr.isatty(),
        )
        actor = console_actor(config.terminal_name)
        add_demo_staff(app.db, app.users, actor)
        with app.db.write() as session:
            mark_as_demo(session)
    finally:
        app.close()
    print(
        f"demo-data residents={stats.residents} households={stats.households} "
        f"seconds={stats.seconds:.1f}"
    )
    return 0
