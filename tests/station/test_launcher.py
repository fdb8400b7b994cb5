"""`counter-app` decides between the screens and a subcommand from the shared options
alone: the screens start without loading any command's module (nor the PostgreSQL
driver on SQLite), and a subcommand, help, the version or a wrong option still go to
the full parser, which says what is wrong."""

from __future__ import annotations

import subprocess
import sys

import pytest

from counter_app import __version__
from station.launcher import screens_arguments
from tests.helpers import PROJECT_ROOT, run_cli


@pytest.mark.parametrize(
    ("argv", "database", "lang"),
    [
        ([], None, None),
        (["--database", "sqlite:///x.sqlite3", "--lang", "en"], "sqlite:///x.sqlite3", "en"),
        (["--lang=ja"], None, "ja"),
    ],
)
def test_a_run_with_only_shared_options_opens_the_screens(argv, database, lang):
    args = screens_arguments(argv)
    assert (args.command, args.database, args.lang) == (None, database, lang)


@pytest.mark.parametrize(
    "argv",
    [["demo-data"], ["--lang", "en", "db", "upgrade"], ["--version"], ["-h"], ["--lang", "fr"]],
)
def test_a_subcommand_help_or_a_wrong_option_goes_to_the_full_parser(argv):
    assert screens_arguments(argv) is None


def test_the_screens_start_without_the_commands_or_the_postgresql_driver():
    script = (
        "import sys\n"
        "from station import launcher\n"
        "def screens(args):\n"
        "    loaded = sorted(m for m in sys.modules if m.startswith(\n"
        "        ('counter_app.cli.main', 'station.commands', 'devices.simulate', 'psycopg')))\n"
        "    print(loaded, args.database)\n"
        "    return 0\n"
        "launcher.open_screens = screens\n"
        "sys.exit(launcher.main(['--database', 'sqlite:///x.sqlite3']))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert (run.returncode, run.stdout.strip()) == (0, "[] sqlite:///x.sqlite3")


def test_the_version_help_and_a_wrong_option_answer_as_before():
    version = run_cli("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"counter-app {__version__}")
    usage = run_cli("--help")
    assert usage.returncode == 0 and "demo-data" in usage.stdout and "certificate" in usage.stdout
    wrong = run_cli("--lang", "fr")
    assert wrong.returncode == 2 and "invalid choice: 'fr'" in wrong.stderr
