"""Recording residents' voices, finding them, and the departments' work on them.

Who may do what is decided here, not in the screens:
- every member of staff (Permission.VOICES) records voices and reads and searches all of
  them, with the answers (対応事例): what residents say is shared across departments;
- a department's back-office staff claim, answer and close its voices (the routing of
  their department only); supervisors do so for every department and reassign;
- a voice names a resident only with the resident's consent, recorded and logged; who it
  is shows only to staff who may view residents, and never for a resident under a
  support measure (支援措置).

Every step is kept in `voice_actions` (append-only) and published to the change feed
(Topic.VOICE, with the department) in the same unit of work, so the department's inbox
and the recorder's screen follow live on every PC.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from ..changes.feed import Topic, publish
from ..clock import business_day, today, utcnow
from ..db.engine import Database
from ..db.models import Department, Resident, StaffUser, Ticket, Visit, Voice, VoiceRouting
from ..db.models import VoiceAction as VoiceActionRow
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from ..services import audit
from ..services.residents import is_protected_on
from ..visits.rows import check_department, department_assignee, is_supervisor
from . import (
    MAX_TEXT_CHARS,
    Channel,
    ReplyMethod,
    RoutingInfo,
    RoutingStatus,
    VoiceAction,
    VoiceDraft,
    VoiceFilter,
    VoiceInfo,
    VoiceKind,
    VoiceStatus,
    label,
)
from .export import voices_csv
from .personal_data import find_personal_data
from .report import monthly_report
from .report_model import VoiceReport
from .search import (
    searchable,
    similar_candidates,
    similarity,
    text_condition,
    trigrams,
    words_of,
)
from .text_rules import checked_text
from .topics import VoiceSettings, load_voice_settings

RESIDENT_LINKED = "voice.resident_linked"
RESIDENT_SHOWN = "voice.resident_shown"
RESIDENT_BLOCKED = "voice.resident_blocked"
SEARCH_LIMIT = 100
EXPORT_LIMIT = 10_000
EXPORTED = "voice.exported"


class ActionName(StrEnum):
    RECORDED = "recorded"
    CLAIMED = "claimed"
    ANSWERED = "answered"
    CLOSED = "closed"
    REASSIGNED = "reassigned"


class VoiceService:
    def __init__(self, db: Database, settings: VoiceSettings | None = None) -> None:
        self._db = db
        self.settings = settings or load_voice_settings()

    # Recording --------------------------------------------------------------------

    def record(self, actor: Actor, draft: VoiceDraft, now: datetime | None = None) -> VoiceInfo:
        """Keep the voice and route it to every department concerned, due in the city's
        number of days. Raises VOICE_* for what the recorder must fix (nothing is kept)."""
        require(actor, Permission.VOICES)
        text = checked_text(draft.text, "本文", MAX_TEXT_CHARS)
        self._check_choices(draft)
        now = now or utcnow()
        with self._db.write() as session:
            departments = _known_departments(session, draft.departments)
            voice = Voice(
                recorded_at=now,
                business_day=business_day(now),
                channel=draft.channel.value,
                kind=draft.kind.value,
                topics=json.dumps(list(dict.fromkeys(draft.topics))),
                text=text,
                search_text=searchable(text),
                reply_wanted=draft.reply_wanted,
                reply_method=draft.reply_method.value if draft.reply_wanted else None,
                personal_data=json.dumps(list(find_personal_data(text))),
                recorded_by=actor.user_id,
                recorded_by_login=actor.login,
                terminal=actor.terminal,
                status=VoiceStatus.OPEN.value,
            )
            _attach_visit_and_ticket(session, voice, draft)
            session.add(voice)
            session.flush()
            if draft.resident_atena:
                _link_resident(session, actor, voice, draft, now)
            due_on = voice.business_day + timedelta(days=self.settings.due_days)
            for department_id in departments:
                routing = VoiceRouting(
                    voice_id=voice.id,
                    department_id=department_id,
                    status=RoutingStatus.ROUTED.value,
                    due_on=due_on,
                    updated_at=now,
                )
                session.add(routing)
                session.flush()
                _log(session, actor, voice.id, routing, ActionName.RECORDED)
            return self._info(session, voice)

    def _check_choices(self, draft: VoiceDraft) -> None:
        _check_member(Channel, draft.channel, "経路")
        _check_member(VoiceKind, draft.kind, "区分")
        for topic in draft.topics:
            if self.settings.topic(topic) is None:
                raise CounterAppError(
                    ErrorCode.VOICE_CHOICE_UNKNOWN,
                    what="分野",
                    value=topic,
                    choices=", ".join(t.id for t in self.settings.topics),
                )
        if not draft.departments:
            raise CounterAppError(ErrorCode.VOICE_DEPARTMENT_REQUIRED)
        if draft.reply_wanted and draft.reply_method is None:
            raise CounterAppError(ErrorCode.VOICE_REPLY_METHOD_REQUIRED)
        if draft.reply_method is not None:
            _check_member(ReplyMethod, draft.reply_method, "回答方法")
        if draft.resident_atena and not draft.consent:
            raise CounterAppError(ErrorCode.VOICE_CONSENT_REQUIRED)

    # Reading ----------------------------------------------------------------------

    def get(self, actor: Actor, voice_id: int) -> VoiceInfo:
        require(actor, Permission.VOICES)
        with self._db.read() as session:
            return self._info(session, _voice(session, voice_id), actor)

    def history(self, actor: Actor, voice_id: int) -> list[VoiceAction]:
        require(actor, Permission.VOICES)
        with self._db.read() as session:
            _voice(session, voice_id)
            rows = session.execute(
                select(VoiceActionRow, VoiceRouting.department_id)
                .outerjoin(VoiceRouting, VoiceRouting.id == VoiceActionRow.routing_id)
                .where(VoiceActionRow.voice_id == voice_id)
                .order_by(VoiceActionRow.id)
            )
            return [
                VoiceAction(row.at, row.login, department, row.action, row.note)
                for row, department in rows
            ]

    def linked_resident(self, actor: Actor, voice_id: int) -> tuple[str, str] | None:
        """(宛名番号, name) of the consenting resident, logged; None when the voice names
        nobody. PERMISSION_DENIED without VIEW_RESIDENTS; SUPPORT_MEASURE_BLOCKED for a
        resident under a support measure (a voice is no reason to show where they are)."""
        require(actor, Permission.VIEW_RESIDENTS)
        with self._db.write() as session:
            voice = _voice(session, voice_id)
            if voice.resident_id is None:
                return None
            resident = session.get(Resident, voice.resident_id)
            protected = is_protected_on(session, resident.id, today())
            audit.append(
                session,
                actor,
                RESIDENT_BLOCKED if protected else RESIDENT_SHOWN,
                subject_type="resident",
                subject_id=resident.id,
                detail={"voice": voice.id},
            )
            shown = resident.atena_no, f"{resident.surname_kanji} {resident.given_name_kanji}"
        if protected:  # the refusal is logged (committed above), as the message says
            raise CounterAppError(ErrorCode.SUPPORT_MEASURE_BLOCKED)
        return shown

    def search(
        self,
        actor: Actor,
        query: str,
        voice_filter: VoiceFilter | None = None,
        limit: int = SEARCH_LIMIT,
    ) -> list[VoiceInfo]:
        """Voices holding every word of `query` (any two or more consecutive characters
        of the text) and matching the filter, newest first. SEARCH_* for a box over the
        limits."""
        require(actor, Permission.VOICES)
        words = words_of(query)
        with self._db.read() as session:
            statement = _filtered(select(Voice), voice_filter or VoiceFilter())
            condition = text_condition(session, words)
            if condition is not None:
                statement = statement.where(condition)
            voices = list(session.scalars(statement.order_by(Voice.id.desc()).limit(limit)))
            return self._infos(session, voices, actor)

    def export(
        self,
        actor: Actor,
        query: str,
        voice_filter: VoiceFilter | None = None,
        encoding: str = "utf-8-sig",
    ) -> bytes:
        """The search's hits (up to EXPORT_LIMIT, newest first) as CSV with every free
        text masked (`.export`); the export is logged: who, how many, which filters."""
        voices = self.search(actor, query, voice_filter, limit=EXPORT_LIMIT)
        content = voices_csv(voices, self.settings, encoding)
        with self._db.write() as session:
            audit.append(
                session,
                actor,
                EXPORTED,
                subject_type="voices",
                detail={"count": len(voices), "filters": _filter_kinds(voice_filter)},
            )
        return content

    def similar(self, actor: Actor, typed: str, limit: int = 5) -> list[VoiceInfo]:
        """Earlier voices that say much the same as `typed`, the closest first."""
        require(actor, Permission.VOICES)
        typed = typed.strip()[:MAX_TEXT_CHARS]
        wanted = trigrams(typed)
        if len(wanted) < 2:
            return []
        with self._db.read() as session:
            ids = similar_candidates(session, typed)
            voices = session.scalars(select(Voice).where(Voice.id.in_(ids))).all()
            scored = sorted(
                ((similarity(wanted, trigrams(v.text)), v) for v in voices),
                key=lambda pair: (-pair[0], -pair[1].id),
            )
            kept = [voice for score, voice in scored if score >= _SIMILAR_ENOUGH][:limit]
            return self._infos(session, kept, actor)

    def inbox(
        self, actor: Actor, department_id: str, *, open_only: bool = True
    ) -> list[tuple[VoiceInfo, RoutingInfo]]:
        """The department's voices, the oldest due first, each with its routing there."""
        require(actor, Permission.VOICES)
        check_department(actor, department_id)
        with self._db.read() as session:
            statement = (
                select(VoiceRouting)
                .where(VoiceRouting.department_id == department_id)
                .order_by(VoiceRouting.due_on, VoiceRouting.id)
            )
            if open_only:
                statement = statement.where(VoiceRouting.status != RoutingStatus.CLOSED.value)
            routings = list(session.scalars(statement))
            voices = {
                v.id: v
                for v in session.scalars(
                    select(Voice).where(Voice.id.in_({r.voice_id for r in routings}))
                )
            }
            infos = {info.id: info for info in self._infos(session, voices.values(), actor)}
            return [(infos[r.voice_id], _routing_of(infos[r.voice_id], r.id)) for r in routings]

    def monthly_report(self, actor: Actor, month: date, as_of: date) -> VoiceReport:
        """The month's counts, answer times and topics; nothing in it names a resident."""
        require(actor, Permission.VOICES)
        with self._db.read() as session:
            return monthly_report(session, month, self.settings, as_of)

    # The department's work --------------------------------------------------------

    def claim(self, actor: Actor, routing_id: int) -> VoiceInfo:
        return self._act(actor, routing_id, ActionName.CLAIMED)

    def answer(
        self, actor: Actor, routing_id: int, answer: str, change_made: str = ""
    ) -> VoiceInfo:
        """The answer given (or to give) and what was changed because of the voice."""
        answer = checked_text(answer, "回答", MAX_TEXT_CHARS)
        change = checked_text(change_made, "改善内容", MAX_TEXT_CHARS, required=False)
        return self._act(actor, routing_id, ActionName.ANSWERED, answer=answer, change=change)

    def close(self, actor: Actor, routing_id: int, note: str = "") -> VoiceInfo:
        note = checked_text(note, "メモ", MAX_TEXT_CHARS, required=False)
        return self._act(actor, routing_id, ActionName.CLOSED, note=note)

    def reassign(self, actor: Actor, routing_id: int, to_user_id: int) -> VoiceInfo:
        require(actor, Permission.REASSIGN_PROCEDURES)
        return self._act(actor, routing_id, ActionName.REASSIGNED, to_user_id=to_user_id)

    def _act(self, actor: Actor, routing_id: int, action: ActionName, **given) -> VoiceInfo:
        require(actor, Permission.VOICES)
        now = utcnow()
        with self._db.write() as session:
            routing = _locked_routing(session, routing_id)
            check_department(actor, routing.department_id)
            if not (is_supervisor(actor) or actor.can(Permission.WORK_DEPARTMENT_INBOX)):
                raise CounterAppError(ErrorCode.PERMISSION_DENIED, action=action.value)
            note = _apply(session, actor, routing, action, now, given)
            routing.updated_at = now
            _log(session, actor, routing.voice_id, routing, action, note)
            voice = session.get(Voice, routing.voice_id)
            _close_voice_when_done(session, voice, now)
            return self._info(session, voice, actor)

    # Reading helpers --------------------------------------------------------------

    def _info(self, session: Session, voice: Voice, actor: Actor | None = None) -> VoiceInfo:
        return self._infos(session, [voice], actor)[0]

    def _infos(
        self, session: Session, voices: Iterable[Voice], actor: Actor | None
    ) -> list[VoiceInfo]:
        voices = list(voices)
        ids = [v.id for v in voices]
        routings: dict[int, list[VoiceRouting]] = {i: [] for i in ids}
        for routing in session.scalars(
            select(VoiceRouting).where(VoiceRouting.voice_id.in_(ids)).order_by(VoiceRouting.id)
        ):
            routings[routing.voice_id].append(routing)
        names = _names(session, voices, routings)
        day = today()
        return [
            _voice_info(v, [_routing_info(r, names, day, actor) for r in routings[v.id]], names)
            for v in voices
        ]


