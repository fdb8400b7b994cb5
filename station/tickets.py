"""A ticket as it goes to the printer: what the paper says and the ESC/POS bytes.

No Qt here: every PC's spooler and `counter-app ticket issue` share it
(station/print_jobs.py).
"""

from __future__ import annotations

import resources
from counter_app.queue.rows import TicketInfo
from devices.profiles import DEFAULT, PrinterProfile
from devices.ticket import TicketContent, ticket_bytes

# Lines the printer's Shift_JIS ROM cannot print (髙, 﨑 …) are drawn with this font.
RASTER_FONT = resources.path("fonts", "ipaexg.ttf")


def ticket_content(ticket: TicketInfo, municipality: str) -> TicketContent:
    """What the paper says: the number, the category, when, how many ahead, the wait.

    Fixed at issue (`waiting_ahead`, `estimated_wait_minutes`), so a reprint says the
    same. Never a name: a ticket carries a number only. Printed in Japanese."""
    issued = ticket.issued_local
    return TicketContent(
        municipality=municipality,
        category=ticket.category_name,
        number=ticket.display_number,
        issued_at=f"{issued.year}年{issued.month}月{issued.day}日 {issued.hour}:{issued.minute:02d}",
        ahead=ticket.waiting_ahead,
        wait_minutes=ticket.estimated_wait_minutes,
        barcode_data=f"T-{ticket.business_day:%Y%m%d}-{ticket.display_number}",
        notes=("優先受付",) if ticket.priority else (),
    )


def ticket_data(ticket: TicketInfo, municipality: str, profile: PrinterProfile = DEFAULT) -> bytes:
    """The ticket's bytes, laid out for the printer's profile."""
    return ticket_bytes(
        ticket_content(ticket, municipality), profile=profile, raster_font=str(RASTER_FONT)
    )
