"""Word the facts that decided a rule in Japanese, as the clerk reads them aloud.

`年度年齢（4月1日時点の年齢）: 0（17以下）`, `印鑑登録がある: はい`,
`健康保険: 国民健康保険`, `世帯員 佐藤 陽菜: …`.
"""

from __future__ import annotations

from datetime import date

from ..catalog import MISSING, Catalog, FactDef, Question
from ..search.wareki import format_wareki
from .evaluate import Always, Because, Condition, NoMember
from .provisional import is_provisional
from .situation import Situation

_BOUND = {"lt": "未満", "le": "以下", "gt": "超", "ge": "以上"}


class Explainer:
    def __init__(self, catalog: Catalog, situation: Situation) -> None:
        self.catalog = catalog
        self.situation = situation

    @staticmethod
    def _answer_key(fact: str) -> str | None:
        """The question key of an answer fact (`answer.X`, `person.answer.X` …), else None."""
        head, _, rest = fact.partition(".")
        if head == "answer":
            return rest
        return rest.removeprefix("answer.") if rest.startswith("answer.") else None

    def _question(self, key: str) -> Question | None:
        question = self.situation.event_def.question(key)
        if question is None:
            question = next((q for q in self.catalog.common_questions if q.key == key), None)
        return question

    def _definition(self, fact: str) -> FactDef | None:
        head, _, rest = fact.partition(".")
        name = "person." + rest if head in ("member", "subject") else fact
        return self.catalog.facts.get(name)

    def label(self, fact: str) -> str:
        head, _, rest = fact.partition(".")
        if head == "params":
            return self.catalog.param_labels.get(rest, rest)
        key = self._answer_key(fact)
        if key is not None:
            question = self._question(key)
            return question.label if question is not None else key
        definition = self._definition(fact)
        label = definition.label if definition is not None else fact
        if head == "subject" and self.situation.subject is not None:
            return f"{self.situation.subject.name}の{label}"
        return label

    def coded(self, fact: str) -> bool:
        """Whether the fact's values are codes with words in `value_labels`."""
        key = self._answer_key(fact)
        if key is not None:
            question = self._question(key)
            return question is not None and question.type == "enum"
        definition = self._definition(fact)
        return (definition is not None and bool(definition.values)) or fact == "event.type"

    def value(self, value: object, coded: bool = True) -> str:
        if value is MISSING or value is None:
            return "記録なし"
        if isinstance(value, bool):
            return "はい" if value else "いいえ"
        if isinstance(value, date):
            return format_wareki(value)
        if isinstance(value, (list, tuple)):
            return "・".join(self.value(v, coded) for v in value)
        person = self.situation.person(value) if isinstance(value, str) else None
        if person is not None:
            return person.name
        return (self.catalog.value_label(value) if coded else None) or str(value)

    def condition(self, c: Condition) -> str:
        label = self.label(c.fact)
        coded = self.coded(c.fact)
        expected = self.value(c.expected, coded)
        if c.op is None:
            text = f"{label}: {self.value(bool(c.value) if c.value is not MISSING else MISSING)}"
        elif c.op == "eq":
            text = (
                f"{label}: {self.value(c.value, coded)}"
                if c.holds
                else f"{label}: {self.value(c.value, coded)}（{expected}ではない）"
            )
        elif c.op == "ne":
            text = (
                f"{label}: {self.value(c.value, coded)}（{expected}以外）"
                if c.holds
                else f"{label}: {expected}"
            )
        elif c.op == "in":
            text = f"{label}: {self.value(c.value, coded)}"
            if not c.holds:
                text += f"（{expected}のいずれでもない）"
        else:
            bound = f"{expected}{_BOUND[c.op]}"
            if c.param:
                bound = f"{self.catalog.param_labels.get(c.param, c.param)} {bound}"
            text = f"{label}: {self.value(c.value, coded)}（{bound}" + (
                "）" if c.holds else "ではない）"
            )
        if c.member is not None:
            text = f"世帯員 {c.member.name} の{text}"
        return text

    def because(self, item: Because) -> str:
        if isinstance(item, Condition):
            return self.condition(item)
        if isinstance(item, NoMember):
            return "該当する世帯員がいない"
        if isinstance(item, Always):
            return f"{self.situation.event_def.name}の届出では必ず必要" if item.value else "対象外"
        raise TypeError(item)

    def reason(self, person, because: tuple[Because, ...]) -> str:
        text = "、".join(dict.fromkeys(self.because(b) for b in because))
        if person is None:
            return text
        number = "新規" if is_provisional(person.atena_no) else person.atena_no
        return f"{person.name}（{number}）: {text}"
