"""The forms printed at the window, kept with the visit so that the departments see what
the resident checked and signed.

    app.visits.create_visit(actor, case, procedures, visit_number=…, forms=bundle,
                            forms_printed=True)              # kept with the visit
    app.visit_forms.record(actor, visit_number, bundle, printed=False)  # made afterwards
    app.visit_forms.mark_printed(actor, visit_number)
    app.visit_forms.for_procedure(actor, visit_procedure_id)  # the department's view
    app.visit_forms.reprinted(actor, bundle)                  # the kept copy printed again

A visit keeps one set of forms: recording again replaces it (the clerk corrected an
answer and printed again). Each field keeps its text and provenance as printed, except
My Numbers, which are kept masked (`********1234`): the signed paper carries them to the
department, and a copy in the visit would be one more place to protect. Reading the forms
is reading a resident's record: they are read as the visit is (`.access`: the departments
their own procedures' forms, support measures as for the record), and every read is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..catalog import Catalog
from ..changes.feed import Topic, publish
from ..db.engine import Database
from ..db.models import Visit, VisitForm, VisitProcedure
from ..db.models.base import utcnow
from ..errors import CounterAppError, ErrorCode
from ..forms import FieldValue, FilledForm, FormBundle, Source
from ..permissions import Actor, Permission, require
from ..records.assemble import mask_my_number
from ..services.residents import ResidentService
from . import ActionKind
from .access import Grant, Part, VisitAccess
from .rows import append_action, dumps, loads, visit_by_number
from .scope import scope_of

FORMS_VIEWED = "visit.forms_viewed"
MY_NUMBER_SOURCE = "resident.my_number"


class VisitFormsService:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        *,
        now: Callable[[], datetime] = utcnow,
        residents: ResidentService | None = None,
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._now = now
        self._access = VisitAccess(db, catalog, residents or ResidentService(db))

    def record(self, actor: Actor, visit_number: str, bundle: FormBundle, *, printed: bool) -> None:
        """Keep `bundle` as the visit's forms (replacing any kept before)."""
        require(actor, Permission.SERVE_WINDOW)
        now = self._now()
        with self._db.write() as session:
            visit = visit_by_number(session, visit_number)
            store_forms(session, self._catalog, actor, visit, bundle, printed=printed, now=now)
            publish(session, Topic.VISIT, str(visit.id), terminal=actor.terminal)

    def mark_printed(self, actor: Actor, visit_number: str) -> None:
        """The clerk printed the visit's forms (again): logged with the forms' titles."""
        require(actor, Permission.SERVE_WINDOW)
        now = self._now()
        with self._db.write() as session:
            visit = visit_by_number(session, visit_number)
            titles = session.scalars(
                select(VisitForm.title)
                .where(VisitForm.visit_id == visit.id)
                .order_by(VisitForm.position)
            ).all()
            if not titles:
                return
            session.execute(
                update(VisitForm)
                .where(VisitForm.visit_id == visit.id, VisitForm.printed_at.is_(None))
                .values(printed_at=now)
            )
            _log_printed(session, actor, visit, titles, now)

    def reprinted(self, actor: Actor, bundle: FormBundle) -> None:
        """Someone printed the kept copy again (from the inbox or the visit's window):
        logged with who, where and which forms, by a reader of the visit's forms only."""
        require(actor, Permission.VIEW_RESIDENTS)
        scope = scope_of(actor)
        assert scope is not None  # VIEW_RESIDENTS
        now = self._now()
        with self._db.write() as session:
            visit = visit_by_number(session, bundle.visit_number)
            decided = self._access.decide(session, actor, scope, visit, Part.FORMS)
            refusal = decided if isinstance(decided, CounterAppError) else None
            if refusal is None:
                titles = "、".join(form.title for form in bundle.forms)
                append_action(
                    session, actor, visit.id, None, ActionKind.FORMS_REPRINTED, titles, now
                )
        if refusal is not None:
            raise refusal

    def for_visit(self, actor: Actor, visit_number: str) -> FormBundle | None:
        """The forms kept with the visit that the reader may read (back-office staff: those
        serving their departments' procedures), or None when there are none."""

        def show(session: Session, visit: Visit, _procedure, grant: Grant) -> FormBundle | None:
            if grant.scope.whole:
                return _read(session, visit, lambda _form: True)
            seen = set(
                session.scalars(
                    select(VisitProcedure.procedure_id).where(
                        VisitProcedure.visit_id == visit.id,
                        VisitProcedure.department_id.in_(sorted(grant.scope.departments or ())),
                    )
                )
            )
            return _read(session, visit, lambda form: bool(seen.intersection(form.procedures)))

        return self._read_logged(actor, visit_number, show)

    def for_procedure(self, actor: Actor, visit_procedure_id: int) -> FormBundle | None:
        """The forms kept with the visit that serve this procedure (a shared form serves
        several), or None. Back-office staff read their own departments' only."""

        def show(
            session: Session, visit: Visit, procedure: VisitProcedure | None, _grant: Grant
        ) -> FormBundle | None:
            assert procedure is not None
            return _read(session, visit, lambda form: procedure.procedure_id in form.procedures)

        return self._read_logged(actor, visit_procedure_id, show)

    def _read_logged(
        self,
        actor: Actor,
        target: str | int,
        show: Callable[[Session, Visit, VisitProcedure | None, Grant], FormBundle | None],
    ) -> FormBundle | None:
        return self._access.read(
            actor,
            Part.FORMS,
            target,
            show,
            action=FORMS_VIEWED,
            purpose="受付の書類の確認",
            detail=_forms_read,
        )


