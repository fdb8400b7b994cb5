"""Build the catalog model from its YAML documents, collecting every shape problem.

Sections may be spread over several files (a city may add `local-procedures.yaml` with a
`procedures:` list); list sections are concatenated and mapping sections merged, a key
defined twice being a problem. Cross-references are checked afterwards by `references`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..certificates.model import CertificateCatalog
from .located import LocatedDocument, PathKey
from .model import (
    MISSING,
    Catalog,
    Department,
    FactDef,
    Form,
    FormField,
    Kind,
    LifeEvent,
    Notice,
    Prefill,
    Procedure,
    Question,
    Trigger,
)
from .problems import Problem
from .rules import Rule, parse_rule

MAPPING_SECTIONS = (
    "meta",
    "rule_language",
    "kinds",
    "flows",
    "params",
    "param_labels",
    "value_labels",
    "facts",
    "computed_values",
)
LIST_SECTIONS = (
    "departments",
    "common_questions",
    "life_events",
    "procedures",
    "notices",
    "forms",
    # the certificate desk (catalog/certificates.py)
    "certificate_options",
    "certificate_kinds",
    "fee_exemptions",
    "identity_documents",
)
REQUIRED_SECTIONS = (
    "kinds",
    "flows",
    "params",
    "departments",
    "facts",
    "life_events",
    "procedures",
    "notices",
    "forms",
    "certificate_options",
    "certificate_kinds",
    "fee_exemptions",
    "identity_documents",
)


@dataclass(frozen=True)
class Where:
    doc: LocatedDocument
    path: PathKey

    def at(self, *more: object) -> Where:
        return Where(self.doc, (*self.path, *more))


@dataclass
class Problems:
    found: list[Problem] = field(default_factory=list)

    def add(self, where: Where, code: str, **args: object) -> None:
        from .located import format_path

        self.found.append(
            Problem(where.doc.file, where.doc.line(where.path), format_path(where.path), code, args)
        )

    def sink(self, doc: LocatedDocument):
        return lambda path, code, args: self.add(Where(doc, path), code, **args)


@dataclass
class Sections:
    """The merged sections, each entry with where it was written."""

    mappings: dict[str, dict[str, tuple[object, Where]]] = field(default_factory=dict)
    lists: dict[str, list[tuple[object, Where]]] = field(default_factory=dict)


def merge_sections(docs: list[LocatedDocument], problems: Problems) -> Sections:
    sections = Sections()
    for doc in docs:
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            problems.add(Where(doc, ()), "not_mapping")
            continue
        for name, value in doc.data.items():
            where = Where(doc, (name,))
            if name in MAPPING_SECTIONS:
                if not isinstance(value, dict):
                    problems.add(where, "not_mapping")
                    continue
                merged = sections.mappings.setdefault(name, {})
                for key, item in value.items():
                    if key in merged:
                        first = merged[key][1]
                        problems.add(
                            where.at(key),
                            "duplicate_key",
                            key=f"{name}.{key}",
                            first=f"{first.doc.file.name}:{first.doc.line(first.path)}",
                        )
                        continue
                    merged[key] = (item, where.at(key))
            elif name in LIST_SECTIONS:
                if not isinstance(value, list):
                    problems.add(where, "not_list")
                    continue
                sections.lists.setdefault(name, []).extend(
                    (item, where.at(i)) for i, item in enumerate(value)
                )
            else:
                problems.add(where, "unknown_section", key=name)
    for name in REQUIRED_SECTIONS:
        if name not in sections.mappings and name not in sections.lists:
            folder = docs[0].file.parent if docs else ""
            problems.found.append(Problem(folder, None, "", "missing_section", {"key": name}))
    return sections


class Builder:
    """Turns merged sections into model objects; every problem goes to `problems`."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    # -- scalar helpers ---------------------------------------------------------------
    def mapping(
        self, raw: object, where: Where, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict | None:
        if not isinstance(raw, dict):
            self.problems.add(where, "not_mapping")
            return None
        ok = True
        for key in required:
            if key not in raw:
                self.problems.add(where, "missing_key", key=key)
                ok = False
        for key in raw:
            if key not in required and key not in optional:
                self.problems.add(where.at(key), "unknown_key", key=key)
        return raw if ok else None

    def text(self, raw: dict, key: str, where: Where, default: str | None = None) -> str | None:
        value = raw.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            self.problems.add(where.at(key), "not_text")
            return default
        return value

    def texts(self, raw: dict, key: str, where: Where) -> tuple[str, ...]:
        value = raw.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.add(where.at(key), "not_list")
            return ()
        return tuple(value)

    def rule(self, raw: object, where: Where) -> Rule:
        return parse_rule(raw, where.path, self.problems.sink(where.doc))

    # -- sections ---------------------------------------------------------------------
    def kinds(self, entries: dict) -> dict[str, Kind]:
        kinds = {}
        for key, (raw, where) in entries.items():
            data = self.mapping(raw, where, ("ja", "meaning"), ())
            if data is not None:
                kinds[key] = Kind(str(key), str(data["ja"]), str(data["meaning"]))
        return kinds

    def flows(self, entries: dict) -> dict[str, tuple[str, ...]]:
        flows = {}
        for key, (raw, where) in entries.items():
            if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
                self.problems.add(where, "not_list")
                continue
            flows[key] = tuple(raw)
        return flows

    def departments(self, entries: list) -> tuple[Department, ...]:
        out = []
        for raw, where in entries:
            data = self.mapping(raw, where, ("id", "name", "name_en"), ("aliases",))
            if data is not None:
                out.append(
                    Department(
                        str(data["id"]),
                        str(data["name"]),
                        str(data["name_en"]),
                        self.texts(data, "aliases", where),
                    )
                )
        return tuple(out)

    def facts(self, entries: dict) -> dict[str, FactDef]:
        facts = {}
        for name, (raw, where) in entries.items():
            data = self.mapping(raw, where, ("label",), ("builtin", "from", "values"))
            if data is None:
                continue
            if ("builtin" in data) == ("from" in data):
                self.problems.add(where, "missing_key", key="builtin / from")
                continue
            record_path = None
            if "from" in data:
                source = data["from"]
                if not isinstance(source, str) or not source.startswith("resident."):
                    self.problems.add(where.at("from"), "unknown_record_path", path=source)
                    continue
                record_path = source.removeprefix("resident.")
            values = data.get("values", [])
            facts[str(name)] = FactDef(
                str(name),
                str(data["label"]),
                "builtin" in data,
                record_path,
                tuple(values) if isinstance(values, list) else (),
            )
        return facts

    def question(self, raw: object, where: Where) -> Question | None:
        data = self.mapping(
            raw,
            where,
            ("key", "label", "type"),
            (
                "per",
                "options",
                "ask_if",
                "default",
                "prefill",
                "nullable",
                "note",
                "source_doc",
                "ask_if_note",
            ),
        )
        if data is None:
            return None
        per = data.get("per") or ()
        if isinstance(per, str):
            per = (per,)
        elif isinstance(per, (list, tuple)) and all(isinstance(p, str) for p in per):
            per = tuple(per)
        else:
            self.problems.add(where.at("per"), "not_list")
            per = ()
        options = data.get("options", ())
        if not isinstance(options, (list, tuple)):
            self.problems.add(where.at("options"), "not_list")
            options = ()
        ask_if = self.rule(data["ask_if"], where.at("ask_if")) if "ask_if" in data else None
        return Question(
            key=str(data["key"]),
            label=str(data["label"]),
            type=str(data["type"]),
            per=per,
            options=tuple(options),
            ask_if=ask_if,
            default=data.get("default", MISSING),
            prefill=self.prefill(data["prefill"], where.at("prefill"))
            if "prefill" in data
            else None,
            nullable=bool(data.get("nullable", False)),
            note=self.text(data, "note", where) or self.text(data, "ask_if_note", where),
            source_doc=self.text(data, "source_doc", where),
        )

    def prefill(self, raw: object, where: Where) -> Prefill | None:
        if isinstance(raw, str):
            return Prefill(hint=raw)
        if not isinstance(raw, dict):
            self.problems.add(where, "not_mapping")
            return None
        if "when" in raw:
            data = self.mapping(raw, where, ("when", "value", "else"), ("hint",))
            if data is None:
                return None
            return Prefill(
                hint=data.get("hint"),
                when=self.rule(data["when"], where.at("when")),
                value=data["value"],
                otherwise=data["else"],
            )
        if "fact" in raw:
            data = self.mapping(raw, where, ("fact",), ("hint",))
            return None if data is None else Prefill(hint=data.get("hint"), fact=str(data["fact"]))
        if "builtin" in raw:
            data = self.mapping(raw, where, ("builtin",), ("hint",))
            return (
                None
                if data is None
                else Prefill(hint=data.get("hint"), builtin=str(data["builtin"]))
            )
        self.problems.add(where, "missing_key", key="when / fact / builtin")
        return None

    def questions(self, raw: object, where: Where) -> tuple[Question, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problems.add(where, "not_list")
            return ()
        found = [self.question(item, where.at(i)) for i, item in enumerate(raw)]
        return tuple(q for q in found if q is not None)

    def life_event(self, raw: object, where: Where) -> LifeEvent | None:
        data = self.mapping(
            raw, where, ("id", "name", "date_question", "roles", "questions"), ("name_en",)
        )
        if data is None:
            return None
        roles = data["roles"]
        if not isinstance(roles, dict):
            self.problems.add(where.at("roles"), "not_mapping")
            roles = {}
        return LifeEvent(
            id=str(data["id"]),
            name=str(data["name"]),
            name_en=str(data.get("name_en") or data["id"]),
            date_question=str(data["date_question"]),
            roles={str(k): str(v) for k, v in roles.items()},
            questions=self.questions(data["questions"], where.at("questions")),
        )

    def triggers(self, raw: object, where: Where) -> tuple[Trigger, ...]:
        if not isinstance(raw, list):
            self.problems.add(where, "not_list")
            return ()
        if not raw:
            self.problems.add(where, "no_triggers")
        out = []
        for i, item in enumerate(raw):
            data = self.mapping(item, where.at(i), ("event", "for", "when"), ())
            if data is not None:
                out.append(
                    Trigger(
                        str(data["event"]),
                        str(data["for"]),
                        self.rule(data["when"], where.at(i, "when")),
                    )
                )
        return tuple(out)

    def procedure(self, raw: object, where: Where) -> Procedure | None:
        data = self.mapping(
            raw,
            where,
            ("id", "name", "department", "kind", "flow", "form", "form_mode", "triggers"),
            (
                "name_en",
                "deadline",
                "legal_basis",
                "attachments",
                "output",
                "decided_by",
                "notes",
                "sources",
                "time_limit_days",
            ),
        )
        if data is None:
            return None
        time_limit = data.get("time_limit_days")
        if time_limit is not None and (
            isinstance(time_limit, bool) or not isinstance(time_limit, int) or time_limit < 1
        ):
            self.problems.add(where.at("time_limit_days"), "not_int")
            time_limit = None
        return Procedure(
            id=str(data["id"]),
            name=str(data["name"]),
            name_en=str(data.get("name_en") or data["id"]),
            department=str(data["department"]),
            kind=str(data["kind"]),
            flow=str(data["flow"]),
            form=str(data["form"]),
            form_mode=str(data["form_mode"]),
            triggers=self.triggers(data["triggers"], where.at("triggers")),
            deadline=self.text(data, "deadline", where),
            legal_basis=self.text(data, "legal_basis", where),
            attachments=self.texts(data, "attachments", where),
            output=self.text(data, "output", where),
            decided_by=self.text(data, "decided_by", where),
            notes=self.text(data, "notes", where),
            sources=self.texts(data, "sources", where),
            time_limit_days=time_limit,
        )

    def notice(self, raw: object, where: Where) -> Notice | None:
        data = self.mapping(raw, where, ("id", "name", "department", "triggers", "explain"), ())
        if data is None:
            return None
        return Notice(
            id=str(data["id"]),
            name=str(data["name"]),
            department=str(data["department"]),
            triggers=self.triggers(data["triggers"], where.at("triggers")),
            explain=str(data["explain"]),
        )

    def form(self, raw: object, where: Where) -> Form | None:
        data = self.mapping(raw, where, ("id", "title", "department", "fields"), ("questions",))
        if data is None:
            return None
        fields_raw = data["fields"]
        fields = []
        if not isinstance(fields_raw, list):
            self.problems.add(where.at("fields"), "not_list")
            fields_raw = []
        for i, item in enumerate(fields_raw):
            f = self.mapping(
                item,
                where.at("fields", i),
                ("key", "label", "source"),
                ("of", "answer", "compute", "document", "repeat", "why"),
            )
            if f is not None:
                fields.append(
                    FormField(
                        key=str(f["key"]),
                        label=str(f["label"]),
                        source=str(f["source"]),
                        of=f.get("of"),
                        answer=f.get("answer"),
                        compute=f.get("compute"),
                        document=f.get("document"),
                        repeat=f.get("repeat"),
                        why=f.get("why"),
                    )
                )
        department = data["department"]
        return Form(
            id=str(data["id"]),
            title=str(data["title"]),
            department=None if department is None else str(department),
            fields=tuple(fields),
            questions=self.questions(data.get("questions"), where.at("questions")),
        )


def built_entries(
    sections: Sections, name: str, build, problems: Problems
) -> tuple[list, dict[str, Where]]:
    """The entries of a list section built with `build`, each id once (a second one is a
    problem naming where the first was written), and where each was written."""
    built, where_of = [], {}
    for raw, where in sections.lists.get(name, []):
        item = build(raw, where)
        if item is None:
            continue
        if item.id in where_of:
            first = where_of[item.id]
            problems.add(
                where.at("id"),
                "duplicate_id",
                id=item.id,
                first=f"{first.doc.file.name}:{first.doc.line(first.path)}",
            )
            continue
        where_of[item.id] = where
        built.append(item)
    return built, where_of


def build_catalog(
    sections: Sections, problems: Problems, certificates: CertificateCatalog
) -> tuple[Catalog, dict[str, dict[str, Where]]]:
    """The catalog and, for the reference check, where each entry was written."""
    b = Builder(problems)
    maps, lists = sections.mappings, sections.lists

    def plain(name: str) -> dict:
        return {k: v for k, (v, _) in maps.get(name, {}).items()}

    def entries(name: str, build) -> tuple[list, dict[str, Where]]:
        return built_entries(sections, name, build, problems)

    meta = plain("meta")
    departments, dep_where = entries(
        "departments", lambda r, w: next(iter(b.departments([(r, w)])), None)
    )
    events, event_where = entries("life_events", b.life_event)
    procedures, proc_where = entries("procedures", b.procedure)
    notices, notice_where = entries("notices", b.notice)
    forms, form_where = entries("forms", b.form)
    common = [
        q for raw, where in lists.get("common_questions", []) if (q := b.question(raw, where))
    ]
    prepared = meta.get("prepared")
    catalog = Catalog(
        catalog_id=str(meta.get("catalog_id", "catalog")),
        version=str(meta.get("version", "")),
        prepared=prepared if isinstance(prepared, date) else None,
        kinds=b.kinds(maps.get("kinds", {})),
        flows=b.flows(maps.get("flows", {})),
        params=plain("params"),
        param_labels={str(k): str(v) for k, v in plain("param_labels").items()},
        value_labels={str(k): str(v) for k, v in plain("value_labels").items()},
        departments=tuple(departments),
        facts=b.facts(maps.get("facts", {})),
        common_questions=tuple(common),
        computed_values={str(k): str(v) for k, v in plain("computed_values").items()},
        life_events=tuple(events),
        procedures=tuple(procedures),
        notices=tuple(notices),
        forms=tuple(forms),
        certificates=certificates,
    )
    where = {
        "departments": dep_where,
        "life_events": event_where,
        "procedures": proc_where,
        "notices": notice_where,
        "forms": form_where,
        "facts": {k: w for k, (_, w) in maps.get("facts", {}).items()},
        "params": {k: w for k, (_, w) in maps.get("params", {}).items()},
        "common_questions": {},
    }
    return catalog, where
