"""Every ticket and receipt of the demo floor, on each built-in printer profile, drawn to
scale by the fake printer from the real bytes and read back by zbarimg.

80 mm at 203 dpi (576 printable dots), 80 mm at 180 dpi (512) and 58 mm (384): the text
stays within the paper's columns, the barcode (CODE128 sized by GS w/GS h, or a QR code
where a CODE128 with its quiet zones would not fit) stays inside the printable width with
its quiet zones, and an independent reader decodes exactly the ticket id or slip number.
"""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from counter_app.catalog import load_catalog
from counter_app.queue.categories import load_categories
from counter_app.queue.rows import TicketInfo, TicketStatus
from devices import barcodes, escpos
from devices.decoders.printer import Barcode, EscPosDecoder, QrCode, RasterImage, TextLine
from devices.fakes import FakePrinter
from devices.paper import Paper, render_paper
from devices.printer import TicketPrinter
from devices.profiles import BUILT_IN, PAPER_58, TM_T20, TM_T88_180, PrinterProfile
from devices.ticket import TicketContent, render_ticket
from station.fee_receipts import fee_receipt_content, fee_receipt_data
from station.receipts import receipt_content, receipt_data
from station.tickets import ticket_content, ticket_data
from tests.devices.test_receipt_print import NOW, VISIT
from tests.helpers import PROJECT_ROOT, tool
from tests.station.test_fee_receipt import CASH, CASHLESS, CATALOG, EXEMPT

FONT = str(PROJECT_ROOT / "resources" / "fonts" / "ipaexg.ttf")
PROFILES = list(BUILT_IN.values())
TOKYO = ZoneInfo("Asia/Tokyo")
DAY = date(2026, 12, 4)
LONGEST_NUMBER = 9999  # four digits: a busy category's longest display number (A-9999)


def ticket_info(category, number: int, *, priority: bool = False) -> TicketInfo:
    issued = datetime(2026, 12, 4, 16, 58, tzinfo=TOKYO)
    return TicketInfo(
        id=number,
        business_day=DAY,
        category_id=category.id,
        category_name=category.name,
        category_name_en=category.name_en,
        number=number,
        display_number=category.display_number(number),
        priority=priority,
        status=TicketStatus.WAITING,
        window_number=None,
        assigned_window=None,
        issued_at=issued,
        issued_local=issued,
        called_at=None,
        last_called_at=None,
        recalls=0,
        started_at=None,
        finished_at=None,
        transferred_from_id=None,
        terminal="FLOOR-01",
        waiting_ahead=128,
        estimated_wait_minutes=245,
    )


def demo_slips(profile: PrinterProfile) -> list[tuple[str, str, bytes]]:
    """(what, the barcode's data, the bytes) of every slip of the floor on `profile`: a
    ticket of each category at its longest number (and the first, a priority one), the
    visit receipt and the 領収書 paid in cash, cashless and exempt."""
    slips = []
    for category in load_categories():
        for number, priority in ((LONGEST_NUMBER, True), (1, False)):
            ticket = ticket_info(category, number, priority=priority)
            data = ticket_data(ticket, "みどり市", profile)
            slips.append((ticket.display_number, ticket_content(ticket, "").barcode_data, data))
    visit = receipt_content(VISIT, load_catalog(), "みどり市", NOW)
    slips.append(("受付の控え", VISIT.visit_number, receipt_data(visit, profile)))
    for payment in (CASH, CASHLESS, EXEMPT):
        content = fee_receipt_content(payment, CATALOG, "みどり市")
        slips.append((f"領収書 {payment.method}", payment.receipt_number,
                      fee_receipt_data(content, profile)))  # fmt: skip
    return slips


def zbar(paper: Paper, path) -> list[str]:
    """What zbarimg reads on the paper, saved as a PNG."""
    paper.image.save(path)
    result = subprocess.run(
        [tool("zbarimg"), "--raw", "-q", str(path)], capture_output=True, text=True
    )
    return result.stdout.splitlines()


