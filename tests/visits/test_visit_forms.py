"""The forms printed at the window are kept with the visit: under the visit number they
were printed with (drawn before the visit is recorded), My Numbers masked, read by the
departments for their own procedures only, every read logged."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from counter_app.app import CounterApp
from counter_app.db.models import AuditEntry, Visit, VisitForm
from counter_app.errors import CounterAppError, ErrorCode
from counter_app.forms import FormBundle
from counter_app.guide import GuideCase, GuideResult
from counter_app.permissions import Actor, RoleCode
from counter_app.visits import ActionKind
from counter_app.visits.forms import FORMS_VIEWED, VisitFormsService
from counter_app.visits.service import VisitService
from tests import helpers
from tests.visits import NOW, login, sc01, services

MY_NUMBER = re.compile(r"\d{12}")


@dataclass
class Window:
    app: CounterApp
    visits: VisitService
    forms: VisitFormsService
    clerk: Actor
    resident_id: int
    case: GuideCase
    result: GuideResult

    def bundle(self, visit_number: str) -> FormBundle:
        return self.app.guide.forms_bundle(
            self.clerk, self.resident_id, self.case, self.result.procedures, visit_number
        )

    def record(self, **kwargs):
        return self.visits.create_visit(
            self.clerk,
            self.case,
            self.result.procedures,
            resident_id=self.resident_id,
            **kwargs,
        )


@pytest.fixture
def window(database_url) -> Iterator[Window]:
    app = helpers.open_app(database_url)
    clerk = login(app, "madoguchi", RoleCode.WINDOW_CLERK)
    visits, _inbox = services(app)
    resident_id, case, result = sc01(app, clerk)
    yield Window(
        app,
        visits,
        VisitFormsService(app.db, app.catalog, now=lambda: NOW),
        clerk,
        resident_id,
        case,
        result,
    )
    app.close()


def my_numbers(bundle: FormBundle) -> set[str]:
    return {m for form in bundle.forms for f in form.fields for m in MY_NUMBER.findall(f.text)}


def test_forms_printed_before_the_visit_is_recorded_carry_its_number(window):
    number = window.visits.reserve_number(window.clerk)
    assert number == "V-20261201-0001"
    bundle = window.bundle(number)

    visit = window.record(visit_number=number, forms=bundle, forms_printed=True)

    assert visit.visit_number == number
    kept = window.forms.for_visit(window.clerk, number)
    assert kept is not None and kept.visit_number == number
    assert [(f.form_id, f.person_atena) for f in kept.forms] == [
        (f.form_id, f.person_atena) for f in bundle.forms
    ]
    # Every value as printed, with where it came from; My Numbers masked.
    printed = my_numbers(bundle)
    assert printed, "SC01's 国保 and 児童手当 forms print My Numbers"
    assert not my_numbers(kept)
    for original, copy in zip(bundle.forms, kept.forms, strict=True):
        for a, b in zip(original.fields, copy.fields, strict=True):
            if MY_NUMBER.search(a.text):
                assert b.text == "********" + a.text[-4:]
            else:
                assert (b.key, b.text, b.provenance, b.source) == (
                    a.key,
                    a.text,
                    a.provenance,
                    a.source,
                )
    with window.app.db.read() as session:
        stored = " ".join(session.scalars(select(VisitForm.fields)))
    assert not any(n in stored for n in printed)

    log = window.visits.log(window.clerk, number)
    printed_entries = [a for a in log if a.action is ActionKind.FORMS_PRINTED]
    assert len(printed_entries) == 1
    assert bundle.forms[0].title in printed_entries[0].reason
    # The next visit is numbered after the reserved one.
    assert window.record().visit_number == "V-20261201-0002"


@pytest.mark.parametrize("number", ["V-20261201-0005", "V-20261301-0001", "12345", ""])
def test_a_number_never_drawn_is_refused_and_nothing_is_recorded(window, number):
    window.visits.reserve_number(window.clerk)  # 0001 drawn, 0005 not
    with pytest.raises(CounterAppError) as caught:
        window.record(visit_number=number)
    assert caught.value.code is ErrorCode.VISIT_NUMBER_NOT_RESERVED
    with window.app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 0


def test_a_number_already_used_is_refused(window):
    number = window.visits.reserve_number(window.clerk)
    window.record(visit_number=number)
    with pytest.raises(CounterAppError) as caught:
        window.record(visit_number=number)
    assert caught.value.code is ErrorCode.VISIT_NUMBER_NOT_RESERVED


def test_forms_of_another_visit_are_refused_with_the_visit(window):
    number = window.visits.reserve_number(window.clerk)
    with pytest.raises(CounterAppError) as caught:
        window.record(visit_number=number, forms=window.bundle("V-20261201-0099"))
    assert caught.value.code is ErrorCode.VISIT_FORMS_OTHER_VISIT
    with window.app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 0


def test_forms_made_after_the_visit_are_recorded_then_marked_printed(window):
    visit = window.record()
    assert window.forms.for_visit(window.clerk, visit.visit_number) is None

    window.forms.record(
        window.clerk, visit.visit_number, window.bundle(visit.visit_number), printed=False
    )
    assert not [
        a
        for a in window.visits.log(window.clerk, visit.visit_number)
        if a.action is ActionKind.FORMS_PRINTED
    ]
    window.forms.mark_printed(window.clerk, visit.visit_number)
    window.forms.record(
        window.clerk, visit.visit_number, window.bundle(visit.visit_number), printed=True
    )

    kept = window.forms.for_visit(window.clerk, visit.visit_number)
    assert len(kept.forms) == len(window.bundle(visit.visit_number).forms)  # replaced, not added
    assert [a.action for a in window.visits.log(window.clerk, visit.visit_number)].count(
        ActionKind.FORMS_PRINTED
    ) == 2


def test_a_department_reads_the_forms_of_its_own_procedures_only_and_is_logged(window):
    number = window.visits.reserve_number(window.clerk)
    visit = window.record(visit_number=number, forms=window.bundle(number), forms_printed=True)
    kodomo = login(window.app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
    kenko = login(window.app, "kenko1", RoleCode.BACK_OFFICE, departments=("kenko",))
    allowance = visit.procedure("child_allowance_claim")

    forms = window.forms.for_procedure(kodomo, allowance.id)

    assert forms is not None and forms.visit_number == number
    assert {f.form_id for f in forms.forms} == {
        f.form_id for f in window.bundle(number).forms if "child_allowance_claim" in f.procedures
    }
    assert all("child_allowance_claim" in f.procedures for f in forms.forms)
    with pytest.raises(CounterAppError) as caught:
        window.forms.for_procedure(kenko, allowance.id)
    assert caught.value.code is ErrorCode.VISIT_OTHER_DEPARTMENT
    with window.app.db.read() as session:
        views = session.scalars(select(AuditEntry).where(AuditEntry.action == FORMS_VIEWED)).all()
    assert [(v.login, v.subject_id) for v in views] == [("kodomo1", number)]


def test_a_procedure_without_forms_kept_reads_none_and_the_look_is_logged(window):
    visit = window.record()
    kodomo = login(window.app, "kodomo1", RoleCode.BACK_OFFICE, departments=("kodomo",))
    assert window.forms.for_procedure(kodomo, visit.procedure("child_allowance_claim").id) is None
    with window.app.db.read() as session:
        [look] = session.scalars(select(AuditEntry).where(AuditEntry.action == FORMS_VIEWED))
        assert (look.login, look.subject_id) == ("kodomo1", visit.visit_number)
        assert json.loads(look.detail)["forms"] == []
