"""Notices the records imply, each with its reason in Japanese, on a reference date.

Pure functions over the record dataclasses: `notices_for(...)` looks at the person and
every household member. Windows (60 or 90 days ahead) are the constants below.

Start days follow residents-schema.md §2.1: 後期高齢者医療 on the 75th birthday itself;
介護保険 and 国民年金 from the day before the birthday (年齢計算ニ関スル法律).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .ages import age_on, birthday, fiscal_year_start, fy_age
from .model import DepartmentRecords, Notice, NoticeKind, StoredDate

AGE_WINDOW_DAYS = 60  # turns 75 / 65 / 40 / 20 within this many days
CARD_WINDOW_DAYS = 90  # マイナンバーカード, 電子証明書 and 在留期間 expiring within
LTC_CERT_WINDOW_DAYS = 60  # 要介護認定の更新申請は満了の60日前から
CHILD_ALLOWANCE_LAST_FY_AGE = 17  # 18歳到達後最初の3月31日まで ⇔ fy_age ≤ 17

_INSURED_KINDS = frozenset({"nhi", "kouki", "employer_insured", "employer_dependent"})


@dataclass(frozen=True)
class NoticeSubject:
    """What the rules read about one person. A date that could not be read (UNREADABLE)
    gives no notice, as a missing one does."""

    resident_id: int
    name: str
    birth_date: StoredDate
    departments: DepartmentRecords
    period_of_stay_until: StoredDate | None = None


def _fmt(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _within(day: StoredDate | None, today: date, days: int) -> bool:
    return isinstance(day, date) and today <= day <= today + timedelta(days=days)


def _on_health_insurance(records: DepartmentRecords) -> bool:
    if records.health_cover is not None:
        return records.health_cover.kind in _INSURED_KINDS
    return records.nhi is not None and records.nhi.enrolled


def kouki_notice(subject: NoticeSubject, today: date) -> Notice | None:
    turns = birthday(subject.birth_date, 75)
    kouki = subject.departments.kouki
    if not _within(turns, today, AGE_WINDOW_DAYS) or (kouki is not None and kouki.enrolled):
        return None
    return Notice(
        NoticeKind.KOUKI_ENROLMENT,
        subject.resident_id,
        subject.name,
        turns,
        f"{_fmt(turns)}に75歳になり、後期高齢者医療の被保険者になります"
        f"（資格取得日 {_fmt(turns)}）。後期高齢者医療の記録がまだありません。"
        "国保の資格喪失と保険証等の切替を案内してください。",
    )


def ltc_first_notice(subject: NoticeSubject, today: date) -> Notice | None:
    turns = birthday(subject.birth_date, 65)
    ltc = subject.departments.ltc
    if not _within(turns, today, AGE_WINDOW_DAYS) or (ltc is not None and ltc.category == "1"):
        return None
    start = turns - timedelta(days=1)
    return Notice(
        NoticeKind.LTC_FIRST_CATEGORY,
        subject.resident_id,
        subject.name,
        start,
        f"{_fmt(turns)}に65歳になり、介護保険の第1号被保険者になります"
        f"（資格取得日 {_fmt(start)}、誕生日の前日）。介護保険被保険者証が交付されます。",
    )


def ltc_second_notice(subject: NoticeSubject, today: date) -> Notice | None:
    turns = birthday(subject.birth_date, 40)
    if not _within(turns, today, AGE_WINDOW_DAYS) or subject.departments.ltc is not None:
        return None
    if not _on_health_insurance(subject.departments):
        return None
    start = turns - timedelta(days=1)
    return Notice(
        NoticeKind.LTC_SECOND_CATEGORY,
        subject.resident_id,
        subject.name,
        start,
        f"{_fmt(turns)}に40歳になり、医療保険に加入しているため介護保険の第2号被保険者に"
        f"なります（資格取得日 {_fmt(start)}）。介護保険料は医療保険の保険料と合わせて納めます。",
    )


def pension_notice(subject: NoticeSubject, today: date) -> Notice | None:
    turns = birthday(subject.birth_date, 20)
    pension = subject.departments.pension
    if not _within(turns, today, AGE_WINDOW_DAYS):
        return None
    if pension is not None and pension.category in {"1", "2", "3"}:
        return None
    start = turns - timedelta(days=1)
    return Notice(
        NoticeKind.PENSION_ENROLMENT,
        subject.resident_id,
        subject.name,
        start,
        f"{_fmt(turns)}に20歳になり、国民年金の被保険者になります（資格取得日 {_fmt(start)}）。"
        "厚生年金・共済に加入していなければ第1号被保険者の加入手続き"
        "（学生納付特例・免除の申請を含む）を案内してください。",
    )


def next_school_entry(today: date) -> date:
    """1 April of the next school year that has not started yet."""
    this_year = date(today.year, 4, 1)
    return this_year if today < this_year else date(today.year + 1, 4, 1)


def school_entry_notice(subject: NoticeSubject, today: date) -> Notice | None:
    """A child who enters 小学校 next April: born 2 April (Y−7) … 1 April (Y−6)."""
    entry = next_school_entry(today)
    first_born = date(entry.year - 7, 4, 2)
    last_born = date(entry.year - 6, 4, 1)
    if not first_born <= subject.birth_date <= last_born or subject.departments.school:
        return None
    return Notice(
        NoticeKind.SCHOOL_ENTRY,
        subject.resident_id,
        subject.name,
        entry,
        f"{_fmt(entry)}に小学校へ入学する年齢です。学齢簿に記載され、就学時健康診断と"
        "就学通知の案内があります。私立・国立の学校へ進む場合は届出が必要です。",
    )


def mynumber_card_notices(subject: NoticeSubject, today: date) -> list[Notice]:
    card = subject.departments.mynumber_card
    if card is None:
        return []
    found = []
    if _within(card.valid_until, today, CARD_WINDOW_DAYS):
        found.append(
            Notice(
                NoticeKind.MYNUMBER_CARD_EXPIRY,
                subject.resident_id,
                subject.name,
                card.valid_until,
                f"マイナンバーカードの有効期限が{_fmt(card.valid_until)}に切れます。"
                "更新（新しいカードの交付申請）を案内してください。",
            )
        )
    certs_until = card.certs_valid_until
    has_certs = card.has_signature_cert or card.has_user_cert
    if (
        has_certs
        and certs_until != card.valid_until
        and _within(certs_until, today, CARD_WINDOW_DAYS)
    ):
        assert certs_until is not None
        found.append(
            Notice(
                NoticeKind.MYNUMBER_CERT_EXPIRY,
                subject.resident_id,
                subject.name,
                certs_until,
                f"マイナンバーカードの電子証明書の有効期限が{_fmt(certs_until)}に切れます。"
                "電子証明書の更新を案内してください（カード本体の期限とは別です）。",
            )
        )
    return found


def period_of_stay_notice(subject: NoticeSubject, today: date) -> Notice | None:
    until = subject.period_of_stay_until
    if not _within(until, today, CARD_WINDOW_DAYS):
        return None
    assert until is not None
    return Notice(
        NoticeKind.PERIOD_OF_STAY_EXPIRY,
        subject.resident_id,
        subject.name,
        until,
        f"在留期間が{_fmt(until)}に満了します。出入国在留管理局での在留期間更新許可申請"
        "（満了の3か月前から）を案内してください。更新後は在留カードの内容を住民票に反映します。",
    )


def ltc_cert_notice(subject: NoticeSubject, today: date) -> Notice | None:
    ltc = subject.departments.ltc
    if (
        ltc is None
        or not ltc.certified
        or not _within(ltc.cert_valid_until, today, LTC_CERT_WINDOW_DAYS)
    ):
        return None
    until = ltc.cert_valid_until
    assert until is not None
    level = f"（{ltc.care_level}）" if ltc.care_level else ""
    return Notice(
        NoticeKind.LTC_CERT_EXPIRY,
        subject.resident_id,
        subject.name,
        until,
        f"要介護・要支援認定{level}の有効期間が{_fmt(until)}に終わります。"
        "更新申請は満了日の60日前からできます。",
    )


def child_allowance_end_notices(
    recipient: NoticeSubject, children: Iterable[NoticeSubject], today: date
) -> list[Notice]:
    """児童手当 for a child ends on the first 31 March after the 18th birthday."""
    if recipient.departments.child_allowance is None:
        return []
    ends = date(fiscal_year_start(today).year + 1, 3, 31)
    found = []
    for child in children:
        if fy_age(child.birth_date, today) != CHILD_ALLOWANCE_LAST_FY_AGE:
            continue
        found.append(
            Notice(
                NoticeKind.CHILD_ALLOWANCE_END,
                recipient.resident_id,
                recipient.name,
                ends,
                f"{child.name}さん（{age_on(child.birth_date, today)}歳）は18歳到達後最初の"
                f"3月31日を迎えるため、{_fmt(ends)}で児童手当の支給対象から外れます。"
                "支給対象児童が変わるため、額の改定や受給資格を確認してください。",
            )
        )
    return found


_PERSONAL_RULES = (
    kouki_notice,
    ltc_first_notice,
    ltc_second_notice,
    pension_notice,
    school_entry_notice,
    period_of_stay_notice,
    ltc_cert_notice,
)
# Those that do not read the birth date, for a person whose birth date is unreadable.
_UNDATED_RULES = (period_of_stay_notice, ltc_cert_notice)


def notices_for(
    subjects: Iterable[NoticeSubject],
    today: date,
    allowance_children: dict[int, list[NoticeSubject]] | None = None,
) -> tuple[Notice, ...]:
    """Every notice for the given people (the person and their household), by due date.

    `allowance_children` maps a recipient's resident id to the children paid for."""
    found: list[Notice] = []
    for subject in subjects:
        rules = _PERSONAL_RULES if isinstance(subject.birth_date, date) else _UNDATED_RULES
        for rule in rules:
            notice = rule(subject, today)
            if notice is not None:
                found.append(notice)
        found.extend(mynumber_card_notices(subject, today))
        children = (allowance_children or {}).get(subject.resident_id, [])
        dated = [child for child in children if isinstance(child.birth_date, date)]
        found.extend(child_allowance_end_notices(subject, dated, today))
    return tuple(sorted(found, key=lambda n: (n.due_on, n.resident_id, n.kind.value)))
