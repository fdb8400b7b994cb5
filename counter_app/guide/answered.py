"""The case the clerk's answers make of a household's case: the event's date, the newborn
of a birth, the persons moving in, and which answers still count.

    case = answered_case(catalog, base, answers, person_answers, incoming)
    case, prompts = ask(catalog, base, answers, person_answers, incoming)

The event's date is the answer to the event's date question (`LifeEvent.date_question`;
a moment gives its day). Unanswered, the case has no date and the guide reckons ages on
the visit's day (the case's reference date). A date after the visit's day is kept as
given: a 転出 is notified before the move, and ages are reckoned on the day it happens.

The newborn of a birth is built from the birth questions (`provisional_newborn`): born
on the day its birth moment gives, else on the event's date, else on the visit's day, so
that the rules about a child's age can be asked before the clerk has typed the moment.

`ask` is what the window's question page runs after every change: an answer to a
question no longer asked (its `ask_if` turned false) stops counting, except the
newborn's identity, which is asked at every birth even where no rule reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime

from ..catalog import MISSING, Catalog
from .answers import Prompt, rule_answer_keys
from .engine import prepare
from .inputs import GuideCase, PersonRecord
from .provisional import NEWBORN_IDENTITY, provisional_newborn
from .wording import questions_of

BIRTH = "birth"

Key = tuple[str, str | None]  # (question key, atena number or None for the event)


def event_date(catalog: Catalog, event_type: str, answers: Mapping) -> date | None:
    """The day the event happens: the answer to its date question, if it is a date."""
    chosen = answers.get(catalog.event(event_type).date_question)
    if isinstance(chosen, datetime):
        return chosen.date()
    return chosen if isinstance(chosen, date) else None


def identity_questions(event_type: str) -> tuple[str, ...]:
    """The questions asked for the event's new person whether or not a rule reads them."""
    return NEWBORN_IDENTITY if event_type == BIRTH else ()


def answered_case(
    catalog: Catalog,
    base: GuideCase,
    answers: Mapping,
    person_answers: Mapping,
    incoming: Iterable[PersonRecord] = (),
) -> GuideCase:
    """`base` (a household's case, without answers) with the clerk's answers, the event's
    date they give, the newborn of a birth and the persons moving in."""
    event_type = base.event.type
    day = event_date(catalog, event_type, answers)
    newborn = None
    if event_type == BIRTH:
        newborn = provisional_newborn(answers, base.household, born_on=day or base.reference_date)
    event = replace(
        base.event,
        date=day,
        answers=dict(answers),
        person_answers={str(k): dict(v) for k, v in person_answers.items()},
        newborn=newborn,
        incoming=tuple(incoming),
    )
    return replace(base, event=event)


def prompts(catalog: Catalog, case: GuideCase) -> list[Prompt]:
    """The questions that decide which procedures apply, with the answers so far."""
    situation, resolver = prepare(catalog, case)
    return resolver.prompts(rule_answer_keys(situation))


def ask(
    catalog: Catalog,
    base: GuideCase,
    answers: Mapping,
    person_answers: Mapping,
    incoming: Iterable[PersonRecord] = (),
) -> tuple[GuideCase, list[Prompt]]:
    """The case with the answers that still count, and every question to put to the
    clerk now: those the rules ask, then the new person's identity."""
    incoming = tuple(incoming)
    identity = identity_questions(base.event.type)
    case = answered_case(catalog, base, answers, person_answers, incoming)
    asked = prompts(catalog, case)
    keys = {_key(p) for p in asked}
    given = {(k, None) for k in answers} | {
        (k, str(a)) for a, values in person_answers.items() for k in values
    }
    if given - keys - {(k, None) for k in identity}:  # some no longer count
        case = answered_case(
            catalog,
            base,
            {k: v for k, v in answers.items() if (k, None) in keys or k in identity},
            {
                a: kept
                for a, values in person_answers.items()
                if (kept := {k: v for k, v in values.items() if (k, str(a)) in keys})
            },
            incoming,
        )
        asked = prompts(catalog, case)
        keys = {_key(p) for p in asked}
    questions = {q.key: q for q in questions_of(catalog, base.event.type)}
    for key in identity:
        if (key, None) in keys or key not in questions:
            continue
        value = case.event.answers.get(key, MISSING)
        origin = "answer" if value is not MISSING else "none"
        asked.append(Prompt(questions[key], None, value, origin, False))
    return case, asked


def _key(prompt: Prompt) -> Key:
    return (prompt.question.key, prompt.person.atena_no if prompt.person else None)


__all__ = ["answered_case", "ask", "event_date", "identity_questions", "prompts"]