def check_paper(paper: Paper, profile: PrinterProfile, data: str, path) -> None:
    """Nothing overflows, the code sits inside the printable width with its quiet zones,
    the text fits the columns, and zbarimg reads exactly `data`."""
    assert paper.image.width == profile.printable_dots
    assert paper.overflows == [] and paper.unknown == []
    codes = paper.of_kind("barcode") + paper.of_kind("qr")
    assert len(codes) == 1, codes
    [code] = codes
    quiet = (
        barcodes.QUIET_ZONE_MODULES if code.kind == "barcode" else barcodes.QR_QUIET_ZONE_MODULES
    )
    assert code.module >= 2
    margin = quiet * code.module
    assert code.x >= margin and code.right <= profile.printable_dots - margin
    for line in paper.of_kind("text"):
        assert line.right <= profile.printable_dots, line
    assert zbar(paper, path) == [data]


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_every_demo_slip_decodes_with_zbarimg_inside_the_printable_width(profile, tmp_path):
    slips = demo_slips(profile)
    assert len(slips) == 2 * len(load_categories()) + 4
    for i, (what, data, sent) in enumerate(slips):
        events = EscPosDecoder().feed(sent)
        paper = render_paper(events, profile, FONT)
        check_paper(paper, profile, data, tmp_path / f"{i:02d}.png")
        for line in (e for e in events if isinstance(e, TextLine)):
            assert escpos.text_columns(line.text) * line.width <= profile.columns, (what, line)
        for image in (e for e in events if isinstance(e, RasterImage)):
            assert image.width_dots <= profile.printable_dots, what


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_through_a_pty_the_fake_printer_draws_what_a_reader_decodes(profile, tmp_path):
    category = load_categories()[0]
    ticket = ticket_info(category, LONGEST_NUMBER)
    visit = receipt_content(VISIT, load_catalog(), "みどり市", NOW)
    for what, data, sent in (
        (
            "ticket",
            ticket_content(ticket, "").barcode_data,
            ticket_data(ticket, "みどり市", profile),
        ),
        ("receipt", VISIT.visit_number, receipt_data(visit, profile)),
    ):
        with FakePrinter().start_pty() as fake:
            with TicketPrinter(fake.url, timeout=0.3) as printer:
                printer.print_ticket(sent)
            assert fake.wait_for(lambda f=fake: f.cuts, timeout=5.0)
            check_paper(fake.paper(profile, FONT), profile, data, tmp_path / f"{what}.png")


# The sizes each profile gets (checked against the arithmetic of the symbols: 11 modules a
# symbol, 13 the stop, 10 of quiet zone each side).
TICKET_ID = "T-20261204-A-9999"  # {B T- {C 20 26 12 04 {B -A- {C 99 99: 14 symbols, 189 modules
VISIT_NUMBER = "V-20261201-0007"  # {B V- {C 20 26 12 01 {B - {C 00 07: 12 symbols, 167 modules


@pytest.mark.parametrize(
    ("profile", "data", "symbology", "module", "dots"),
    [
        (TM_T20, TICKET_ID, "CODE128", 2, 378),  # at 3: 627 dots with the quiet zones > 576
        (TM_T88_180, TICKET_ID, "CODE128", 2, 378),
        (PAPER_58, TICKET_ID, "QR", 5, 125),  # at 2: 418 > 384, so a QR code (25 modules)
        (TM_T20, VISIT_NUMBER, "CODE128", 3, 501),  # 561 with the quiet zones ≤ 576
        (TM_T88_180, VISIT_NUMBER, "CODE128", 2, 334),  # at 3: 561 > 512
        (PAPER_58, VISIT_NUMBER, "CODE128", 2, 334),  # 374 ≤ 384
    ],
)
def test_the_barcode_is_sized_for_each_profile(profile, data, symbology, module, dots):
    layout = barcodes.barcode_layout(data, profile)
    assert (layout.symbology, layout.module, layout.width_dots) == (symbology, module, dots)
    assert layout.footprint_dots <= profile.printable_dots


