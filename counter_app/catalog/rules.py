"""The catalog's rule language: six constructs and nothing else.

    true | false                       constant
    {all: [R, ...]} / {any: [R, ...]}  AND / OR (empty all = true, empty any = false)
    {not: R}
    {fact: NAME}                       truthiness
    {fact: NAME, OP: LITERAL}          OP in eq ne lt le gt ge in
    {fact: NAME, OP: {param: PARAM}}   compare with a municipal parameter
    {some_member: R}                   R holds for some member of the post-event household

`parse_rule` turns YAML into these frozen nodes and reports every shape problem it finds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

OPERATORS = ("eq", "ne", "lt", "le", "gt", "ge", "in")


@dataclass(frozen=True)
class Const:
    value: bool


@dataclass(frozen=True)
class AllOf:
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class AnyOf:
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Not:
    rule: Rule


@dataclass(frozen=True)
class FactTest:
    fact: str
    op: str | None = None  # None: truthiness
    value: object = None
    param: str | None = None  # compare with params[param] instead of `value`
    path: tuple = ()  # where in the YAML, for problems found later


@dataclass(frozen=True)
class SomeMember:
    rule: Rule


Rule = Const | AllOf | AnyOf | Not | FactTest | SomeMember

ProblemSink = Callable[[tuple, str, dict], None]


def parse_rule(raw: object, path: tuple, problem: ProblemSink) -> Rule:
    """Parse one rule; shape problems go to `problem(path, code, args)` and yield a
    constant false so the caller can go on collecting problems."""
    if isinstance(raw, bool):
        return Const(raw)
    if not isinstance(raw, dict):
        problem(path, "rule_shape", {"detail": f"{raw!r}"})
        return Const(False)
    keys = set(raw)
    for combinator, node in (("all", AllOf), ("any", AnyOf)):
        if combinator in keys:
            if keys != {combinator}:
                return _extra_keys(raw, combinator, path, problem)
            items = raw[combinator]
            if not isinstance(items, list):
                problem(
                    (*path, combinator), "rule_shape", {"detail": f"{combinator}: needs a list"}
                )
                return Const(False)
            return node(
                tuple(parse_rule(r, (*path, combinator, i), problem) for i, r in enumerate(items))
            )
    if "not" in keys:
        if keys != {"not"}:
            return _extra_keys(raw, "not", path, problem)
        return Not(parse_rule(raw["not"], (*path, "not"), problem))
    if "some_member" in keys:
        if keys != {"some_member"}:
            return _extra_keys(raw, "some_member", path, problem)
        return SomeMember(parse_rule(raw["some_member"], (*path, "some_member"), problem))
    if "fact" in keys:
        return _parse_fact_test(raw, path, problem)
    problem(path, "rule_shape", {"detail": "expected all, any, not, fact or some_member"})
    return Const(False)


def _extra_keys(raw: dict, construct: str, path: tuple, problem: ProblemSink) -> Rule:
    extra = sorted(str(k) for k in raw if k != construct)
    problem(path, "rule_shape", {"detail": f"{construct} with extra keys {', '.join(extra)}"})
    return Const(False)


def _parse_fact_test(raw: dict, path: tuple, problem: ProblemSink) -> Rule:
    name = raw["fact"]
    if not isinstance(name, str) or not name:
        problem((*path, "fact"), "rule_shape", {"detail": "fact: needs a fact name"})
        return Const(False)
    ops = [k for k in raw if k != "fact"]
    if not ops:
        return FactTest(name, path=path)
    if len(ops) > 1:
        problem(
            path,
            "rule_shape",
            {"detail": f"one comparison per fact, not {', '.join(map(str, ops))}"},
        )
        return Const(False)
    op = ops[0]
    if op not in OPERATORS:
        problem((*path, op), "unknown_op", {"op": op})
        return Const(False)
    value = raw[op]
    if isinstance(value, dict):
        if set(value) != {"param"} or not isinstance(value["param"], str):
            problem(
                (*path, op), "rule_shape", {"detail": "compare with a literal or {param: NAME}"}
            )
            return Const(False)
        return FactTest(name, op, param=value["param"], path=path)
    if op == "in" and not isinstance(value, list):
        problem((*path, op), "rule_shape", {"detail": "in: needs a list"})
        return Const(False)
    if op != "in" and isinstance(value, list):
        problem((*path, op), "rule_shape", {"detail": f"{op}: needs a single value"})
        return Const(False)
    if op in ("lt", "le", "gt", "ge") and (
        isinstance(value, bool) or not isinstance(value, (int, float))
    ):
        problem((*path, op), "rule_shape", {"detail": f"{op}: needs a number"})
        return Const(False)
    return FactTest(name, op, tuple(value) if op == "in" else value, path=path)


def fact_tests(rule: Rule, inside_member: bool = False) -> Iterator[tuple[FactTest, bool]]:
    """Every fact test of `rule`, with whether it sits inside some_member."""
    if isinstance(rule, FactTest):
        yield rule, inside_member
    elif isinstance(rule, (AllOf, AnyOf)):
        for child in rule.rules:
            yield from fact_tests(child, inside_member)
    elif isinstance(rule, Not):
        yield from fact_tests(rule.rule, inside_member)
    elif isinstance(rule, SomeMember):
        yield from fact_tests(rule.rule, True)
