"""Entry point of the `counter-app` command.

Subcommands run without importing Qt, so administration stays fast and works on
servers without a display; no subcommand opens the login screen. A run without a
subcommand hands over to the screens: the one import of `ui` from this package, made
only then (the import-linter contract names this edge and no other).
"""

from __future__ import annotations

import sys

from counter_app.cli import build_parser, run_command

from .commands import certificates, devices, forms, simulate


def main(argv: list[str] | None = None) -> int:
    args = build_parser(extra_commands=(forms, simulate, devices, certificates)).parse_args(argv)
    if getattr(args, "ticket_command", None) == "issue":
        from .print_jobs import print_job

        args.print_job = print_job  # the core issues the ticket; the device prints it
    if args.command is not None:
        return run_command(args)
    from ui.application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
