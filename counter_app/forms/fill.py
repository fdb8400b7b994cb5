"""Fill every form of a visit from the records, the clerk's answers and computed values.

One form per procedure and person (`per_person`) or per household; procedures sharing a
form for the same person share one copy (転出届 and 転出証明書 are one 住民異動届). Each
field is resolved by its catalog `source`: the record of the role named by `of:`, the
clerk's answer, a computed value, a presented document, or left for the resident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ..catalog import MISSING, Catalog, Form, FormField
from ..guide import GuideCase, ProcedureResult, kinship, prepare
from ..guide.answers import ROLE_ANSWERS
from ..guide.inputs import PersonRecord
from ..guide.provisional import is_provisional
from ..search.wareki import format_wareki
from .computed import ComputedValues
from .model import FieldValue, FilledForm, FormBundle, Source

# Which department keeps a record path, for the provenance shown beside the value.
_RECORD_KEEPERS = {
    "nhi": "国保の記録",
    "kouki": "後期高齢者医療の記録",
    "ltc": "介護保険の記録",
    "pension": "国民年金の記録",
    "child_allowance": "児童手当の記録",
    "child_medical": "子ども医療の記録",
    "child_support": "児童扶養手当の記録",
    "single_parent_medical": "ひとり親医療の記録",
    "school": "学齢簿",
    "seal": "印鑑登録の記録",
    "mynumber_card": "マイナンバーカードの記録",
    "disability": "障害者手帳の記録",
    "tax": "課税台帳",
    "health_insurance": "健康保険の記録",
}


# Birth answers the newborn's own record answers when the clerk's answer is not there (a
# scenario gives the newborn as a person; the window builds the person from these answers).
_NEWBORN_ANSWERS = {
    "newborn_surname": lambda p: p.name.replace("\u3000", " ").split(" ")[0],
    "newborn_given_name": lambda p: p.name.replace("\u3000", " ").split(" ")[-1],
    "newborn_name_kana": lambda p: p.get("name_kana"),
    "newborn_sex": lambda p: p.get("sex"),
    "newborn_birth_datetime": lambda p: p.birth_date,
}
# The answer that stands for a record item of a person the register does not know yet.
_NEW_PERSON_ANSWERS = {"health_insurance.kind": ("newborn_health_insurance", "health_insurance")}
# The newborn's record items the window builds from the birth answers (guide/provisional.py).
_NEWBORN_ITEMS = {"name_kanji", "surname_kanji", "given_name_kanji", "name_kana", "sex"}
_NEWBORN_ITEMS_ANSWERS = {"newborn_birth_datetime", "newborn_sex", *_NEWBORN_ANSWERS}
# The answers that choose whose record a field of `of: ROLE` prints (see `FormFiller.of`).
_ROLE_CHOOSERS = {
    **{role: frozenset({key}) for role, key in ROLE_ANSWERS.items()},
    "applicant": frozenset({"applicant_id", "notifier_id", "new_head_id"}),
    "head": frozenset({"new_head_id"}),
    "husband": frozenset({"party_ids"}),
    "wife": frozenset({"party_ids"}),
    "spouse": frozenset({"party_ids"}),
    "father": frozenset({"father_id"}),
}


def answers_behind(form: Form) -> set[str]:
    """The clerk's answers filling `form` may print, or use to choose whose record a field
    prints: its fields' and questions' own, the persons its roles are chosen by, and the
    answers that stand for the record of a person the register does not know yet."""
    keys = {q.key for q in form.questions}
    for spec in form.fields:
        if spec.answer:
            keys.add(spec.answer)
        for role in (spec.of, spec.repeat):
            keys |= _ROLE_CHOOSERS.get(role or "", frozenset())
        kind, _, path = spec.source.partition(".")
        if kind == "resident" and path in _NEW_PERSON_ANSWERS:
            keys.update(_NEW_PERSON_ANSWERS[path])
        if kind == "resident" and (path in _NEWBORN_ITEMS or path == "birth_date"):
            keys |= _NEWBORN_ITEMS_ANSWERS
        if kind == "household" and path == "address":
            keys |= {"new_address", "previous_address"}
    return keys


def wareki(value: object) -> str:
    """A date or date-time as official forms print it (令和8年11月12日 午前10時30分)."""
    if isinstance(value, datetime):
        half = "午前" if value.hour < 12 else "午後"
        return f"{format_wareki(value.date())} {half}{value.hour % 12}時{value.minute}分"
    return format_wareki(value)  # type: ignore[arg-type]


@dataclass
class _Copy:
    """One form to print: the procedures it serves and whose it is."""

    form: Form
    person: PersonRecord | None
    procedures: list[ProcedureResult] = field(default_factory=list)


class FormFiller:
    def __init__(
        self, catalog: Catalog, case: GuideCase, records_as_of: date | None = None
    ) -> None:
        self.catalog = catalog
        self.case = case
        self.situation, _resolver = prepare(catalog, case)
        self.records_as_of = records_as_of or case.reference_date
        self.computed = ComputedValues(catalog, self.situation, self)
        self.procedures: list[ProcedureResult] = []  # every procedure of the visit

    # -- which forms ------------------------------------------------------------------
    def copies(self, procedures: Sequence[ProcedureResult]) -> list[_Copy]:
        copies: dict[tuple[str, str | None], _Copy] = {}
        for result in procedures:
            procedure = self.catalog.procedure(result.id)
            form = self.catalog.form(procedure.form)
            if procedure.form_mode == "per_person":
                persons = [self.situation.person(a) for a in result.persons] or [self.main_person()]
            else:
                persons = [None]
            for person in persons:
                key = (form.id, person.atena_no if person else None)
                copies.setdefault(key, _Copy(form, person)).procedures.append(result)
        return list(copies.values())

    def bundle(self, procedures: Sequence[ProcedureResult], visit_number: str) -> FormBundle:
        self.procedures = list(procedures)
        forms = tuple(self.fill(copy) for copy in self.copies(procedures))
        return FormBundle(visit_number, self.case.municipality, self.case.reference_date, forms)

    def fill(self, copy: _Copy) -> FilledForm:
        department = (
            self.catalog.department(copy.form.department).name if copy.form.department else ""
        )
        return FilledForm(
            form_id=copy.form.id,
            title=copy.form.title,
            department=department,
            procedures=tuple(p.id for p in copy.procedures),
            person_atena=copy.person.atena_no if copy.person else None,
            person_name=copy.person.name if copy.person else None,
            fields=tuple(self.value(f, copy) for f in copy.form.fields),
        )

    # -- whose record --------------------------------------------------------------------
    def main_person(self) -> PersonRecord | None:
        s = self.situation
        for role in ("movers", "subject", "parties", "subjects", "newborn", "claimant"):
            if role in s.event_def.roles or role == "subject":
                found = [p for p in s.role(role) if p is not None]
                if found:
                    return found[0]
        return self.applicant()

    def head(self) -> PersonRecord | None:
        s = self.situation
        chosen = s.person(s.answers.get("new_head_id"))
        if chosen is not None:
            return chosen
        after = s.after_event() or s.members
        return next(
            (m for m in after if m.relationship == kinship.HEAD), after[0] if after else None
        )

    def applicant(self) -> PersonRecord | None:
        s = self.situation
        for key in ("applicant_id", "notifier_id"):
            person = s.person(s.answers.get(key))
            if person is not None:
                return person
        return self.head()

    def of(self, role: str | None, copy: _Copy) -> PersonRecord | None:
        s = self.situation
        if role == "person":
            return copy.person or self.main_person()
        if role == "applicant":
            return self.applicant()
        if role == "head":
            return self.head()
        if role in ("husband", "wife"):
            sex = "男" if role == "husband" else "女"
            return next((p for p in s.parties() if p.get("sex") == sex), None)
        if role == "spouse":
            base = copy.person or self.main_person()
            if base is None:
                return None
            return next(
                (
                    m
                    for m in s.members
                    if m is not base and kinship.is_spouse_pair(m.relationship, base.relationship)
                ),
                None,
            )
        if role in ("newborn", "mother", "father", "claimant", "deceased", "custodial_parent"):
            found = s.role(role)
            return found[0] if found else None
        return None

    # -- one field ------------------------------------------------------------------------
    def value(self, spec: FormField, copy: _Copy) -> FieldValue:
        source = spec.source
        if source.startswith(("resident.", "household.")):
            return self._record(spec, copy)
        if source == "clerk":
            return self._answer(spec, copy, Source.CLERK, "窓口で聴取")
        if source == "computed":
            text, rows, what = self.computed.value(spec.compute or "", copy)
            note = "" if text else what
            return FieldValue(
                spec.key,
                spec.label,
                Source.COMPUTED,
                text,
                f"計算（{what}）",
                rows,
                bool(text),
                note,
            )
        if source == "document":
            if spec.answer:
                found = self._answer(
                    spec, copy, Source.DOCUMENT, f"提示書類（{spec.document}）から窓口で聴取"
                )
                if found.filled:
                    return found
            note = f"添付：{spec.document}" if spec.document else "添付書類"
            return FieldValue(
                spec.key, spec.label, Source.DOCUMENT, "", f"提示書類（{spec.document}）", note=note
            )
        return FieldValue(
            spec.key, spec.label, Source.RESIDENT, "", "ご本人が記入", note="ご本人が記入"
        )

    def _record(self, spec: FormField, copy: _Copy) -> FieldValue:
        kind, _, path = spec.source.partition(".")
        if self.situation.event.type == "move_in" and spec.key.startswith("old_"):
            # The catalog reads the 旧住所 from the household, which on a move-in is the new
            # one: the old address is the previous address on the 転出証明書.
            previous = self.situation.answers.get("previous_address", MISSING)
            text = (
                ""
                if previous in (MISSING, None) or spec.key != "old_address"
                else self.show(previous)
            )
            return FieldValue(
                spec.key,
                spec.label,
                Source.DOCUMENT,
                text,
                "提示書類（転出証明書）",
                (),
                bool(text),
                "" if text else "転出証明書から転記",
            )
        if spec.repeat:
            people = [p for p in self.situation.role(spec.repeat) if p is not None]
            rows = tuple(self.record_text(kind, path, p) for p in people)
            text = "、".join(r for r in rows if r)
            return FieldValue(
                spec.key,
                spec.label,
                Source.RECORDS,
                text,
                self.provenance(path, people[0] if people else None),
                rows,
                bool(text),
            )
        person = self.of(spec.of, copy)
        text = self.record_text(kind, path, person) if person is not None else ""
        note = "" if text else "記録なし（窓口で確認）"
        return FieldValue(
            spec.key,
            spec.label,
            Source.RECORDS,
            text,
            self.provenance(path, person),
            (),
            bool(text),
            note,
        )

    def record_text(self, kind: str, path: str, person: PersonRecord) -> str:
        if kind == "household":
            return self.household_text(path, person)
        value = self.record_value(path, person)
        if value is MISSING or value is None:
            return ""
        if path in ("health_insurance.kind", "pension.category", "school.type"):
            return self.catalog.value_label(value) or str(value)
        if path == "health_insurance.insured_via":
            other = self.situation.person(value)
            return other.name if other else str(value)
        return self.show(value)

    def record_value(self, path: str, person: PersonRecord) -> object:
        value = person.get(path)
        if value is not MISSING:
            return value
        s = self.situation
        if path in _NEW_PERSON_ANSWERS and self._new_person(person):
            event_key, person_key = _NEW_PERSON_ANSWERS[path]
            found = s.person_answers.get(person.atena_no, {}).get(person_key, MISSING)
            if found is MISSING and person is s.event.newborn:
                found = s.answers.get(event_key, MISSING)
            return found
        if path == "nhi.symbol_number":
            # 国保 is kept per household: a member joining it shares the household's 記号.
            return next(
                (v for m in s.after_event() if (v := m.get(path)) not in (MISSING, None, "")),
                MISSING,
            )
        return MISSING

    def household_text(self, path: str, person: PersonRecord) -> str:
        household = self.case.household
        if path == "address":
            return household.address
        if path == "katagaki":
            return household.katagaki or ""
        if path == "household_no":
            return str(
                person.get("household_no")
                if person.get("household_no") is not MISSING
                else household.household_no
            )
        return ""

    def provenance(self, path: str, person: PersonRecord | None) -> str:
        if person is not None and (is_provisional(person.atena_no) or self._new_person(person)):
            return "届出の内容（窓口で聴取）"
        keeper = _RECORD_KEEPERS.get(path.split(".")[0], "住民記録")
        return f"{keeper}（{format_wareki(self.records_as_of)}時点）"

    def _new_person(self, person: PersonRecord) -> bool:
        event = self.situation.event
        return person is event.newborn or any(person is p for p in event.incoming)

    def _answer(self, spec: FormField, copy: _Copy, source: Source, provenance: str) -> FieldValue:
        s = self.situation
        value = MISSING
        person = copy.person
        if person is not None:
            value = s.person_answers.get(person.atena_no, {}).get(spec.answer, MISSING)
        if value is MISSING:
            value = s.answers.get(spec.answer, MISSING)
        if value is MISSING:
            # A per-person answer on a household form: every person's, by name.
            rows = tuple(
                f"{self.show(atena)}: {self.show(answers[spec.answer])}"
                for atena, answers in s.person_answers.items()
                if spec.answer in answers
            )
            if rows:
                return FieldValue(
                    spec.key, spec.label, source, "、".join(rows), provenance, rows, True
                )
        if value is MISSING:
            value = self._answer_fallback(spec.answer or "", copy)
        text = "" if value is MISSING or value is None else self.show(value)
        note = "" if text else "窓口で記入"
        return FieldValue(spec.key, spec.label, source, text, provenance, (), bool(text), note)

    def _answer_fallback(self, key: str, copy: _Copy) -> object:
        s = self.situation
        newborn = s.event.newborn
        if key in _NEWBORN_ANSWERS and newborn is not None:
            value = _NEWBORN_ANSWERS[key](newborn)
            return MISSING if value in (None, "", MISSING) else value
        if key == "new_address" and s.event.type in ("move_in", "move_within"):
            return self.case.household.address  # the household the persons move into
        if key == "previous_address" and copy.person is not None:
            return copy.person.get("previous_address")
        question = next((q for q in copy.form.questions if q.key == key), None)
        if question is not None:
            return question.default
        return MISSING

    def show(self, value: object) -> str:
        """An answer or record value in words: names for persons, 和暦 for dates."""
        if isinstance(value, bool):
            return "はい" if value else "いいえ"
        if isinstance(value, (date, datetime)):
            return wareki(value)
        if isinstance(value, (list, tuple)):
            return "、".join(self.show(v) for v in value)
        person = self.situation.person(value) if isinstance(value, str) else None
        if person is not None:
            return person.name
        return (
            self.catalog.value_label(value) or str(value) if isinstance(value, str) else str(value)
        )


def build_bundle(
    catalog: Catalog,
    case: GuideCase,
    procedures: Sequence[ProcedureResult],
    visit_number: str,
    *,
    records_as_of: date | None = None,
) -> FormBundle:
    """Every form of the visit, filled in, in the order of the procedures."""
    return FormFiller(catalog, case, records_as_of).bundle(procedures, visit_number)


__all__ = ["FormFiller", "answers_behind", "build_bundle", "wareki"]
