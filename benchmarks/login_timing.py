"""Login timing: does a refused login take the same time whatever the user ID?

    .venv/bin/python benchmarks/login_timing.py [--rounds 40] [--database URL | --postgres]

Times `AuthService.login` (the whole unit of work: lock-out, Argon2 check, audit entry)
for a real ID with a wrong password, an ID that matches no user, a disabled user with its
right password and a locked-out user, interleaved round by round so that a change in the
machine's load touches every kind alike. The lock-out count is reset between tries
(untimed), so each try is a first failure. Without --database an SQLite file in a
temporary folder is used; --postgres uses a throwaway PostgreSQL cluster.
The last line: `login_timing wrong_password_ms=… unknown_ms=… disabled_ms=… locked_ms=…`
with each median's ratio to the wrong password's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project root, for the tests' helpers this benchmark shares.
sys.path.insert(0, str(ROOT))

from counter_app.app import CounterApp  # noqa: E402
from counter_app.config import Config  # noqa: E402
from counter_app.errors import CounterAppError  # noqa: E402
from counter_app.permissions import console_actor  # noqa: E402
from counter_app.services import lockout  # noqa: E402
from tests.helpers import add_user  # noqa: E402
from tests.postgres import ThrowawayCluster  # noqa: E402

PASSWORD = "correct horse"
TERMINAL = "BENCH-LOGIN"
# kind: (typed ID, password, reset the lock-out count after the try)
ATTEMPTS = {
    "wrong_password": ("clerk", "wrong guess", True),
    "unknown": ("nobody", PASSWORD, True),
    "disabled": ("retired", PASSWORD, True),
    "locked": ("locked", PASSWORD, False),
}


def prepare(app: CounterApp) -> None:
    admin = console_actor(TERMINAL)
    for login in ("clerk", "retired", "locked"):
        add_user(app, login, password=PASSWORD)
    app.users.set_active(admin, "retired", False)
    for _ in range(lockout.MAX_FAILED_LOGINS):
        refused(app, "locked", "wrong guess")


def refused(app: CounterApp, login: str, password: str) -> float:
    """Seconds a refused login took."""
    started = time.perf_counter()
    try:
        app.auth.login(login, password, app.terminal)
    except CounterAppError:
        return time.perf_counter() - started
    raise RuntimeError(f"{login} was let in")


def reset_count(app: CounterApp, login: str) -> None:
    with app.db.write() as session:
        lockout.clear(session, lockout.login_digest(session, login))


def measure(url: str, rounds: int) -> dict[str, list[float]]:
    app = CounterApp.open(Config(database_url=url, terminal_name=TERMINAL))
    try:
        prepare(app)
        refused(app, "warm-up", "x")  # the first check of a process makes the stand-in hash
        times: dict[str, list[float]] = {kind: [] for kind in ATTEMPTS}
        for _ in range(rounds):
            for kind, (login, password, reset) in ATTEMPTS.items():
                times[kind].append(refused(app, login, password))
                if reset:
                    reset_count(app, login)
        return times
    finally:
        app.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--database", help="SQLAlchemy URL of an empty database")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL")
    args = parser.parse_args(argv)
    if args.postgres:
        cluster = ThrowawayCluster()
        cluster.start()
        try:
            times = measure(cluster.new_database("login"), args.rounds)
        finally:
            cluster.stop()
    else:
        with tempfile.TemporaryDirectory(prefix="login-timing-") as folder:
            url = args.database or f"sqlite:///{Path(folder) / 'login.sqlite3'}"
            times = measure(url, args.rounds)
    medians = {kind: statistics.median(values) * 1000 for kind, values in times.items()}
    base = medians["wrong_password"]
    for kind, values in times.items():
        low, high = min(values) * 1000, max(values) * 1000
        print(
            f"{kind:15} median {medians[kind]:7.1f} ms  min {low:7.1f}  max {high:7.1f}  "
            f"ratio {medians[kind] / base:.3f}"
        )
    print(
        "login_timing "
        + " ".join(f"{kind}_ms={value:.1f}" for kind, value in medians.items())
        + " "
        + " ".join(f"{kind}_ratio={medians[kind] / base:.3f}" for kind in medians)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
