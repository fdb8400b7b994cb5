"""The values the catalog's `computed_values` name: dates, the office, 事由 wording, the
newborn's 続柄, the children and household lists, the school grade …"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalog import MISSING, Catalog
from ..guide import kinship
from ..guide.situation import Situation
from ..records.ages import age_on, fy_age
from ..search.wareki import format_wareki

if TYPE_CHECKING:
    from .fill import FormFiller, _Copy

# The 事務処理欄 ticks of the 住民異動届, by the procedures' id prefix.
_LINKED_FLAGS = (
    ("nhi_", "国保"),
    ("kouki_", "後期"),
    ("ltc_", "介護"),
    ("nenkin_", "年金"),
    ("child_allowance_", "児童手当"),
    ("school_", "学齢"),
)


class ComputedValues:
    def __init__(self, catalog: Catalog, situation: Situation, filler: FormFiller) -> None:
        self.catalog = catalog
        self.situation = situation
        self.filler = filler

    def value(self, name: str, copy: _Copy) -> tuple[str, tuple[str, ...], str]:
        """(text, rows, what it is) for the computed value `name`."""
        s = self.situation
        event_date = s.event.date or s.case.reference_date
        municipality = s.case.municipality.split("（")[0]
        if name == "today":
            return format_wareki(s.case.reference_date), (), "届出の日"
        if name == "event.date":
            return format_wareki(event_date), (), f"{s.event_def.name}の日"
        if name == "office.name":
            return municipality, (), "市の名前"
        if name == "office.mayor":
            return f"{municipality}長" if municipality else "", (), "宛先"
        if name == "procedure.reason":
            names = [self.catalog.procedure(p.id).name for p in copy.procedures]
            return f"{s.event_def.name}（{'・'.join(names)}）", (), "届出の事由"
        if name == "procedure.relationship_to_head":
            newborn = s.event.newborn
            text = newborn.relationship if newborn is not None else ""
            return text, (), "父母と世帯主の続柄から"
        if name == "procedure.spouse_status":
            return self.spouse_status(), (), "世帯の記録から"
        if name == "procedure.linked_flags":
            ids = [p.id for p in self.filler_procedures()]
            flags = [
                label for prefix, label in _LINKED_FLAGS if any(i.startswith(prefix) for i in ids)
            ]
            return "・".join(flags), (), "この来庁の手続きから"
        if name == "procedure.children_list":
            rows = tuple(self.children_rows(copy))
            return "、".join(rows), rows, "世帯の子から"
        if name == "procedure.household_summary":
            rows = tuple(f"{m.name}（{self.age(m)}歳・{m.relationship}）" for m in s.after_event())
            return "、".join(rows), rows, "世帯の記録から"
        if name == "procedure.school_grade":
            person = copy.person
            age = fy_age(person.birth_date, event_date) if person and person.birth_date else None
            return self.grade(age), (), "年度年齢から"
        if name == "procedure.designated_school":
            return "", (), "学区表から学務課が指定"
        if name == "procedure.card_based":
            value = s.answers.get(
                "card_based_move_in", s.answers.get("card_based_move_out", MISSING)
            )
            if value is MISSING:
                return "", (), "窓口で聴取"
            return (
                ("マイナンバーカードによる特例" if value else "通常（転出証明書）"),
                (),
                "窓口で聴取",
            )
        return "", (), name

    def filler_procedures(self):
        return self.filler.procedures

    def age(self, person) -> object:
        if person.birth_date is None:
            return "?"
        return age_on(
            person.birth_date, self.situation.event.date or self.situation.case.reference_date
        )

    def spouse_status(self) -> str:
        s = self.situation
        subject = s.subject
        if subject is None:
            return ""
        spouse = next(
            (
                m
                for m in s.members
                if m is not subject and kinship.is_spouse_pair(m.relationship, subject.relationship)
            ),
            None,
        )
        if spouse is None:
            return "いない"
        return f"いる（{self.age(spouse)}歳）"

    def children_rows(self, copy: _Copy):
        s = self.situation
        limit = self.catalog.params.get("child_allowance_max_fy_age", 17)
        on = s.event.date or s.case.reference_date
        for member in s.after_event():
            if member.birth_date is None or member is copy.person:
                continue
            if member.relationship not in (*kinship.CHILD_OF_HEAD, *kinship.CHILD_OF_CHILD):
                continue
            if fy_age(member.birth_date, on) > limit:
                continue
            yield f"{member.name}（{format_wareki(member.birth_date)}生・{member.relationship}・同居）"

    @staticmethod
    def grade(age: int | None) -> str:
        if age is None:
            return ""
        if 6 <= age <= 11:
            return f"小学{age - 5}年"
        if 12 <= age <= 14:
            return f"中学{age - 11}年"
        return ""
