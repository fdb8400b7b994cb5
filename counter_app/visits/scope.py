"""What of a visit one reader sees.

Window clerks and supervisors see the whole visit. Back-office staff see the visits with a
procedure of one of their departments, and of those only their departments' procedures,
the log entries about them (and the visit's own: printed, closed), the forms serving them,
and the answers that serve them: an answer read only by other departments' procedures (by
a trigger's rule or role, or by filling their form: `forms.fill.answers_behind`) is left
out; the event's own facts (its date, whom it is about) and answers no procedure reads
are shown to every reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..catalog import Catalog
from ..forms.fill import answers_behind
from ..guide.answers import CENTRAL_ANSWERS, ROLE_ANSWERS, answers_read_by
from ..permissions import Actor, Permission
from .rows import is_supervisor


@dataclass(frozen=True)
class Scope:
    """`departments` None: every department's; else those departments' only."""

    departments: frozenset[str] | None = None

    @property
    def whole(self) -> bool:
        return self.departments is None

    def sees(self, department_id: str) -> bool:
        return self.departments is None or department_id in self.departments

    def sees_any(self, department_ids: Iterable[str]) -> bool:
        return any(self.sees(d) for d in department_ids)

    def as_detail(self) -> list[str] | str:
        """For the audit entry: "all", or the departments read."""
        return "all" if self.departments is None else sorted(self.departments)


def scope_of(actor: Actor) -> Scope | None:
    """What of a visit the actor reads; None: no visit at all (no right to view residents)."""
    if not actor.can(Permission.VIEW_RESIDENTS):
        return None
    if actor.can(Permission.SERVE_WINDOW) or is_supervisor(actor):
        return Scope()
    return Scope(frozenset(actor.departments))


class AnswerScope:
    """Which departments' procedures read each answer of an event (from the catalog)."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._forms = {form.id: form for form in catalog.forms}
        self._readers: dict[str, dict[str, frozenset[str]]] = {}

    def shown(
        self, scope: Scope, event_type: str, answers: Mapping, person_answers: Mapping
    ) -> tuple[dict, dict]:
        """The answers and per-person answers `scope` may read."""
        if scope.whole:
            return dict(answers), dict(person_answers)
        readers = self.readers(event_type)

        def serves(key: str) -> bool:
            departments = readers.get(key)
            return departments is None or scope.sees_any(departments)

        per_person = {
            person: {k: v for k, v in values.items() if serves(k)}
            for person, values in person_answers.items()
            if isinstance(values, Mapping)
        }
        return (
            {k: v for k, v in answers.items() if serves(k)},
            {person: values for person, values in per_person.items() if values},
        )

    def readers(self, event_type: str) -> dict[str, frozenset[str]]:
        """answer key → the departments whose procedures read it (keys read by none, and
        the event's own facts, are absent: every reader sees them)."""
        if event_type not in self._readers:
            self._readers[event_type] = self._compute(event_type)
        return self._readers[event_type]

    def _compute(self, event_type: str) -> dict[str, frozenset[str]]:
        readers: dict[str, set[str]] = {}
        for procedure in self._catalog.procedures_for(event_type):
            keys: set[str] = set()
            for trigger in procedure.triggers:
                if trigger.event != event_type:
                    continue
                keys |= answers_read_by(trigger.when)
                if trigger.role in ROLE_ANSWERS:
                    keys.add(ROLE_ANSWERS[trigger.role])
                if trigger.role == "movers":
                    keys.add("mover_ids")
            form = self._forms.get(procedure.form)
            if form is not None:
                keys |= answers_behind(form)
            for key in keys:
                readers.setdefault(key, set()).add(procedure.department)
        common = set(CENTRAL_ANSWERS)
        if self._catalog.has_event(event_type):
            common.add(self._catalog.event(event_type).date_question)
        return {k: frozenset(d) for k, d in readers.items() if k not in common}
