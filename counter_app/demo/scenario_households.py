"""Load the households of a scenario file (shared/domain/scenario-format.md) into the
register and the department tables, so a scenario can be replayed at the window.

Only the persons already registered are written (each scenario's `household.members`);
the event's newborn and incoming persons are created by the event itself. Everything is
written in one unit of work: a file whose household or atena numbers are already in the
database, or whose values do not fit the tables, writes nothing at all.

Department rows need a few items the scenarios leave out (the date a 国保 or 印鑑 record
began, a card's expiry). They get the file's reference date (a card: ten years on; 後期:
the 75th birthday), so the record screen has something to show; no rule reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import String, select
from sqlalchemy.orm import Session

from .. import clock
from ..db.engine import Database
from ..db.models import (
    ChildAllowance,
    ChildAllowanceChild,
    ChildMedical,
    ChildSupport,
    DisabilityHandbook,
    HealthCover,
    Household,
    KoukiRecord,
    LtcRecord,
    MyNumberCard,
    NhiRecord,
    PensionRecord,
    Resident,
    ResidentMyNumber,
    SchoolEnrollment,
    SealRegistration,
    SingleParentMedical,
    TaxStatus,
)
from ..errors import CounterAppError, ErrorCode
from ..guide.from_records import PLAIN_RESIDENT_ITEMS
from ..guide.scenario_file import ScenarioFile
from ..search.keys import household_search_keys, phone_key, resident_search_keys
from ..security.keyring import session_keys
from ..security.my_numbers import my_number_row
from ..services import settings

CARD_YEARS = 10
MY_NUMBER_DIGITS = 12
KOUKI_AGE = 75


@dataclass(frozen=True)
class LoadStats:
    scenarios: int
    households: int
    residents: int


@dataclass
class _HouseholdPlan:
    scenario: str
    household_no: str
    address: str
    katagaki: str | None
    postal_code: str | None
    address_code: str | None
    school_district: str | None
    members: list[Mapping] = field(default_factory=list)


@dataclass
class _Plan:
    households: dict[str, _HouseholdPlan] = field(default_factory=dict)
    persons: dict[str, tuple[str, Mapping]] = field(default_factory=dict)  # atena → (sid, data)
    event_persons: dict[str, set[str]] = field(default_factory=dict)  # sid → newborn/incoming


def load_scenario_households(db: Database, scenario_file: ScenarioFile) -> LoadStats:
    """Write every scenario's household members with their department records, in one
    unit of work of their own (see `write_scenario_households`)."""
    with db.write() as session:
        return write_scenario_households(session, scenario_file)


def write_scenario_households(session: Session, scenario_file: ScenarioFile) -> LoadStats:
    """Write every scenario's household members with their department records, inside
    the caller's unit of work.

    Raises CounterAppError (SCENARIO_ALREADY_LOADED, SCENARIO_CONFLICT,
    SCENARIO_UNKNOWN_PERSON, SCENARIO_VALUE_TOO_LONG) with nothing written."""
    plan = _plan(scenario_file)
    today = scenario_file.reference_date or clock.today()
    _refuse_existing(session, plan)
    _Writer(session, plan, today).write()
    if scenario_file.municipality and (
        settings.get_setting(session, settings.MUNICIPALITY_NAME) is None
    ):
        settings.set_setting(session, settings.MUNICIPALITY_NAME, scenario_file.municipality)
    return LoadStats(
        scenarios=len(scenario_file.scenarios),
        households=len(plan.households),
        residents=len(plan.persons),
    )


# -- planning: which households, which persons ------------------------------------------------


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _plan(scenario_file: ScenarioFile) -> _Plan:
    plan = _Plan()
    for scenario in scenario_file.scenarios:
        case, raw = scenario.case, scenario.raw
        sid = case.case_id
        raw_household = raw.get("household") or {}
        plan.event_persons[sid] = {p.atena_no for p in case.event.incoming} | (
            {case.event.newborn.atena_no} if case.event.newborn else set()
        )
        for member in case.household.members:
            person = member.data
            household_no = str(person.get("household_no") or case.household.household_no or sid)
            seen = plan.persons.get(member.atena_no)
            if seen is not None:
                if dict(seen[1]) != dict(person):
                    raise CounterAppError(
                        ErrorCode.SCENARIO_CONFLICT,
                        scenario=sid,
                        key="atena_no",
                        value=member.atena_no,
                        other=seen[0],
                    )
                continue
            household = plan.households.get(household_no)
            wanted = (
                case.household.address,
                case.household.katagaki or None,
            )
            if household is None:
                household = plan.households[household_no] = _HouseholdPlan(
                    scenario=sid,
                    household_no=household_no,
                    address=wanted[0],
                    katagaki=wanted[1],
                    postal_code=_text(raw_household.get("postal_code")),
                    address_code=_text(raw_household.get("address_code")),
                    school_district=_text(raw_household.get("school_district")),
                )
            elif (household.address, household.katagaki) != wanted:
                raise CounterAppError(
                    ErrorCode.SCENARIO_CONFLICT,
                    scenario=sid,
                    key="household_no",
                    value=household_no,
                    other=household.scenario,
                )
            plan.persons[member.atena_no] = (sid, person)
            household.members.append(person)
    return plan


def _refuse_existing(session: Session, plan: _Plan) -> None:
    household_nos = list(plan.households)
    atenas = list(plan.persons)
    codes = [str(p["juminhyo_code"]) for _, p in plan.persons.values() if p.get("juminhyo_code")]
    found_households = sorted(
        session.scalars(
            select(Household.household_no).where(Household.household_no.in_(household_nos))
        )
    )
    found_atenas = sorted(
        session.scalars(select(Resident.atena_no).where(Resident.atena_no.in_(atenas)))
    )
    found_codes = sorted(
        session.scalars(select(Resident.juminhyo_code).where(Resident.juminhyo_code.in_(codes)))
    )
    if found_households or found_atenas or found_codes:
        raise CounterAppError(
            ErrorCode.SCENARIO_ALREADY_LOADED,
            households=", ".join(found_households) or "-",
            residents=", ".join(found_atenas) or "-",
            codes=", ".join(found_codes) or "-",
        )


# -- writing --------------------------------------------------------------------------------


def _split(full: object) -> tuple[str, str]:
    """「佐藤 健太」 or 「佐藤　健太」 → (佐藤, 健太)."""
    text = str(full or "").replace("\u3000", " ").strip()
    surname, _, given = text.partition(" ")
    return surname.strip(), given.strip()


def _section(person: Mapping, key: str) -> Mapping:
    value = person.get(key)
    return value if isinstance(value, Mapping) else {}


def _flag(section: Mapping, key: str) -> bool:
    return section.get(key) is True


def _int(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class _Writer:
    def __init__(self, session: Session, plan: _Plan, today: date) -> None:
        self.session = session
        self.plan = plan
        self.today = today
        self.ids: dict[str, int] = {}

    def write(self) -> None:
        households: dict[str, Household] = {}
        for plan in self.plan.households.values():
            row = {
                "household_no": plan.household_no,
                "postal_code": plan.postal_code,
                "address": plan.address,
                "katagaki": plan.katagaki,
                "address_code": plan.address_code,
                "school_district": plan.school_district,
                **household_search_keys(plan.address, plan.katagaki),
            }
            households[plan.household_no] = self._add(Household, row, plan.scenario, "household")
        self.session.flush()
        residents: dict[str, Resident] = {}
        for plan in self.plan.households.values():
            for person in plan.members:
                residents[str(person["atena_no"])] = self._add(
                    Resident,
                    self._resident_row(person, households[plan.household_no].id),
                    plan.scenario,
                    str(person["atena_no"]),
                )
        self.session.flush()
        self.ids = {atena: r.id for atena, r in residents.items()}
        for atena, (sid, person) in self.plan.persons.items():
            self._department_rows(sid, atena, person)
        self.session.flush()

    def _add(self, model, row: dict, scenario: str, where: str):
        for name, value in row.items():
            column = model.__table__.c[name]
            if (
                isinstance(value, str)
                and isinstance(column.type, String)
                and column.type.length is not None
                and len(value) > column.type.length
            ):
                raise CounterAppError(
                    ErrorCode.SCENARIO_VALUE_TOO_LONG,
                    scenario=scenario,
                    path=f"{where}: {name}",
                    value=value,
                    limit=column.type.length,
                )
        obj = model(**row)
        self.session.add(obj)
        return obj

    def _add_my_number(self, scenario: str, atena: str, resident_id: int, number: str) -> None:
        if len(number) > MY_NUMBER_DIGITS:
            raise CounterAppError(
                ErrorCode.SCENARIO_VALUE_TOO_LONG,
                scenario=scenario,
                path=f"{atena}: my_number",
                value=number,
                limit=MY_NUMBER_DIGITS,
            )
        ring = session_keys(self.session)
        self.session.add(ResidentMyNumber(**my_number_row(ring, resident_id, number)))

    def _resident_row(self, person: Mapping, household_id: int) -> dict:
        surname, given = _split(person.get("name_kanji"))
        surname = str(person.get("surname_kanji") or surname)
        given = str(person.get("given_name_kanji") or given)
        surname_kana, given_kana = _split(person.get("name_kana"))
        row = {
            "atena_no": str(person["atena_no"]),
            "juminhyo_code": _text(person.get("juminhyo_code")) or None,
            "household_id": household_id,
            "relationship_to_head": str(person.get("relationship") or ""),
            "surname_kanji": surname,
            "given_name_kanji": given,
            "surname_kana": surname_kana,
            "given_name_kana": given_kana,
            "birth_date": person["birth_date"],
            "sex": str(person.get("sex") or ""),
            "status": str(person.get("status") or "resident"),
            "voter_registered": person.get("voter_registered") is True,
            **resident_search_keys(surname, given, surname_kana, given_kana),
            "phone_key": phone_key(_text(person.get("contact_phone"))),
        }
        for item in PLAIN_RESIDENT_ITEMS:
            value = person.get(item)
            row[item] = value if isinstance(value, date) or value is None else str(value)
        return row

    def _ref(self, sid: str, path: str, atena: object) -> int | None:
        """The resident id of an atena number in the file or the database; None for the
        event's own new persons (they are not registered yet)."""
        if atena is None:
            return None
        key = str(atena)
        if key in self.ids:
            return self.ids[key]
        found = self.session.scalar(select(Resident.id).where(Resident.atena_no == key))
        if found is not None:
            return found
        if key in self.plan.event_persons.get(sid, set()):
            return None
        raise CounterAppError(
            ErrorCode.SCENARIO_UNKNOWN_PERSON, scenario=sid, path=path, person=key
        )

    def _department_rows(self, sid: str, atena: str, p: Mapping) -> None:
        rid, today = self.ids[atena], self.today

        def add(model, row: dict, section: str) -> None:
            self._add(model, row, sid, f"{atena}: {section}")

        if my_number := p.get("my_number"):
            self._add_my_number(sid, atena, rid, str(my_number))
        cover = _section(p, "health_insurance")
        assistance = _flag(_section(p, "public_assistance"), "receiving")
        if cover or assistance:
            add(
                HealthCover,
                {
                    "resident_id": rid,
                    "kind": str(cover.get("kind") or ""),
                    "insured_via_id": self._ref(
                        sid, f"{atena}.health_insurance.insured_via", cover.get("insured_via")
                    ),
                    "public_assistance": assistance,
                },
                "health_insurance",
            )
        if nhi := _section(p, "nhi"):
            add(
                NhiRecord,
                {
                    "resident_id": rid,
                    "enrolled": _flag(nhi, "enrolled"),
                    "symbol_number": str(nhi.get("symbol_number") or ""),
                    "branch_number": _text(nhi.get("branch_number")),
                    "acquired_on": nhi.get("acquired_on") or today,
                    "lost_on": nhi.get("lost_on"),
                    "nhi_head_id": self._ref(
                        sid, f"{atena}.nhi.nhi_head_atena_no", nhi.get("nhi_head_atena_no")
                    ),
                    "pseudo_head": _flag(nhi, "pseudo_head"),
                    "elderly_recipient_ratio": _int(nhi.get("elderly_recipient_ratio")),
                },
                "nhi",
            )
        if kouki := _section(p, "kouki"):
            add(
                KoukiRecord,
                {
                    "resident_id": rid,
                    "enrolled": _flag(kouki, "enrolled"),
                    "insured_number": str(kouki.get("insured_number") or ""),
                    "acquired_on": kouki.get("acquired_on")
                    or min(today, _years_later(p["birth_date"], KOUKI_AGE)),
                    "burden_ratio": _int(kouki.get("burden_ratio")) or 1,
                    "disability_certified": _flag(kouki, "disability_certified"),
                },
                "kouki",
            )
        if ltc := _section(p, "ltc"):
            add(
                LtcRecord,
                {
                    "resident_id": rid,
                    "category": str(ltc.get("category") or ""),
                    "insured_number": _text(ltc.get("insured_number")),
                    "certified": _flag(ltc, "certified"),
                    "care_level": _text(ltc.get("care_level")),
                    "cert_valid_until": ltc.get("cert_valid_until"),
                    "premium_collection": _text(ltc.get("premium_collection")),
                },
                "ltc",
            )
        if pension := _section(p, "pension"):
            category = pension.get("category")
            add(
                PensionRecord,
                {
                    "resident_id": rid,
                    "category": "" if category is None else str(category),
                    "basic_pension_no": _text(pension.get("basic_pension_no")),
                    "mynumber_linked": _flag(pension, "mynumber_linked"),
                    "receiving": _flag(pension, "receiving"),
                    "basic_only": _flag(pension, "basic_only"),
                    "only_type1_periods": _flag(pension, "only_type1_periods"),
                    "qualifying_months": _int(pension.get("qualifying_months")),
                },
                "pension",
            )
        allowance = _section(p, "child_allowance")
        if _flag(allowance, "recipient"):
            add(
                ChildAllowance,
                {
                    "recipient_id": rid,
                    "recipient_number": str(allowance.get("recipient_number") or ""),
                    "started_on": allowance.get("started_on") or today,
                },
                "child_allowance",
            )
            self.session.flush()
            children = allowance.get("children") or []
            for child in dict.fromkeys(str(c) for c in children):
                child_id = self._ref(sid, f"{atena}.child_allowance.children", child)
                if child_id is not None:
                    add(
                        ChildAllowanceChild,
                        {"recipient_id": rid, "child_id": child_id},
                        "child_allowance.children",
                    )
        medical = _section(p, "child_medical")
        if _flag(medical, "holder"):
            add(
                ChildMedical,
                {
                    "resident_id": rid,
                    "certificate_number": str(medical.get("certificate_number") or ""),
                    "guardian_id": self._ref(
                        sid,
                        f"{atena}.child_medical.guardian_atena_no",
                        medical.get("guardian_atena_no"),
                    ),
                    "insurance_kind": _text(medical.get("insurance_kind")),
                    "valid_until": medical.get("valid_until"),
                },
                "child_medical",
            )
        support = _section(p, "child_support")
        if _flag(support, "recipient"):
            add(
                ChildSupport,
                {
                    "resident_id": rid,
                    "certificate_number": str(support.get("certificate_number") or ""),
                },
                "child_support",
            )
        single = _section(p, "single_parent_medical")
        if _flag(single, "holder"):
            add(
                SingleParentMedical,
                {
                    "resident_id": rid,
                    "certificate_number": str(single.get("certificate_number") or ""),
                },
                "single_parent_medical",
            )
        school = _section(p, "school")
        if school.get("type") is not None:
            add(
                SchoolEnrollment,
                {
                    "resident_id": rid,
                    "school_type": str(school["type"]),
                    "school_name": str(school.get("school_name") or ""),
                    "grade": "" if school.get("grade") is None else str(school["grade"]),
                },
                "school",
            )
        seal = _section(p, "seal")
        if _flag(seal, "registered"):
            add(
                SealRegistration,
                {
                    "resident_id": rid,
                    "registration_number": str(seal.get("registration_number") or ""),
                    "registered_on": seal.get("registered_on") or today,
                },
                "seal",
            )
        card = _section(p, "mynumber_card")
        if _flag(card, "has_card"):
            add(
                MyNumberCard,
                {
                    "resident_id": rid,
                    "valid_until": card.get("valid_until") or _years_later(today, CARD_YEARS),
                    "has_signature_cert": _flag(card, "has_signature_cert"),
                    "has_user_cert": _flag(card, "has_user_cert"),
                    "certs_valid_until": card.get("certs_valid_until"),
                },
                "mynumber_card",
            )
        disability = _section(p, "disability")
        if _flag(disability, "has_handbook"):
            add(
                DisabilityHandbook,
                {
                    "resident_id": rid,
                    "handbook_type": str(disability.get("handbook_type") or ""),
                    "grade": "" if disability.get("grade") is None else str(disability["grade"]),
                    "handbook_number": str(disability.get("handbook_number") or ""),
                },
                "disability",
            )
        if tax := _section(p, "tax"):
            add(
                TaxStatus,
                {
                    "resident_id": rid,
                    "property_taxpayer": _flag(tax, "property_taxpayer"),
                    "light_vehicle_owner": _flag(tax, "light_vehicle_owner"),
                },
                "tax",
            )


__all__ = ["LoadStats", "load_scenario_households", "write_scenario_households"]
