"""The resident record: content, masking, My Number with purpose, support measures, audit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from counter_app.db.models import (
    AuditEntry,
    ChildAllowance,
    ChildAllowanceChild,
    DisabilityHandbook,
    HealthCover,
    Household,
    LtcRecord,
    MyNumberCard,
    NhiRecord,
    PensionRecord,
    Resident,
    ResidentMyNumber,
    SchoolEnrollment,
    SealRegistration,
    SupportMeasure,
    TaxStatus,
)
from counter_app.db.models.base import utcnow
from counter_app.demo import fill_demo_city
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.permissions import RoleCode
from counter_app.records import (
    DepartmentRecords,
    KoukiView,
    LtcView,
    MyNumberCardView,
    NoticeKind,
    PensionView,
    SchoolView,
)
from counter_app.records import notices as rules
from counter_app.records.ages import age_on, birthday, fy_age
from counter_app.records.assemble import mask_my_number
from counter_app.records.notices import NoticeSubject, notices_for
from counter_app.security.my_numbers import my_number_row
from counter_app.services.residents import SUPPORT_OVERRIDE_MINUTES, ResidentService
from tests.helpers import TERMINAL, add_user, open_app

TODAY = date(2026, 11, 23)
PASSWORD = "correct horse"


# --- fixtures ---------------------------------------------------------------------------


def _person(household_id: int, n: int, surname: str, given: str, kana: tuple[str, str], **kw):
    return Resident(
        atena_no=f"{n:010d}",
        juminhyo_code=f"{n:011d}",
        household_id=household_id,
        surname_kanji=surname,
        given_name_kanji=given,
        surname_kana=kana[0],
        given_name_kana=kana[1],
        sex=kw.pop("sex", "男"),
        **kw,
    )


def build_city(app) -> dict[str, int]:
    """The 髙橋 household (three generations), a foreign resident and a protected person."""
    ids: dict[str, int] = {}
    with app.db.write() as s:
        home = Household(
            household_no="H0001",
            postal_code="190-0001",
            address="東京都みどり市緑町一丁目2番3号",
            katagaki="みどりハイツ101",
        )
        other = Household(household_no="H0002", address="東京都みどり市桜町5番", katagaki=None)
        hidden = Household(household_no="H0003", address="東京都みどり市秘匿町1番")
        s.add_all([home, other, hidden])
        s.flush()
        people = {
            "ichiro": _person(
                home.id,
                1,
                "髙橋",
                "一郎",
                ("タカハシ", "イチロウ"),
                relationship_to_head="世帯主",
                birth_date=date(1951, 12, 20),
                contact_phone="042-555-0101",
                became_resident_on=date(1980, 4, 1),
            ),
            "hanako": _person(
                home.id,
                2,
                "髙橋",
                "花子",
                ("タカハシ", "ハナコ"),
                sex="女",
                relationship_to_head="妻",
                birth_date=date(1961, 12, 1),
            ),
            "ken": _person(
                home.id,
                3,
                "髙橋",
                "健",
                ("タカハシ", "ケン"),
                relationship_to_head="子",
                birth_date=date(1986, 12, 30),
            ),
            "sho": _person(
                home.id,
                4,
                "髙橋",
                "翔",
                ("タカハシ", "ショウ"),
                relationship_to_head="孫",
                birth_date=date(2020, 6, 15),
            ),
            "misaki": _person(
                home.id,
                5,
                "髙橋",
                "美咲",
                ("タカハシ", "ミサキ"),
                sex="女",
                relationship_to_head="孫",
                birth_date=date(2008, 9, 1),
            ),
            "hina": _person(
                home.id,
                6,
                "髙橋",
                "陽菜",
                ("タカハシ", "ヒナ"),
                sex="女",
                relationship_to_head="孫",
                birth_date=date(2007, 1, 10),
            ),
            "anna": _person(
                other.id,
                7,
                "GARCIA",
                "ANNA",
                ("ガルシア", "アンナ"),
                sex="女",
                relationship_to_head="世帯主",
                birth_date=date(1995, 3, 3),
                nationality="ブラジル",
                residence_status="定住者",
                residence_card_number="AB12345678CD",
                period_of_stay_until=date(2027, 2, 1),
            ),
            "yumi": _person(
                hidden.id,
                8,
                "佐藤",
                "由美",
                ("サトウ", "ユミ"),
                sex="女",
                relationship_to_head="世帯主",
                birth_date=date(1990, 5, 5),
            ),
        }
        s.add_all(people.values())
        s.flush()
        ids = {key: person.id for key, person in people.items()}
        i, k = ids["ichiro"], ids["ken"]
        s.add_all(
            [
                ResidentMyNumber(**my_number_row(app.keys, i, "123456789018")),
                ResidentMyNumber(**my_number_row(app.keys, ids["yumi"], "000000000019")),
                HealthCover(resident_id=i, kind="nhi"),
                HealthCover(resident_id=k, kind="nhi"),
                NhiRecord(
                    resident_id=i,
                    symbol_number="12-345",
                    acquired_on=date(2012, 4, 1),
                    nhi_head_id=i,
                ),
                NhiRecord(
                    resident_id=k,
                    symbol_number="12-345",
                    branch_number="03",
                    acquired_on=date(2012, 4, 1),
                    nhi_head_id=i,
                ),
                LtcRecord(
                    resident_id=i,
                    category="1",
                    insured_number="0000012345",
                    certified=True,
                    care_level="要介護1",
                    cert_valid_until=date(2027, 1, 10),
                    premium_collection="special",
                ),
                PensionRecord(
                    resident_id=i,
                    category="none",
                    receiving=True,
                    basic_only=True,
                    basic_pension_no="1234-567890",
                ),
                ChildAllowance(
                    recipient_id=k, recipient_number="JT0001", started_on=date(2008, 10, 1)
                ),
                SchoolEnrollment(
                    resident_id=ids["misaki"],
                    school_type="public",
                    school_name="みどり高校",
                    grade="高3",
                ),
                SealRegistration(
                    resident_id=i, registration_number="S-0099", registered_on=date(1990, 1, 5)
                ),
                MyNumberCard(
                    resident_id=i,
                    valid_until=date(2027, 1, 31),
                    certs_valid_until=date(2027, 1, 31),
                ),
                DisabilityHandbook(
                    resident_id=i, handbook_type="physical", grade="4級", handbook_number="T-1234"
                ),
                TaxStatus(resident_id=i, property_taxpayer=True),
                SupportMeasure(resident_id=ids["yumi"], kind="dv", started_on=date(2025, 1, 1)),
            ]
        )
        s.flush()
        s.add_all(
            [
                ChildAllowanceChild(recipient_id=k, child_id=ids["sho"]),
                ChildAllowanceChild(recipient_id=k, child_id=ids["misaki"]),
            ]
        )
    return ids


@pytest.fixture
def city(database_url):
    app = open_app(database_url)
    app.residents = ResidentService(app.db, today=lambda: TODAY)
    add_user(app, "clerk1")
    add_user(app, "boss", RoleCode.SUPERVISOR, RoleCode.WINDOW_CLERK)
    add_user(app, "boss2", RoleCode.SUPERVISOR)
    add_user(app, "floor1", RoleCode.FLOOR_MANAGER)
    ids = build_city(app)
    yield app, ids
    app.close()


def login(app, name: str):
    return app.auth.login(name, PASSWORD, app.terminal)


def entries(app, action: str | None = None) -> list[AuditEntry]:
    with app.db.read() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            query = query.where(AuditEntry.action == action)
        return list(s.scalars(query))


# --- the record -------------------------------------------------------------------------


def test_open_record_holds_person_household_departments_and_notices(city):
    app, ids = city
    clerk = login(app, "clerk1")
    record = app.residents.open_record(clerk, ids["ichiro"], purpose="転入届の受付", on=TODAY)

    person = record.person
    assert person.name == "髙橋\u3000一郎"  # as registered, the variant character kept
    assert person.kana == "タカハシ\u3000イチロウ"
    assert person.birth_wareki == "昭和26年12月20日"
    assert person.age == 74
    assert person.relationship == "世帯主" and person.is_head
    assert person.contact_phone == "042-555-0101"
    assert person.foreign is None
    assert record.address == "東京都みどり市緑町一丁目2番3号"
    assert record.katagaki == "みどりハイツ101"

    members = {m.name: m for m in record.household.members}
    assert record.household.household_no == "H0001"
    assert [m.relationship for m in record.household.members] == [
        "世帯主",
        "妻",
        "子",
        "孫",
        "孫",
        "孫",
    ]
    assert members["髙橋\u3000一郎"].is_self
    assert members["髙橋\u3000翔"].age == 6

    d = record.departments
    assert d.health_cover.kind == "nhi"
    assert d.nhi.symbol_number == "12-345" and d.nhi.nhi_head_name == "髙橋\u3000一郎"
    assert d.kouki is None
    assert d.ltc.care_level == "要介護1"
    assert d.pension.category == "none" and d.pension.receiving
    assert d.seal.registration_number == "S-0099"
    assert d.mynumber_card.valid_until == date(2027, 1, 31)
    assert d.disability_handbooks[0].grade == "4級"
    assert d.tax.property_taxpayer

    assert record.masked_my_number == "********9018"
    assert "123456789018" not in repr(record)

    kinds = {(n.kind, n.name) for n in record.notices}
    assert (NoticeKind.KOUKI_ENROLMENT, "髙橋\u3000一郎") in kinds
    assert (NoticeKind.LTC_FIRST_CATEGORY, "髙橋\u3000花子") in kinds
    assert (NoticeKind.LTC_SECOND_CATEGORY, "髙橋\u3000健") in kinds
    assert (NoticeKind.SCHOOL_ENTRY, "髙橋\u3000翔") in kinds
    assert (NoticeKind.PENSION_ENROLMENT, "髙橋\u3000陽菜") in kinds
    assert (NoticeKind.MYNUMBER_CARD_EXPIRY, "髙橋\u3000一郎") in kinds
    assert (NoticeKind.LTC_CERT_EXPIRY, "髙橋\u3000一郎") in kinds
    assert (NoticeKind.CHILD_ALLOWANCE_END, "髙橋\u3000健") in kinds
    kouki = next(n for n in record.notices if n.kind is NoticeKind.KOUKI_ENROLMENT)
    assert kouki.due_on == date(2026, 12, 20)
    assert "2026年12月20日に75歳" in kouki.reason


def test_child_allowance_lists_the_children_and_the_child_shows_who_is_paid(city):
    app, ids = city
    clerk = login(app, "clerk1")
    ken = app.residents.open_record(clerk, ids["ken"], on=TODAY)
    children = ken.departments.child_allowance.children
    assert [c.name for c in children] == ["髙橋\u3000翔", "髙橋\u3000美咲"]
    sho = app.residents.open_record(clerk, ids["sho"], on=TODAY)
    assert sho.departments.child_allowance_paid_to == "髙橋\u3000健"
    misaki = app.residents.open_record(clerk, ids["misaki"], on=TODAY)
    assert misaki.departments.school.school_name == "みどり高校"


def test_foreign_resident_items_and_period_of_stay_notice(city):
    app, ids = city
    record = app.residents.open_record(login(app, "clerk1"), ids["anna"], on=TODAY)
    assert record.person.foreign.residence_status == "定住者"
    assert record.person.foreign.period_of_stay_until == date(2027, 2, 1)
    assert [n.kind for n in record.notices] == [NoticeKind.PERIOD_OF_STAY_EXPIRY]


def test_every_view_lands_in_the_audit_log(city):
    app, ids = city
    clerk = login(app, "clerk1")
    app.residents.open_record(clerk, ids["ichiro"], purpose="住民票の写しの交付")
    app.residents.open_record(clerk, ids["hanako"], visit="V-0042")
    views = entries(app, "resident.view")
    assert [(e.subject_type, e.subject_id) for e in views] == [
        ("resident", str(ids["ichiro"])),
        ("resident", str(ids["hanako"])),
    ]
    assert all(e.login == "clerk1" and e.user_id == clerk.user_id for e in views)
    assert all(e.terminal == TERMINAL for e in views)
    assert views[0].purpose == "住民票の写しの交付"
    assert json.loads(views[1].detail)["visit"] == "V-0042"
    assert views[0].at <= views[1].at <= utcnow()
    audit_log, _visit_log = app.audit.verify(login(app, "boss"))
    assert (audit_log.entries, audit_log.findings) == (len(entries(app)), ())


def test_open_record_needs_the_permission_and_an_existing_resident(city):
    app, ids = city
    with pytest.raises(CounterAppError) as refused:
        app.residents.open_record(login(app, "floor1"), ids["ichiro"])
    assert refused.value.code is ErrorCode.PERMISSION_DENIED
    with pytest.raises(CounterAppError) as missing:
        app.residents.open_record(login(app, "clerk1"), 999_999)
    assert missing.value.code is ErrorCode.RESIDENT_NOT_FOUND
    assert entries(app, "resident.view") == []


# --- My Number --------------------------------------------------------------------------


def test_mask_keeps_only_the_last_four_digits():
    assert mask_my_number("123456789018") == "********9018"


def test_reveal_my_number_needs_a_purpose_which_is_logged(city):
    app, ids = city
    clerk = login(app, "clerk1")
    with pytest.raises(CounterAppError) as no_purpose:
        app.residents.reveal_my_number(clerk, ids["ichiro"], "  ")
    assert no_purpose.value.code is ErrorCode.PURPOSE_REQUIRED
    assert entries(app, "resident.my_number_shown") == []

    number = app.residents.reveal_my_number(clerk, ids["ichiro"], "国民健康保険の資格取得")
    assert number == "123456789018"
    (shown,) = entries(app, "resident.my_number_shown")
    assert shown.purpose == "国民健康保険の資格取得"
    assert shown.login == "clerk1" and shown.subject_id == str(ids["ichiro"])
    assert "123456789018" not in shown.detail

    with pytest.raises(CounterAppError) as none:
        app.residents.reveal_my_number(clerk, ids["hanako"], "国保")
    assert none.value.code is ErrorCode.MY_NUMBER_NOT_RECORDED
    with pytest.raises(CounterAppError) as refused:
        app.residents.reveal_my_number(login(app, "floor1"), ids["ichiro"], "国保")
    assert refused.value.code is ErrorCode.PERMISSION_DENIED


# --- support measures -------------------------------------------------------------------


def test_clerk_cannot_open_a_support_measure_record_and_the_attempt_is_logged(city):
    app, ids = city
    clerk = login(app, "clerk1")
    assert app.residents.is_protected(clerk, ids["yumi"])
    with pytest.raises(CounterAppError) as blocked:
        app.residents.open_record(clerk, ids["yumi"], purpose="転出届")
    assert blocked.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
    (attempt,) = entries(app, "resident.view_blocked")
    assert attempt.login == "clerk1" and attempt.subject_id == str(ids["yumi"])
    assert attempt.purpose == "転出届"
    assert entries(app, "resident.view") == []

    with pytest.raises(CounterAppError) as number:
        app.residents.reveal_my_number(clerk, ids["yumi"], "国保")
    assert number.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
    assert len(entries(app, "resident.my_number_blocked")) == 1

    with pytest.raises(CounterAppError) as no_override:
        app.residents.authorise_support_measure(clerk, ids["yumi"], "本人確認済み")
    assert no_override.value.code is ErrorCode.PERMISSION_DENIED


def test_supervisor_authorises_with_a_reason_then_opens_once(city):
    app, ids = city
    boss = login(app, "boss")
    with pytest.raises(CounterAppError):
        app.residents.open_record(boss, ids["yumi"])
    with pytest.raises(CounterAppError) as no_reason:
        app.residents.authorise_support_measure(boss, ids["yumi"], " ")
    assert no_reason.value.code is ErrorCode.REASON_REQUIRED

    until = app.residents.authorise_support_measure(boss, ids["yumi"], "本人が来庁、本人確認済み")
    assert timedelta(minutes=9) < until - utcnow() <= timedelta(minutes=SUPPORT_OVERRIDE_MINUTES)
    (granted,) = entries(app, "resident.support_measure_authorised")
    assert granted.purpose == "本人が来庁、本人確認済み" and granted.login == "boss"

    # another supervisor cannot use it
    with pytest.raises(CounterAppError):
        app.residents.open_record(login(app, "boss2"), ids["yumi"])

    record = app.residents.open_record(boss, ids["yumi"], purpose="支援措置の確認")
    assert record.protected and record.person.name == "佐藤\u3000由美"
    (view,) = entries(app, "resident.view")
    assert json.loads(view.detail)["authorisation"] == granted.id
    # while fresh, the same supervisor may show the My Number
    assert app.residents.reveal_my_number(boss, ids["yumi"], "児童手当") == "000000000019"

    # used up: a second open is refused again
    with pytest.raises(CounterAppError) as again:
        app.residents.open_record(boss, ids["yumi"])
    assert again.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED


def test_the_authorisation_expires(city):
    app, ids = city
    boss = login(app, "boss")
    app.residents.authorise_support_measure(boss, ids["yumi"], "本人確認済み")
    later = ResidentService(
        app.db,
        today=lambda: TODAY,
        now=lambda: utcnow() + timedelta(minutes=SUPPORT_OVERRIDE_MINUTES + 1),
    )
    with pytest.raises(CounterAppError) as expired:
        later.open_record(boss, ids["yumi"])
    assert expired.value.code is ErrorCode.SUPPORT_MEASURE_BLOCKED


def test_an_ended_support_measure_no_longer_blocks(city):
    app, ids = city
    ended = ResidentService(app.db, today=lambda: date(2030, 1, 1))
    with app.db.write() as s:
        measure = s.scalars(select(SupportMeasure)).one()
        measure.ends_on = date(2029, 12, 31)
    assert ended.open_record(login(app, "clerk1"), ids["yumi"]).person.name == "佐藤\u3000由美"


def test_every_resident_of_a_demo_city_opens(database_url):
    app = open_app(database_url)
    add_user(app, "clerk1")
    clerk = login(app, "clerk1")
    fill_demo_city(app.engine, 300, progress=False, keys=app.keys)
    with app.db.read() as s:
        ids = list(s.scalars(select(Resident.id).order_by(Resident.id)))
    opened = blocked = 0
    for resident_id in ids:
        try:
            record = app.residents.open_record(clerk, resident_id, on=TODAY)
        except CounterAppError as error:
            assert error.code is ErrorCode.SUPPORT_MEASURE_BLOCKED
            blocked += 1
            continue
        opened += 1
        assert record.person.resident_id == resident_id
        assert any(m.is_self for m in record.household.members)
        if record.masked_my_number is not None:
            assert record.masked_my_number.startswith("********")
    assert opened + blocked == len(ids) and opened > 250
    assert len(entries(app, "resident.view")) == opened
    app.close()


# --- ages and notices (no database) ----------------------------------------------------


def subject(birth: date, **departments) -> NoticeSubject:
    return NoticeSubject(1, "試験\u3000太郎", birth, DepartmentRecords(**departments))


def test_ages_count_from_the_birthday_and_the_fiscal_year():
    assert age_on(date(1951, 12, 20), date(2026, 12, 19)) == 74
    assert age_on(date(1951, 12, 20), date(2026, 12, 20)) == 75
    assert birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert fy_age(date(2008, 4, 2), TODAY) == 17
    assert fy_age(date(2008, 4, 1), TODAY) == 18
    assert fy_age(date(2026, 5, 1), TODAY) == 0


def test_kouki_notice_turns_75_within_60_days_unless_enrolled():
    notice = rules.kouki_notice(subject(date(1951, 12, 20)), TODAY)
    assert notice.kind is NoticeKind.KOUKI_ENROLMENT and notice.due_on == date(2026, 12, 20)
    assert "後期高齢者医療" in notice.reason
    assert rules.kouki_notice(subject(date(1952, 3, 1)), TODAY) is None  # 98 days away
    enrolled = KoukiView(True, "12345678", date(2026, 12, 20), 1, False)
    assert rules.kouki_notice(subject(date(1951, 12, 20), kouki=enrolled), TODAY) is None


def test_ltc_first_category_starts_the_day_before_the_65th_birthday():
    notice = rules.ltc_first_notice(subject(date(1961, 12, 1)), TODAY)
    assert notice.due_on == date(2026, 11, 30)
    assert "第1号" in notice.reason and "2026年11月30日" in notice.reason
    assert rules.ltc_first_notice(subject(date(1961, 11, 22)), TODAY) is None  # already 65
    first = LtcView("1", None, False, None, None, None)
    assert rules.ltc_first_notice(subject(date(1961, 12, 1), ltc=first), TODAY) is None


def test_ltc_second_category_needs_a_health_insurance():
    from counter_app.records import HealthCoverView

    insured = HealthCoverView("employer_dependent", None, False)
    notice = rules.ltc_second_notice(subject(date(1986, 12, 30), health_cover=insured), TODAY)
    assert notice.kind is NoticeKind.LTC_SECOND_CATEGORY and notice.due_on == date(2026, 12, 29)
    welfare = HealthCoverView("public_assistance", None, True)
    assert rules.ltc_second_notice(subject(date(1986, 12, 30), health_cover=welfare), TODAY) is None
    assert rules.ltc_second_notice(subject(date(1986, 12, 30)), TODAY) is None


def test_school_entry_next_april_for_the_cohort_born_2_april_to_1_april():
    assert rules.school_entry_notice(subject(date(2020, 4, 2)), TODAY).due_on == date(2027, 4, 1)
    assert rules.school_entry_notice(subject(date(2021, 4, 1)), TODAY) is not None
    assert rules.school_entry_notice(subject(date(2020, 4, 1)), TODAY) is None  # in school
    assert rules.school_entry_notice(subject(date(2021, 4, 2)), TODAY) is None  # a year later
    enrolled = SchoolView("private", "みどり学園小", "入学予定")
    assert rules.school_entry_notice(subject(date(2020, 6, 1), school=enrolled), TODAY) is None
    # in January the next April is the same calendar year
    assert rules.next_school_entry(date(2027, 1, 10)) == date(2027, 4, 1)


def test_pension_notice_at_20_unless_already_insured():
    notice = rules.pension_notice(subject(date(2007, 1, 10)), TODAY)
    assert notice.kind is NoticeKind.PENSION_ENROLMENT and notice.due_on == date(2027, 1, 9)
    second = PensionView("2", None, True, False, False)
    assert rules.pension_notice(subject(date(2007, 1, 10), pension=second), TODAY) is None
    assert rules.pension_notice(subject(date(2007, 3, 10)), TODAY) is None


def test_mynumber_card_and_certificate_expiry_within_90_days():
    card = MyNumberCardView(date(2027, 2, 20), True, True, date(2027, 2, 20))
    (notice,) = rules.mynumber_card_notices(subject(date(1980, 1, 1), mynumber_card=card), TODAY)
    assert notice.kind is NoticeKind.MYNUMBER_CARD_EXPIRY
    certs = MyNumberCardView(date(2031, 5, 1), True, True, date(2027, 1, 5))
    (cert,) = rules.mynumber_card_notices(subject(date(1980, 1, 1), mynumber_card=certs), TODAY)
    assert cert.kind is NoticeKind.MYNUMBER_CERT_EXPIRY and cert.due_on == date(2027, 1, 5)
    far = MyNumberCardView(date(2027, 3, 1), True, True, date(2027, 3, 1))
    assert rules.mynumber_card_notices(subject(date(1980, 1, 1), mynumber_card=far), TODAY) == []


def test_period_of_stay_expiry_within_90_days():
    stay = replace(subject(date(1995, 3, 3)), period_of_stay_until=date(2027, 2, 1))
    assert rules.period_of_stay_notice(stay, TODAY).kind is NoticeKind.PERIOD_OF_STAY_EXPIRY
    later = replace(stay, period_of_stay_until=date(2027, 3, 1))
    assert rules.period_of_stay_notice(later, TODAY) is None


def test_ltc_certificate_expiry_within_60_days():
    soon = LtcView("1", "1", True, "要支援2", date(2027, 1, 20), None)
    notice = rules.ltc_cert_notice(subject(date(1940, 1, 1), ltc=soon), TODAY)
    assert notice.kind is NoticeKind.LTC_CERT_EXPIRY and "要支援2" in notice.reason
    later = replace(soon, cert_valid_until=date(2027, 2, 1))
    assert rules.ltc_cert_notice(subject(date(1940, 1, 1), ltc=later), TODAY) is None


def test_child_allowance_ends_the_march_after_the_18th_birthday():
    from counter_app.records import ChildAllowanceView

    parent = subject(date(1980, 1, 1), child_allowance=ChildAllowanceView("J1", TODAY, ()))
    last_year = NoticeSubject(2, "試験\u3000花", date(2008, 4, 2), DepartmentRecords())
    too_old = NoticeSubject(3, "試験\u3000実", date(2008, 4, 1), DepartmentRecords())
    younger = NoticeSubject(4, "試験\u3000空", date(2012, 1, 1), DepartmentRecords())
    (notice,) = rules.child_allowance_end_notices(parent, [last_year, too_old, younger], TODAY)
    assert notice.due_on == date(2027, 3, 31) and "試験\u3000花" in notice.reason
    assert rules.child_allowance_end_notices(subject(date(1980, 1, 1)), [last_year], TODAY) == []


def test_notices_are_sorted_by_due_date():
    found = notices_for([subject(date(1951, 12, 20)), subject(date(1961, 12, 1))], TODAY)
    assert [n.kind for n in found] == [NoticeKind.LTC_FIRST_CATEGORY, NoticeKind.KOUKI_ENROLMENT]
