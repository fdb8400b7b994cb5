"""Time the keyed audit chain on a large log: migration 0010 signing an existing log
again, then `audit verify` streaming it.

    .venv/bin/python benchmarks/audit_chain.py                      # 1,000,000 entries, SQLite
    .venv/bin/python benchmarks/audit_chain.py --entries 100000
    .venv/bin/python benchmarks/audit_chain.py --database postgresql+psycopg://…/empty_db

The log is written as revision 0008 left it (plain SHA-256 chain, inserted in batches),
then the schema is upgraded with a new key file and both logs verified as
`counter-app audit verify` does. Prints the seconds of each step, entries per second
and the process's peak memory (verify streams, so the memory does not grow with the log).
Without --database an SQLite file in a temporary folder is used and removed afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from counter_app.app import CounterApp  # noqa: E402
from counter_app.config import Config  # noqa: E402
from counter_app.db.engine import make_engine  # noqa: E402
from counter_app.db.migrate import upgrade  # noqa: E402
from counter_app.permissions import console_actor  # noqa: E402
from counter_app.security.keyring import create_key_file  # noqa: E402

BATCH = 10_000


def write_old_log(engine, entries: int) -> None:
    start = datetime(2026, 4, 1, tzinfo=UTC)
    insert = text(
        "INSERT INTO audit_log (at, login, terminal, action, subject_type, subject_id, "
        "detail, previous_hash, entry_hash) VALUES (:at, :login, 'MADO-01', "
        "'resident.view', 'resident', :subject, '{}', :previous, :hash)"
    )
    previous = "0" * 64
    for first in range(0, entries, BATCH):
        rows = []
        for number in range(first, min(first + BATCH, entries)):
            digest = hashlib.sha256(f"{previous}{number}".encode()).hexdigest()
            rows.append(
                {
                    "at": start + timedelta(seconds=number),
                    "login": f"clerk{number % 40:02d}",
                    "subject": str(number % 100_000),
                    "previous": previous,
                    "hash": digest,
                }
            )
            previous = digest
        with engine.begin() as connection:
            connection.execute(insert, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--database", help="SQLAlchemy URL of an empty database")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="audit-chain-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'audit.sqlite3'}"
        key_file = Path(folder) / "counter-app.key"
        engine = make_engine(url)
        try:
            upgrade(engine, "0008")
            began = time.perf_counter()
            write_old_log(engine, args.entries)
            written = time.perf_counter() - began
            keys = create_key_file(key_file)
            began = time.perf_counter()
            upgrade(engine, keys=keys)
            migrated = time.perf_counter() - began
        finally:
            engine.dispose()
        app = CounterApp.open(Config(database_url=url, terminal_name="BENCH", key_file=key_file))
        try:
            began = time.perf_counter()
            reports = app.audit.verify(console_actor("BENCH"))
            verified = time.perf_counter() - began
        finally:
            app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    audit_log = reports[0]
    print(
        f"audit-chain entries={audit_log.entries} ok={all(r.ok for r in reports)} "
        f"write_s={written:.1f} migrate_s={migrated:.1f} "
        f"migrate_per_s={args.entries / max(migrated, 1e-9):.0f} verify_s={verified:.1f} "
        f"verify_per_s={args.entries / max(verified, 1e-9):.0f} peak_rss_mb={peak_mb:.0f}"
    )
    return 0 if all(r.ok for r in reports) and audit_log.entries == args.entries else 1


if __name__ == "__main__":
    sys.exit(main())
