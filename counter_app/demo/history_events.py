"""The demo history's life events: which resident of the demo city a visit is about, and
the answers the clerk gives the guide for it.

The answers that decide the case (the mother, the deceased, the movers …) are chosen
here from the household; the rest are answered as a clerk would answer them quickly:
the guide's suggestion or default, else a plain value of the question's type. Everything
is drawn from the `random.Random` given, so the same draw gives the same visit.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ..catalog import MISSING
from ..guide import GuideCase, PersonRecord
from ..guide.answers import Prompt
from ..guide.provisional import provisional_atena

# The life events of the history, with their weight among the window's visits.
EVENT_WEIGHTS = {
    "move_in": 24,
    "move_out": 22,
    "move_within": 16,
    "birth": 12,
    "nhi_join": 10,
    "marriage": 6,
    "death": 6,
}
# The events of each ticket category whose residents the window records as a visit.
CATEGORY_EVENTS = {
    "todokede": ("move_in", "move_out", "move_within", "birth", "marriage", "death"),
    "hoken_nenkin": ("nhi_join", "move_in"),
    "kosodate_fukushi": ("birth", "move_in"),
    "okuyami": ("death",),
}
AWAY_DAYS = 180  # calendar days a resident who moved out or died is not drawn again
ADDRESSES = (
    "みどり市緑町二丁目4番8号",
    "みどり市桜町一丁目12番3号",
    "みどり市本町三丁目1番15号",
    "みどり市若葉台四丁目7番2号",
)
OTHER_CITIES = ("東京都八王子市元本郷町三丁目24番1号", "神奈川県相模原市中央区中央二丁目11番15号")
GIVEN_NAMES = {"男": ("陽翔", "蓮", "湊", "樹"), "女": ("陽葵", "凛", "結菜", "芽依")}


@dataclass(frozen=True)
class Member:
    """A registered resident as the history picks them: enough to choose whom an event
    is about without reading the register again."""

    resident_id: int
    atena_no: str
    household_id: int
    relationship: str
    birth_date: date
    sex: str
    surname: str


@dataclass
class Register:
    """The demo city's residents the history may pick, by household. The register itself
    never changes (a visit does not update it), and the demo city is far smaller than a
    floor of 600 tickets a day serves, so a resident who moves out or dies is only kept
    out of the draw for `AWAY_DAYS`: long enough that nobody dies twice in a month's
    statistics, short enough that a year's history does not empty the city."""

    households: dict[int, tuple[Member, ...]]
    gone: dict[int, date] = field(default_factory=dict)  # resident id → the day

    drawn: dict[tuple[str, date], list[tuple[Member, tuple[Member, ...]]]] = field(
        default_factory=dict
    )

    def candidates(self, event: str, day: date) -> list[tuple[Member, tuple[Member, ...]]]:
        """(the resident the visit opens, their household) for each fitting resident who
        has not moved out or died (reckoned on the whole household, once a day)."""
        if (event, day) not in self.drawn:
            back = day - timedelta(days=AWAY_DAYS)
            self.gone = {r: on for r, on in self.gone.items() if on > back}
            self.drawn = {k: v for k, v in self.drawn.items() if k[1] == day}
            self.drawn[(event, day)] = [
                (member, members)
                for members in self.households.values()
                for member in members
                if _fits(event, member, members, day)
            ]
        return [
            (m, members)
            for m, members in self.drawn[(event, day)]
            if m.resident_id not in self.gone
        ]

    def present(self, members: tuple[Member, ...]) -> tuple[Member, ...]:
        return tuple(m for m in members if m.resident_id not in self.gone)

    def leave(self, members, day: date) -> None:
        """`members` moved out or died on `day`."""
        self.gone.update((m.resident_id, day) for m in members)


def _age(member: Member, day: date) -> int:
    born = member.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _fits(event: str, member: Member, household: tuple[Member, ...], day: date) -> bool:
    age = _age(member, day)
    head = member.relationship == "世帯主"
    if event == "birth":
        return member.sex == "女" and 20 <= age <= 42 and member.relationship in ("世帯主", "妻")
    if event == "death":
        return age >= 70
    if event == "marriage":
        return head and 24 <= age <= 45 and len(household) == 1
    if event == "turn_75":
        return 74 <= age <= 75
    if event == "nhi_join":
        return head and 55 <= age <= 66
    return head  # move_in (joining the household), move_out, move_within


def pick(register: Register, event: str, day: date, rng: random.Random):
    """The resident and household a visit for `event` opens, or None when nobody fits."""
    found = register.candidates(event, day)
    if not found:
        return None
    member, members = found[rng.randrange(len(found))]
    return member, register.present(members)


