"""Entry point of the `counter-app` command.

Subcommands run without importing Qt, so administration stays fast and works on
servers without a display; no subcommand opens the login screen.
"""

from __future__ import annotations

import sys

from counter_app.cli import build_parser, run_command


def main(argv: list[str] | None = None) -> int:
    from . import devices_cmd, forms_cmd, simulate_cmd

    args = build_parser(extra_commands=(forms_cmd, simulate_cmd, devices_cmd)).parse_args(argv)
    if getattr(args, "ticket_command", None) == "issue":
        from .ticket_output import print_job

        args.print_job = print_job  # the core issues the ticket; the device prints it
    if args.command is not None:
        return run_command(args)
    from .application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
