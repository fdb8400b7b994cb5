"""Fixtures of the screen tests: a temporary SQLite database, users, the UI context."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.permissions import Actor, RoleCode
from station.device_workers import DeviceWorkers
from tests import helpers
from tests.helpers import TERMINAL
from tests.ui.support import PASSWORD, TS_FILE
from ui import i18n
from ui.context import UiContext
from ui.db_runner import DbRunner
from ui.outbox.spooler import start_pc_spooler
from ui.workers import CpuPool


@pytest.fixture(autouse=True)
def no_startup_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COUNTER_APP_STARTUP_PROBE", raising=False)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(
        database_url=f"sqlite:///{tmp_path}/db.sqlite3",
        terminal_name=TERMINAL,
        window_number=2,
        idle_lock_minutes=0,
    )


@pytest.fixture
def core(config: Config) -> Iterator[CounterApp]:
    app = CounterApp.open(config)
    yield app
    app.close()


@pytest.fixture
def add_user(core: CounterApp) -> Callable[..., None]:
    def add(
        login: str,
        name: str = "窓口 花子",
        roles: tuple[RoleCode, ...] = (RoleCode.WINDOW_CLERK,),
        departments: tuple[str, ...] = (),
    ) -> None:
        helpers.add_user(core, login, *roles, password=PASSWORD, departments=departments, name=name)

    return add


@pytest.fixture
def clerk(core: CounterApp, add_user) -> Actor:
    add_user("madoguchi")
    return core.auth.login("madoguchi", PASSWORD, core.terminal)


@pytest.fixture
def runner(qapp) -> Iterator[DbRunner]:
    worker = DbRunner()
    yield worker
    worker.close()


@pytest.fixture
def cpu(qapp) -> Iterator[CpuPool]:
    pool = CpuPool()
    yield pool
    pool.close()


@pytest.fixture
def devices() -> Iterator[DeviceWorkers]:
    """This PC's device workers, closed at the end as the session closes them at exit."""
    workers = DeviceWorkers()
    yield workers
    workers.close()


@pytest.fixture
def spooler(qapp, core: CounterApp, runner: DbRunner, devices: DeviceWorkers):
    """This PC's print spooler, as the session starts it (None without a ticket printer)."""
    running = start_pc_spooler(core, runner, devices, core.municipality_name())
    yield running
    if running is not None:
        running.stop()


@pytest.fixture
def make_context(
    core: CounterApp, runner: DbRunner, cpu: CpuPool, devices, spooler
) -> Callable[..., UiContext]:
    """The context the session gives the screens; every context of a test shares the one
    PC's device workers and spooler."""

    def make(language: str = "ja", idle_ms: int | None = None) -> UiContext:
        return UiContext(
            core=core,
            runner=runner,
            cpu=cpu,
            language=language,
            demo=core.is_demo(),
            municipality=core.municipality_name(),
            idle_interval_ms=idle_ms,
            devices=devices,
            spooler=spooler,
        )

    return make


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compiled English catalog: the one set-up built, or a fresh one from the .ts."""
    shipped = i18n.translations_dir()
    if (shipped / f"{i18n.CATALOG}_en.qm").exists():
        return shipped
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None, "pyside6-lrelease comes with PySide6; reinstall the venv"
    target = tmp_path_factory.mktemp("translations")
    subprocess.run(
        [lrelease, str(TS_FILE), "-qm", str(target / f"{i18n.CATALOG}_en.qm")],
        check=True,
        capture_output=True,
    )
    return target


@pytest.fixture
def english(qapp, qm_dir: Path) -> Iterator[i18n.Translations]:
    installed = i18n.install("en", qm_dir)
    assert installed.language == "en"
    yield installed
    installed.remove()
