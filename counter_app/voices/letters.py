"""Staff letters (職員からの手紙): improvement proposals every member of staff writes and
reads; colleagues support them (+1, withdrawn again) and comment; 業務改革担当
(Permission.DECIDE_LETTERS) moves them 受付 → 検討中 → 採用 / 不採用 → 実施済み, each
move with its reason, kept in `letter_transitions` (append-only) for everyone to see.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..changes.feed import Topic, publish
from ..clock import utcnow
from ..db.engine import Database
from ..db.models import LetterComment as LetterCommentRow
from ..db.models import LetterSupport, StaffLetter, Voice
from ..db.models import LetterTransition as LetterTransitionRow
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor, Permission, require
from . import (
    LETTER_MOVES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    LetterComment,
    LetterInfo,
    LetterStatus,
    LetterTransition,
    label,
)
from .text_rules import checked_text


class LetterService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def write(
        self, actor: Actor, title: str, body: str, voice_ids: Iterable[int] = ()
    ) -> LetterInfo:
        require(actor, Permission.VOICES)
        title = checked_text(title, "件名", MAX_TITLE_CHARS)
        body = checked_text(body, "提案内容", MAX_TEXT_CHARS)
        voice_ids = list(dict.fromkeys(voice_ids))
        with self._db.write() as session:
            found = set(session.scalars(select(Voice.id).where(Voice.id.in_(voice_ids))))
            for voice_id in voice_ids:
                if voice_id not in found:
                    raise CounterAppError(ErrorCode.VOICE_NOT_FOUND, voice=voice_id)
            letter = StaffLetter(
                written_at=utcnow(),
                author_id=actor.user_id,
                author_login=actor.login,
                author_name=actor.display_name,
                title=title,
                body=body,
                voice_ids=json.dumps(voice_ids),
                status=LetterStatus.RECEIVED.value,
                updated_at=utcnow(),
            )
            session.add(letter)
            session.flush()
            _published(session, actor, letter)
            return _info(session, letter, actor, full=True)

    def list(self, actor: Actor, status: LetterStatus | None = None) -> list[LetterInfo]:
        """Every letter, the most supported first, then the newest."""
        require(actor, Permission.VOICES)
        with self._db.read() as session:
            supporters = (
                select(LetterSupport.letter_id, func.count().label("n"))
                .group_by(LetterSupport.letter_id)
                .subquery()
            )
            statement = (
                select(StaffLetter)
                .outerjoin(supporters, supporters.c.letter_id == StaffLetter.id)
                .order_by(func.coalesce(supporters.c.n, 0).desc(), StaffLetter.id.desc())
            )
            if status is not None:
                statement = statement.where(StaffLetter.status == status.value)
            return [_info(session, letter, actor) for letter in session.scalars(statement)]

    def get(self, actor: Actor, letter_id: int) -> LetterInfo:
        require(actor, Permission.VOICES)
        with self._db.read() as session:
            return _info(session, _letter(session, letter_id), actor, full=True)

    def support(self, actor: Actor, letter_id: int, supported: bool = True) -> LetterInfo:
        """Add the actor's +1 (or take it back); once per person, never the author's own."""
        require(actor, Permission.VOICES)
        with self._db.write() as session:
            letter = _letter(session, letter_id)
            mine = session.get(LetterSupport, (letter.id, actor.user_id))
            if supported and mine is None and letter.author_id != actor.user_id:
                session.add(LetterSupport(letter_id=letter.id, user_id=actor.user_id, at=utcnow()))
            elif not supported and mine is not None:
                session.execute(
                    delete(LetterSupport).where(
                        LetterSupport.letter_id == letter.id,
                        LetterSupport.user_id == actor.user_id,
                    )
                )
            session.flush()
            _published(session, actor, letter)
            return _info(session, letter, actor, full=True)

    def comment(self, actor: Actor, letter_id: int, text: str) -> LetterInfo:
        require(actor, Permission.VOICES)
        text = checked_text(text, "コメント", MAX_TEXT_CHARS)
        with self._db.write() as session:
            letter = _letter(session, letter_id)
            session.add(
                LetterCommentRow(
                    letter_id=letter.id,
                    at=utcnow(),
                    user_id=actor.user_id,
                    login=actor.login,
                    author_name=actor.display_name,
                    text=text,
                )
            )
            session.flush()
            _published(session, actor, letter)
            return _info(session, letter, actor, full=True)

    def move(self, actor: Actor, letter_id: int, target: LetterStatus, reason: str) -> LetterInfo:
        """業務改革担当 moves the letter along LETTER_MOVES, with a reason everyone reads."""
        require(actor, Permission.DECIDE_LETTERS)
        reason = (reason or "").strip()
        if not reason:
            raise CounterAppError(ErrorCode.LETTER_REASON_REQUIRED)
        reason = checked_text(reason, "理由", MAX_TEXT_CHARS)
        with self._db.write() as session:
            letter = _letter(session, letter_id, lock=True)
            current = LetterStatus(letter.status)
            if target not in LETTER_MOVES[current]:
                allowed = "、".join(label(s) for s in LETTER_MOVES[current]) or "なし"
                raise CounterAppError(
                    ErrorCode.LETTER_MOVE_INVALID,
                    current=label(current),
                    target=label(target),
                    allowed=allowed,
                )
            now = utcnow()
            session.add(
                LetterTransitionRow(
                    letter_id=letter.id,
                    at=now,
                    user_id=actor.user_id,
                    login=actor.login,
                    from_status=current.value,
                    to_status=target.value,
                    reason=reason,
                )
            )
            letter.status, letter.status_reason, letter.updated_at = target.value, reason, now
            session.flush()
            _published(session, actor, letter)
            return _info(session, letter, actor, full=True)


def _letter(session: Session, letter_id: int, *, lock: bool = False) -> StaffLetter:
    letter = session.get(StaffLetter, letter_id, with_for_update=lock)
    if letter is None:
        raise CounterAppError(ErrorCode.LETTER_NOT_FOUND, letter=letter_id)
    return letter


def _published(session: Session, actor: Actor, letter: StaffLetter) -> None:
    publish(session, Topic.LETTER, letter.id, terminal=actor.terminal)


def _info(session: Session, letter: StaffLetter, actor: Actor, *, full: bool = False) -> LetterInfo:
    supporters = set(
        session.scalars(select(LetterSupport.user_id).where(LetterSupport.letter_id == letter.id))
    )
    status = LetterStatus(letter.status)
    comments: tuple[LetterComment, ...] = ()
    transitions: tuple[LetterTransition, ...] = ()
    if full:
        comments = tuple(
            LetterComment(row.at, row.author_name, row.text)
            for row in session.scalars(
                select(LetterCommentRow)
                .where(LetterCommentRow.letter_id == letter.id)
                .order_by(LetterCommentRow.id)
            )
        )
        transitions = tuple(
            LetterTransition(
                row.at,
                row.login,
                LetterStatus(row.from_status),
                LetterStatus(row.to_status),
                row.reason,
            )
            for row in session.scalars(
                select(LetterTransitionRow)
                .where(LetterTransitionRow.letter_id == letter.id)
                .order_by(LetterTransitionRow.id)
            )
        )
    return LetterInfo(
        id=letter.id,
        written_at=letter.written_at,
        author_name=letter.author_name,
        title=letter.title,
        body=letter.body,
        voice_ids=tuple(json.loads(letter.voice_ids or "[]")),
        status=status,
        status_reason=letter.status_reason,
        supporters=len(supporters),
        supported_by_me=actor.user_id in supporters,
        may_support=letter.author_id != actor.user_id,
        comments=comments,
        transitions=transitions,
        moves=LETTER_MOVES[status] if actor.can(Permission.DECIDE_LETTERS) else frozenset(),
    )
