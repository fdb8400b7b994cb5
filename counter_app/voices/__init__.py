"""Residents' voices (住民の声) and staff letters (職員からの手紙).

    voice = app.voices.record(actor, VoiceDraft(kind=VoiceKind.COMPLAINT, …))
    app.voices.search(actor, "待ち時間", VoiceFilter(kind=VoiceKind.COMPLAINT))
    app.voices.inbox(actor, "shimin")            # the department's voices to answer
    app.voices.claim(actor, routing_id); app.voices.answer(actor, routing_id, "…", "…")
    app.letters.write(actor, "…", "…"); app.letters.support(actor, letter_id)

The words of each choice (ja, en) live here with the values, so screens, the CLI and the
reports say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class Channel(StrEnum):
    WINDOW = "window"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    SNS = "sns"
    SURVEY = "survey"


class VoiceKind(StrEnum):
    COMPLAINT = "complaint"
    REQUEST = "request"
    QUESTION = "question"
    THANKS = "thanks"
    PROPOSAL = "proposal"


class ReplyMethod(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    WINDOW = "window"


class RoutingStatus(StrEnum):
    ROUTED = "routed"  # in the department's inbox, nobody holds it
    CLAIMED = "claimed"
    ANSWERED = "answered"
    CLOSED = "closed"


class VoiceStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # every department concerned closed it


class LetterStatus(StrEnum):
    RECEIVED = "received"
    CONSIDERING = "considering"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


# The words of each choice, per enum: equal values of two enums (Channel.LETTER and
# ReplyMethod.LETTER are both "letter") have words of their own.
LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    Channel: {
        Channel.WINDOW: ("窓口", "Window"),
        Channel.PHONE: ("電話", "Phone"),
        Channel.EMAIL: ("メール", "Email"),
        Channel.LETTER: ("手紙", "Letter"),
        Channel.SNS: ("SNS", "Social media"),
        Channel.SURVEY: ("アンケート", "Survey"),
    },
    VoiceKind: {
        VoiceKind.COMPLAINT: ("苦情", "Complaint"),
        VoiceKind.REQUEST: ("要望", "Request"),
        VoiceKind.QUESTION: ("問合せ", "Question"),
        VoiceKind.THANKS: ("お礼", "Thanks"),
        VoiceKind.PROPOSAL: ("提案", "Proposal"),
    },
    ReplyMethod: {
        ReplyMethod.PHONE: ("電話", "Phone"),
        ReplyMethod.EMAIL: ("メール", "Email"),
        ReplyMethod.LETTER: ("文書", "Letter"),
        ReplyMethod.WINDOW: ("窓口", "At the window"),
    },
    RoutingStatus: {
        RoutingStatus.ROUTED: ("未着手", "Not started"),
        RoutingStatus.CLAIMED: ("対応中", "In progress"),
        RoutingStatus.ANSWERED: ("回答済", "Answered"),
        RoutingStatus.CLOSED: ("完了", "Closed"),
    },
    VoiceStatus: {
        VoiceStatus.OPEN: ("対応中", "Open"),
        VoiceStatus.CLOSED: ("完了", "Closed"),
    },
    LetterStatus: {
        LetterStatus.RECEIVED: ("受付", "Received"),
        LetterStatus.CONSIDERING: ("検討中", "Under consideration"),
        LetterStatus.ADOPTED: ("採用", "Adopted"),
        LetterStatus.REJECTED: ("不採用", "Not adopted"),
        LetterStatus.IMPLEMENTED: ("実施済み", "Implemented"),
    },
}


def label(value: StrEnum, language: str = "ja") -> str:
    ja, en = LABELS[type(value)][value]
    return en if language == "en" else ja


def parse_choice(enum: type[E], text: str) -> E | None:
    """The member named by its value or by its Japanese or English word, else None."""
    typed = text.strip()
    for member in enum:
        if typed in (member.value, *LABELS[enum][member]):
            return member
    return None


# Letters move only along these arrows; each move needs a reason.
LETTER_MOVES: dict[LetterStatus, frozenset[LetterStatus]] = {
    LetterStatus.RECEIVED: frozenset({LetterStatus.CONSIDERING, LetterStatus.REJECTED}),
    LetterStatus.CONSIDERING: frozenset({LetterStatus.ADOPTED, LetterStatus.REJECTED}),
    LetterStatus.ADOPTED: frozenset({LetterStatus.IMPLEMENTED}),
    LetterStatus.REJECTED: frozenset(),
    LetterStatus.IMPLEMENTED: frozenset(),
}

MAX_TEXT_CHARS = 4000  # a voice's text, a letter's body, an answer
MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class VoiceDraft:
    """What the recorder typed. `resident_atena` only with `consent` (recorded, logged)."""

    kind: VoiceKind
    channel: Channel
    text: str
    departments: tuple[str, ...]
    topics: tuple[str, ...] = ()
    reply_wanted: bool = False
    reply_method: ReplyMethod | None = None
    ticket_id: int | None = None
    visit_number: str | None = None
    resident_atena: str | None = None
    consent: bool = False


@dataclass(frozen=True)
class VoiceFilter:
    kind: VoiceKind | None = None
    topic: str | None = None
    department: str | None = None
    status: VoiceStatus | None = None
    channel: Channel | None = None
    recorded_from: date | None = None  # business days, both ends included
    recorded_to: date | None = None


@dataclass(frozen=True)
class RoutingInfo:
    id: int
    voice_id: int
    department_id: str
    department_name: str
    status: RoutingStatus
    holder_login: str | None
    holder_name: str | None
    due_on: date
    answer: str | None
    change_made: str | None
    answered_at: datetime | None
    overdue: bool
    actions: frozenset[str] = frozenset()  # what the reader may do now: claim, answer, …


@dataclass(frozen=True)
class VoiceInfo:
    id: int
    recorded_at: datetime
    business_day: date
    kind: VoiceKind
    channel: Channel
    topics: tuple[str, ...]
    text: str
    reply_wanted: bool
    reply_method: ReplyMethod | None
    personal_data: tuple[str, ...]
    status: VoiceStatus
    recorded_by: str
    wait_minutes: int | None
    window: int | None
    ticket_number: str | None
    visit_number: str | None
    resident_linked: bool
    routings: tuple[RoutingInfo, ...] = ()


@dataclass(frozen=True)
class VoiceAction:
    at: datetime
    login: str
    department_id: str | None
    action: str
    note: str | None


@dataclass(frozen=True)
class LetterInfo:
    id: int
    written_at: datetime
    author_name: str
    title: str
    body: str
    voice_ids: tuple[int, ...]
    status: LetterStatus
    status_reason: str | None
    supporters: int
    supported_by_me: bool
    may_support: bool  # the reader is not its author (nobody supports their own)
    comments: tuple[LetterComment, ...] = ()
    transitions: tuple[LetterTransition, ...] = ()
    moves: frozenset[LetterStatus] = field(default_factory=frozenset)  # for the reader


@dataclass(frozen=True)
class LetterComment:
    at: datetime
    author_name: str
    text: str


@dataclass(frozen=True)
class LetterTransition:
    at: datetime
    login: str
    from_status: LetterStatus
    to_status: LetterStatus
    reason: str