_SIMILAR_ENOUGH = 0.12
_ACTION_ORDER = {
    ActionName.CLAIMED: {RoutingStatus.ROUTED},
    ActionName.ANSWERED: {RoutingStatus.CLAIMED, RoutingStatus.ANSWERED},
    ActionName.CLOSED: {RoutingStatus.ANSWERED},
    ActionName.REASSIGNED: {RoutingStatus.ROUTED, RoutingStatus.CLAIMED},
}


def _apply(
    session: Session, actor: Actor, routing: VoiceRouting, action: ActionName, now, given
) -> str | None:
    """Change the routing for `action`, or raise what stands in the way; the log's note."""
    status = RoutingStatus(routing.status)
    if status not in _ACTION_ORDER[action]:
        raise CounterAppError(
            ErrorCode.VOICE_STATE,
            voice=routing.voice_id,
            department=routing.department_id,
            status=label(status),
        )
    name = f"住民の声 {routing.voice_id}（{routing.department_id}）"
    if action is ActionName.CLAIMED:
        routing.status, routing.holder_user_id = RoutingStatus.CLAIMED.value, actor.user_id
        return None
    if action is ActionName.REASSIGNED:
        target = department_assignee(session, given["to_user_id"], routing.department_id)
        routing.status, routing.holder_user_id = RoutingStatus.CLAIMED.value, target.id
        return target.login
    if routing.holder_user_id != actor.user_id and not is_supervisor(actor):
        holder = session.get(StaffUser, routing.holder_user_id)
        raise CounterAppError(
            ErrorCode.VISIT_NOT_HOLDER, name=name, holder=holder.display_name if holder else "?"
        )
    if action is ActionName.ANSWERED:
        routing.status = RoutingStatus.ANSWERED.value
        routing.answer, routing.change_made = given["answer"], given["change"] or None
        routing.answered_at = now
        return given["answer"]
    routing.status, routing.closed_at = RoutingStatus.CLOSED.value, now
    return given["note"] or None


