"""A small register for the certificate desk's tests (and the other parts of the desk):
the 山田 household (seals, taxes, My Numbers), a protected resident, a struck-off one.

    city = build_desk_city(app)      # atena numbers by name
    clerk, boss = desk_staff(app)    # a window clerk and a supervisor, logged in
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from counter_app.app import CounterApp
from counter_app.certificates import (
    CertificateItem,
    CertificateRequest,
    PaymentInput,
    PaymentMethod,
    Requester,
    RequesterKind,
    Scope,
)
from counter_app.certificates.service import CertificateService
from counter_app.db.models import (
    Household,
    Resident,
    ResidentMyNumber,
    SealRegistration,
    SupportMeasure,
    TaxAssessment,
)
from counter_app.permissions import Actor, RoleCode
from counter_app.security.my_numbers import my_number_row
from counter_app.services import settings
from tests import helpers

PASSWORD = "correct horse"
# 10:00 in Tokyo on 2026-12-07 (a Monday): the business day of these tests.
NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
DAY = date(2026, 12, 7)
MY_NUMBERS = {"taro": "123456789018", "hanako": "234567890125", "ichiro": "345678901232"}
SEAL_NUMBER = "S00000001"
SELF, HOUSEHOLD, AGENT, THIRD = (
    RequesterKind.SELF,
    RequesterKind.HOUSEHOLD,
    RequesterKind.AGENT,
    RequesterKind.THIRD_PARTY,
)


@dataclass(frozen=True)
class DeskCity:
    taro: str  # 世帯主, seal registered, taxed
    hanako: str  # 妻, seal abolished, taxed
    ichiro: str  # 子, no seal
    miki: str  # under a support measure, a household of her own
    jiro: str  # struck off (転出): only a 除票
    haruko: str  # struck off with him (転出), of his household


def build_desk_city(app: CounterApp) -> DeskCity:
    with app.db.write() as s:
        settings.set_setting(s, settings.MUNICIPALITY_NAME, "みどり市")
        home = Household(
            household_no="D0001",
            postal_code="190-0001",
            address="東京都みどり市緑町一丁目2番3号",
            katagaki="みどりハイツ101",
        )
        other = Household(household_no="D0002", address="東京都みどり市桜町5番")
        gone = Household(household_no="D0003", address="東京都みどり市梅町7番")
        s.add_all([home, other, gone])
        s.flush()
        people = {
            "taro": _person(home.id, 1, "山田", "太郎", "世帯主", date(1970, 5, 5), "男"),
            "hanako": _person(home.id, 2, "山田", "花子", "妻", date(1972, 8, 1), "女"),
            "ichiro": _person(home.id, 3, "山田", "一郎", "子", date(2000, 1, 15), "男"),
            "miki": _person(other.id, 4, "佐藤", "美紀", "世帯主", date(1990, 3, 3), "女"),
            "jiro": _person(
                gone.id,
                5,
                "鈴木",
                "次郎",
                "世帯主",
                date(1960, 10, 10),
                "男",
                status="removed",
                last_change_reason="転出",
                last_change_on=date(2026, 9, 30),
            ),
            "haruko": _person(
                gone.id,
                6,
                "鈴木",
                "春子",
                "妻",
                date(1962, 2, 2),
                "女",
                status="removed",
                last_change_reason="転出",
                last_change_on=date(2026, 9, 30),
            ),
        }
        s.add_all(people.values())
        s.flush()
        for name, number in MY_NUMBERS.items():
            s.execute(
                ResidentMyNumber.__table__.insert(),
                my_number_row(app.keys, people[name].id, number),
            )
        s.add_all(
            [
                SealRegistration(
                    resident_id=people["taro"].id,
                    registration_number=SEAL_NUMBER,
                    registered_on=date(2005, 4, 1),
                ),
                SealRegistration(
                    resident_id=people["hanako"].id,
                    registration_number="S00000002",
                    registered_on=date(2006, 4, 1),
                    abolished_on=date(2025, 6, 1),
                ),
                SupportMeasure(
                    resident_id=people["miki"].id, kind="dv", started_on=date(2026, 1, 1)
                ),
            ]
        )
        for name in ("taro", "hanako"):
            for year, income in ((2024, 4_200_000), (2025, 4_350_000), (2026, 4_500_000)):
                s.add(_tax(people[name].id, year, income if name == "taro" else income // 3))
    return DeskCity(**{name: person.atena_no for name, person in people.items()})


def desk_staff(app: CounterApp) -> tuple[Actor, Actor]:
    helpers.add_user(app, "madoguchi", RoleCode.WINDOW_CLERK, password=PASSWORD)
    helpers.add_user(app, "kakari", RoleCode.SUPERVISOR, password=PASSWORD)
    return (
        app.auth.login("madoguchi", PASSWORD, app.terminal),
        app.auth.login("kakari", PASSWORD, app.terminal),
    )


def desk_service(app: CounterApp, now=lambda: NOW) -> CertificateService:
    return CertificateService(app.db, app.catalog.certificates, app.residents, now=now)


def request(
    subject: str,
    kind: str = "juminhyo",
    requester: RequesterKind = RequesterKind.SELF,
    *,
    copies: int = 1,
    scope: Scope = Scope.PERSON,
    options: frozenset[str] = frozenset(),
    mandate: bool = False,
    purpose: str = "",
    fiscal_year: int | None = None,
    seal_card: str | None = None,
    exemption: str | None = None,
    visit: str | None = None,
    requester_name: str | None = None,
) -> CertificateRequest:
    return CertificateRequest(
        subject=subject,
        requester=Requester(
            kind=requester,
            identity_document="drivers_license",
            name=_requester_name(requester, subject) if requester_name is None else requester_name,
            has_mandate=mandate,
            purpose=purpose,
        ),
        items=(
            CertificateItem(
                kind_id=kind,
                copies=copies,
                scope=scope,
                options=options,
                fiscal_year=fiscal_year,
                seal_card_number=seal_card,
            ),
        ),
        exemption_id=exemption,
        visit_number=visit,
    )


# Who asks as the subject's household: a member of it (by 宛名番号 of the subject).
HOUSEHOLD_REQUESTERS = {
    "0000000001": "山田　花子",
    "0000000002": "山田　太郎",
    "0000000003": "山田 花子",  # typed with a half-width space: the same person
    "0000000004": "佐藤　美紀",
    "0000000005": "鈴木　春子",
    "0000000006": "鈴木　次郎",
}


def _requester_name(requester: RequesterKind, subject: str) -> str:
    if requester is RequesterKind.SELF:
        return ""
    if requester is RequesterKind.HOUSEHOLD:
        return HOUSEHOLD_REQUESTERS[subject]
    return "代理 一子"


def cash(received: int) -> PaymentInput:
    return PaymentInput(PaymentMethod.CASH, received_yen=received)


def _person(household_id, n, surname, given, relationship, birth, sex, **kw) -> Resident:
    return Resident(
        atena_no=f"{n:010d}",
        juminhyo_code=f"{n:011d}",
        household_id=household_id,
        relationship_to_head=relationship,
        surname_kanji=surname,
        given_name_kanji=given,
        surname_kana="ヤマダ",
        given_name_kana="タロウ",
        birth_date=birth,
        sex=sex,
        honseki="東京都みどり市緑町一丁目2番地",
        hittosha=f"{surname}\u3000太郎",
        became_resident_on=date(2000, 4, 1),
        address_since=date(2000, 4, 1),
        previous_address="東京都八王子市元本郷町三丁目24番1号",
        **kw,
    )


def _tax(resident_id: int, year: int, income: int) -> TaxAssessment:
    taxable = max(income - 1_500_000, 0)
    return TaxAssessment(
        resident_id=resident_id,
        fiscal_year=year,
        income_yen=income,
        taxable_income_yen=taxable,
        municipal_tax_yen=taxable * 6 // 100,
        prefectural_tax_yen=taxable * 4 // 100,
        paid_yen=taxable * 10 // 100 if year < 2026 else taxable * 5 // 100,
    )
