"""Time the demo-city generator on a fresh database.

    .venv/bin/python benchmarks/demo_data.py                      # 1,000,000 residents, SQLite
    .venv/bin/python benchmarks/demo_data.py --residents 100000
    .venv/bin/python benchmarks/demo_data.py --database postgresql+psycopg://…/empty_db

Without --database the city goes into an SQLite file in a temporary folder that is removed
afterwards. A --database must be empty; it is migrated first and keeps the city, its My
Numbers sealed with this PC's key file (as `counter-app demo-data` does).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine, func, select

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.demo import DemoStats, fill_demo_city
from counter_app.demo.batch import TABLES_IN_INSERT_ORDER


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", help="SQLAlchemy URL of an empty database")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="demo-data-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        app = CounterApp.open(Config(database_url=url), prune_changes=False)
        try:
            stats = fill_demo_city(
                app.engine, args.residents, seed=args.seed, progress=not args.quiet, keys=app.keys
            )
            rows = _count_rows(app.engine)
        finally:
            app.close()
    print(_report(stats, rows))
    return 0


def _count_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return sum(
            connection.scalar(select(func.count()).select_from(table))
            for table in TABLES_IN_INSERT_ORDER
        )


def _report(stats: DemoStats, rows: int) -> str:
    seconds = max(stats.seconds, 1e-9)
    return (
        f"demo-data residents={stats.residents} households={stats.households} "
        f"seconds={stats.seconds:.1f} rows={rows} rows_per_second={rows / seconds:.0f} "
        f"residents_per_second={stats.residents / seconds:.0f}"
    )


if __name__ == "__main__":
    sys.exit(main())
