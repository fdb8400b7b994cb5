"""The visit receipt from a VisitInfo, through pyserial to a fake printer on a pseudo-terminal."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from counter_app.catalog import load_catalog
from counter_app.visits import ProcedureStatus, VisitInfo, VisitProcedureInfo, VisitStatus
from devices.decoders.printer import Barcode, Cut, RasterImage, TextLine
from devices.fakes import FakePrinter
from devices.printer import PrinterError, TicketPrinter
from station.receipts import receipt_content, receipt_data, receipt_from_snapshot, receipt_snapshot

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 1, 14, 5, tzinfo=TOKYO)
RESIDENT = "髙橋 花子"  # in the answers only: never on the paper
RESIDENT_PLAIN = "山田 太郎"
RESIDENT_KANA = "ヤマダ タロウ"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def print_receipt(visit, catalog, municipality, url, *, now, timeout):
    """As a receipt job prints: its content kept as JSON, then its bytes on the printer."""
    kept = json.loads(
        json.dumps(receipt_snapshot(receipt_content(visit, catalog, municipality, now)))
    )
    with TicketPrinter(url, timeout=timeout) as printer:
        printer.print_ticket(receipt_data(receipt_from_snapshot(kept)))


def procedure(n, procedure_id, name, department, kind, status, due=None):
    return VisitProcedureInfo(
        id=n,
        procedure_id=procedure_id,
        name=name,
        department_id=department,
        kind=kind,
        status=status,
        persons=("p1",),
        reasons=("転入したため",),
        due_on=due,
        holder_user_id=None,
        holder_login=None,
        question=None,
        answer=None,
        decision_note=None,
        updated_at=NOW,
    )


VISIT = VisitInfo(
    id=7,
    visit_number="V-20261201-0007",
    business_day=date(2026, 12, 1),
    status=VisitStatus.CLOSED,
    ticket_id=12,
    resident_id=345,
    household_no="H-0001",
    event_type="move_in",
    event_date=date(2026, 11, 28),
    answers={"resident_name": RESIDENT_PLAIN, "kana": RESIDENT_KANA, "applicant": RESIDENT},
    person_answers={"p1": {"name": RESIDENT_PLAIN, "kana": RESIDENT_KANA}},
    created_by=1,
    terminal="WIN-01",
    created_at=NOW,
    closed_at=NOW,
    procedures=(
        procedure(1, "juki_move_in", "転入届", "shimin", "immediate", ProcedureStatus.DONE),
        procedure(
            2,
            "nhi_join",
            "国民健康保険 資格取得届（加入）",
            "hoken_nenkin",
            "immediate",
            ProcedureStatus.DONE,
        ),
        procedure(
            3, "cert_move_out", "転出証明書の交付", "shimin", "certificate", ProcedureStatus.DONE
        ),
        procedure(
            4,
            "child_allowance_claim",
            "児童手当 認定請求",
            "kodomo",
            "review",
            ProcedureStatus.ROUTED,
            date(2026, 12, 15),
        ),
        procedure(
            5,
            "ltc_cert_transfer_in",
            "要介護・要支援認定申請（受給資格証明書による引継ぎ・転入）",
            "kaigo",
            "review",
            ProcedureStatus.CLAIMED,
            date(2027, 1, 5),
        ),
        procedure(
            6,
            "inkan_registration_new",
            "印鑑登録申請",
            "shimin",
            "immediate",
            ProcedureStatus.CANCELLED,
        ),
    ),
)

EXPECTED_STEPS = {
    "転入届": "窓口で完了",
    "国民健康保険 資格取得届（加入）": "窓口で完了",
    "転出証明書の交付": "証明書交付済み",
    "児童手当 認定請求": "子育て支援課で審査（12月15日までに通知）",
    "要介護・要支援認定申請（受給資格証明書による引継ぎ・転入）": "介護保険課で審査（令和9年1月5日までに通知）",
}


@pytest.fixture
def fake():
    printer = FakePrinter().start_pty()
    yield printer
    printer.stop()


def test_the_content_has_each_procedure_with_its_next_step_and_leaves_cancelled_ones_out(catalog):
    content = receipt_content(VISIT, catalog, "みどり市", NOW)
    assert {item.procedure: item.next_step for item in content.items} == EXPECTED_STEPS
    assert [item.department for item in content.items] == [
        "市民課", "保険年金課", "市民課", "子育て支援課", "介護保険課"
    ]  # fmt: skip
    assert content.visit_number == "V-20261201-0007"
    assert content.printed_at == "令和8年12月1日 14:05"


def test_a_utc_clock_is_printed_in_japanese_time(catalog):
    utc = datetime(2026, 12, 1, 5, 5, tzinfo=ZoneInfo("UTC"))
    assert receipt_content(VISIT, catalog, "みどり市", utc).printed_at == "令和8年12月1日 14:05"


def test_the_receipt_printed_through_pyserial_decodes_back(fake, catalog):
    print_receipt(VISIT, catalog, "みどり市", fake.url, now=NOW, timeout=0.3)
    assert fake.wait_for(lambda: fake.cuts, timeout=5.0)
    lines = fake.text_lines()
    assert lines[0] == "受付の控え" and "みどり市" in lines
    [number] = [line for line in fake.of_type(TextLine) if line.text == "V-20261201-0007"]
    assert (number.align, number.width, number.height) == ("center", 3, 3)  # on 48 columns
    assert "令和8年12月1日 14:05" in lines
    # a wrapped procedure or step reads back whole once its lines are joined
    joined = "".join(line.strip().lstrip("・→ ").strip("　") for line in lines)
    for name, step in EXPECTED_STEPS.items():
        assert name in joined and step in joined, (name, step)
        assert joined.index(step, joined.index(name)) > joined.index(name)  # the step follows
    assert "印鑑登録申請" not in joined  # cancelled
    assert fake.of_type(Barcode) == [Barcode("CODE128", "V-20261201-0007")]
    assert lines[-1] == "お問い合わせの際はこの控えをお持ちください"
    assert fake.cuts == [Cut(partial=True, feed=0)]
    assert not fake.of_type(RasterImage)  # everything here is in the ROM


def test_no_resident_name_is_printed_even_when_the_visit_holds_one(fake, catalog):
    print_receipt(VISIT, catalog, "みどり市", fake.url, now=NOW, timeout=0.3)
    assert fake.wait_for(lambda: fake.cuts, timeout=5.0)
    printed = "".join(fake.text_lines())
    for part in ("山田", "太郎", "ヤマダ", "タロウ", "花子", "髙橋", "高橋"):
        assert part not in printed
    for encoding in ("shift_jis", "cp932"):
        assert "山田".encode(encoding) not in bytes(fake.received)
    assert not fake.of_type(RasterImage)  # 髙橋 was not drawn either
    assert "転入したため" not in printed  # nor the reasons


def test_a_printer_out_of_paper_gets_no_receipt(fake, catalog):
    fake.state = "paper_end"
    with pytest.raises(PrinterError) as caught:
        print_receipt(VISIT, catalog, "みどり市", fake.url, now=NOW, timeout=0.3)
    assert caught.value.kind == "paper_end"
    assert fake.job_byte_count() == 0
