"""A database whose two chained logs have entries before and after a checkpoint, built
once per database kind and copied for each test that tampers with it.

The template: three users added, a window clerk's SC01 visit recorded and closed, then a
checkpoint written by `counter-app audit checkpoint`, then more work (a user added, a
department claiming one of the visit's procedures), so each log has entries after it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.permissions import RoleCode, console_actor
from counter_app.security.chain import CHAINED_LOGS
from counter_app.security.checkpoint import read_checkpoint
from tests import helpers
from tests.visits import login, sc01, services

_copies = count(1)


@dataclass(frozen=True)
class Template:
    url: str
    folder: Path
    key_file: Path
    checkpoint: Path  # written by the CLI before the last work
    entries_at_checkpoint: dict[str, int]
    entries: dict[str, int]


def environment(folder: Path) -> dict[str, str]:
    """The CLI's environment: its own home, so no test touches the developer's."""
    home = folder / "home"
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }


def config_file(folder: Path, url: str, key_file: Path) -> Path:
    path = folder / f"counter-app-{next(_copies)}.toml"
    path.write_text(
        f'[database]\nurl = "{url}"\n\n[security]\nkey_file = "{key_file}"\n', encoding="utf-8"
    )
    return path


def open_copy(template: Template, url: str) -> CounterApp:
    return CounterApp.open(
        Config(database_url=url, terminal_name=helpers.TERMINAL, key_file=template.key_file)
    )


def _counts(app: CounterApp) -> dict[str, int]:
    admin = console_actor(helpers.TERMINAL)
    return {report.log: report.entries for report in app.audit.verify(admin)}


def build_template(url: str, folder: Path) -> Template:
    key_file = folder / "counter-app.key"
    app = CounterApp.open(
        Config(database_url=url, terminal_name=helpers.TERMINAL, key_file=key_file)
    )
    try:
        for name in ("clerk1", "clerk2", "clerk3"):
            helpers.add_user(app, name)
        clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
        visits, inbox = services(app)
        resident_id, case, result = sc01(app, clerk)
        visit = visits.create_visit(clerk, case, result.procedures, resident_id=resident_id)
        visits.close(clerk, visit.visit_number)
        before = _counts(app)
        checkpoint = folder / "before.json"
        written = helpers.run_cli(
            "--config",
            str(config_file(folder, url, key_file)),
            "audit",
            "checkpoint",
            "--out",
            str(checkpoint),
            env=environment(folder),
        )
        assert written.returncode == 0, written.stderr
        helpers.add_user(app, "clerk4")
        kodomo = login(app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
        routed = next(p for p in visit.procedures if p.department_id == "kodomo")
        inbox.claim(kodomo, routed.id)
        after = _counts(app)
    finally:
        app.close()
    assert {name: mark.entries for name, mark in read_checkpoint(checkpoint).marks.items()} == (
        before
    )
    assert all(after[log.name] > before[log.name] for log in CHAINED_LOGS)
    return Template(url, folder, key_file, checkpoint, before, after)


@pytest.fixture(
    scope="package", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def template(request, tmp_path_factory) -> Template:
    folder = tmp_path_factory.mktemp("chains")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'template.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_cluster").new_database("chains")
    return build_template(url, folder)


@pytest.fixture
def copy_url(template, tmp_path) -> str:
    """A copy of the template database, for one test to tamper with."""
    source = make_url(template.url)
    if source.get_backend_name() == "sqlite":
        target = tmp_path / "copy.sqlite3"
        shutil.copyfile(source.database, target)
        return f"sqlite:///{target}"
    name = f"{source.database}_copy{next(_copies)}"
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"'))
    finally:
        admin.dispose()
    return source.set(database=name).render_as_string(hide_password=False)
