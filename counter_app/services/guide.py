"""The procedure guide at the window: a resident's household from the register, the
clerk's answers, and the procedures and notices they lead to.

    case = app.guide.household_case(actor, resident_id, "birth")
    for prompt in app.guide.prompts(case): …            # the questions that decide
    case, prompts = app.guide.ask(case, answers, person_answers)  # as the window asks
    case = app.guide.answered_case(case, answers, person_answers)  # date, newborn …
    result = app.guide.evaluate(case)
    app.guide.record_adjustment(actor, resident_id, "birth", "nhi_join", "drop", "…")

Opening a household reads every member's records (not their My Numbers: the guide does
not need them), so it is logged (`guide.household_opened`); a household with a member
under a support measure (支援措置) opens only within a supervisor's authorisation for the
resident, and a refusal is logged too. Every procedure the clerk adds or drops against
the guide's finding is logged with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from .. import clock
from ..catalog import Catalog
from ..db.engine import Database
from ..db.models import Resident
from ..errors import CounterAppError, ErrorCode
from ..forms import FormBundle, build_bundle
from ..guide import (
    GuideCase,
    GuideResult,
    PersonRecord,
    ProcedureResult,
    answered,
    prepare,
    run_guide,
)
from ..guide.answers import Prompt
from ..guide.from_records import (
    household_input,
    household_input_at_address,
    household_members,
    my_numbers_of,
)
from ..guide.inputs import EventInput
from ..permissions import Actor, Permission, require
from . import audit, settings
from .residents import VIEW_BLOCKED, ResidentService, is_protected_on

HOUSEHOLD_OPENED = "guide.household_opened"
PROCEDURE_ADDED = "guide.procedure_added"
PROCEDURE_DROPPED = "guide.procedure_dropped"
MY_NUMBERS_FOR_FORMS = "guide.my_numbers_for_forms"
SUBJECT = "resident"
# Events whose household is every household at the address (世帯合併 on marriage).
AT_ADDRESS_EVENTS = frozenset({"marriage"})


class GuideService:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        residents: ResidentService | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._residents = residents or ResidentService(db)
        self._today = today

    def household_case(
        self, actor: Actor, resident_id: int, event_type: str, *, on: date | None = None
    ) -> GuideCase:
        """The resident's household as a guide case for `event_type`, without answers."""
        require(actor, Permission.VIEW_RESIDENTS)
        self._check_event(event_type)
        read = household_input_at_address if event_type in AT_ADDRESS_EVENTS else household_input
        blocked = False
        with self._db.write() as session:
            household = read(session, resident_id)
            municipality = settings.get_setting(session, settings.MUNICIPALITY_NAME) or ""
            members = {m.atena_no: m for m in household.members}
            protected = [
                r.id
                for r in session.scalars(select(Resident).where(Resident.atena_no.in_(members)))
                if is_protected_on(session, r.id, self._today())
            ]
            if protected:
                audit.lock_chain(session)
                blocked = (
                    self._residents.authorisation_in_force(session, actor, resident_id) is None
                )
            audit.append(
                session,
                actor,
                VIEW_BLOCKED if blocked else HOUSEHOLD_OPENED,
                subject_type=SUBJECT,
                subject_id=resident_id,
                detail={
                    "event": event_type,
                    "members": list(members),
                    **({"reason": "support_measure"} if blocked else {}),
                },
            )
        if blocked:
            raise CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED, resident_id=resident_id)
        return GuideCase(
            reference_date=on or self._today(),
            household=household,
            event=EventInput(type=event_type, date=None),
            municipality=municipality,
        )

    def forms_bundle(
        self,
        actor: Actor,
        resident_id: int,
        case: GuideCase,
        procedures: Iterable[ProcedureResult],
        visit_number: str,
    ) -> FormBundle:
        """Every form of the visit filled in. The 個人番号利用事務 forms (国保, 年金, 児童手当 …)
        print the My Numbers, so they are read here for that stated purpose, and logged."""
        require(actor, Permission.SHOW_MY_NUMBER)
        at_address = case.event.type in AT_ADDRESS_EVENTS
        with self._db.write() as session:
            _household, residents = household_members(session, resident_id, at_address=at_address)
            numbers = my_numbers_of(session, residents)
            audit.append(
                session,
                actor,
                MY_NUMBERS_FOR_FORMS,
                subject_type=SUBJECT,
                subject_id=resident_id,
                purpose="申請書の作成（個人番号利用事務）",
                detail={
                    "event": case.event.type,
                    "visit": visit_number,
                    "members": sorted(numbers),
                },
            )
        members = tuple(
            PersonRecord({**m.data, "my_number": numbers[m.atena_no]})
            if numbers.get(m.atena_no)
            else m
            for m in case.household.members
        )
        with_numbers = replace(case, household=replace(case.household, members=members))
        return build_bundle(
            self._catalog, with_numbers, list(procedures), visit_number, records_as_of=self._today()
        )

    @staticmethod
    def with_answers(
        case: GuideCase,
        *,
        event_date: date | None,
        answers: Mapping,
        person_answers: Mapping,
        newborn: PersonRecord | None = None,
        incoming: Iterable[PersonRecord] = (),
    ) -> GuideCase:
        """The same case with the event's date, the clerk's answers and its new persons, as
        given (a scenario file states them all; the window uses `answered_case`)."""
        event = replace(
            case.event,
            date=event_date,
            answers=dict(answers),
            person_answers={str(k): dict(v) for k, v in person_answers.items()},
            newborn=newborn,
            incoming=tuple(incoming),
        )
        return replace(case, event=event)

    def prompts(self, case: GuideCase) -> list[Prompt]:
        """The questions that decide which procedures apply, with the answers so far."""
        return answered.prompts(self._catalog, case)

    def answered_case(
        self,
        case: GuideCase,
        answers: Mapping,
        person_answers: Mapping,
        incoming: Iterable[PersonRecord] = (),
    ) -> GuideCase:
        """The household's case with the clerk's answers: the event's date they give, the
        newborn of a birth and the persons moving in (`guide.answered`)."""
        return answered.answered_case(self._catalog, case, answers, person_answers, incoming)

    def ask(
        self,
        case: GuideCase,
        answers: Mapping,
        person_answers: Mapping,
        incoming: Iterable[PersonRecord] = (),
    ) -> tuple[GuideCase, list[Prompt]]:
        """The case with the answers that still count, and every question to put to the
        clerk now (`guide.answered.ask`)."""
        return answered.ask(self._catalog, case, answers, person_answers, incoming)

    def missing_answers(self, case: GuideCase) -> list[str]:
        """Answers the guide cannot do without (they name whom the rules are about)."""
        _situation, resolver = prepare(self._catalog, case)
        return resolver.missing_required()

    def evaluate(self, case: GuideCase) -> GuideResult:
        """Every procedure and notice the case needs; unanswered questions become warnings."""
        return run_guide(self._catalog, case, strict=False)

    def record_adjustment(
        self,
        actor: Actor,
        resident_id: int,
        event_type: str,
        procedure_id: str,
        action: str,
        reason: str,
    ) -> None:
        """Log that the clerk added ("add") or dropped ("drop") a procedure, and why."""
        require(actor, Permission.SERVE_WINDOW)
        if action not in ("add", "drop"):
            raise ValueError(f"action must be 'add' or 'drop', not {action!r}")
        reason = (reason or "").strip()
        if not reason:
            raise CounterAppError(ErrorCode.GUIDE_REASON_REQUIRED)
        if procedure_id not in {p.id for p in self._catalog.procedures}:
            raise CounterAppError(ErrorCode.GUIDE_UNKNOWN_PROCEDURE, procedure=procedure_id)
        self._check_event(event_type)
        with self._db.write() as session:
            if session.get(Resident, resident_id) is None:
                raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=resident_id)
            audit.append(
                session,
                actor,
                PROCEDURE_ADDED if action == "add" else PROCEDURE_DROPPED,
                subject_type=SUBJECT,
                subject_id=resident_id,
                detail={"event": event_type, "procedure": procedure_id, "reason": reason},
            )

    def _check_event(self, event_type: str) -> None:
        if not self._catalog.has_event(event_type):
            raise CounterAppError(ErrorCode.GUIDE_UNKNOWN_EVENT, event=event_type)
