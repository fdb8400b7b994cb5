"""`counter-app demo-data` killed at any moment leaves a database on which the same command
runs again: the residents, the demo flag and the demo staff are one transaction.

Each run is the real command in a subprocess, SIGKILLed while it writes the city, while it
sets the demo flag and while it adds the demo staff (told apart by the steps the command
announces on stderr and, on PostgreSQL, by holding the table the step needs so the
command waits inside it); after each kill nothing of it may be left, and the same command
then completes.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, inspect, select, text

from counter_app.db.engine import make_engine
from counter_app.db.models import AppSetting, Resident, StaffUser
from counter_app.demo.staff import DEMO_PASSWORD, DEMO_USERS
from counter_app.services.settings import DEMO_MODE
from tests.guide.test_scenario_households import PUBLIC
from tests.helpers import PROJECT_ROOT, open_app, run_cli

RESIDENTS = 20_000
CITY = "Writing the demo city"
SCENARIO = "Writing the scenario households"
STAFF = "Adding the demo staff"
NOTHING = (0, 0, None)


class DemoRun:
    """`counter-app demo-data …` running, its stderr lines collected as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "station.launcher", "demo-data", *args, "--lang", "en"],
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()

    def saw(self, step: str) -> bool:
        with self._changed:
            return any(line.startswith(step) for line in self._lines)

    def wait_for(self, step: str, timeout: float = 120) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: self.saw(step), timeout), self._lines

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(30) == -signal.SIGKILL, "killed before it finished"


def demo_state(url: str) -> tuple[int, int, str | None]:
    """Residents, staff users and the demo flag, as committed."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("app_settings"):
            return NOTHING
        with engine.connect() as connection:
            return (
                connection.scalar(select(func.count()).select_from(Resident)),
                connection.scalar(select(func.count()).select_from(StaffUser)),
                connection.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_MODE)),
            )
    finally:
        engine.dispose()


def assert_complete(url: str, residents: int) -> None:
    assert demo_state(url) == (residents, len(DEMO_USERS), "true")
    app = open_app(url)
    try:
        assert app.is_demo()
        assert app.auth.login("madoguchi", DEMO_PASSWORD, app.terminal).login == "madoguchi"
    finally:
        app.close()


def kill_after(run: DemoRun, step: str, seconds: float) -> None:
    run.wait_for(step)
    time.sleep(seconds)
    run.kill()


def seconds_writing_the_city(url: str) -> float:
    """How long this machine takes to write the city (a whole run on a scratch database),
    so that the kills land inside it however fast the machine is."""
    run = DemoRun("--residents", str(RESIDENTS), "--database", url)
    run.wait_for(CITY)
    started = time.monotonic()
    run.wait_for(STAFF)
    seconds = time.monotonic() - started
    assert run.process.wait(120) == 0
    return seconds


@pytest.mark.slow
def test_sqlite_demo_data_killed_in_each_step_then_run_again(sqlite_url, tmp_path):
    command = ("--residents", str(RESIDENTS), "--database", sqlite_url)
    city = seconds_writing_the_city(f"sqlite:///{tmp_path / 'scratch.sqlite3'}")
    for step, seconds in ((CITY, 0), (CITY, 0.3 * city), (CITY, 0.7 * city), (STAFF, 0)):
        run = DemoRun(*command)
        kill_after(run, step, seconds)
        # A machine less busy than when the city was timed may write it faster: a kill
        # that came after the city is tried again sooner, so that it lands inside.
        while step == CITY and run.saw(STAFF) and seconds > 0.05:
            assert demo_state(sqlite_url) == NOTHING, (step, seconds)
            seconds /= 2
            run = DemoRun(*command)
            kill_after(run, step, seconds)
        if step == CITY:
            assert not run.saw(STAFF), "the kill was meant for the city"
        assert demo_state(sqlite_url) == NOTHING, (step, seconds)
    again = run_cli("demo-data", *command)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"demo-data residents={RESIDENTS} ")
    assert again.stderr.splitlines() == [
        f"デモの市（住民 {RESIDENTS} 人）を作成しています…",
        "デモ職員を登録しています…",
    ]
    assert_complete(sqlite_url, RESIDENTS)


class TableHold:
    """Holds a PostgreSQL table so that the command's first statement on it waits."""

    def __init__(self, url: str, table: str) -> None:
        # Two connections: the one holding the lock, and the one watching the sessions.
        self._engine = make_engine(url, pool_size=2, connect_args={"application_name": "test-hold"})
        self._connection = self._engine.connect()
        self._transaction = self._connection.begin()
        self._connection.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))

    def wait_until_waited_on(self) -> None:
        self._wait_for_sessions("wait_event_type = 'Lock'", lambda count: count > 0)

    def release(self) -> None:
        """Let go, then wait until the killed command's server process has ended."""
        self._transaction.rollback()
        self._connection.close()
        self._wait_for_sessions("true", lambda count: count == 0)
        self._engine.dispose()

    def _wait_for_sessions(self, condition: str, done, timeout: float = 60) -> None:
        """Until `done(number of the command's sessions matching the condition)`."""
        count = text(
            "SELECT count(*) FROM pg_stat_activity "
            f"WHERE application_name = 'counter-app' AND {condition}"
        )
        deadline = time.monotonic() + timeout
        with self._engine.connect() as probe:
            while not done(probe.scalar(count)):
                probe.rollback()  # pg_stat_activity is a snapshot per transaction
                assert time.monotonic() < deadline, condition
                time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_demo_data_killed_in_each_step_then_run_again(postgres_url, postgres_cluster):
    command = ("--residents", str(RESIDENTS), "--database", postgres_url)
    city = seconds_writing_the_city(postgres_cluster.new_database())
    run = DemoRun(*command)
    kill_after(run, CITY, 0.5 * city)
    assert not run.saw(STAFF)
    assert demo_state(postgres_url) == NOTHING
    for table in ("app_settings", "staff_users"):  # the flag, then the staff
        run = DemoRun(*command)
        run.wait_for(CITY)
        hold = TableHold(postgres_url, table)
        hold.wait_until_waited_on()
        assert run.saw(STAFF), "the city is written: the command waits in its last step"
        run.kill()
        hold.release()
        assert demo_state(postgres_url) == NOTHING, table
    again = run_cli("demo-data", *command)
    assert again.returncode == 0, again.stderr
    assert_complete(postgres_url, RESIDENTS)


def test_demo_data_scenario_killed_while_adding_the_staff_then_run_again(database_url):
    command = ("--scenario", str(PUBLIC), "--database", database_url)
    run = DemoRun(*command)
    kill_after(run, STAFF, 0)
    assert run.saw(SCENARIO)
    assert demo_state(database_url) == NOTHING
    again = run_cli("demo-data", *command)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "demo-data scenarios=8 households=7 residents=15"
    assert again.stderr.splitlines() == [
        "シナリオの世帯を登録しています…",
        "デモ職員を登録しています…",
    ]
    assert_complete(database_url, 15)
