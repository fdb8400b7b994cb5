"""Twenty scripted certificate visits of mixed kinds and payments (cash with change,
cashless, exempt, voids) on two windows reconcile to the yen: in the day report, in the
金種表 against the cash takings, and in `counter-app cash report` (CSV with a BOM, text)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest

from counter_app.certificates import (
    CertificateItem,
    CertificateRequest,
    PaymentInput,
    PaymentMethod,
    Requester,
    RequesterKind,
)
from counter_app.errors import CounterAppError, ErrorCode
from tests.certificates.desk import DAY, SEAL_NUMBER
from tests.guide.cli import run

FEE = 300


@dataclass(frozen=True)
class Scripted:
    window: int
    items: tuple[tuple[str, int], ...]  # (kind, copies)
    pay: str  # "cash:RECEIVED" | "cashless:METHOD" | "exempt:REASON"
    void: bool = False


SCRIPT = [
    Scripted(1, (("juminhyo", 1),), "cash:1000"),
    Scripted(1, (("juminhyo", 2), ("inkan", 1)), "cash:1000"),
    Scripted(2, (("shotoku", 1),), "cashless:qr"),
    Scripted(2, (("nozei", 2),), "cash:600"),
    Scripted(1, (("juminhyo_items", 1),), "exempt:official"),
    Scripted(1, (("inkan", 3),), "cash:10000", void=True),
    Scripted(2, (("juminhyo", 1), ("shotoku", 1)), "cashless:credit"),
    Scripted(2, (("jokyo", 1),), "cash:500"),
    Scripted(1, (("juminhyo", 4),), "cash:5000"),
    Scripted(1, (("nozei", 1),), "exempt:public_assistance"),
    Scripted(2, (("juminhyo", 1),), "cash:300"),
    Scripted(2, (("inkan", 2),), "cashless:ic", void=True),
    Scripted(1, (("shotoku", 2), ("nozei", 1)), "cash:2000"),
    Scripted(1, (("juminhyo_items", 2),), "cashless:qr"),
    Scripted(2, (("juminhyo", 3),), "exempt:pension_by_law"),
    Scripted(2, (("jokyo", 2),), "cash:1000"),
    Scripted(1, (("juminhyo", 1), ("inkan", 1)), "cash:10000"),
    Scripted(1, (("juminhyo", 1),), "cash:1000", void=True),
    Scripted(2, (("shotoku", 1),), "cash:5000"),
    Scripted(2, (("juminhyo", 2),), "cashless:credit"),
]


@pytest.fixture
def desk(desk, database_url) -> tuple:
    """The desk, and the database's URL for the command line."""
    return (*desk, database_url)


def _request(city, visit: Scripted) -> CertificateRequest:
    items = []
    for kind, copies in visit.items:
        subject_kind = {"jokyo": "jiro"}.get(kind, "taro")
        items.append(
            CertificateItem(
                kind,
                copies=copies,
                fiscal_year=2026 if kind in ("shotoku", "nozei") else None,
                seal_card_number=SEAL_NUMBER if kind == "inkan" else None,
            )
        )
    method, _, value = visit.pay.partition(":")
    return CertificateRequest(
        subject=getattr(city, subject_kind),
        requester=Requester(RequesterKind.SELF, "mynumber_card"),
        items=tuple(items),
        exemption_id=value if method == "exempt" else None,
    )


def _payment(visit: Scripted) -> PaymentInput:
    method, _, value = visit.pay.partition(":")
    if method == "cash":
        return PaymentInput(PaymentMethod.CASH, received_yen=int(value))
    if method == "cashless":
        return PaymentInput(
            PaymentMethod.CASHLESS, cashless_method=value, cashless_reference=f"T-{value}"
        )
    return PaymentInput(PaymentMethod.EXEMPT)


def _expected(window: int | None):
    """What the script adds up to, counted here without the service."""
    cash = cashless = payments = voided = 0
    kinds: dict[str, list[int]] = {}
    for visit in SCRIPT:
        if window is not None and visit.window != window:
            continue
        if visit.void:
            voided += 1
            continue
        payments += 1
        method = visit.pay.partition(":")[0]
        total = 0 if method == "exempt" else FEE * sum(c for _, c in visit.items)
        cash += total if method == "cash" else 0
        cashless += total if method == "cashless" else 0
        for kind, copies in visit.items:
            row = kinds.setdefault(kind, [0, 0, 0])
            row[0] += copies
            row[1] += 0 if method == "exempt" else FEE * copies
            row[2] += copies if method == "exempt" else 0
    return cash, cashless, payments, voided, kinds


def _run_script(service, city, clerk, boss) -> None:
    for visit in SCRIPT:
        issuance = service.issue(clerk, _request(city, visit), _payment(visit), window=visit.window)
        payment = issuance.payment
        if payment.method is PaymentMethod.CASH:
            assert payment.change_yen == payment.received_yen - payment.total_yen >= 0
        if visit.void:
            service.void(boss, payment.receipt_number, "請求の取消")