def first_answers(
    event: str, member: Member, household: tuple[Member, ...], day: date, rng: random.Random
) -> tuple[dict, dict, tuple[PersonRecord, ...]]:
    """The answers that decide the case, the per-person answers and the persons moving
    in, for `event` about `member`."""
    head = next((m for m in household if m.relationship == "世帯主"), member)
    answers: dict = {}
    per_person: dict = {}
    incoming: tuple[PersonRecord, ...] = ()
    if event == "birth":
        father = next(
            (m for m in household if m.sex == "男" and m.relationship in ("世帯主", "夫")), None
        )
        sex = rng.choice(("男", "女"))
        born = datetime.combine(
            day - timedelta(days=rng.randint(3, 13)), time(rng.randint(0, 23), 0)
        )
        answers = {
            "mother_id": member.atena_no,
            "father_id": father.atena_no if father else None,
            "notifier_id": member.atena_no,
            "newborn_surname": member.surname,
            "newborn_given_name": rng.choice(GIVEN_NAMES[sex]),
            "newborn_name_kana": "デモ",
            "newborn_birth_datetime": born,
            "newborn_sex": sex,
            "birth_weight_g": rng.randint(2600, 3800),
            "child_allowance_claimant_id": (father or member).atena_no,
        }
    elif event == "death":
        survivor = next((m for m in household if m is not member), None)
        answers = {
            "deceased_id": member.atena_no,
            "died_on": day - timedelta(days=rng.randint(2, 10)),
            "death_notice_already_filed": True,
            "applicant_id": survivor.atena_no if survivor else "external",
        }
    elif event in ("move_out", "move_within"):
        answers = {
            "moved_on": day + timedelta(days=rng.randint(0, 7)),
            "mover_ids": [m.atena_no for m in household],
            "new_address": rng.choice(OTHER_CITIES if event == "move_out" else ADDRESSES),
        }
    elif event == "move_in":
        sex = rng.choice(("男", "女"))
        born = date(day.year - rng.randint(20, 70), rng.randint(1, 12), rng.randint(1, 28))
        mover = PersonRecord(
            {
                "atena_no": provisional_atena(1),
                "name_kanji": f"{head.surname}\u3000{rng.choice(GIVEN_NAMES[sex])}",
                "birth_date": born,
                "sex": sex,
                "relationship": "同居人",
                "health_insurance": {"kind": rng.choice(("nhi", "employer_insured"))},
            }
        )
        incoming = (mover,)
        answers = {
            "moved_on": day - timedelta(days=rng.randint(1, 12)),
            "joining_household_no": "joined",
            "new_head_id": head.atena_no,
            "previous_address": rng.choice(OTHER_CITIES),
            "from_other_prefecture": rng.random() < 0.4,
            "card_based_move_in": rng.random() < 0.5,
        }
        per_person = {mover.atena_no: {"health_insurance": mover.data["health_insurance"]["kind"]}}
    elif event == "marriage":
        answers = {
            "submitted_on": day,
            "party_ids": [member.atena_no],
            "surname_after": "夫の氏" if member.sex == "男" else "妻の氏",
        }
    elif event == "turn_75":
        birthday = member.birth_date.replace(year=member.birth_date.year + 75)
        answers = {"subject_id": member.atena_no, "birthday": birthday}
    elif event == "nhi_join":
        answers = {
            "subject_ids": [member.atena_no],
            "lost_on": day - timedelta(days=rng.randint(3, 20)),
            "reason": "退職",
        }
    return answers, per_person, incoming


def fill_prompt(prompt: Prompt, case: GuideCase, day: date) -> object:
    """A clerk's quick answer to a question nobody answered: the guide's suggestion, else
    a plain value of its type."""
    if prompt.value is not MISSING:
        return prompt.value
    question = prompt.question
    head = next(
        (m for m in case.household.members if m.relationship == "世帯主"),
        case.household.members[0] if case.household.members else None,
    )
    anyone = head.atena_no if head is not None else "external"
    kind = question.type
    if kind == "bool":
        return False
    if kind == "enum":
        return question.options[0] if question.options else MISSING
    if kind == "int":
        return 1
    if kind in ("date",):
        return day
    if kind == "datetime":
        return datetime.combine(day, time(9, 0))
    if kind == "yearmonth":
        return day.replace(day=1)
    if kind in ("person", "person_or_external"):
        return anyone
    if kind == "persons":
        return [anyone]
    if kind == "household":
        return case.household.household_no or None
    if kind == "signature_only":
        return MISSING
    return "デモ"  # text, address, account


def answered(guide, case: GuideCase, answers: Mapping, per_person: Mapping, incoming, day: date):
    """The case with every question the guide asks answered (three rounds at most: an
    answer may raise a question)."""
    answers = dict(answers)
    per_person = {k: dict(v) for k, v in per_person.items()}
    if answers.get("joining_household_no") == "joined":
        answers["joining_household_no"] = case.household.household_no or None
    for _round in range(3):
        asked_case, prompts = guide.ask(case, answers, per_person, incoming)
        missing = [p for p in prompts if p.origin in ("none", "prefill", "default")]
        changed = False
        for prompt in missing:
            value = fill_prompt(prompt, asked_case, day)
            if value is MISSING:
                continue
            key = prompt.question.key
            if prompt.person is None:
                if key not in answers:
                    answers[key] = value
                    changed = True
            else:
                slot = per_person.setdefault(prompt.person.atena_no, {})
                if key not in slot:
                    slot[key] = value
                    changed = True
        if not changed:
            return asked_case
    return guide.ask(case, answers, per_person, incoming)[0]
