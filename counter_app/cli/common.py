"""What every subcommand shares: options, language choice, opening the app, error output."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sqlalchemy.exc import OperationalError

from ..app import CounterApp
from ..config import Config, load_config
from ..db.engine import database_error
from ..errors import DB_AWAY, CounterAppError, ErrorCode
from ..messages import message_for
from .terminal import echo


def add_common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=default,
        help="設定ファイル / configuration file (COUNTER_APP_CONFIG)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        default=default,
        help="データベースURL / database URL (sqlite:///FILE, postgresql+psycopg://…)",
    )
    parser.add_argument("--lang", choices=("ja", "en"), default=default, help="表示言語 / language")


def language_of(args: argparse.Namespace, config: Config | None = None) -> str:
    if getattr(args, "lang", None):
        return args.lang
    return config.language if config is not None else "ja"


def config_of(args: argparse.Namespace) -> Config:
    return load_config(getattr(args, "config", None))


def open_app(args: argparse.Namespace, config: Config) -> CounterApp:
    return CounterApp.open(config, getattr(args, "database", None))


def print_error(error: CounterAppError, language: str) -> None:
    label = "エラー" if language == "ja" else "error"
    echo(f"counter-app: {label}: {message_for(error, language)}", error=True)


# Refusals that are no fault of what was typed: `guarded` turns them into exit 1.
NOT_INPUT = DB_AWAY | {ErrorCode.DB_BUSY}


def with_app(args: argparse.Namespace, config: Config, run: Callable[[CounterApp], int]) -> int:
    """Open the app and `run(app)`; a refusal of what the user typed (a bad month, an
    unknown department …) exits 2 with one line in the user's language."""
    app = open_app(args, config)
    try:
        return run(app)
    except CounterAppError as refused:
        if refused.code in NOT_INPUT:
            raise
        print_error(refused, language_of(args, config))
        return 2
    finally:
        app.close()


def guarded(handler: Callable[[argparse.Namespace, Config], int]):
    """Run a subcommand: its CounterAppErrors become one line in the user's language."""

    def run(args: argparse.Namespace) -> int:
        config: Config | None = None
        try:
            config = config_of(args)
            return handler(args, config)
        except CounterAppError as error:
            print_error(error, language_of(args, config))
            return 1
        except OperationalError as error:  # the server went away in the middle of a command
            url = getattr(args, "database", None) or (
                config.effective_database_url if config else "?"
            )
            print_error(database_error(error, url), language_of(args, config))
            return 1
        except KeyboardInterrupt:
            return 130

    return run


def command_lease_holder(terminal: str) -> str:
    """Whom the command's print job is leased to: not the PC's own name, which its
    spooler uses and would take the job back under (print_jobs.claimed_by is 64
    characters)."""
    return f"cli:{terminal}"[:64]
