"""Evaluate a rule and keep the facts that decided it.

`evaluate` returns the truth and the conditions that made it so: for a true `all`, every
part; for a true `any`, the part that held; for `not R`, why R failed. Evaluation stops
at the first deciding part, as a clerk reading the rule would.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import MISSING
from ..catalog.rules import AllOf, AnyOf, Const, FactTest, Not, Rule, SomeMember
from .inputs import PersonRecord
from .situation import Situation


@dataclass(frozen=True)
class Condition:
    """One fact that decided a rule: its value, the test, and whether the test held."""

    fact: str
    value: object
    op: str | None
    expected: object
    param: str | None
    holds: bool
    member: PersonRecord | None = None  # inside some_member: which member


@dataclass(frozen=True)
class NoMember:
    """`some_member` failed: nobody in the household after the event fits."""

    rule: Rule


@dataclass(frozen=True)
class Always:
    """A constant rule."""

    value: bool


Because = Condition | NoMember | Always


def same(a: object, b: object) -> bool:
    """Equality across YAML and database types: `1` matches `"1"`, but `true` never `1`."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if (isinstance(a, int) and isinstance(b, str)) or (isinstance(a, str) and isinstance(b, int)):
        return str(a) == str(b)
    return a == b


def compare(value: object, op: str | None, expected: object) -> bool:
    if value is MISSING:
        return False
    if op is None:
        return bool(value)
    if op == "eq":
        return same(value, expected)
    if op == "ne":
        return not same(value, expected)
    if op == "in":
        return any(same(value, e) for e in expected)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(expected, bool) or not isinstance(expected, (int, float)):
        return False
    return {
        "lt": value < expected,
        "le": value <= expected,
        "gt": value > expected,
        "ge": value >= expected,
    }[op]


class Evaluator:
    def __init__(self, situation: Situation) -> None:
        self.situation = situation
        self.missing: set[tuple[str, str | None]] = set()  # (fact, atena_no) read but absent

    def evaluate(
        self, rule: Rule, person: PersonRecord | None, member: PersonRecord | None = None
    ) -> tuple[bool, tuple[Because, ...]]:
        if isinstance(rule, Const):
            return rule.value, (Always(rule.value),)
        if isinstance(rule, FactTest):
            return self._fact(rule, person, member)
        if isinstance(rule, Not):
            value, because = self.evaluate(rule.rule, person, member)
            return not value, because
        if isinstance(rule, AllOf):
            reasons: list[Because] = []
            for part in rule.rules:
                value, because = self.evaluate(part, person, member)
                if not value:
                    return False, because
                reasons.extend(because)
            return True, tuple(reasons)
        if isinstance(rule, AnyOf):
            failures: list[Because] = []
            for part in rule.rules:
                value, because = self.evaluate(part, person, member)
                if value:
                    return True, because
                failures.extend(because)
            return False, tuple(failures)
        if isinstance(rule, SomeMember):
            for candidate in self.situation.after_event():
                value, because = self.evaluate(rule.rule, person, candidate)
                if value:
                    return True, because
            return False, (NoMember(rule.rule),)
        raise TypeError(f"not a rule: {rule!r}")

    def _fact(self, test: FactTest, person, member) -> tuple[bool, tuple[Because, ...]]:
        value = self.situation.fact(test.fact, person, member)
        expected = (
            self.situation.catalog.params.get(test.param, MISSING) if test.param else test.value
        )
        if value is MISSING:
            whose = member if test.fact.startswith("member.") else person
            self.missing.add((test.fact, whose.atena_no if whose is not None else None))
        holds = compare(value, test.op, expected)
        about = member if test.fact.startswith("member.") else None
        return holds, (Condition(test.fact, value, test.op, expected, test.param, holds, about),)