def store_forms(
    session: Session,
    catalog: Catalog,
    actor: Actor,
    visit: Visit,
    bundle: FormBundle,
    *,
    printed: bool,
    now: datetime,
) -> None:
    """Keep `bundle` as the visit's forms inside the caller's unit of work (which
    publishes the visit's change)."""
    if bundle.visit_number != visit.visit_number:
        raise CounterAppError(
            ErrorCode.VISIT_FORMS_OTHER_VISIT, forms=bundle.visit_number, visit=visit.visit_number
        )
    session.execute(delete(VisitForm).where(VisitForm.visit_id == visit.id))
    for position, form in enumerate(bundle.forms):
        session.add(
            VisitForm(
                visit_id=visit.id,
                position=position,
                form_id=form.form_id,
                title=form.title,
                department=form.department,
                procedures=dumps(list(form.procedures)),
                person_atena=form.person_atena,
                person_name=form.person_name,
                fields=dumps([_field_row(f) for f in _masked(catalog, form)]),
                municipality=bundle.municipality,
                prepared_on=bundle.prepared_on,
                printed_at=now if printed else None,
            )
        )
    if printed and bundle.forms:
        _log_printed(session, actor, visit, [f.title for f in bundle.forms], now)


def _masked(catalog: Catalog, form: FilledForm) -> list[FieldValue]:
    spec = catalog.form(form.form_id)
    secret = {f.key for f in spec.fields if f.source == MY_NUMBER_SOURCE}
    return [
        replace(
            value,
            text=_mask(value.text),
            rows=tuple(_mask(row) for row in value.rows),
        )
        if value.key in secret
        else value
        for value in form.fields
    ]


def _mask(text: str) -> str:
    return mask_my_number(text) if text else text


def _field_row(value: FieldValue) -> dict:
    return {
        "key": value.key,
        "label": value.label,
        "source": value.source.value,
        "text": value.text,
        "provenance": value.provenance,
        "rows": list(value.rows),
        "check": value.check,
        "note": value.note,
    }


def _field_of(row: dict) -> FieldValue:
    return FieldValue(
        key=row["key"],
        label=row["label"],
        source=Source(row["source"]),
        text=row["text"],
        provenance=row["provenance"],
        rows=tuple(row.get("rows") or ()),
        check=bool(row.get("check")),
        note=row.get("note") or "",
    )


def _read(
    session: Session, visit: Visit, wanted: Callable[[FilledForm], bool]
) -> FormBundle | None:
    rows = session.scalars(
        select(VisitForm).where(VisitForm.visit_id == visit.id).order_by(VisitForm.position)
    ).all()
    forms = [
        FilledForm(
            form_id=row.form_id,
            title=row.title,
            department=row.department,
            procedures=tuple(loads(row.procedures) or ()),
            person_atena=row.person_atena,
            person_name=row.person_name,
            fields=tuple(_field_of(f) for f in loads(row.fields) or ()),
        )
        for row in rows
    ]
    forms = [f for f in forms if wanted(f)]
    if not forms:
        return None
    return FormBundle(
        visit_number=visit.visit_number,
        municipality=rows[0].municipality,
        prepared_on=rows[0].prepared_on,
        forms=tuple(forms),
    )


def _log_printed(
    session: Session, actor: Actor, visit: Visit, titles: list[str], now: datetime
) -> None:
    append_action(session, actor, visit.id, None, ActionKind.FORMS_PRINTED, "、".join(titles), now)


def _forms_read(bundle: FormBundle | None) -> dict:
    """What the audit entry of a forms read names: the forms and the persons they are of."""
    forms = bundle.forms if bundle is not None else ()
    return {
        "forms": [f.form_id for f in forms],
        "persons": sorted({f.person_atena for f in forms if f.person_atena}),
    }
