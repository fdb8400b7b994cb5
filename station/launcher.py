"""Entry point of the `counter-app` command.

Subcommands run without importing Qt, so administration stays fast and works on
servers without a display; no subcommand opens the login screen. A run without a
subcommand hands over to the screens: the one import of `ui` from this package, made
only then (the import-linter contract names this edge and no other). That run reads
only the shared options, so the screens start without loading the commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from counter_app.cli.common import add_common_options


def screens_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a run that opens the screens; None when `argv` names a subcommand,
    asks for help or the version, or is wrong (the full parser then says why)."""
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    add_common_options(parser, suppress=False)
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def run_subcommand(argv: Sequence[str]) -> int:
    from counter_app.cli.main import build_parser, run_command

    from .commands import certificates, devices, forms, simulate, stats, voices

    commands = (forms, simulate, devices, certificates, voices, stats)
    args = build_parser(extra_commands=commands).parse_args(argv)
    if getattr(args, "ticket_command", None) == "issue":
        from .print_jobs import print_job

        args.print_job = print_job  # the core issues the ticket; the device prints it
    if args.command is None:  # options the screens read, written so only the full parser parses
        return open_screens(args)
    return run_command(args)


def open_screens(args: argparse.Namespace) -> int:
    from ui.application import run_gui

    return run_gui(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = screens_arguments(argv)
    if args is None:
        return run_subcommand(argv)
    return open_screens(args)


if __name__ == "__main__":
    sys.exit(main())
