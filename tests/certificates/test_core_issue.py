"""Issuing at the desk: each kind for the person, a household member, an agent and a third
party, on SQLite and PostgreSQL; numbers, payment, receipt job, audit and visit link."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from counter_app.certificates import PaymentInput, PaymentMethod, Scope
from counter_app.db.models import AuditEntry, Resident
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.outbox import PrintJobKind, ReceiptOrder
from counter_app.permissions import console_actor
from tests import helpers
from tests.certificates.desk import (
    AGENT,
    DAY,
    HOUSEHOLD,
    MY_NUMBERS,
    SEAL_NUMBER,
    SELF,
    THIRD,
    cash,
    request,
)


def _labels(issued) -> list[str]:
    return [label for section in issued.document.sections for label, _ in section.rows]


def _values(issued) -> str:
    return " ".join(v for s in issued.document.sections for _, v in s.rows)


# (kind, requester, extra request arguments, subject attribute)
EACH_KIND = [
    ("juminhyo", SELF, {}, "taro"),
    ("juminhyo", HOUSEHOLD, {}, "taro"),
    ("juminhyo", AGENT, {"mandate": True}, "taro"),
    ("juminhyo", THIRD, {"purpose": "債権回収のため（契約書あり）"}, "taro"),
    ("juminhyo_items", SELF, {}, "hanako"),
    ("juminhyo_items", HOUSEHOLD, {}, "hanako"),
    ("juminhyo_items", AGENT, {"mandate": True}, "hanako"),
    ("juminhyo_items", THIRD, {"purpose": "年金の届出（勤務先）"}, "hanako"),
    ("jokyo", SELF, {}, "jiro"),
    ("jokyo", HOUSEHOLD, {}, "jiro"),
    ("jokyo", AGENT, {"mandate": True}, "jiro"),
    ("jokyo", THIRD, {"purpose": "相続手続き（債権者）"}, "jiro"),
    ("inkan", SELF, {"seal_card": SEAL_NUMBER}, "taro"),
    ("inkan", HOUSEHOLD, {"seal_card": SEAL_NUMBER}, "taro"),
    ("inkan", AGENT, {"seal_card": SEAL_NUMBER}, "taro"),
    ("shotoku", SELF, {"fiscal_year": 2026}, "taro"),
    ("shotoku", HOUSEHOLD, {"fiscal_year": 2025}, "taro"),
    ("shotoku", AGENT, {"fiscal_year": 2024, "mandate": True}, "taro"),
    ("nozei", SELF, {"fiscal_year": 2026}, "hanako"),
    ("nozei", HOUSEHOLD, {"fiscal_year": 2025}, "hanako"),
    ("nozei", AGENT, {"fiscal_year": 2026, "mandate": True}, "hanako"),
]


@pytest.mark.parametrize(("kind", "requester", "extra", "who"), EACH_KIND)
def test_each_kind_is_issued_to_whom_the_law_allows(desk, kind, requester, extra, who):
    app, service, city, clerk, _boss = desk
    asked = request(getattr(city, who), kind, requester, copies=2, **extra)
    assert service.quote(asked).total_yen == 600
    issuance = service.issue(clerk, asked, cash(1000), window=3)
    payment = issuance.payment
    assert payment.receipt_number == "R20261207-0001"
    assert (payment.total_yen, payment.received_yen, payment.change_yen) == (600, 1000, 400)
    numbers = [c.issue_number for c in issuance.certificates]
    assert numbers == ["C20261207-00001", "C20261207-00002"]
    first = issuance.certificates[0]
    assert first.document.kind_id == kind
    assert first.document.verification.startswith("C20261207-00001.")
    assert len(first.document.verification.split(".")[1]) == 8
    assert first.document.municipality == "みどり市"
    assert "個人番号" not in _labels(first)
    assert not any(n in _values(first) for n in MY_NUMBERS.values())
    # the audit log names who, for whom, what and why, one entry per copy
    with app.db.read() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "certificate.issued")
        ).all()
    assert len(entries) == 2
    detail = json.loads(entries[0].detail)
    assert (entries[0].login, detail["kind"], detail["requester"]) == (
        "madoguchi",
        kind,
        requester.value,
    )
    assert entries[0].purpose == (extra.get("purpose") or None)
    # the documents read back as issued (a reprint), the read logged
    again = service.documents(clerk, numbers)
    assert again == issuance.certificates


def test_a_household_copy_shows_every_member_and_only_the_options_asked(desk):
    _app, service, city, clerk, _boss = desk
    asked = request(
        city.ichiro,
        "juminhyo",
        HOUSEHOLD,
        scope=Scope.HOUSEHOLD,
        options=frozenset({"relationship", "head", "my_number"}),
    )
    (issued,) = service.issue(clerk, asked, cash(300), window=1).certificates
    sections = issued.document.sections
    assert [s.heading for s in sections] == ["山田\u3000太郎", "山田\u3000花子", "山田\u3000一郎"]
    rows = dict(sections[1].rows)
    assert rows["続柄"] == "妻" and rows["世帯主"] == "山田\u3000太郎"
    assert rows["個人番号"] == MY_NUMBERS["hanako"]
    assert rows["生年月日"] == "昭和47年8月1日"
    assert "本籍" not in rows and "住民票コード" not in rows and "前住所" not in rows
    assert list(rows) == [
        "氏名",
        "生年月日",
        "性別",
        "住所",
        "住民となった年月日",
        "住所を定めた年月日",
        "世帯主",
        "続柄",
        "個人番号",
    ]


def test_tax_and_seal_certificates_state_the_records(desk):
    _app, service, city, clerk, _boss = desk
    (income,) = service.issue(
        clerk, request(city.taro, "shotoku", fiscal_year=2026), cash(300), window=1
    ).certificates
    rows = dict(income.document.sections[0].rows)
    assert rows["年度"] == "2026年度（令和8年）"
    assert rows["総所得金額"] == "4,500,000円" and rows["税額合計"] == "300,000円"
    (paid,) = service.issue(
        clerk, request(city.taro, "nozei", fiscal_year=2026), cash(300), window=1
    ).certificates
    rows = dict(paid.document.sections[0].rows)
    assert (rows["税額"], rows["納付済額"], rows["未納額"]) == (
        "300,000円",
        "150,000円",
        "150,000円",
    )
    (seal,) = service.issue(
        clerk, request(city.taro, "inkan", seal_card=SEAL_NUMBER), cash(300), window=1
    ).certificates
    assert dict(seal.document.sections[0].rows)["登録番号"] == SEAL_NUMBER
    (removed,) = service.issue(clerk, request(city.jiro, "jokyo"), cash(300), window=1).certificates
    rows = dict(removed.document.sections[0].rows)
    assert (rows["消除事由"], rows["消除日"]) == ("転出", "令和8年9月30日")


def test_exempt_and_cashless_payments_and_the_receipt_job(desk):
    app, service, city, clerk, _boss = desk
    free = service.issue(
        clerk,
        request(city.taro, copies=3, exemption="official"),
        PaymentInput(PaymentMethod.EXEMPT),
        window=2,
    )
    assert free.payment.total_yen == 0 and [line.amount_yen for line in free.payment.lines] == [0]
    order = ReceiptOrder(
        "tcp://printer:9100", lambda info: {"receipt": info.receipt_number, "total": info.total_yen}
    )
    paid = service.issue(
        clerk,
        request(city.taro, copies=2),
        PaymentInput(PaymentMethod.CASHLESS, cashless_method="qr", cashless_reference="T-991"),
        window=2,
        receipt=order,
    )
    assert paid.payment.method is PaymentMethod.CASHLESS and paid.payment.change_yen is None
    (job,) = app.outbox.pending_jobs("tcp://printer:9100")
    assert job.kind is PrintJobKind.FEE_RECEIPT and job.label == paid.payment.receipt_number
    assert job.content == {"receipt": paid.payment.receipt_number, "total": 600}
    assert service.payment(paid.payment.receipt_number) == paid.payment
    assert service.day_report(DAY, 2).kinds[0].exempt_copies == 3


def test_a_receipt_printed_at_once_is_leased_so_no_spooler_prints_it_twice(desk):
    app, service, city, clerk, _boss = desk
    order = ReceiptOrder("tcp://printer:9100", lambda info: {"receipt": info.receipt_number})
    issued = service.issue(
        clerk, request(city.taro), cash(300), window=2, receipt=order, lease_to="cli:pc-7"
    )
    assert app.outbox.job(issued.receipt_job_id).label == issued.payment.receipt_number
    assert app.outbox.claim_jobs("tcp://printer:9100", helpers.TERMINAL) == []
    assert [job.id for job in app.outbox.claim_jobs("tcp://printer:9100", "cli:pc-7")] == [
        issued.receipt_job_id
    ]
    unleased = service.issue(clerk, request(city.taro), cash(300), window=2, receipt=order)
    assert [job.id for job in app.outbox.claim_jobs("tcp://printer:9100", helpers.TERMINAL)] == [
        unleased.receipt_job_id
    ]


def test_it_staff_act_as_a_clerk_from_the_command_line_and_it_is_logged(desk):
    app, service, city, _clerk, _boss = desk
    console = console_actor(helpers.TERMINAL)
    actor = app.auth.act_as(console, "madoguchi", app.terminal)
    assert actor.login == "madoguchi" and actor.user_id is not None
    assert service.issue(actor, request(city.taro), cash(300), window=1).certificates
    with pytest.raises(CounterAppError) as unknown:
        app.auth.act_as(console, "nobody", app.terminal)
    assert unknown.value.code is ErrorCode.USER_NOT_FOUND
    with pytest.raises(CounterAppError) as denied:
        app.auth.act_as(actor, "kakari", app.terminal)
    assert denied.value.code is ErrorCode.PERMISSION_DENIED
    with app.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "auth.acted_as")
        ).one()
    assert (entry.login, entry.subject_id) == ("console", "madoguchi")


def test_a_foreign_residents_copy_names_the_nationality_and_no_honseki(desk):
    app, service, city, clerk, _boss = desk
    with app.db.write() as session:
        ichiro = session.scalars(select(Resident).where(Resident.atena_no == city.ichiro)).one()
        ichiro.nationality = "ベトナム"
        ichiro.honseki = ichiro.hittosha = None
    asked = request(city.ichiro, options=frozenset({"honseki", "relationship"}))
    (issued,) = service.issue(clerk, asked, cash(300), window=1).certificates
    rows = dict(issued.document.sections[0].rows)
    assert rows["国籍・地域"] == "ベトナム" and rows["続柄"] == "子"
    assert "本籍" not in rows and "筆頭者" not in rows


BASE_ROWS = ["氏名", "生年月日", "性別", "住所", "住民となった年月日", "住所を定めた年月日"]
OPTION_ROWS = {
    "head": ["世帯主"],
    "relationship": ["続柄"],
    "honseki": ["本籍", "筆頭者"],
    "juminhyo_code": ["住民票コード"],
    "my_number": ["個人番号"],
    "previous_address": ["前住所"],
}


@pytest.mark.parametrize("option", [None, *OPTION_ROWS])
def test_a_copy_holds_exactly_the_items_asked_for(desk, option):
    _app, service, city, clerk, _boss = desk
    options = frozenset() if option is None else frozenset({option})
    (issued,) = service.issue(
        clerk, request(city.taro, options=options), cash(300), window=1
    ).certificates
    assert _labels(issued) == BASE_ROWS + OPTION_ROWS.get(option, [])
    values = _values(issued)
    assert (MY_NUMBERS["taro"] in values) == (option == "my_number")
    assert ("00000000001" in values) == (option == "juminhyo_code")
    assert ("八王子" in values) == (option == "previous_address")
