"""The procedure guide: from one life event in a household to every procedure and notice
it needs, each with the persons it concerns and the facts that made it apply.

For each procedure with a trigger for the event, the trigger's rule is evaluated once per
person in its role (once for `household`); the procedure is needed if any instance holds.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..catalog.model import Trigger
from .answers import AnswerResolver
from .evaluate import Evaluator
from .explain import Explainer
from .inputs import GuideCase
from .result import Finding, GuideResult, NoticeResult, ProcedureResult
from .situation import Situation


class GuideInputError(ValueError):
    """The case cannot be evaluated: required answers are missing."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("missing answers: " + ", ".join(missing))
        self.missing = missing


def prepare(catalog: Catalog, case: GuideCase) -> tuple[Situation, AnswerResolver]:
    situation = Situation(catalog, case)
    resolver = AnswerResolver(situation)
    resolver.resolve()
    return situation, resolver


def run_guide(catalog: Catalog, case: GuideCase, *, strict: bool = True) -> GuideResult:
    situation, resolver = prepare(catalog, case)
    missing = resolver.missing_required()
    if missing and strict:
        raise GuideInputError(missing)
    return evaluate_situation(situation, resolver)


def evaluate_situation(situation: Situation, resolver: AnswerResolver) -> GuideResult:
    catalog = situation.catalog
    event = situation.event.type
    evaluator = Evaluator(situation)
    explainer = Explainer(catalog, situation)

    def findings(triggers: tuple[Trigger, ...]) -> tuple[Finding, ...]:
        found: list[Finding] = []
        for trigger in triggers:
            if trigger.event != event:
                continue
            for person in situation.role(trigger.role):
                holds, because = evaluator.evaluate(trigger.when, person)
                if holds:
                    found.append(
                        Finding(
                            person.atena_no if person else None,
                            explainer.reason(person, because),
                            because,
                        )
                    )
        return tuple(found)

    procedures = []
    for procedure in catalog.procedures_for(event):
        if found := findings(procedure.triggers):
            procedures.append(
                ProcedureResult(
                    procedure.id, procedure.name, procedure.department, procedure.kind, found
                )
            )
    notices = []
    for notice in catalog.notices_for(event):
        if found := findings(notice.triggers):
            notices.append(
                NoticeResult(notice.id, notice.name, notice.department, notice.explain, found)
            )
    owning = {p.department for p in procedures}
    departments = tuple(d.id for d in catalog.departments if d.id in owning)
    warnings = [
        f"未回答: {q.label}" + (f"（{p.name}）" if p is not None else "")
        for q, p in resolver.unanswered()
    ]
    return GuideResult(
        situation.case.case_id,
        event,
        tuple(procedures),
        tuple(notices),
        departments,
        tuple(warnings),
    )
