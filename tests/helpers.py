"""Small helpers shared by the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from counter_app.app import CounterApp
from counter_app.config import Config
from counter_app.permissions import RoleCode, console_actor

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TERMINAL = "TEST-01"


def open_app(database_url: str, **config) -> CounterApp:
    return CounterApp.open(Config(database_url=database_url, terminal_name=TERMINAL, **config))


def add_user(
    app: CounterApp,
    login: str,
    *roles: RoleCode,
    password: str = "correct horse",
    departments: tuple[str, ...] = (),
    name: str = "試験 太郎",
):
    return app.users.add(
        console_actor(TERMINAL),
        login,
        name,
        password,
        roles or (RoleCode.WINDOW_CLERK,),
        departments,
    )


def run_cli(
    *args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run `counter-app ARGS` as a separate process, as IT staff would."""
    return subprocess.run(
        [sys.executable, "-m", "station.launcher", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
    )


def cli_add_back_office_user(database_url: str, password: str) -> subprocess.CompletedProcess:
    """`counter-app users add hoken1 …` for 保険年金課, the password piped in."""
    return run_cli(
        "users",
        "add",
        "hoken1",
        "--name",
        "保険 花子",
        "--role",
        "back_office",
        "--department",
        "hoken_nenkin",
        "--password-stdin",
        "--database",
        database_url,
        stdin=password + "\n",
    )


def tool(name: str) -> str:
    """A reader the tests use as an independent one would (poppler-utils, zbar-tools)."""
    path = shutil.which(name)
    assert path, f"{name} is missing: run `scripts/setup.sh test` (poppler-utils, zbar-tools)"
    return path


def pdftotext(path: Path, page: int | None = None, *, layout: bool = True) -> str:
    """The text of a PDF (one page, or all) as poppler reads it."""
    options = ["-layout"] if layout else []
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        [tool("pdftotext"), *options, *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
