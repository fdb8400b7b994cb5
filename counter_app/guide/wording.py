"""The clerk's answers as a reader sees them, in the catalog's words: each question by its
label, each value worded (a choice by its label, a person of the household by name with
the atena number, several values one by one), in the order the catalog asks them.

    for answer in describe_answers(catalog, "birth", answers, person_answers, names):
        answer.person_name, answer.label, answer.value

The catalog words its questions and choices in Japanese only, and its life events in
Japanese and English (`event_name`). What it does not word is left as answered for the
screen to put in its own language and clock: yes/no (bool), nothing (None), days and
moments (date, datetime).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ..catalog import Catalog, Question
from .provisional import NEWBORN_ATENA, newborn_name

# An answer's value as described: words, or what the catalog does not word, or several.
Described = str | bool | None | date | datetime | tuple["Described", ...]


@dataclass(frozen=True)
class DescribedAnswer:
    key: str
    label: str  # the question, as the catalog words it
    value: Described
    person: str | None = None  # the atena number, for an answer about one person
    person_name: str | None = None


def event_name(catalog: Catalog, event_type: str, language: str = "ja") -> str:
    """The life event's name in `language` ("ja" or "en"); the code if the catalog no
    longer knows it (a visit recorded under an older catalog)."""
    if not catalog.has_event(event_type):
        return event_type
    event = catalog.event(event_type)
    return event.name_en if language == "en" else event.name


def questions_of(catalog: Catalog, event_type: str) -> list[Question]:
    """The event's questions, then the common ones it does not ask itself, in order."""
    if not catalog.has_event(event_type):
        return list(catalog.common_questions)
    event = catalog.event(event_type)
    own = {q.key for q in event.questions}
    return [*event.questions, *(q for q in catalog.common_questions if q.key not in own)]


def question_label(catalog: Catalog, event_type: str, key: str) -> str:
    """The question behind an answer's key, as the catalog words it (the key if unknown)."""
    question = next((q for q in questions_of(catalog, event_type) if q.key == key), None)
    return question.label if question is not None else key


def choice_label(catalog: Catalog, value: object) -> str:
    """A choice (an enum option, an insurance kind, a pension category) by its label."""
    return catalog.value_label(value) or str(value)


def describe_value(catalog: Catalog, value: object, names: Mapping[str, str]) -> Described:
    """One answer's value worded; `names`: person name by atena number."""
    if value is None or isinstance(value, bool | date):  # datetime is a date
        return value
    if isinstance(value, list | tuple):
        return tuple(describe_value(catalog, v, names) for v in value)
    if isinstance(value, str) and value in names:
        return f"{names[value]}（{value}）"
    return choice_label(catalog, value)


def describe_answers(
    catalog: Catalog,
    event_type: str,
    answers: Mapping,
    person_answers: Mapping,
    names: Mapping[str, str],
) -> list[DescribedAnswer]:
    """Every answer described: the event's first, then each person's, each group in the
    order the catalog asks its questions (keys it no longer knows last, by key).
    `names`: the household's members by atena number; the newborn of a birth is named
    from the answers."""
    names = dict(names)
    if NEWBORN_ATENA not in names and (name := newborn_name(answers)):
        names[NEWBORN_ATENA] = name
    order = {q.key: i for i, q in enumerate(questions_of(catalog, event_type))}

    def ordered(keys) -> list[str]:
        return sorted(keys, key=lambda k: (order.get(k, len(order)), k))

    def described(key: str, value: object, person: str | None) -> DescribedAnswer:
        return DescribedAnswer(
            key=key,
            label=question_label(catalog, event_type, key),
            value=describe_value(catalog, value, names),
            person=person,
            person_name=None if person is None else names.get(person, person),
        )

    out = [described(key, answers[key], None) for key in ordered(answers)]
    for person in sorted(person_answers):
        given = person_answers[person]
        if isinstance(given, Mapping):
            out.extend(described(key, given[key], str(person)) for key in ordered(given))
    return out


__all__ = [
    "Described",
    "DescribedAnswer",
    "choice_label",
    "describe_answers",
    "describe_value",
    "event_name",
    "question_label",
    "questions_of",
]
