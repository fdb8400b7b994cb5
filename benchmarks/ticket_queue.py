"""Queue: ticket size, issue-to-paper time, and issuing throughput on both databases.

    .venv/bin/python benchmarks/ticket_queue.py [--tickets 200] [--database postgresql+psycopg://…]

1. Bytes per ticket: the ESC/POS bytes of real issued tickets (median).
2. Issue to last byte: a ticket issued in the database, its bytes built and sent through
   pyserial to a fake printer on a local socket, until the printer has received the cut
   (median over the tickets).
3. Issues per second: tickets issued one after another (number + print job in one unit of
   work each) on an SQLite file and on PostgreSQL (a throwaway cluster unless
   --database names an empty database).
4. Per printer profile (80 mm at 203 dpi, 80 mm at 180 dpi, 58 mm), the same tickets and a
   six-procedure visit receipt laid out for it: the bytes (median) and the barcode as it
   prints (CODE128, or a QR code where a CODE128 would not fit), its module and its width
   in dots, one line each:
   `ticket_queue profile=… paper_mm=… dpi=… printable_dots=… ticket_bytes=… barcode=…
   barcode_module=… barcode_dots=… receipt_bytes=… receipt_barcode=… receipt_barcode_module=…
   receipt_barcode_dots=…`.
The last line: `queue bytes_per_ticket=… issue_to_bytes_ms_p50=… issues_per_s_sqlite=… issues_per_s_pg=…`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.app import CounterApp  # noqa: E402
from counter_app.config import Config  # noqa: E402
from counter_app.permissions import RoleCode  # noqa: E402
from counter_app.queue.rows import TicketInfo  # noqa: E402
from devices.fakes import FakePrinter  # noqa: E402
from devices.printer import TicketPrinter  # noqa: E402
from devices.profiles import BUILT_IN  # noqa: E402
from devices.receipt import render_receipt  # noqa: E402
from devices.ticket import render_ticket  # noqa: E402
from station.tickets import RASTER_FONT, ticket_content, ticket_data  # noqa: E402
from tests.devices.test_receipt import RECEIPT  # noqa: E402  (a move-in visit, six procedures)
from tests.helpers import add_user  # noqa: E402
from tests.postgres import ThrowawayCluster  # noqa: E402

CATEGORY = "todokede"
MUNICIPALITY = "みどり市"


def floor_actor(app: CounterApp):
    add_user(app, "floor", RoleCode.FLOOR_MANAGER, password="correct horse")
    return app.auth.login("floor", "correct horse", app.terminal)


def issues_per_second(url: str, count: int) -> float:
    app = CounterApp.open(Config(database_url=url, terminal_name="BENCH-01"))
    try:
        actor = floor_actor(app)
        started = time.perf_counter()
        for _ in range(count):
            app.tickets.issue(actor, CATEGORY, terminal="BENCH-01", force=True)
        return count / (time.perf_counter() - started)
    finally:
        app.close()


def issue_to_paper(url: str, count: int) -> tuple[list[int], list[float], list[TicketInfo]]:
    printer = FakePrinter()
    printer.start_socket()
    app = CounterApp.open(Config(database_url=url, terminal_name="BENCH-02"))
    sizes, times, tickets = [], [], []
    try:
        actor = floor_actor(app)
        with TicketPrinter(printer.url) as device:
            for i in range(count):
                started = time.perf_counter()
                issued = app.tickets.issue(actor, CATEGORY, terminal="BENCH-02", force=True)
                data = ticket_data(issued.ticket, MUNICIPALITY)
                device.print_ticket(data)
                if not printer.wait_for(lambda n=i + 1: len(printer.cuts) >= n, timeout=10):
                    raise RuntimeError("the fake printer did not receive the cut")
                times.append((time.perf_counter() - started) * 1000)
                sizes.append(len(data))
                tickets.append(issued.ticket)
                app.outbox.mark_printed(issued.print_job.id)
    finally:
        app.close()
        printer.stop()
    return sizes, times, tickets


def profile_lines(tickets: list[TicketInfo]) -> list[str]:
    """Per built-in profile: the tickets' and the receipt's bytes and barcode as printed."""
    font = str(RASTER_FONT)
    lines = []
    for profile in BUILT_IN.values():
        rendered = [
            render_ticket(ticket_content(t, MUNICIPALITY), profile=profile, raster_font=font)
            for t in tickets
        ]
        widest = max(rendered, key=lambda r: r.barcode_dots)
        receipt = render_receipt(RECEIPT, profile=profile, raster_font=font)
        lines.append(
            f"ticket_queue profile={profile.name} paper_mm={profile.paper_mm} dpi={profile.dpi} "
            f"printable_dots={profile.printable_dots} "
            f"ticket_bytes={statistics.median(len(r.data) for r in rendered):.0f} "
            f"barcode={widest.barcode.symbology} barcode_module={widest.barcode_module} "
            f"barcode_dots={widest.barcode_dots} receipt_bytes={len(receipt.data)} "
            f"receipt_barcode={receipt.barcode.symbology} "
            f"receipt_barcode_module={receipt.barcode_module} "
            f"receipt_barcode_dots={receipt.barcode_dots}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument(
        "--database", help="an empty PostgreSQL database (default: a throwaway cluster)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sizes, times, tickets = issue_to_paper(
            f"sqlite:///{folder}/paper.sqlite3", min(args.tickets, 100)
        )
        sqlite_rate = issues_per_second(f"sqlite:///{folder}/rate.sqlite3", args.tickets)
    print(f"queue bytes_per_ticket median={statistics.median(sizes):.0f} max={max(sizes)}")
    print(f"queue issue_to_last_byte_ms p50={statistics.median(times):.1f} max={max(times):.1f}")
    print(f"queue issues_per_s sqlite={sqlite_rate:.1f}")
    for line in profile_lines(tickets):
        print(line)
    cluster = None
    url = args.database
    if url is None:
        cluster = ThrowawayCluster()
        cluster.start()
        url = cluster.new_database("bench")
    try:
        pg_rate = issues_per_second(url, args.tickets)
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"queue issues_per_s postgresql={pg_rate:.1f}")
    print(
        f"queue bytes_per_ticket={statistics.median(sizes):.0f} "
        f"issue_to_bytes_ms_p50={statistics.median(times):.1f} "
        f"issues_per_s_sqlite={sqlite_rate:.1f} issues_per_s_pg={pg_rate:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