def test_twenty_visits_reconcile_to_the_yen_in_the_day_report(desk):
    _app, service, city, clerk, boss, _url = desk
    _run_script(service, city, clerk, boss)
    for window in (1, 2, None):
        cash, cashless, payments, voided, kinds = _expected(window)
        report = service.day_report(DAY, window)
        assert (report.cash_yen, report.cashless_yen, report.total_yen) == (
            cash,
            cashless,
            cash + cashless,
        )
        assert (report.payments, report.voided) == (payments, voided)
        assert {k.kind_id: [k.copies, k.amount_yen, k.exempt_copies] for k in report.kinds} == kinds
        assert sum(k.amount_yen for k in report.kinds) == report.total_yen
    assert service.day_report(DAY).total_yen == 8_100  # 6,000 cash + 2,100 cashless
    assert [p for p in (service.day_report(DAY, 3),) if p.payments] == []


def test_the_cash_count_shows_the_difference_and_a_supervisor_signs_it_off(desk):
    _app, service, city, clerk, boss, _url = desk
    _run_script(service, city, clerk, boss)
    cash_1 = _expected(1)[0]
    assert cash_1 == 3_900
    exact = service.record_cash_count(clerk, DAY, 1, {1000: 3, 500: 1, 100: 4})
    assert (exact.counted_yen, exact.expected_yen, exact.difference_yen) == (3_900, 3_900, 0)
    short = service.record_cash_count(clerk, DAY, 2, {1000: 2, 100: 4, 10: 9})
    cash_2 = _expected(2)[0]
    assert (short.counted_yen, short.difference_yen) == (2_490, 2_490 - cash_2)
    with pytest.raises(CounterAppError) as denied:
        service.sign_off(clerk, DAY, 1)
    assert denied.value.code is ErrorCode.PERMISSION_DENIED
    signed = service.sign_off(boss, DAY, 1)
    assert signed.signed_off_by == "kakari" and signed.difference_yen == 0
    with pytest.raises(CounterAppError) as twice:
        service.sign_off(boss, DAY, 1)
    assert twice.value.code is ErrorCode.CASH_ALREADY_SIGNED_OFF
    with pytest.raises(CounterAppError) as missing:
        service.sign_off(boss, DAY, 5)
    assert missing.value.code is ErrorCode.CASH_COUNT_MISSING
    with pytest.raises(CounterAppError) as bad:
        service.record_cash_count(clerk, DAY, 1, {3000: 1})
    assert bad.value.code is ErrorCode.CASH_COUNT_INVALID
    counts = service.day_report(DAY).cash_counts
    assert [(c.window, c.signed_off_by) for c in counts] == [(1, "kakari"), (2, None)]
    assert service.cash_count(DAY, 1) == signed and service.cash_count(DAY, 3) is None
    recount = service.record_cash_count(clerk, DAY, 2, {1000: 2, 100: 5})
    assert service.cash_count(DAY, 2) == recount and recount.signed_off_by is None
    payments = service.payments_of_day(DAY, 1)
    assert len(payments) == sum(1 for v in SCRIPT if v.window == 1)
    assert [p.voided for p in payments] == [v.void for v in SCRIPT if v.window == 1]


def test_cash_report_csv_and_text_reconcile_to_the_yen(desk, capsys):
    app, service, city, clerk, boss, url = desk
    _run_script(service, city, clerk, boss)
    service.record_cash_count(clerk, DAY, 1, {1000: 3, 500: 1, 100: 4})
    status, out, err = run(capsys, "cash", "report", "--date", "2026-12-07", "--database", url)
    assert status == 0, err
    assert out.startswith("\ufeff日付,窓口,区分,項目,通数,減免通数,件数,金額\r\n")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    by_window: dict[str, dict[str, list[str]]] = {}
    for row in rows[1:]:
        assert row[0] == "2026-12-07"
        by_window.setdefault(row[1], {})[f"{row[2]}:{row[3]}"] = row[4:]
    for window, key in ((1, "1"), (2, "2"), (None, "全体")):
        cash, cashless, payments, voided, kinds = _expected(window)
        shown = by_window[key]
        assert shown["現金:"][3] == str(cash)
        assert shown["キャッシュレス:"][3] == str(cashless)
        assert shown["合計:"][2:] == [str(payments), str(cash + cashless)]
        assert shown["取消:"][2] == str(voided)
        names = {k.id: k.name for k in app.catalog.certificates.kinds}
        for kind, (copies, amount, exempt) in kinds.items():
            assert shown[f"手数料:{names[kind]}"] == [str(copies), str(exempt), "", str(amount)]
    assert by_window["1"]["金種表:過不足"][3] == "0"
    assert by_window["1"]["金種表:確認者"][3] == "未確認"
    status, out, _err = run(
        capsys,
        "cash",
        "report",
        "--date",
        "2026-12-07",
        "--window",
        "2",
        "--format",
        "text",
        "--database",
        url,
    )
    cash, cashless, payments, _voided, _kinds = _expected(2)
    assert status == 0
    assert out.splitlines()[0] == "日計 2026-12-07 窓口2"
    assert f"  合計\t{payments}件\t{cash + cashless:,}円" in out.splitlines()


@pytest.mark.parametrize(
    "bad", [["--date", "2026-13-01"], ["--date", "2026-12-07", "--window", "x"]]
)
def test_cash_report_refuses_bad_input_with_exit_2(capsys, bad):
    with pytest.raises(SystemExit) as exited:
        run(capsys, "cash", "report", *bad)
    assert exited.value.code == 2
    assert "not a" in capsys.readouterr().err
