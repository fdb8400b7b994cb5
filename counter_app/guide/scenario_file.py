"""Scenario files (shared/domain/scenario-format.md): read, check, turn into guide cases.

Every problem is reported with file, line, scenario id and key; a file with any problem
yields no case at all, so a command never acts on half a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .. import clock
from ..catalog import Catalog
from ..catalog.located import LocatedDocument, YamlRefused, format_path, load_located
from ..catalog.problems import Problem
from .engine import prepare
from .inputs import EventInput, GuideCase, HouseholdInput, PersonRecord


@dataclass(frozen=True)
class Scenario:
    case: GuideCase
    raw: dict  # the scenario as written (for loading households into a database)


@dataclass
class ScenarioFile:
    file: Path
    reference_date: date | None = None
    municipality: str = ""
    scenarios: list[Scenario] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def select(self, scenario_id: str | None) -> list[Scenario]:
        if scenario_id is None:
            return self.scenarios
        return [s for s in self.scenarios if s.case.case_id == scenario_id]


class _Reader:
    def __init__(self, doc: LocatedDocument, out: ScenarioFile, catalog: Catalog) -> None:
        self.doc = doc
        self.out = out
        self.catalog = catalog

    def problem(self, path: tuple, code: str, scenario: str | None = None, **args) -> None:
        shown = format_path(path)
        if scenario:
            shown = f"{scenario}: {shown}"
        self.out.problems.append(Problem(self.doc.file, self.doc.line(path), shown, code, args))

    def warn(self, path: tuple, code: str, scenario: str | None = None, **args) -> None:
        shown = f"{scenario}: {format_path(path)}" if scenario else format_path(path)
        self.out.warnings.append(Problem(self.doc.file, self.doc.line(path), shown, code, args))

    def read(self) -> None:
        data = self.doc.data
        if not isinstance(data, dict):
            self.problem((), "not_mapping")
            return
        ref = data.get("reference_date")
        if not isinstance(ref, date):
            if ref is None:
                self.problem(("reference_date",), "missing_key", key="reference_date")
            else:
                self.problem(("reference_date",), "not_date", value=ref)
        else:
            self.out.reference_date = ref
        self.out.municipality = str(data.get("municipality") or "")
        scenarios = data.get("scenarios")
        if not isinstance(scenarios, list):
            self.problem(
                ("scenarios",),
                "not_list" if scenarios is not None else "missing_key",
                key="scenarios",
            )
            return
        seen: set[str] = set()
        for i, raw in enumerate(scenarios):
            path = ("scenarios", i)
            if not isinstance(raw, dict) or "id" not in raw:
                self.problem(
                    path, "missing_key" if isinstance(raw, dict) else "not_mapping", key="id"
                )
                continue
            sid = str(raw["id"])
            if sid in seen:
                self.problem((*path, "id"), "duplicate_scenario", sid, id=sid)
                continue
            seen.add(sid)
            before = len(self.out.problems)
            case = self.scenario(raw, path, sid)
            if case is not None and len(self.out.problems) == before:
                self.out.scenarios.append(Scenario(case, raw))

    # -- one scenario -----------------------------------------------------------------------
    def scenario(self, raw: dict, path: tuple, sid: str) -> GuideCase | None:
        household = raw.get("household")
        if not isinstance(household, dict):
            self.problem(
                (*path, "household"),
                "missing_key" if household is None else "not_mapping",
                sid,
                key="household",
            )
            return None
        members_raw = household.get("members") or []
        if not isinstance(members_raw, list):
            self.problem((*path, "household", "members"), "not_list", sid)
            return None
        atenas: set[str] = set()
        members = self.persons(members_raw, (*path, "household", "members"), sid, atenas)
        events = raw.get("events")
        if not isinstance(events, list) or len(events) != 1:
            self.problem((*path, "events"), "not_one_event", sid)
            return None
        event_path = (*path, "events", 0)
        event_raw = events[0]
        if not isinstance(event_raw, dict):
            self.problem(event_path, "not_mapping", sid)
            return None
        kind = event_raw.get("type")
        if not self.catalog.has_event(str(kind)):
            self.problem((*event_path, "type"), "unknown_event_type", sid, event=kind)
            return None
        event_date = event_raw.get("date")
        if isinstance(event_date, datetime):
            event_date = event_date.date()
        if event_date is not None and not isinstance(event_date, date):
            self.problem((*event_path, "date"), "not_date", sid, value=event_date)
        newborn = None
        if "newborn" in event_raw:
            found = self.persons(
                [event_raw["newborn"]], (*event_path, "newborn"), sid, atenas, single=True
            )
            newborn = found[0] if found else None
        incoming = self.persons(
            event_raw.get("incoming") or [], (*event_path, "incoming"), sid, atenas
        )
        answers = event_raw.get("answers") or {}
        person_answers = event_raw.get("person_answers") or {}
        if not isinstance(answers, dict):
            self.problem((*event_path, "answers"), "not_mapping", sid)
            return None
        if not isinstance(person_answers, dict):
            self.problem((*event_path, "person_answers"), "not_mapping", sid)
            return None
        for atena in person_answers:
            if str(atena) not in atenas:
                self.problem(
                    (*event_path, "person_answers", atena), "unknown_person", sid, person=atena
                )
            elif not isinstance(person_answers[atena], dict):
                self.problem((*event_path, "person_answers", atena), "not_mapping", sid)
        case = GuideCase(
            reference_date=self.out.reference_date or clock.today(),
            household=HouseholdInput(
                household_no=str(household.get("household_no") or ""),
                address=str(household.get("address") or ""),
                katagaki=household.get("katagaki"),
                members=tuple(members),
            ),
            event=EventInput(
                type=str(kind),
                date=event_date if isinstance(event_date, date) else None,
                answers=answers,
                person_answers={
                    str(k): v for k, v in person_answers.items() if isinstance(v, dict)
                },
                newborn=newborn,
                incoming=tuple(incoming),
            ),
            municipality=self.out.municipality,
            case_id=sid,
            title=str(raw.get("title") or ""),
        )
        self.answers(case, event_path, sid, atenas)
        if any(p.path.startswith(f"{sid}:") for p in self.out.problems):
            return None
        _situation, resolver = prepare(self.catalog, case)
        for key in resolver.missing_required():
            self.problem((*event_path, "answers"), "missing_answer", sid, answer=key)
        return case

    def persons(
        self, raw: list, path: tuple, sid: str, atenas: set[str], single: bool = False
    ) -> list[PersonRecord]:
        if not isinstance(raw, list):
            self.problem(path, "not_list", sid)
            return []
        out = []
        for i, person in enumerate(raw):
            here = path if single else (*path, i)
            if not isinstance(person, dict):
                self.problem(here, "not_mapping", sid)
                continue
            atena = person.get("atena_no")
            if atena is None:
                self.problem(here, "missing_key", sid, key="atena_no")
                continue
            if str(atena) in atenas:
                self.problem((*here, "atena_no"), "duplicate_person", sid, person=atena)
                continue
            atenas.add(str(atena))
            birth = person.get("birth_date")
            if not isinstance(birth, date):
                self.problem(
                    (*here, "birth_date"),
                    "missing_key" if birth is None else "not_date",
                    sid,
                    key="birth_date",
                    value=birth,
                )
                continue
            out.append(PersonRecord({**person, "atena_no": str(atena)}))
        return out

    def answers(self, case: GuideCase, path: tuple, sid: str, atenas: set[str]) -> None:
        event = self.catalog.event(case.event.type)
        known = {
            q.key: q
            for q in (
                *self.catalog.common_questions,
                *(q for f in self.catalog.forms for q in f.questions),
            )
        }
        known.update({q.key: q for q in event.questions})
        for key, value in case.event.answers.items():
            question = known.get(key)
            if question is None:
                self.warn(
                    (*path, "answers", key), "undefined_answer", sid, event=event.id, answer=key
                )
                continue
            self.check_value(question, value, (*path, "answers", key), sid, atenas)
        for atena, answers in case.event.person_answers.items():
            for key, value in answers.items():
                question = known.get(key)
                if question is None:
                    self.warn(
                        (*path, "person_answers", atena, key),
                        "undefined_answer",
                        sid,
                        event=event.id,
                        answer=key,
                    )
                    continue
                self.check_value(
                    question, value, (*path, "person_answers", atena, key), sid, atenas
                )

    def check_value(self, question, value, path: tuple, sid: str, atenas: set[str]) -> None:
        kind = question.type
        if value is None and question.nullable:
            return
        bad = None
        if kind == "bool" and not isinstance(value, bool):
            bad = "true / false"
        elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            bad = "integer"
        elif kind in ("date", "datetime") and not isinstance(value, date):
            self.problem(path, "not_date", sid, value=value)
            return
        elif kind == "enum" and value not in question.options:
            bad = ", ".join(str(o) for o in question.options)
        elif kind == "person":
            if str(value) not in atenas:
                self.problem(path, "unknown_person", sid, person=value)
            return
        elif kind == "persons":
            if not isinstance(value, list):
                bad = "list of atena_no"
            else:
                for item in value:
                    if str(item) not in atenas:
                        self.problem(path, "unknown_person", sid, person=item)
                return
        if bad is not None:  # a value outside the catalog's options: reported, not refused
            self.warn(path, "bad_answer", sid, answer=question.key, value=value, allowed=bad)


def read_scenario_file(file: Path, catalog: Catalog) -> ScenarioFile:
    out = ScenarioFile(Path(file))
    try:
        doc = load_located(Path(file))
    except YamlRefused as refused:
        out.problems.append(refused.problem)
        return out
    _Reader(doc, out, catalog).read()
    if out.problems:
        out.scenarios = []
    return out


__all__ = ["Scenario", "ScenarioFile", "read_scenario_file"]
