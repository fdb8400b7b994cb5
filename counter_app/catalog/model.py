"""The procedure catalog as frozen dataclasses (no YAML, no I/O).

Ids are those of shared/domain/catalog-reference.yaml. `Catalog` offers the look-ups the
guide and the screens need; it is only ever built whole by `load_catalog`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..certificates.model import CertificateCatalog
from .rules import Rule


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactDef:
    name: str  # person.age, household.size, …
    label: str  # Japanese, for explanations
    builtin: bool
    record_path: str | None = None  # resident.pension.category (without "resident.")
    values: tuple = ()


@dataclass(frozen=True)
class Prefill:
    """A suggested answer: a hint for the clerk, or a value the engine can compute."""

    hint: str | None = None  # free text shown beside the question
    when: Rule | None = None  # {when: R, value: V, else: W}
    value: object = MISSING
    otherwise: object = MISSING
    fact: str | None = None  # {fact: NAME}: the fact's value
    builtin: str | None = None  # {builtin: NAME}: computed by the engine

    @property
    def computable(self) -> bool:
        return self.when is not None or self.fact is not None or self.builtin is not None


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    type: str
    per: tuple[str, ...] = ()  # roles; empty = one answer for the event
    options: tuple = ()
    ask_if: Rule | None = None
    default: object = MISSING
    prefill: Prefill | None = None
    nullable: bool = False
    note: str | None = None
    source_doc: str | None = None

    @property
    def per_person(self) -> bool:
        return bool(self.per)


@dataclass(frozen=True)
class LifeEvent:
    id: str
    name: str
    name_en: str
    date_question: str
    roles: dict[str, str]  # role → description
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


@dataclass(frozen=True)
class Trigger:
    event: str
    role: str  # "household" = once, no person bound
    when: Rule


@dataclass(frozen=True)
class Procedure:
    id: str
    name: str
    name_en: str
    department: str
    kind: str
    flow: str
    form: str
    form_mode: str
    triggers: tuple[Trigger, ...]
    deadline: str | None = None
    legal_basis: str | None = None
    attachments: tuple[str, ...] = ()
    output: str | None = None
    decided_by: str | None = None
    notes: str | None = None
    sources: tuple[str, ...] = ()
    # Days the department has to decide a routed (review) procedure: its inbox due date.
    time_limit_days: int | None = None


@dataclass(frozen=True)
class Notice:
    id: str
    name: str
    department: str
    triggers: tuple[Trigger, ...]
    explain: str


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    source: str  # resident.<path> | household.<path> | clerk | signature | document | computed
    of: str | None = None
    answer: str | None = None
    compute: str | None = None
    document: str | None = None
    repeat: str | None = None
    why: str | None = None  # why the resident writes it, when it is not a signature


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    department: str | None
    fields: tuple[FormField, ...]
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Kind:
    id: str
    ja: str
    meaning: str


@dataclass(frozen=True)
class Catalog:
    catalog_id: str
    version: str
    prepared: date | None
    kinds: dict[str, Kind]
    flows: dict[str, tuple[str, ...]]
    params: dict[str, object]
    param_labels: dict[str, str]
    value_labels: dict[str, str]
    departments: tuple[Department, ...]
    facts: dict[str, FactDef]
    common_questions: tuple[Question, ...]
    computed_values: dict[str, str]
    life_events: tuple[LifeEvent, ...]
    procedures: tuple[Procedure, ...]
    notices: tuple[Notice, ...]
    forms: tuple[Form, ...]
    # The certificate desk's kinds, fees, 減免 reasons and identity documents.
    certificates: CertificateCatalog = field(default_factory=lambda: CertificateCatalog((), (), ()))
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update(
            event={e.id: e for e in self.life_events},
            procedure={p.id: p for p in self.procedures},
            notice={n.id: n for n in self.notices},
            form={f.id: f for f in self.forms},
            department={d.id: d for d in self.departments},
        )

    def event(self, event_id: str) -> LifeEvent:
        return self._index["event"][event_id]

    def has_event(self, event_id: str) -> bool:
        return event_id in self._index["event"]

    def procedure(self, procedure_id: str) -> Procedure:
        return self._index["procedure"][procedure_id]

    def notice(self, notice_id: str) -> Notice:
        return self._index["notice"][notice_id]

    def form(self, form_id: str) -> Form:
        return self._index["form"][form_id]

    def department(self, department_id: str) -> Department:
        return self._index["department"][department_id]

    def department_order(self, department_id: str) -> int:
        return [d.id for d in self.departments].index(department_id)

    def procedures_for(self, event_id: str) -> list[Procedure]:
        return [p for p in self.procedures if any(t.event == event_id for t in p.triggers)]

    def notices_for(self, event_id: str) -> list[Notice]:
        return [n for n in self.notices if any(t.event == event_id for t in n.triggers)]

    def value_label(self, value: object) -> str | None:
        return self.value_labels.get(str(value))
