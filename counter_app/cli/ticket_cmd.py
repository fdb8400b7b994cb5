"""`counter-app ticket categories|issue`: the queue's categories and issuing one ticket.

`ticket issue` stores the ticket and its print job in one unit of work and writes the
ticket's number (`A-001`) to stdout. Printing needs the device drivers, which the core may
not import: the launcher passes a print hook (`PrintHook`); without one the job stays
pending in the print outbox, for the spooler of the PC the printer belongs to, and
stderr says so. When the command prints, the job is leased to it in the issuing unit of
work, as a spooler leases the jobs it prints: a spooler polling the same printer never
prints the ticket too. A failed print hands the job back to the spooler at once;
if the command dies, the spooler prints it once the lease runs out.
The exit status is 0 once the ticket is issued, whether or not it printed, unless its
job can never print on this printer (over the printer's byte limit …): the job is then
marked unprintable, stderr says so, and the status is 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..config import Config
from ..outbox import PrintJobInfo, UnprintableJob
from ..permissions import Actor, RoleCode
from .common import command_lease_holder, guarded, language_of, open_app
from .terminal import echo

# Prints one job (the job, this PC's settings, the municipality's name) on job.printer_url
# (None: this PC's configured printer, if any); raises any exception when the printer fails.
PrintHook = Callable[[PrintJobInfo, Config, str], None]

_TEXT = {
    "ja": {
        "pending": "印刷ジョブ #{job} は未印刷のまま保存しました（このコマンドにはプリンタが"
        "接続されていません）。フロアの端末が印刷するか、再印刷できます。",
        "failed": "番号札 {number} は発券済みですが印刷できませんでした（印刷ジョブ #{job}、"
        "再試行されます）: {error}",
        "closed": "「{name}」の受付時間（{opens}〜{closes}）外ですが発券しました。",
        "unprintable": "番号札 {number} は発券済みですが、このプリンタでは印刷できません"
        "（印刷ジョブ #{job}、再試行しません）: {error}",
    },
    "en": {
        "pending": "Print job #{job} is stored, not printed (no printer is attached to this "
        "command): the floor terminal prints it, or reprint it.",
        "failed": "Ticket {number} is issued but did not print (print job #{job}, to be "
        "retried): {error}",
        "closed": "Issued outside the opening hours of “{name}” ({opens}-{closes}).",
        "unprintable": "Ticket {number} is issued but can never print on this printer "
        "(print job #{job}, not retried): {error}",
    },
}


def console_floor_actor(terminal: str) -> Actor:
    """IT staff issuing from the command line act as a floor manager (the role that
    issues tickets); like `console_actor`, whoever runs it can reach the database anyway."""
    return Actor(
        user_id=None,
        login="console",
        display_name="コマンドライン",
        roles=frozenset({RoleCode.FLOOR_MANAGER}),
        terminal=terminal,
    )


def register(subparsers, common) -> None:
    ticket = subparsers.add_parser("ticket", parents=[common], help="番号札 / queue tickets")
    actions = ticket.add_subparsers(dest="ticket_command", required=True)
    categories = actions.add_parser(
        "categories", parents=[common], help="発券区分のID一覧 / category ids, one per line"
    )
    categories.set_defaults(handler=guarded(run_categories))
    issue = actions.add_parser(
        "issue", parents=[common], help="番号札を1枚発券 / issue and print one ticket"
    )
    issue.add_argument("--category", required=True, metavar="ID", help="発券区分 / category id")
    issue.add_argument(
        "--printer",
        metavar="URL",
        default=None,
        help="番号札プリンタ / ticket printer (default: [devices] ticket_printer)",
    )
    issue.add_argument("--priority", action="store_true", help="優先発券 / priority ticket")
    issue.set_defaults(handler=guarded(run_issue))


def issue_handler(print_job: PrintHook) -> Callable[[argparse.Namespace], int]:
    """The `ticket issue` handler with a print hook, for the launcher to install."""
    return guarded(lambda args, config: run_issue(args, config, print_job))


def run_categories(args: argparse.Namespace, config: Config) -> int:
    app = open_app(args, config)
    try:
        for category in app.tickets.categories():
            echo(category.id)
    finally:
        app.close()
    return 0


def run_issue(args: argparse.Namespace, config: Config, print_job: PrintHook | None = None) -> int:
    """Issue one ticket; `print_job` (or `args.print_job`) prints it."""
    print_job = print_job or getattr(args, "print_job", None)
    text = _TEXT.get(language_of(args, config), _TEXT["ja"])
    printer_url = args.printer or config.devices.ticket_printer
    app = open_app(args, config)
    try:
        tickets, outbox = app.tickets, app.outbox
        category = next((c for c in tickets.categories() if c.id == args.category), None)
        prints_now = print_job is not None and printer_url is not None
        issued = tickets.issue(
            console_floor_actor(config.terminal_name),
            args.category,
            priority=args.priority,
            printer_url=printer_url,
            force=True,
            lease_to=command_lease_holder(config.terminal_name) if prints_now else None,
        )
        echo(issued.display_number, flush=True)
        local = issued.ticket.issued_local.time()
        if category is not None and not category.is_open(local):
            echo(
                text["closed"].format(
                    name=category.name,
                    opens=category.opens.strftime("%H:%M"),
                    closes=category.closes.strftime("%H:%M"),
                ),
                error=True,
            )
        job = issued.print_job
        if print_job is None or not prints_now:
            echo(text["pending"].format(job=job.id), error=True)
            return 0
        try:
            print_job(job, config, app.municipality_name())
        except UnprintableJob as error:  # never will: the job leaves the queue
            outbox.mark_unprintable(job.id, str(error))
            echo(
                text["unprintable"].format(number=issued.display_number, job=job.id, error=error),
                error=True,
            )
            return 1
        except Exception as error:  # any printer failure: the ticket is issued all the same
            outbox.mark_failed(job.id, f"{type(error).__name__}: {error}")
            echo(
                text["failed"].format(number=issued.display_number, job=job.id, error=error),
                error=True,
            )
            return 0
        outbox.mark_printed(job.id)
        return 0
    finally:
        app.close()
