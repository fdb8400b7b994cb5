"""Every ticket the floor can issue must print: checked when the categories load on a PC
with a ticket printer, for the printer's profile, before any ticket is issued.

A line holding characters the printer's ROM lacks (髙, 﨑 …) is sent as a raster image,
many times the bytes of text; a category or municipality name with a few of them makes
a ticket over the printer's byte limit, which the spooler could never print. So each
category's widest ticket (the longest number, wait and date, the priority note) is laid
out as it would print; one over the limit stops the start with QUEUE_TICKET_TOO_LARGE,
naming the category, its size and what to shorten.
"""

from __future__ import annotations

from collections.abc import Iterable

from counter_app.app import CounterApp
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.queue.categories import Category
from devices import escpos
from devices.profiles import PrinterProfile, slowest_baudrate_for
from devices.ticket import TicketContent, TicketTooLarge, render_ticket

from .printer_settings import configured_profile
from .tickets import RASTER_FONT

WIDEST_NUMBER = 9999  # four digits: a day past 999 tickets of one category
WIDEST_DATE = "2026年12月31日 23:59"


def widest_ticket(category: Category, municipality: str) -> TicketContent:
    number = category.display_number(WIDEST_NUMBER)
    return TicketContent(
        municipality=municipality,
        category=category.name,
        number=number,
        issued_at=WIDEST_DATE,
        ahead=999,
        wait_minutes=999,
        barcode_data=f"T-20261231-{number}",
        notes=("優先受付",),
    )


def check_printer_setup(core: CounterApp) -> PrinterProfile | None:
    """On a PC with a ticket printer: its profile, once every category's ticket is known
    to fit it (raises CONFIG_INVALID or QUEUE_TICKET_TOO_LARGE otherwise); None without
    a printer."""
    config = core.config
    if not config.devices.ticket_printer:
        return None
    profile = configured_profile(config.devices, config.source)
    check_tickets_fit(core.tickets.categories(), core.municipality_name(), profile)
    return profile


def check_tickets_fit(
    categories: Iterable[Category], municipality: str, profile: PrinterProfile
) -> None:
    """Raise QUEUE_TICKET_TOO_LARGE for the first category whose widest ticket is over
    the byte limit on a printer of `profile`."""
    for category in categories:
        try:
            render_ticket(
                widest_ticket(category, municipality),
                profile=profile,
                raster_font=str(RASTER_FONT),
            )
        except TicketTooLarge as error:
            raise _too_large(category, municipality, profile, error) from error


def _too_large(
    category: Category, municipality: str, profile: PrinterProfile, error: TicketTooLarge
) -> CounterAppError:
    shorten, shorten_en = _what_to_change(category, municipality, profile, error.size)
    return CounterAppError(
        ErrorCode.QUEUE_TICKET_TOO_LARGE,
        category=category.name,
        profile=profile.name,
        size=error.size,
        limit=error.limit,
        shorten=shorten,
        shorten_en=shorten_en,
    )


def _what_to_change(
    category: Category, municipality: str, profile: PrinterProfile, size: int
) -> tuple[str, str]:
    """What to do about it, in Japanese and English."""
    if not profile.kanji_rom:
        rate = slowest_baudrate_for(size)
        faster = f"通信速度を {rate} bps 以上にするか、" if rate else ""
        faster_en = f"set the line to {rate} bps or faster, " if rate else ""
        return (
            "このプリンタには漢字フォントがなく、全行が画像で送られます。"
            f"{faster}ネットワーク接続（socket://）にするか、漢字フォントのあるプリンタを使ってください。",
            "The printer has no kanji font, so every line goes as an image: "
            f"{faster_en}connect it over the network (socket://) or use a printer with kanji.",
        )
    images = escpos.unprintable_characters(category.name + municipality)
    if images:
        shown = "".join(dict.fromkeys(images))
        return (
            f"「{shown}」はプリンタの文字にないため画像で送られます。"
            "分類名・自治体名からこれらの文字を減らすか、名前を短くしてください。",
            f"“{shown}” are not in the printer's character ROM and go as images: "
            "use fewer of them in the category or municipality name, or shorten it.",
        )
    return "分類名を短くしてください。", "Shorten the category name."
