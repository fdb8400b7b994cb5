"""The demo city in memory while it is drawn: households and people before they become rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

HEAD = "世帯主"
MALE = "男"
FEMALE = "女"


class Shape(StrEnum):
    SINGLE_YOUNG = "single_young"
    SINGLE_MIDDLE = "single_middle"
    SINGLE_ELDERLY = "single_elderly"
    COUPLE_YOUNG = "couple_young"
    COUPLE_MIDDLE = "couple_middle"
    COUPLE_ELDERLY = "couple_elderly"
    COUPLE_WITH_CHILDREN = "couple_with_children"
    SINGLE_PARENT = "single_parent"
    THREE_GENERATIONS = "three_generations"
    ELDER_WITH_ADULT_CHILD = "elder_with_adult_child"
    SIBLINGS = "siblings"
    FOREIGN_SINGLE = "foreign_single"
    FOREIGN_FAMILY = "foreign_family"


class Marital(StrEnum):
    NEVER = "never"
    MARRIED = "married"
    WIDOWED = "widowed"
    DIVORCED = "divorced"


class Occupation(StrEnum):
    CHILD = "child"
    STUDENT = "student"
    EMPLOYEE = "employee"
    SELF_EMPLOYED = "self_employed"
    HOMEMAKER = "homemaker"
    UNEMPLOYED = "unemployed"
    RETIRED = "retired"


class Cover(StrEnum):
    """health_cover.kind (schema doc §4.1)."""

    NHI = "nhi"
    KOUKI = "kouki"
    EMPLOYER_INSURED = "employer_insured"
    EMPLOYER_DEPENDENT = "employer_dependent"
    PUBLIC_ASSISTANCE = "public_assistance"


@dataclass(frozen=True, slots=True)
class Address:
    postal_code: str
    address: str
    katagaki: str | None
    address_code: str
    school_district: str
    elementary_school: str
    junior_high_school: str
    town_number: int
    lot: str  # 町名・丁目・番, what a 本籍 in the city would name


@dataclass(slots=True, eq=False)
class Person:
    """One resident, filled in stages (see population.py): the plan gives the first fields
    and the family links, later stages the names, dates, occupation and cover."""

    relationship: str  # 世帯主との続柄
    sex: str
    birth: date
    age: int  # on the reference day
    fy_age: int  # on 1 April of the reference fiscal year (schema doc §2.1)
    age_tomorrow: int  # legal ages start the day before the birthday (schema doc §2.1)
    marital: Marital = Marital.NEVER
    spouse: Person | None = None
    father: Person | None = None
    mother: Person | None = None
    occupation: Occupation | None = None
    nationality: str | None = None
    residence_status: str | None = None
    period_of_stay_until: date | None = None
    residence_card_number: str | None = None
    id: int = 0
    surname: str = ""
    surname_kana: str = ""
    given_name: str = ""
    given_name_kana: str = ""
    old_surname: str | None = None
    old_surname_kana: str | None = None
    honseki: str | None = None
    hittosha: str | None = None
    became_resident_on: date = date.min
    address_since: date = date.min
    notified_on: date = date.min
    previous_address: str | None = None
    last_change_reason: str = ""
    last_change_on: date = date.min
    voter_registered: bool = False
    contact_phone: str | None = None
    handbook: tuple[str, str] | None = None  # (handbook_type, grade)
    cover: Cover | None = None
    insured_via: Person | None = None
    kouki_by_disability: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.surname}\u3000{self.given_name}"


@dataclass(slots=True, eq=False)
class Household:
    """A 世帯; `members` starts with the head."""

    shape: Shape
    members: list[Person]
    apartment: bool
    public_assistance: bool = False
    id: int = 0
    household_no: str = ""
    address: Address | None = None
    moved_in: date = date.min
    address_since: date = date.min
    nationality: str | None = None

    @property
    def head(self) -> Person:
        return self.members[0]

    def minors(self) -> list[Person]:
        """Children up to fy_age 17: 児童手当 and 子ども医療 run through the March after 18."""
        return [person for person in self.members if person.fy_age <= 17]


def marry(husband: Person, wife: Person) -> None:
    husband.spouse = wife
    wife.spouse = husband
    husband.marital = wife.marital = Marital.MARRIED