def _close_voice_when_done(session: Session, voice: Voice, now: datetime) -> None:
    still_open = session.scalar(
        select(
            exists().where(
                VoiceRouting.voice_id == voice.id,
                VoiceRouting.status != RoutingStatus.CLOSED.value,
            )
        )
    )
    if not still_open and voice.status != VoiceStatus.CLOSED.value:
        voice.status, voice.closed_at = VoiceStatus.CLOSED.value, now


def _log(
    session: Session,
    actor: Actor,
    voice_id: int,
    routing: VoiceRouting | None,
    action: ActionName,
    note: str | None = None,
) -> None:
    session.add(
        VoiceActionRow(
            voice_id=voice_id,
            routing_id=routing.id if routing else None,
            at=utcnow(),
            user_id=actor.user_id,
            login=actor.login,
            terminal=actor.terminal,
            action=action.value,
            note=note,
        )
    )
    publish(
        session,
        Topic.VOICE,
        voice_id,
        department_id=routing.department_id if routing else None,
        terminal=actor.terminal,
    )


def _check_member(enum: type[StrEnum], value: object, what: str) -> None:
    if not isinstance(value, enum):
        raise CounterAppError(
            ErrorCode.VOICE_CHOICE_UNKNOWN,
            what=what,
            value=value,
            choices=", ".join(label(m) for m in enum),
        )


