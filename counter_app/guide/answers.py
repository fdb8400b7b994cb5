"""The clerk's answers as the rules see them: given, suggested from the records, or the
catalog's default; and which questions the clerk must still be asked.

A question is asked only when its `ask_if` holds. An answer the clerk gave always wins;
otherwise a computable prefill (a rule, a record fact, or a builtin such as the whole
household for `mover_ids`), then the default. A question with none of these stays
unanswered: the engine treats the fact as false and reports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import MISSING, Question
from ..catalog.rules import Rule, fact_tests
from .evaluate import Evaluator
from .inputs import PersonRecord
from .situation import Situation

# Answers that bind a role: without them the engine does not know whom a rule is about.
ROLE_ANSWERS = {
    "mother": "mother_id",
    "claimant": "child_allowance_claimant_id",
    "custodial_parent": "custodial_parent_id",
    "parties": "party_ids",
    "subjects": "subject_ids",
    "deceased": "deceased_id",
    "subject": "subject_id",
    "members": "subject_id",
    "survivors": "deceased_id",
}
# Of those, the answers naming the event's own persons: without them there is no event to
# evaluate (the others, such as the 児童手当 claimant, leave only their procedures out).
CENTRAL_ANSWERS = frozenset({"mother_id", "deceased_id", "subject_id", "subject_ids", "party_ids"})


@dataclass(frozen=True)
class Prompt:
    """One question to put to the clerk, for the event or for one person."""

    question: Question
    person: PersonRecord | None
    value: object  # the answer so far (given, suggested or default), or MISSING
    origin: str  # "answer" | "prefill" | "default" | "none"
    required: bool


def questions_for(situation: Situation) -> list[Question]:
    event_questions = [q for q in situation.event_def.questions]
    keys = {q.key for q in event_questions}
    return event_questions + [q for q in situation.catalog.common_questions if q.key not in keys]


def rule_answer_keys(situation: Situation) -> set[str]:
    """Answers the event's triggers, roles and ask_if rules read: the ones that decide
    which procedures apply."""
    catalog, event = situation.catalog, situation.event.type
    keys: set[str] = {situation.event_def.date_question}
    rules = []
    for entry in (*catalog.procedures_for(event), *catalog.notices_for(event)):
        for trigger in entry.triggers:
            if trigger.event == event:
                rules.append(trigger.when)
                if trigger.role in ROLE_ANSWERS:
                    keys.add(ROLE_ANSWERS[trigger.role])
                if trigger.role == "movers":
                    keys.add("mover_ids")
    for question in situation.event_def.questions:
        if question.ask_if is not None:
            rules.append(question.ask_if)
        if question.prefill is not None and question.prefill.when is not None:
            rules.append(question.prefill.when)
    for rule in rules:
        keys |= answers_read_by(rule)
    return {
        k for k in keys if situation.event_def.question(k) is not None or k in ROLE_ANSWERS.values()
    }


def answers_read_by(rule: Rule) -> set[str]:
    """The answer keys a rule reads, directly or through the facts computed from answers."""
    keys: set[str] = set()
    for test, _ in fact_tests(rule):
        name = test.fact
        for prefix in ("person.answer.", "member.answer.", "answer."):
            if name.startswith(prefix):
                keys.add(name.removeprefix(prefix))
        if name in ("person.name_changes", "person.changed_surname_at_marriage"):
            keys.update({"surname_changer", "surname_changer_at_marriage", "keep_married_surname"})
        if name.startswith("subject.") or name == "person.dependent_of_subject":
            keys.update({"deceased_id", "subject_id"})
    return keys


class AnswerResolver:
    def __init__(self, situation: Situation) -> None:
        self.situation = situation
        self.evaluator = Evaluator(situation)
        self.origins: dict[tuple[str, str | None], str] = {}

    def resolve(self) -> None:
        """Fill the situation's answers with suggestions and defaults, in question order."""
        s = self.situation
        date_key = s.event_def.date_question
        if date_key not in s.answers and s.event.date is not None:
            s.answers[date_key] = s.event.date
            self.origins[(date_key, None)] = "prefill"
        for key in s.answers:
            self.origins.setdefault((key, None), "answer")
        for atena, answers in s.person_answers.items():
            for key in answers:
                self.origins[(key, atena)] = "answer"
        for question in questions_for(s):
            if question.per_person:
                for person in self.persons_for(question):
                    self._fill(question, person)
            else:
                self._fill(question, None)

    def persons_for(self, question: Question) -> list[PersonRecord]:
        seen: dict[str, PersonRecord] = {}
        for role in question.per:
            for person in self.situation.role(role):
                if person is not None:
                    seen.setdefault(person.atena_no, person)
        return list(seen.values())

    def asked(self, question: Question, person: PersonRecord | None) -> bool:
        if question.ask_if is None:
            return True
        return self.evaluator.evaluate(question.ask_if, person)[0]

    def current(self, question: Question, person: PersonRecord | None) -> object:
        if person is None:
            return self.situation.answers.get(question.key, MISSING)
        return self.situation.person_answers.get(person.atena_no, {}).get(question.key, MISSING)

    def _store(
        self, question: Question, person: PersonRecord | None, value: object, origin: str
    ) -> None:
        if person is None:
            self.situation.answers[question.key] = value
        else:
            self.situation.person_answers.setdefault(person.atena_no, {})[question.key] = value
        self.origins[(question.key, person.atena_no if person else None)] = origin

    def _fill(self, question: Question, person: PersonRecord | None) -> None:
        if self.current(question, person) is not MISSING or not self.asked(question, person):
            return
        suggested = self.suggestion(question, person)
        if suggested is not MISSING:
            self._store(question, person, suggested, "prefill")
        elif question.default is not MISSING:
            self._store(question, person, question.default, "default")

    def suggestion(self, question: Question, person: PersonRecord | None) -> object:
        prefill = question.prefill
        if prefill is None or not prefill.computable:
            return MISSING
        s = self.situation
        if prefill.when is not None:
            holds = self.evaluator.evaluate(prefill.when, person)[0]
            return prefill.value if holds else prefill.otherwise
        if prefill.fact is not None:
            return s.fact(prefill.fact, person, None)
        if prefill.builtin == "whole_household":
            return [m.atena_no for m in s.members]
        if prefill.builtin == "surname_changer_from_surname_after":
            changer_sex = {"夫の氏": "女", "妻の氏": "男"}.get(str(s.answers.get("surname_after")))
            found = [p for p in s.parties() if p.get("sex") == changer_sex]
            return found[0].atena_no if len(found) == 1 else MISSING
        return MISSING

    def prompts(self, only: set[str] | None = None) -> list[Prompt]:
        """The questions to put to the clerk now (asked, not signature-only)."""
        out = []
        required = self.required_keys()
        for question in questions_for(self.situation):
            if question.type == "signature_only" or (only is not None and question.key not in only):
                continue
            targets = self.persons_for(question) if question.per_person else [None]
            for person in targets:
                if not self.asked(question, person):
                    continue
                value = self.current(question, person)
                origin = self.origins.get(
                    (question.key, person.atena_no if person else None), "none"
                )
                out.append(
                    Prompt(
                        question,
                        person,
                        value,
                        origin if value is not MISSING else "none",
                        question.key in required and person is None,
                    )
                )
        return out

    def required_keys(self) -> set[str]:
        """Answers naming the event's persons that the rules use and that have no fallback."""
        used = rule_answer_keys(self.situation)
        return {key for key in CENTRAL_ANSWERS if key in used and not self._has_fallback(key)}

    def _has_fallback(self, key: str) -> bool:
        question = self.situation.event_def.question(key)
        if question is None:
            return False
        return (
            question.nullable
            or question.default is not MISSING
            or (question.prefill is not None and question.prefill.computable)
        )

    def missing_required(self) -> list[str]:
        s = self.situation
        out = []
        for key in sorted(self.required_keys()):
            question = s.event_def.question(key)
            if question is None:
                continue
            if key not in s.answers and self.asked(question, None):
                out.append(key)
        return out

    def unanswered(self) -> list[tuple[Question, PersonRecord | None]]:
        """Questions that decide procedures, asked, and still without any answer."""
        keys = rule_answer_keys(self.situation)
        return [(p.question, p.person) for p in self.prompts(keys) if p.value is MISSING]
