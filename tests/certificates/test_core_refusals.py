"""Every refusal of the desk is raised with its own code, changes nothing but the audit
log, and is logged there with who asked, for whom, what and why."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from counter_app.certificates import PaymentInput, PaymentMethod, Scope
from counter_app.db.models import (
    AuditEntry,
    CertificateIssue,
    FeePayment,
    Resident,
    SupportMeasure,
)
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.messages import message_for
from tests.certificates.desk import (
    AGENT,
    HOUSEHOLD,
    SEAL_NUMBER,
    SELF,
    THIRD,
    cash,
    request,
)

REFUSALS = [
    # (subject, kind, requester, extra, code)
    ("miki", "juminhyo", AGENT, {"mandate": True}, ErrorCode.SUPPORT_MEASURE_BLOCKED),
    ("miki", "juminhyo", THIRD, {"purpose": "債権回収"}, ErrorCode.SUPPORT_MEASURE_BLOCKED),
    ("taro", "juminhyo", AGENT, {}, ErrorCode.CERTIFICATE_MANDATE_REQUIRED),
    ("taro", "shotoku", AGENT, {"fiscal_year": 2026}, ErrorCode.CERTIFICATE_MANDATE_REQUIRED),
    ("taro", "juminhyo", THIRD, {}, ErrorCode.CERTIFICATE_PURPOSE_REQUIRED),
    ("taro", "juminhyo", THIRD, {"purpose": "   "}, ErrorCode.CERTIFICATE_PURPOSE_REQUIRED),
    ("taro", "inkan", SELF, {"seal_card": "S99999999"}, ErrorCode.CERTIFICATE_SEAL_CARD_MISMATCH),
    ("taro", "inkan", AGENT, {}, ErrorCode.CERTIFICATE_SEAL_CARD_MISMATCH),
    ("hanako", "inkan", SELF, {"seal_card": "S00000002"}, ErrorCode.CERTIFICATE_SEAL_ABOLISHED),
    (
        "ichiro",
        "inkan",
        SELF,
        {"seal_card": SEAL_NUMBER},
        ErrorCode.CERTIFICATE_SEAL_NOT_REGISTERED,
    ),
    ("taro", "inkan", THIRD, {"purpose": "x"}, ErrorCode.CERTIFICATE_REQUESTER_NOT_ALLOWED),
    (
        "taro",
        "nozei",
        THIRD,
        {"purpose": "x", "fiscal_year": 2026},
        ErrorCode.CERTIFICATE_REQUESTER_NOT_ALLOWED,
    ),
    (
        "taro",
        "juminhyo",
        AGENT,
        {"mandate": True, "options": frozenset({"my_number"})},
        ErrorCode.CERTIFICATE_OPTION_NOT_ALLOWED,
    ),
    (
        "taro",
        "juminhyo",
        AGENT,
        {"mandate": True, "options": frozenset({"juminhyo_code"})},
        ErrorCode.CERTIFICATE_OPTION_NOT_ALLOWED,
    ),
    (
        "taro",
        "juminhyo",
        THIRD,
        {"purpose": "訴訟", "options": frozenset({"honseki"})},
        ErrorCode.CERTIFICATE_OPTION_NOT_ALLOWED,
    ),
    ("taro", "jokyo", SELF, {}, ErrorCode.CERTIFICATE_NOT_REMOVED),
    ("jiro", "juminhyo", SELF, {}, ErrorCode.CERTIFICATE_SUBJECT_REMOVED),
    ("ichiro", "shotoku", SELF, {"fiscal_year": 2026}, ErrorCode.CERTIFICATE_NO_TAX_RECORD),
    (
        "taro",
        "juminhyo",
        HOUSEHOLD,
        {"requester_name": "佐藤　美紀"},  # of another household
        ErrorCode.CERTIFICATE_REQUESTER_NOT_IN_HOUSEHOLD,
    ),
    (
        "jiro",
        "jokyo",
        HOUSEHOLD,
        {"requester_name": "山田 花子"},
        ErrorCode.CERTIFICATE_REQUESTER_NOT_IN_HOUSEHOLD,
    ),
]


@pytest.mark.parametrize(("who", "kind", "requester", "extra", "code"), REFUSALS)
def test_each_refusal_is_raised_logged_and_changes_nothing_else(
    desk, who, kind, requester, extra, code
):
    app, service, city, clerk, _boss = desk
    asked = request(getattr(city, who), kind, requester, **extra)
    with pytest.raises(CounterAppError) as checked:
        service.check(clerk, asked)
    assert checked.value.code is code
    assert message_for(checked.value, "ja") and message_for(checked.value, "en")
    with pytest.raises(CounterAppError) as issued:
        service.issue(clerk, asked, cash(300), window=1)
    assert issued.value.code is code
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(FeePayment)) == 0
        assert session.scalar(select(func.count()).select_from(CertificateIssue)) == 0
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "certificate.refused")
        ).all()
        subject_id = session.scalar(
            select(Resident.id).where(Resident.atena_no == getattr(city, who))
        )
    assert len(refused) == 2  # the check and the issue, each logged
    for entry in refused:
        detail = json.loads(entry.detail)
        assert entry.login == "madoguchi" and entry.subject_id == str(subject_id)
        assert detail["reason"] == code.value
        assert detail["items"][0]["kind"] == kind
        assert detail["items"][0]["requester"] == requester.value
        assert entry.purpose == ((extra.get("purpose") or "").strip() or None)


def test_the_person_under_a_support_measure_asks_for_her_own(desk):
    _app, service, city, clerk, _boss = desk
    issuance = service.issue(clerk, request(city.miki), cash(300), window=1)
    assert issuance.certificates[0].document.sections[0].heading == "佐藤\u3000美紀"


def test_a_supervisor_authorisation_lets_an_agent_have_the_protected_record(desk):
    _app, service, city, clerk, boss = desk
    asked = request(city.miki, "juminhyo", AGENT, mandate=True)
    with pytest.raises(CounterAppError):
        service.check(clerk, asked)
    with _app.db.read() as session:
        miki_id = session.scalar(select(Resident.id).where(Resident.atena_no == city.miki))
    _app.residents.authorise_support_measure(
        boss, miki_id, "本人の依頼を電話で確認", for_login="madoguchi"
    )
    issuance = service.issue(clerk, asked, cash(300), window=1)
    assert len(issuance.certificates) == 1


def test_a_household_copy_is_blocked_when_a_member_shown_is_protected(desk):
    app, service, city, clerk, _boss = desk
    with app.db.write() as session:
        ichiro = session.scalar(select(Resident).where(Resident.atena_no == city.ichiro))
        session.add(
            SupportMeasure(resident_id=ichiro.id, kind="stalking", started_on=date(2026, 1, 1))
        )
    with pytest.raises(CounterAppError) as refused:
        service.issue(
            clerk,
            request(city.taro, "juminhyo", HOUSEHOLD, scope=Scope.HOUSEHOLD),
            cash(300),
            window=1,
        )
    assert refused.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
    # the person alone is not protected: the household member may have that
    assert service.issue(clerk, request(city.taro, "juminhyo", HOUSEHOLD), cash(300), window=1)


MALFORMED = [
    ({"kind": "nothing"}, ErrorCode.CERTIFICATE_KIND_UNKNOWN),
    ({"copies": 0}, ErrorCode.CERTIFICATE_COPIES_INVALID),
    ({"copies": 21}, ErrorCode.CERTIFICATE_COPIES_INVALID),
    ({"kind": "inkan", "scope": Scope.HOUSEHOLD}, ErrorCode.CERTIFICATE_SCOPE_NOT_OFFERED),
    ({"options": frozenset({"blood_type"})}, ErrorCode.CERTIFICATE_OPTION_UNKNOWN),
    ({"kind": "shotoku"}, ErrorCode.CERTIFICATE_FISCAL_YEAR_REQUIRED),
    ({"exemption": "friend"}, ErrorCode.CERTIFICATE_EXEMPTION_UNKNOWN),
]


@pytest.mark.parametrize(("extra", "code"), MALFORMED)
def test_a_malformed_request_is_refused_before_anything_is_written(desk, extra, code):
    app, service, city, clerk, _boss = desk
    with pytest.raises(CounterAppError) as refused:
        service.issue(clerk, request(city.taro, **extra), cash(10_000), window=1)
    assert refused.value.code is code
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(FeePayment)) == 0


def test_payments_that_do_not_settle_the_fee_are_refused(desk):
    _app, service, city, clerk, _boss = desk
    with pytest.raises(CounterAppError) as short:
        service.issue(clerk, request(city.taro, copies=2), cash(500), window=1)
    assert short.value.code is ErrorCode.CERTIFICATE_CASH_SHORT
    assert "500円" in message_for(short.value) and "600円" in message_for(short.value)
    for payment in (
        PaymentInput(PaymentMethod.CASHLESS, cashless_method="qr"),
        PaymentInput(PaymentMethod.EXEMPT),
        PaymentInput(PaymentMethod.CASH),
    ):
        with pytest.raises(CounterAppError) as invalid:
            service.issue(clerk, request(city.taro), payment, window=1)
        assert invalid.value.code is ErrorCode.CERTIFICATE_PAYMENT_INVALID


def test_a_clerk_cannot_void_and_a_supervisor_voids_once_with_a_reason(desk):
    app, service, city, clerk, boss = desk
    paid = service.issue(clerk, request(city.taro), cash(300), window=1).payment
    with pytest.raises(CounterAppError) as denied:
        service.void(clerk, paid.receipt_number, "間違い")
    assert denied.value.code is ErrorCode.PERMISSION_DENIED
    with pytest.raises(CounterAppError) as no_reason:
        service.void(boss, paid.receipt_number, "  ")
    assert no_reason.value.code is ErrorCode.CERTIFICATE_VOID_REASON_REQUIRED
    voided = service.void(boss, paid.receipt_number, "種類の誤り")
    assert voided.voided and voided.void_reason == "種類の誤り"
    assert service.payment(paid.receipt_number).voided
    with pytest.raises(CounterAppError) as twice:
        service.void(boss, paid.receipt_number, "再度")
    assert twice.value.code is ErrorCode.CERTIFICATE_ALREADY_VOIDED
    with app.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "certificate.payment_voided")
        ).one()
    assert entry.login == "kakari" and entry.purpose == "種類の誤り"


def test_an_unknown_ticket_or_window_is_refused_and_nothing_is_written(desk):
    app, service, city, clerk, _boss = desk
    with pytest.raises(CounterAppError) as window:
        service.issue(clerk, request(city.taro), cash(300), window=0)
    assert window.value.code is ErrorCode.QUEUE_WINDOW_INVALID
    asked = replace(request(city.taro), ticket_id=999)
    with pytest.raises(CounterAppError) as ticket:
        service.issue(clerk, asked, cash(300), window=1)
    assert ticket.value.code is ErrorCode.QUEUE_TICKET_NOT_FOUND
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(FeePayment)) == 0


@pytest.mark.parametrize(
    ("requester", "name", "purpose", "code"),
    [
        (AGENT, "  ", "", ErrorCode.CERTIFICATE_REQUESTER_NAME_REQUIRED),
        (HOUSEHOLD, "", "", ErrorCode.CERTIFICATE_REQUESTER_NAME_REQUIRED),
        (THIRD, "債権 回収" * 30, "訴訟", ErrorCode.CERTIFICATE_TEXT_TOO_LONG),
        (THIRD, "代理 一子", "訴訟" * 201, ErrorCode.CERTIFICATE_TEXT_TOO_LONG),
        (AGENT, "代理\u202e一子", "", ErrorCode.CERTIFICATE_TEXT_UNSAFE),
        (THIRD, "代理 一子", "訴訟\x1b[2J", ErrorCode.CERTIFICATE_TEXT_UNSAFE),
    ],
)
def test_who_asks_is_named_as_typed_or_the_request_is_refused_before_anything(
    desk, requester, name, purpose, code
):
    app, service, city, clerk, _boss = desk
    asked = request(
        city.taro, "juminhyo", requester, mandate=True, purpose=purpose, requester_name=name
    )
    with pytest.raises(CounterAppError) as refused:
        service.issue(clerk, asked, cash(300), window=1)
    assert refused.value.code is code
    shown = message_for(refused.value, "ja")
    assert "\x1b" not in shown and "\u202e" not in shown
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(FeePayment)) == 0


def test_a_household_member_is_known_however_the_name_is_spaced(desk):
    _app, service, city, clerk, _boss = desk
    for typed in ("山田　花子", "山田花子", "山田 花子", "ヤマダ タロウ"):
        asked = request(city.ichiro, "juminhyo", HOUSEHOLD, requester_name=typed)
        assert service.issue(clerk, asked, cash(300), window=1).certificates