def _known_departments(session: Session, wanted: tuple[str, ...]) -> list[str]:
    departments = list(dict.fromkeys(wanted))
    known = set(session.scalars(select(Department.id).where(Department.id.in_(departments))))
    for department_id in departments:
        if department_id not in known:
            raise CounterAppError(ErrorCode.DEPARTMENT_UNKNOWN, department=department_id)
    return departments


def _attach_visit_and_ticket(session: Session, voice: Voice, draft: VoiceDraft) -> None:
    """The visit and ticket the voice was heard at; the wait the resident had (issue to
    first call) and the window come from the ticket."""
    ticket_id = draft.ticket_id
    if draft.visit_number:
        visit = session.scalars(
            select(Visit).where(Visit.visit_number == draft.visit_number)
        ).one_or_none()
        if visit is None:
            raise CounterAppError(ErrorCode.VISIT_NOT_FOUND, visit=draft.visit_number)
        voice.visit_id = visit.id
        ticket_id = ticket_id or visit.ticket_id
    if ticket_id is None:
        return
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise CounterAppError(ErrorCode.QUEUE_TICKET_NOT_FOUND, ticket=ticket_id)
    voice.ticket_id = ticket.id
    voice.window = ticket.window_number
    if ticket.called_at is not None:
        voice.wait_minutes = int((ticket.called_at - ticket.issued_at).total_seconds() // 60)


def _link_resident(
    session: Session, actor: Actor, voice: Voice, draft: VoiceDraft, now: datetime
) -> None:
    require(actor, Permission.VIEW_RESIDENTS)
    resident = session.scalars(
        select(Resident).where(Resident.atena_no == draft.resident_atena)
    ).one_or_none()
    if resident is None:
        raise CounterAppError(ErrorCode.RESIDENT_NOT_FOUND, resident_id=draft.resident_atena)
    voice.resident_id, voice.consent_at = resident.id, now
    audit.append(
        session,
        actor,
        RESIDENT_LINKED,
        subject_type="resident",
        subject_id=resident.id,
        purpose="本人の同意",
        detail={"voice": voice.id},
    )


def _voice(session: Session, voice_id: int) -> Voice:
    voice = session.get(Voice, voice_id)
    if voice is None:
        raise CounterAppError(ErrorCode.VOICE_NOT_FOUND, voice=voice_id)
    return voice


def _locked_routing(session: Session, routing_id: int) -> VoiceRouting:
    routing = session.get(VoiceRouting, routing_id, with_for_update=True)
    if routing is None:
        raise CounterAppError(ErrorCode.VOICE_NOT_FOUND, voice=routing_id)
    return routing


def _filtered(statement: Select, voice_filter: VoiceFilter) -> Select:
    f = voice_filter
    if f.kind is not None:
        statement = statement.where(Voice.kind == f.kind.value)
    if f.channel is not None:
        statement = statement.where(Voice.channel == f.channel.value)
    if f.status is not None:
        statement = statement.where(Voice.status == f.status.value)
    if f.topic is not None:
        statement = statement.where(Voice.topics.contains(json.dumps(f.topic)))
    if f.recorded_from is not None:
        statement = statement.where(Voice.business_day >= f.recorded_from)
    if f.recorded_to is not None:
        statement = statement.where(Voice.business_day <= f.recorded_to)
    if f.department is not None:
        statement = statement.where(
            exists().where(
                VoiceRouting.voice_id == Voice.id, VoiceRouting.department_id == f.department
            )
        )
    return statement


def _filter_kinds(voice_filter: VoiceFilter | None) -> list[str]:
    """The filters in use, by name (their values may be revealing: never logged)."""
    if voice_filter is None:
        return []
    return sorted(name for name, value in vars(voice_filter).items() if value is not None)


def _names(
    session: Session, voices: list[Voice], routings: dict[int, list[VoiceRouting]]
) -> dict[str, str]:
    """Display names of the staff and departments the rows refer to, keyed 'u:id'/'d:id'
    and the tickets' numbers keyed 't:id', the visits' 'v:id'."""
    users = {r.holder_user_id for rows in routings.values() for r in rows} - {None}
    departments = {r.department_id for rows in routings.values() for r in rows}
    tickets = {v.ticket_id for v in voices} - {None}
    visits = {v.visit_id for v in voices} - {None}
    names: dict[str, str] = {}
    for user_id, login, display in session.execute(
        select(StaffUser.id, StaffUser.login, StaffUser.display_name).where(StaffUser.id.in_(users))
    ):
        names[f"u:{user_id}"], names[f"l:{user_id}"] = display, login
    for department_id, name in session.execute(
        select(Department.id, Department.name).where(Department.id.in_(departments))
    ):
        names[f"d:{department_id}"] = name
    for ticket_id, number in session.execute(
        select(Ticket.id, Ticket.display_number).where(Ticket.id.in_(tickets))
    ):
        names[f"t:{ticket_id}"] = number
    for visit_id, number in session.execute(
        select(Visit.id, Visit.visit_number).where(Visit.id.in_(visits))
    ):
        names[f"v:{visit_id}"] = number
    return names


def _routing_info(
    routing: VoiceRouting, names: dict[str, str], day: date, actor: Actor | None
) -> RoutingInfo:
    status = RoutingStatus(routing.status)
    holder = routing.holder_user_id
    late_answer = (
        routing.answered_at is not None and business_day(routing.answered_at) > routing.due_on
    )
    still_due = routing.answered_at is None and day > routing.due_on
    return RoutingInfo(
        id=routing.id,
        voice_id=routing.voice_id,
        department_id=routing.department_id,
        department_name=names.get(f"d:{routing.department_id}", routing.department_id),
        status=status,
        holder_login=names.get(f"l:{holder}") if holder else None,
        holder_name=names.get(f"u:{holder}") if holder else None,
        due_on=routing.due_on,
        answer=routing.answer,
        change_made=routing.change_made,
        answered_at=routing.answered_at,
        overdue=late_answer or still_due,
        actions=_allowed(routing, status, actor),
    )


def _allowed(routing: VoiceRouting, status: RoutingStatus, actor: Actor | None) -> frozenset[str]:
    """What `actor` may do to the routing now: what the screens enable."""
    if actor is None or not actor.can(Permission.VOICES):
        return frozenset()
    supervisor = is_supervisor(actor)
    works_here = supervisor or (
        actor.can(Permission.WORK_DEPARTMENT_INBOX) and routing.department_id in actor.departments
    )
    if not works_here:
        return frozenset()
    holds = supervisor or routing.holder_user_id == actor.user_id
    allowed = {
        a.value
        for a, statuses in _ACTION_ORDER.items()
        if status in statuses and (a is ActionName.CLAIMED or a is ActionName.REASSIGNED or holds)
    }
    if not supervisor:
        allowed.discard(ActionName.REASSIGNED.value)
    return frozenset(allowed)


def _routing_of(info: VoiceInfo, routing_id: int) -> RoutingInfo:
    return next(r for r in info.routings if r.id == routing_id)


def _voice_info(voice: Voice, routings: list[RoutingInfo], names: dict[str, str]) -> VoiceInfo:
    return VoiceInfo(
        id=voice.id,
        recorded_at=voice.recorded_at,
        business_day=voice.business_day,
        kind=VoiceKind(voice.kind),
        channel=Channel(voice.channel),
        topics=tuple(json.loads(voice.topics or "[]")),
        text=voice.text,
        reply_wanted=voice.reply_wanted,
        reply_method=ReplyMethod(voice.reply_method) if voice.reply_method else None,
        personal_data=tuple(json.loads(voice.personal_data or "[]")),
        status=VoiceStatus(voice.status),
        recorded_by=voice.recorded_by_login,
        wait_minutes=voice.wait_minutes,
        window=voice.window,
        ticket_number=names.get(f"t:{voice.ticket_id}") if voice.ticket_id else None,
        visit_number=names.get(f"v:{voice.visit_id}") if voice.visit_id else None,
        resident_linked=voice.resident_id is not None,
        routings=tuple(routings),
    )
