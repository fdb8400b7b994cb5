"""The certificate desk's 領収書: worded from a PaymentInfo, kept as JSON with its print job,
and the bytes read back by the printer decoder (devices/decoders), and through the fake
printer on a socket: the fees, the amounts, the change or the method, the receipt number
as CODE128, the window and the time in 和暦; never a name."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime

import pytest

from counter_app.certificates.model import (
    CertificateCatalog,
    FeeLine,
    NamedChoice,
    PaymentInfo,
    PaymentMethod,
)
from counter_app.outbox import PrintJobInfo, PrintJobKind, PrintJobStatus
from devices.decoders.printer import Barcode, Cut, EscPosDecoder, RasterImage, TextLine
from devices.escpos import NoRasterFont, text_columns
from devices.fakes import FakePrinter
from devices.fee_receipt import FeeReceiptContent, FeeReceiptLine, fee_receipt_bytes
from devices.printer import PrinterError, TicketPrinter
from devices.ticket import COLUMNS
from station.fee_receipts import (
    fee_receipt_content,
    fee_receipt_data,
    fee_receipt_from_snapshot,
    fee_receipt_order,
    fee_receipt_snapshot,
)
from station.print_jobs import job_data

PAID_AT = datetime(2026, 12, 5, 5, 7, tzinfo=UTC)  # 14:07 in Japan
CATALOG = CertificateCatalog(
    kinds=(),
    exemptions=(NamedChoice("seikatsu_hogo", "生活保護", "public assistance"),),
    identity_documents=(),
)
CASH = PaymentInfo(
    id=7,
    receipt_number="R20261205-0007",
    business_day=date(2026, 12, 5),
    window=2,
    terminal="MADO-02",
    lines=(
        FeeLine("juminhyo", "住民票の写し", 2, 300, 600),
        FeeLine("inkan", "印鑑登録証明書", 1, 300, 300),
    ),
    total_yen=900,
    method=PaymentMethod.CASH,
    received_yen=1000,
    change_yen=100,
    cashless_method=None,
    exemption_id=None,
    paid_at=PAID_AT,
    clerk="madoguchi",  # a login: never on the paper either
)
EXEMPT = dataclasses.replace(
    CASH,
    lines=(FeeLine("juminhyo", "住民票の写し", 3, 300, 0),),
    total_yen=0,
    method=PaymentMethod.EXEMPT,
    received_yen=None,
    change_yen=None,
    exemption_id="seikatsu_hogo",
)
CASHLESS = dataclasses.replace(
    CASH,
    method=PaymentMethod.CASHLESS,
    received_yen=None,
    change_yen=None,
    cashless_method="ic",
)


def printed(payment: PaymentInfo) -> list:
    """As the outbox prints it: the content kept as JSON with the job, then its bytes."""
    kept = json.loads(
        json.dumps(fee_receipt_snapshot(fee_receipt_content(payment, CATALOG, "みどり市")))
    )
    return EscPosDecoder().feed(fee_receipt_data(fee_receipt_from_snapshot(kept)))


def pad(left: str, right: str) -> str:
    """`left` and `right` spread across the 42 columns, as the receipt prints them."""
    return left + " " * (COLUMNS - text_columns(left) - text_columns(right)) + right


def texts(events: list) -> list[str]:
    return [e.text for e in events if isinstance(e, TextLine) and e.text]


def test_a_cash_receipt_reads_back_with_items_amounts_total_received_and_change():
    events = printed(CASH)
    lines = [e for e in events if isinstance(e, TextLine) and e.text]
    head = [(e.text, e.align, e.width, e.height, e.bold) for e in lines[:6]]
    assert head == [
        ("領収書", "center", 2, 2, True),
        ("みどり市", "center", 1, 1, True),
        ("領収番号", "center", 1, 1, False),
        ("R20261205-0007", "center", 2, 2, True),
        ("令和8年12月5日 14:07", "center", 1, 1, False),
        ("2番窓口", "center", 1, 1, False),
    ]
    body = [e.text for e in lines[6:]]
    assert body == [
        "-" * COLUMNS,
        "住民票の写し",
        pad("  2通 × 300円", "600円"),
        "印鑑登録証明書",
        pad("  1通 × 300円", "300円"),
        "-" * COLUMNS,
        pad("合計", "900円"),
        pad("お預かり", "1,000円"),
        pad("お釣り", "100円"),
        "-" * COLUMNS,
        "上記の金額を領収しました。",
    ]
    [total] = [e for e in lines if e.text.startswith("合計")]
    assert (total.height, total.bold) == (2, True)
    assert [e for e in events if isinstance(e, Barcode)] == [Barcode("CODE128", "R20261205-0007")]
    assert isinstance(events[-1], Cut)
    assert not [e for e in events if isinstance(e, RasterImage)]


def test_an_exempt_receipt_says_減免_with_its_reason_and_takes_no_money():
    body = texts(printed(EXEMPT))
    assert "減免（生活保護）" in body
    assert any(t.startswith("  3通 × 300円") and t.endswith(" 0円") for t in body)
    assert [t for t in body if t.startswith("合計")] == [pad("合計", "0円")]
    assert not any(t.startswith(("お預かり", "お釣り", "お支払い方法")) for t in body)


def test_a_cashless_receipt_names_the_method_not_cash():
    body = texts(printed(CASHLESS))
    [method] = [t for t in body if t.startswith("お支払い方法")]
    assert method.endswith("電子マネー") and text_columns(method) == COLUMNS
    assert not any(t.startswith(("お預かり", "お釣り", "減免")) for t in body)


def test_no_name_is_on_the_paper_and_the_content_has_no_field_for_one():
    for cls in (FeeReceiptContent, FeeReceiptLine):
        names = {field.name for field in dataclasses.fields(cls)}
        assert not names & {"name_kana", "resident", "resident_name", "kana", "clerk", "subject"}
    payment = dataclasses.replace(CASH, clerk="yamada.taro", terminal="MADO-02")
    data = fee_receipt_data(fee_receipt_content(payment, CATALOG, "みどり市"))
    assert b"yamada" not in data and b"madoguchi" not in data and b"MADO-02" not in data


def test_a_long_kind_name_and_a_large_amount_stay_within_42_columns():
    payment = dataclasses.replace(
        CASH,
        lines=(
            FeeLine(
                "k", "住民票記載事項証明書（世帯全員・本籍及び筆頭者の記載あり）", 99, 300, 29_700
            ),
            FeeLine("t", "所得・課税証明書（令和7年度）", 12, 300, 3_600),
        ),
        total_yen=33_300,
        received_yen=1_000_000,
        change_yen=966_700,
    )
    events = printed(payment)
    for line in (e for e in events if isinstance(e, TextLine) and e.text):
        assert text_columns(line.text) * line.width <= COLUMNS, line.text
    body = texts(events)
    assert any(t.endswith("29,700円") for t in body) and any(t.endswith("966,700円") for t in body)


def test_a_character_outside_the_printer_s_rom_goes_raster_never_a_question_mark():
    content = dataclasses.replace(
        fee_receipt_content(CASH, CATALOG, "みどり市"), municipality="髙﨑市"
    )
    with pytest.raises(NoRasterFont):
        fee_receipt_bytes(content)
    events = EscPosDecoder().feed(fee_receipt_data(content))
    assert len([e for e in events if isinstance(e, RasterImage)]) == 1
    assert not any("?" in t or "\ufffd" in t for t in texts(events))


def test_the_order_words_the_receipt_when_queued_and_the_job_prints_it_as_kept():
    order = fee_receipt_order(CATALOG, "みどり市", "socket://127.0.0.1:9100")
    assert order.printer_url == "socket://127.0.0.1:9100"
    content = json.loads(json.dumps(order.content(EXEMPT)))
    job = PrintJobInfo(
        id=1,
        kind=PrintJobKind.FEE_RECEIPT,
        label=EXEMPT.receipt_number,
        ticket=None,
        content=content,
        printer_url=order.printer_url,
        status=PrintJobStatus.PENDING,
        attempts=0,
        last_error=None,
        created_at=PAID_AT,
        printed_at=None,
    )
    events = EscPosDecoder().feed(job_data(job, "どこか別の市"))
    assert "みどり市" in texts(events) and "どこか別の市" not in texts(events)
    assert "減免（生活保護）" in texts(events)
    with pytest.raises(ValueError, match="no 領収書 content"):
        job_data(dataclasses.replace(job, content=None), "みどり市")


@pytest.fixture
def fake():
    printer = FakePrinter().start_socket()
    yield printer
    printer.stop()


def test_the_receipt_through_the_driver_on_a_fake_printer_and_none_at_paper_end(fake):
    data = fee_receipt_data(fee_receipt_content(CASH, CATALOG, "みどり市"))
    fake.state = "paper_end"
    with TicketPrinter(fake.url, timeout=0.3) as printer, pytest.raises(PrinterError):
        printer.print_ticket(data)
    assert fake.job_byte_count() == 0
    fake.state = "normal"
    with TicketPrinter(fake.url, timeout=0.3) as printer:
        printer.print_ticket(data)
    assert fake.wait_for(lambda: fake.cuts, timeout=5.0)
    lines = fake.text_lines()
    assert lines[0] == "領収書" and "R20261205-0007" in lines
    assert fake.of_type(Barcode) == [Barcode("CODE128", "R20261205-0007")]
    assert any(t.startswith("お釣り") and t.endswith("100円") for t in lines)
