"""個人番号 at rest: sealed with the key file's MY_NUMBER key and bound to its resident.

    row = my_number_row(ring, resident_id, "123456789018")    # what a writer inserts
    numbers = load_my_numbers(session, [resident_id, …])      # what a reader gets back

The resident's id is the sealed value's context, so a value copied to another resident's
row does not open. A value that does not open (altered, or sealed with a key this file
lacks) is an error for that one resident, logged, never for a whole screen: readers of
several residents get the others' numbers and the ids that did not open.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..db.models import ResidentMyNumber
from ..errors import CounterAppError, ErrorCode
from .keyring import KeyRing, Purpose, session_keys

log = logging.getLogger(__name__)

CHUNK = 5_000  # rows per round trip when every number is sealed again
table = ResidentMyNumber.__table__


def my_number_context(resident_id: int) -> str:
    return f"resident:{resident_id}"


def seal_my_number(ring: KeyRing, resident_id: int, number: str) -> str:
    return ring.seal(Purpose.MY_NUMBER, number, context=my_number_context(resident_id))


def my_number_row(ring: KeyRing, resident_id: int, number: str) -> dict[str, object]:
    """A `resident_my_numbers` row for Core inserts and COPY."""
    return {"resident_id": resident_id, "sealed": seal_my_number(ring, resident_id, number)}


def open_my_number(ring: KeyRing, resident_id: int, sealed: str) -> str:
    """The number, or MY_NUMBER_UNREADABLE (logged, without the value)."""
    try:
        return ring.unseal(Purpose.MY_NUMBER, sealed, context=my_number_context(resident_id))
    except CounterAppError as error:
        if error.code not in (ErrorCode.KEY_CANNOT_OPEN, ErrorCode.KEY_UNKNOWN):
            raise
        key_id = _shown_key_id(sealed)
        log.error("resident %s: the sealed My Number does not open (key %s)", resident_id, key_id)
        raise CounterAppError(
            ErrorCode.MY_NUMBER_UNREADABLE, resident_id=resident_id, key_id=key_id
        ) from error


def _shown_key_id(sealed: str) -> str:
    """The key id a sealed value names, fit for a message even when the value was forged."""
    key_id = sealed.partition(":")[0]
    return key_id if key_id.isprintable() and 0 < len(key_id) <= 40 else "?"


@dataclass(frozen=True)
class MyNumbers:
    opened: dict[int, str]  # resident id → My Number
    unreadable: frozenset[int]  # residents whose sealed value does not open

    def get(self, resident_id: int) -> str | None:
        return self.opened.get(resident_id)


def load_my_numbers(session: Session, resident_ids: Iterable[int]) -> MyNumbers:
    """The My Numbers of these residents (those who have one), opened with the unit of
    work's key ring: the deliberate read, for a caller that logs why."""
    ids = list(resident_ids)
    ring = session_keys(session)
    opened: dict[int, str] = {}
    unreadable: set[int] = set()
    rows = session.execute(
        select(ResidentMyNumber.resident_id, ResidentMyNumber.sealed).where(
            ResidentMyNumber.resident_id.in_(ids)
        )
    )
    for resident_id, sealed in rows:
        try:
            opened[resident_id] = open_my_number(ring, resident_id, sealed)
        except CounterAppError as error:
            if error.code is not ErrorCode.MY_NUMBER_UNREADABLE:
                raise
            unreadable.add(resident_id)
    return MyNumbers(opened, frozenset(unreadable))


def load_my_number(session: Session, resident_id: int) -> str | None:
    """One resident's My Number; None when none is recorded, MY_NUMBER_UNREADABLE when it
    does not open."""
    sealed = session.scalar(
        select(ResidentMyNumber.sealed).where(ResidentMyNumber.resident_id == resident_id)
    )
    if sealed is None:
        return None
    return open_my_number(session_keys(session), resident_id, sealed)


@dataclass(frozen=True)
class Resealed:
    resealed: int
    unreadable: tuple[int, ...]  # left as they were: they open with no key of this file


def reseal_my_numbers(session: Session, ring: KeyRing) -> Resealed:
    """Seal every My Number again with `ring`'s current key, inside the caller's unit of
    work (a key rotation). Values that do not open are left as they are and named."""
    resealed, unreadable = 0, []
    after = -1
    statement = (
        update(table)
        .where(table.c.resident_id == bindparam("b_resident_id"))
        .values(sealed=bindparam("b_sealed"))
    )
    while True:
        chunk = session.execute(
            select(table.c.resident_id, table.c.sealed)
            .where(table.c.resident_id > after)
            .order_by(table.c.resident_id)
            .limit(CHUNK)
        ).all()
        if not chunk:
            return Resealed(resealed, tuple(unreadable))
        after = chunk[-1].resident_id
        changed = []
        for resident_id, sealed in chunk:
            try:
                number = open_my_number(ring, resident_id, sealed)
            except CounterAppError as error:
                if error.code is not ErrorCode.MY_NUMBER_UNREADABLE:
                    raise
                unreadable.append(resident_id)
                continue
            changed.append(
                {
                    "b_resident_id": resident_id,
                    "b_sealed": seal_my_number(ring, resident_id, number),
                }
            )
        if changed:
            session.connection().execute(statement, changed)
            resealed += len(changed)
