"""Cross-reference checks: every name a catalog entry uses must exist and fit its place.

An unknown fact, department, form, event, role, parameter or answer; a fact used where
no person is bound; a value a fact can never take: each is one problem with its line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .builtins import (
    BUILTIN_FACTS,
    ENGINE_ROLES,
    FORM_MODES,
    FORM_ROLES,
    FORM_SOURCES,
    HOUSEHOLD_PATHS,
    PREFILL_BUILTINS,
    QUESTION_TYPES,
    RESIDENT_PATHS,
)
from .model import MISSING, Catalog, LifeEvent, Question, Trigger
from .parse import Problems, Where
from .rules import FactTest, Rule, fact_tests


@dataclass(frozen=True)
class Scope:
    """What a rule may refer to where it is written."""

    event: LifeEvent | None
    person_bound: bool  # a person is bound (trigger for a role, per-person question)


class ReferenceCheck:
    def __init__(
        self, catalog: Catalog, where: dict[str, dict[str, Where]], problems: Problems
    ) -> None:
        self.catalog = catalog
        self.where = where
        self.problems = problems
        self.departments = {d.id for d in catalog.departments}
        self.common = {q.key: q for q in catalog.common_questions}

    def run(self) -> None:
        self.check_facts()
        for event in self.catalog.life_events:
            self.check_event(event, self.where["life_events"][event.id])
        for proc in self.catalog.procedures:
            where = self.where["procedures"][proc.id]
            self.check_department(proc.department, where.at("department"))
            if proc.kind not in self.catalog.kinds:
                self.problems.add(
                    where.at("kind"),
                    "unknown_value",
                    value=proc.kind,
                    allowed=sorted(self.catalog.kinds),
                )
            if proc.flow not in self.catalog.flows:
                self.problems.add(
                    where.at("flow"),
                    "unknown_value",
                    value=proc.flow,
                    allowed=sorted(self.catalog.flows),
                )
            if proc.form not in {f.id for f in self.catalog.forms}:
                self.problems.add(where.at("form"), "unknown_form", form=proc.form)
            if proc.form_mode not in FORM_MODES:
                self.problems.add(
                    where.at("form_mode"),
                    "unknown_value",
                    value=proc.form_mode,
                    allowed=sorted(FORM_MODES),
                )
            self.check_triggers(proc.triggers, where.at("triggers"))
        for notice in self.catalog.notices:
            where = self.where["notices"][notice.id]
            self.check_department(notice.department, where.at("department"))
            self.check_triggers(notice.triggers, where.at("triggers"))
        for form in self.catalog.forms:
            self.check_form(form, self.where["forms"][form.id])

    # -- pieces -----------------------------------------------------------------------
    def check_department(self, department: str | None, where: Where) -> None:
        if department is not None and department not in self.departments:
            self.problems.add(where, "unknown_department", department=department)

    def check_facts(self) -> None:
        for name, fact in self.catalog.facts.items():
            where = self.where["facts"][name]
            if fact.builtin and name not in BUILTIN_FACTS:
                self.problems.add(where, "unknown_builtin", name=name)
            if fact.record_path is not None and fact.record_path not in RESIDENT_PATHS:
                self.problems.add(
                    where.at("from"), "unknown_record_path", path=f"resident.{fact.record_path}"
                )

    def check_event(self, event: LifeEvent, where: Where) -> None:
        keys = [q.key for q in event.questions]
        if event.date_question not in keys:
            self.problems.add(
                where.at("date_question"),
                "undefined_answer",
                event=event.id,
                answer=event.date_question,
            )
        for role in event.roles:
            if role not in ENGINE_ROLES:
                self.problems.add(
                    where.at("roles", role), "engine_role", role=role, known=sorted(ENGINE_ROLES)
                )
        for i, question in enumerate(event.questions):
            self.check_question(question, where.at("questions", i), event)

    def check_question(self, question: Question, where: Where, event: LifeEvent | None) -> None:
        if question.type not in QUESTION_TYPES:
            self.problems.add(where.at("type"), "unknown_question_type", type=question.type)
        if question.type == "enum" and not question.options:
            self.problems.add(where, "missing_key", key="options")
        if (
            question.type == "enum"
            and question.default is not MISSING
            and question.default not in question.options
        ):
            self.problems.add(
                where.at("default"),
                "unknown_value",
                value=question.default,
                allowed=list(question.options),
            )
        for role in question.per:
            if event is not None and role not in event.roles:
                self.problems.add(where.at("per"), "unknown_role", event=event.id, role=role)
        scope = Scope(event, question.per_person)
        if question.ask_if is not None:
            self.check_rule(question.ask_if, where.doc, scope)
        prefill = question.prefill
        if prefill is not None:
            if prefill.when is not None:
                self.check_rule(prefill.when, where.doc, scope)
            if prefill.fact is not None:
                self.check_fact_name(prefill.fact, False, scope, where.at("prefill", "fact"))
            if prefill.builtin is not None and prefill.builtin not in PREFILL_BUILTINS:
                self.problems.add(
                    where.at("prefill", "builtin"), "unknown_builtin", name=prefill.builtin
                )

    def check_triggers(self, triggers: tuple[Trigger, ...], where: Where) -> None:
        for i, trigger in enumerate(triggers):
            here = where.at(i)
            if not self.catalog.has_event(trigger.event):
                self.problems.add(here.at("event"), "unknown_event", event=trigger.event)
                continue
            event = self.catalog.event(trigger.event)
            if trigger.role != "household" and trigger.role not in event.roles:
                self.problems.add(here.at("for"), "unknown_role", event=event.id, role=trigger.role)
            self.check_rule(trigger.when, here.doc, Scope(event, trigger.role != "household"))

    def check_rule(self, rule: Rule, doc, scope: Scope) -> None:
        for test, inside_member in fact_tests(rule):
            where = Where(doc, test.path)
            self.check_fact_name(test.fact, inside_member, scope, where.at("fact"))
            if test.param is not None and test.param not in self.catalog.params:
                self.problems.add(where.at(test.op), "unknown_param", param=test.param)
            self.check_literal(test, scope, where)

    def check_literal(self, test: FactTest, scope: Scope, where: Where) -> None:
        if test.op not in ("eq", "ne", "in"):
            return
        allowed = self.allowed_values(test.fact, scope)
        if not allowed:
            return
        values = test.value if test.op == "in" else (test.value,)
        for value in values:
            if value not in allowed:
                self.problems.add(
                    where.at(test.op), "unknown_value", value=value, allowed=list(allowed)
                )

    def allowed_values(self, name: str, scope: Scope) -> tuple:
        for prefix in ("person.answer.", "member.answer.", "answer."):
            if name.startswith(prefix):
                question = self.find_question(name.removeprefix(prefix), scope, prefix != "answer.")
                return question.options if question is not None and question.type == "enum" else ()
        fact = self.catalog.facts.get(self.as_person_fact(name))
        return fact.values if fact is not None else ()

    @staticmethod
    def as_person_fact(name: str) -> str:
        for prefix in ("member.", "subject."):
            if name.startswith(prefix):
                return "person." + name.removeprefix(prefix)
        return name

    def find_question(self, key: str, scope: Scope, per_person: bool) -> Question | None:
        if scope.event is None:
            return None
        question = scope.event.question(key)
        if question is None and not per_person:
            question = self.common.get(key)
        if question is None or question.per_person != per_person:
            return None
        return question

    def check_fact_name(self, name: str, inside_member: bool, scope: Scope, where: Where) -> None:
        facts = self.catalog.facts
        if name.startswith("params."):
            if name.removeprefix("params.") not in self.catalog.params:
                self.problems.add(where, "unknown_param", param=name.removeprefix("params."))
            return
        for prefix, per_person in (
            ("person.answer.", True),
            ("member.answer.", True),
            ("answer.", False),
        ):
            if name.startswith(prefix):
                key = name.removeprefix(prefix)
                if scope.event is not None and self.find_question(key, scope, per_person) is None:
                    self.problems.add(where, "undefined_answer", event=scope.event.id, answer=key)
                self.check_binding(name, prefix.split(".")[0], inside_member, scope, where)
                return
        if name.startswith(("member.", "subject.")):
            if self.as_person_fact(name) not in facts:
                self.problems.add(where, "unknown_fact", fact=name)
            self.check_binding(name, name.split(".")[0], inside_member, scope, where)
            return
        if name not in facts:
            self.problems.add(where, "unknown_fact", fact=name)
            return
        self.check_binding(name, name.split(".")[0], inside_member, scope, where)

    def check_binding(
        self, name: str, namespace: str, inside_member: bool, scope: Scope, where: Where
    ) -> None:
        if namespace == "member" and not inside_member:
            self.problems.add(
                where, "fact_out_of_scope", fact=name, detail="member.* only inside some_member"
            )
        if namespace == "person" and not scope.person_bound:
            self.problems.add(
                where, "fact_out_of_scope", fact=name, detail="no person is bound here (household)"
            )
        if namespace not in ("person", "member", "subject", "household", "event", "answer"):
            self.problems.add(where, "unknown_fact", fact=name)

    def check_form(self, form, where: Where) -> None:
        self.check_department(form.department, where.at("department"))
        answers = {q.key for e in self.catalog.life_events for q in e.questions}
        answers |= {q.key for q in self.catalog.common_questions}
        answers |= {q.key for q in form.questions}
        for i, question in enumerate(form.questions):
            self.check_question(question, where.at("questions", i), None)
        for i, field in enumerate(form.fields):
            here = where.at("fields", i)
            source = field.source
            if source.startswith("resident."):
                if source.removeprefix("resident.") not in RESIDENT_PATHS:
                    self.problems.add(here.at("source"), "unknown_record_path", path=source)
            elif source.startswith("household."):
                if source.removeprefix("household.") not in HOUSEHOLD_PATHS:
                    self.problems.add(here.at("source"), "unknown_record_path", path=source)
            elif source not in FORM_SOURCES:
                self.problems.add(
                    here.at("source"),
                    "unknown_value",
                    value=source,
                    allowed=["resident.*", "household.*", *sorted(FORM_SOURCES)],
                )
            if source.startswith(("resident.", "household.")) and field.of not in FORM_ROLES:
                self.problems.add(
                    here.at("of"), "unknown_value", value=field.of, allowed=sorted(FORM_ROLES)
                )
            if source == "clerk" and field.answer is None:
                self.problems.add(here, "missing_key", key="answer")
            if field.answer is not None and field.answer not in answers:
                self.problems.add(here.at("answer"), "undefined_form_answer", answer=field.answer)
            if source == "computed":
                if field.compute is None:
                    self.problems.add(here, "missing_key", key="compute")
                elif field.compute not in self.catalog.computed_values:
                    self.problems.add(here.at("compute"), "unknown_compute", name=field.compute)
            if source == "signature" and "署名" not in field.label and not field.why:
                # Anything the resident writes other than a signature says why.
                self.problems.add(here, "missing_key", key="why")
            if field.repeat is not None and field.repeat not in ENGINE_ROLES:
                self.problems.add(
                    here.at("repeat"), "engine_role", role=field.repeat, known=sorted(ENGINE_ROLES)
                )