def test_the_ticket_sets_module_width_height_and_no_hri_before_the_code():
    content = dataclasses.replace(_ticket(), barcode_data=TICKET_ID)
    for profile, height in ((TM_T20, 80), (TM_T88_180, 71)):
        rendered = render_ticket(content, profile=profile)
        payload = barcodes.code128_payload(TICKET_ID)
        expected = bytes.fromhex("1d 48 00 1d 77 02 1d 68") + bytes([height])
        assert expected + escpos.code128(payload) in rendered.data
        [barcode] = [e for e in EscPosDecoder().feed(rendered.data) if isinstance(e, Barcode)]
        assert (barcode.data, barcode.module_width, barcode.height, barcode.hri) == (
            TICKET_ID, 2, height, 0,
        )  # fmt: skip
        assert (rendered.barcode_module, rendered.barcode_dots) == (2, 378)


def _ticket() -> TicketContent:
    return TicketContent(
        municipality="みどり市",
        category="届出・証明（転入転出・出生死亡・婚姻離婚）",
        number="A-9999",
        issued_at="2026年12月4日 16:58",
        ahead=128,
        wait_minutes=245,
        barcode_data=TICKET_ID,
        notes=("優先受付",),
    )


def test_a_payload_too_long_for_code128_on_58_mm_falls_back_to_a_qr_code_that_decodes(tmp_path):
    data = "T-20261204-KOSODATE-0001"  # 266 modules: 572 dots at 2 with the quiet zones
    modules = barcodes.read_code128(barcodes.code128_payload(data)).modules
    assert (modules + 2 * barcodes.QUIET_ZONE_MODULES) * 2 > PAPER_58.printable_dots
    content = dataclasses.replace(_ticket(), barcode_data=data)
    rendered = render_ticket(content, profile=PAPER_58)
    assert rendered.barcode.symbology == "QR"
    events = EscPosDecoder().feed(rendered.data)
    assert not [e for e in events if isinstance(e, Barcode)]
    [qr] = [e for e in events if isinstance(e, QrCode)]
    assert qr.data == data and qr.module_size == rendered.barcode_module
    check_paper(render_paper(events, PAPER_58, FONT), PAPER_58, data, tmp_path / "qr.png")
    # the same id is a CODE128 where it fits: 80 mm at 203 dpi
    assert render_ticket(content, profile=TM_T20).barcode.symbology == "CODE128"


def test_a_printer_without_a_kanji_rom_gets_every_line_as_an_image_that_still_fits(tmp_path):
    profile = dataclasses.replace(PAPER_58, name="58mm-no-kanji", kanji_rom=False)
    rendered = render_ticket(_ticket(), profile=profile, raster_font=FONT, max_bytes=20_000)
    events = EscPosDecoder().feed(rendered.data)
    assert not [e for e in events if isinstance(e, TextLine) and e.text]
    assert TICKET_ID in rendered.raster_lines and "みどり市" in rendered.raster_lines
    check_paper(render_paper(events, profile, FONT), profile, TICKET_ID, tmp_path / "r.png")


def test_a_printer_without_a_kanji_rom_needs_a_font():
    profile = dataclasses.replace(TM_T20, name="no-kanji", kanji_rom=False)
    with pytest.raises(ValueError, match="no kanji ROM"):
        render_ticket(_ticket(), profile=profile)


def test_the_fake_printer_reports_a_barcode_wider_than_the_paper_instead_of_clipping_it():
    # what the printers got before: no GS w, so their default module width of 3 dots
    payload = b"{BT-20261204-A-001"  # the ticket: 211 modules in code set B
    sent = escpos.initialize_japanese() + escpos.code128(payload) + escpos.cut()
    paper = render_paper(EscPosDecoder().feed(sent), TM_T20, FONT)
    [overflow] = paper.overflows
    assert overflow.kind == "barcode" and overflow.width == 211 * 3  # 633 dots > 576
