"""Which key file belongs to which database.

The database records, for each key it has seen, the key's id and a check value
(`KeyRing.check_value`): never the key. When a PC opens the database, its key file must
hold the newest key recorded there and agree with every check value it shares, so a PC
with another office's file, a stale copy after a rotation, or a new file made by mistake
is refused before it seals or signs anything.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

from ..errors import CounterAppError, ErrorCode
from ..services import settings
from .keyring import KeyRing, create_key_file, load_key_file

REGISTERED_KEYS = "security.keys"  # app_settings: [[key_id, check_value], …], oldest first


def registered_keys(session: Session) -> list[tuple[str, str]]:
    raw = settings.get_setting(session, REGISTERED_KEYS)
    return [(str(key_id), str(check)) for key_id, check in json.loads(raw)] if raw else []


def check_key_ring(ring: KeyRing, registered: list[tuple[str, str]]) -> None:
    """KEY_FILE_MISMATCH or KEY_FILE_OUTDATED unless `ring` is this database's."""
    for key_id, check in registered:
        if ring.has(key_id) and ring.check_value(key_id) != check:
            raise CounterAppError(ErrorCode.KEY_FILE_MISMATCH, path=ring.path, key_id=key_id)
    if not registered:
        return
    if not any(ring.has(key_id) for key_id, _ in registered):
        raise CounterAppError(ErrorCode.KEY_FILE_MISMATCH, path=ring.path, key_id=ring.current.id)
    newest = registered[-1][0]
    if not ring.has(newest):
        raise CounterAppError(ErrorCode.KEY_FILE_OUTDATED, path=ring.path, key_id=newest)


def register_key_ring(session: Session, ring: KeyRing) -> None:
    """Check `ring` against the database and record the keys it does not know yet."""
    registered = registered_keys(session)
    check_key_ring(ring, registered)
    known = {key_id for key_id, _ in registered}
    added = [(key.id, ring.check_value(key.id)) for key in ring.keys if key.id not in known]
    if added:
        settings.set_setting(session, REGISTERED_KEYS, json.dumps(registered + added))


def _registered_before_upgrade(engine: Engine) -> list[tuple[str, str]]:
    """The keys a database records, read before its schema is brought up to date (a new
    database has no settings table yet)."""
    if not inspect(engine).has_table("app_settings"):
        return []
    with Session(engine) as session:
        return registered_keys(session)


def open_key_ring(engine: Engine, path) -> KeyRing:
    """This PC's key ring for the database behind `engine`, checked against it.

    A missing file is created only for a database that has no key yet (a new city, the
    demo); once a database has one, every PC must be given a copy of the file
    (KEY_FILE_MISSING), never a new one."""
    registered = _registered_before_upgrade(engine)
    try:
        ring = load_key_file(path)
    except CounterAppError as error:
        if error.code is not ErrorCode.KEY_FILE_MISSING or registered:
            raise
        ring = create_key_file(path)
    check_key_ring(ring, registered)
    return ring
