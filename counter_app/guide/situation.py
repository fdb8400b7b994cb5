"""The household around one life event: who plays which role, who is left afterwards,
and every fact a rule can ask for (records, answers, parameters and the builtins).

Ages are counted on the event's date (the catalog's "reference date"); the builtins are
defined in the catalog's `facts:` dictionary and listed in counter_app.catalog.builtins.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..catalog import MISSING, Catalog
from ..records.ages import age_on, fy_age
from . import kinship
from .inputs import GuideCase, PersonRecord

# Which answer names the event's main person (故人, the person turning 75 or 65).
SUBJECT_ANSWERS = ("deceased_id", "subject_id")


class Situation:
    def __init__(self, catalog: Catalog, case: GuideCase) -> None:
        self.catalog = catalog
        self.case = case
        self.event = case.event
        self.event_def = catalog.event(case.event.type)
        self.members = list(case.household.members)
        extra = ([case.event.newborn] if case.event.newborn else []) + list(case.event.incoming)
        self.persons: dict[str, PersonRecord] = {p.atena_no: p for p in self.members + extra}
        self.answers: dict = dict(case.event.answers)
        self.person_answers: dict[str, dict] = {
            str(k): dict(v) for k, v in case.event.person_answers.items()
        }
        self.age_date: date = case.event.date or case.reference_date
        self._builtins: dict[str, Callable[[PersonRecord | None], object]] = {
            "person.age": self._age,
            "person.fy_age": self._fy_age,
            "person.dependent_of_subject": self._dependent_of_subject,
            "person.dependent_of_other_party": self._dependent_of_other_party,
            "person.is_spouse_of_subject": self._is_spouse_of_subject,
            "person.name_changes": self._name_changes,
            "person.is_custodial_parent": lambda p: (
                p.atena_no == self.answers.get("custodial_parent_id")
            ),
            "person.is_subject": lambda p: (
                self.subject is not None and p.atena_no == self.subject.atena_no
            ),
            "person.changed_surname_at_marriage": lambda p: (
                p.atena_no == self.answers.get("surname_changer_at_marriage")
            ),
            "household.child_allowance_receiving": lambda _: any(
                m.get("child_allowance.recipient") is True for m in self.after_event()
            ),
            "household.size": lambda _: len(self.after_event()),
            "event.type": lambda _: self.event.type,
            "event.head_leaves": lambda _: self._head_leaves(),
            "event.remaining_members_15plus": lambda _: sum(
                1 for m in self.after_event() if (a := self._age(m)) is not MISSING and a >= 15
            ),
            "event.single_parent_with_children": lambda _: self._single_parent_with_children(),
        }

    # -- persons and roles --------------------------------------------------------------
    def person(self, atena_no: object) -> PersonRecord | None:
        return self.persons.get(str(atena_no)) if atena_no is not None else None

    def people(self, ids: object) -> list[PersonRecord]:
        if not isinstance(ids, (list, tuple)):
            return []
        return [p for i in ids if (p := self.person(i)) is not None]

    @property
    def subject(self) -> PersonRecord | None:
        for key in SUBJECT_ANSWERS:
            if key in self.answers:
                return self.person(self.answers[key])
        return None

    def movers(self) -> list[PersonRecord]:
        if self.event.type == "move_in":
            return list(self.event.incoming)
        if "mover_ids" in self.answers:
            return self.people(self.answers["mover_ids"])
        return list(self.members)

    def parties(self) -> list[PersonRecord]:
        return self.people(self.answers.get("party_ids"))

    def children(self) -> list[PersonRecord]:
        """Children of the parties in the household, within the child-support age."""
        limit = self.catalog.params.get("child_support_max_fy_age", 17)
        party_ids = {p.atena_no for p in self.parties()}
        relationships = {
            r for p in self.parties() for r in kinship.child_relationships_of(p.relationship)
        }
        return [
            m
            for m in self.members
            if m.atena_no not in party_ids
            and m.relationship in relationships
            and (age := self._fy_age(m)) is not MISSING
            and age <= limit
        ]

    def role(self, role: str) -> list[PersonRecord | None]:
        """The persons a trigger for `role` is evaluated for (`[None]`: the household)."""
        one = lambda key: [p] if (p := self.person(self.answers.get(key))) else []  # noqa: E731
        subject = [self.subject] if self.subject else []
        binders: dict[str, Callable[[], list]] = {
            "household": lambda: [None],
            "newborn": lambda: [self.event.newborn] if self.event.newborn else [],
            "mother": lambda: one("mother_id"),
            "father": lambda: one("father_id"),
            "claimant": lambda: one("child_allowance_claimant_id"),
            "custodial_parent": lambda: one("custodial_parent_id"),
            "movers": self.movers,
            "deceased": lambda: subject,
            "subject": lambda: subject,
            "survivors": lambda: [m for m in self.members if m not in subject],
            "members": lambda: [m for m in self.members if m not in subject],
            "subjects": lambda: self.people(self.answers.get("subject_ids")),
            "parties": self.parties,
            "children": self.children,
        }
        return binders[role]()

    def after_event(self) -> list[PersonRecord]:
        """The post-event household (`some_member`, `household.*`)."""
        kind = self.event.type
        if kind == "birth":
            return self.members + ([self.event.newborn] if self.event.newborn else [])
        if kind == "move_in":
            return self.members + list(self.event.incoming)
        if kind == "move_out":
            leaving = {p.atena_no for p in self.movers()}
            return [m for m in self.members if m.atena_no not in leaving]
        if kind == "move_within":
            return self.movers()
        if kind == "death":
            return [m for m in self.members if m is not self.subject]
        if kind == "divorce":
            leaving = {str(i) for i in self.answers.get("leaving_ids") or []}
            custodial = self.answers.get("custodial_parent_id")
            if custodial is not None and str(custodial) in leaving:
                return [m for m in self.members if m.atena_no in leaving]
            return [m for m in self.members if m.atena_no not in leaving]
        return list(self.members)

    # -- facts ----------------------------------------------------------------------------
    def fact(self, name: str, person: PersonRecord | None, member: PersonRecord | None) -> object:
        """The value of a fact name as a rule writes it, or MISSING."""
        head, _, rest = name.partition(".")
        if head == "params":
            return self.catalog.params.get(rest, MISSING)
        if head == "answer":
            return self.answers.get(rest, MISSING)
        if head in ("person", "member", "subject"):
            target = {"person": person, "member": member, "subject": self.subject}[head]
            if target is None:
                return MISSING
            if rest.startswith("answer."):
                return self.person_answers.get(target.atena_no, {}).get(
                    rest.removeprefix("answer."), MISSING
                )
            return self.person_fact(target, rest)
        builtin = self._builtins.get(name)
        return builtin(None) if builtin is not None else MISSING

    def person_fact(self, target: PersonRecord, name: str) -> object:
        builtin = self._builtins.get(f"person.{name}")
        if builtin is not None:
            return builtin(target)
        definition = self.catalog.facts.get(f"person.{name}")
        if definition is None or definition.record_path is None:
            return MISSING
        return target.get(definition.record_path)

    def has_builtin(self, name: str) -> bool:
        return name in self._builtins

    # -- builtins ---------------------------------------------------------------------------
    def _age(self, p: PersonRecord) -> object:
        return MISSING if p.birth_date is None else age_on(p.birth_date, self.age_date)

    def _fy_age(self, p: PersonRecord) -> object:
        return MISSING if p.birth_date is None else fy_age(p.birth_date, self.age_date)

    def _dependent_of_subject(self, p: PersonRecord) -> bool:
        subject = self.subject
        return (
            subject is not None
            and p.get("health_insurance.kind") == "employer_dependent"
            and p.get("health_insurance.insured_via") == subject.atena_no
        )

    def _dependent_of_other_party(self, p: PersonRecord) -> bool:
        if p.get("health_insurance.kind") != "employer_dependent":
            return False
        via = p.get("health_insurance.insured_via")
        parties = {q.atena_no for q in self.parties()}
        if via not in parties or via == p.atena_no:
            return False
        return p.atena_no in parties or via != self.answers.get("custodial_parent_id")

    def _is_spouse_of_subject(self, p: PersonRecord) -> bool:
        subject = self.subject
        return (
            subject is not None
            and p is not subject
            and kinship.is_spouse_pair(p.relationship, subject.relationship)
        )

    def _name_changes(self, p: PersonRecord) -> bool:
        if self.event.type == "marriage":
            return p.atena_no == self.answers.get("surname_changer")
        if self.event.type == "divorce":
            keeps = self.person_answers.get(p.atena_no, {}).get("keep_married_surname") is True
            return p.atena_no == self.answers.get("surname_changer_at_marriage") and not keeps
        return False

    def _head_leaves(self) -> bool:
        if self.event.type == "death":
            return self.subject is not None and self.subject.relationship == kinship.HEAD
        if self.event.type == "move_out":
            movers = self.movers()
            return any(m.relationship == kinship.HEAD for m in movers) and bool(self.after_event())
        return False

    def _single_parent_with_children(self) -> bool:
        limit = self.catalog.params.get("child_support_max_fy_age", 17)
        after = self.after_event()

        def young_children_of(parent: PersonRecord) -> bool:
            relationships = kinship.child_relationships_of(parent.relationship)
            return any(
                m.relationship in relationships
                and (a := self._fy_age(m)) is not MISSING
                and a <= limit
                for m in after
                if m is not parent
            )

        if self.event.type == "divorce":
            parent = self.person(self.answers.get("custodial_parent_id"))
            return parent is not None and parent in after and young_children_of(parent)
        if self.event.type == "death":
            spouses = [m for m in after if self._is_spouse_of_subject(m)]
            return any(young_children_of(s) for s in spouses)
        return False
