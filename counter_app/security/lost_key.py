"""When every copy of the key file is lost: a new key the database accepts in place of the
lost ones, so the office can work again and import its My Numbers anew.

What the lost keys sealed stays in the database but never opens again (the record shows
that its My Number cannot be opened, until an import from the core system replaces it);
what they signed can no longer be verified. The database records the new key as its newest,
so a lost copy that turns up later is refused (KEY_FILE_OUTDATED) rather than used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from ..db.engine import Database
from ..db.models import ResidentMyNumber
from ..permissions import Actor, Permission, require
from ..services import audit, settings
from .keyring import KeyRing, create_key_file
from .registry import REGISTERED_KEYS, registered_keys

KEYS_REPLACED_LOST = "keys.replaced_lost"


@dataclass(frozen=True)
class Replacement:
    path: Path
    key_id: str
    lost_key_ids: tuple[str, ...]
    unreadable_my_numbers: int  # sealed with a lost key: to import again


def replace_lost_keys(engine: Engine, path: Path, actor: Actor) -> Replacement:
    """A new key file at `path` (which must not exist), recorded by the database as its
    newest key, in one unit of work with its audit entry; the file is removed again if
    that unit of work fails."""
    require(actor, Permission.MANAGE_SETTINGS)
    ring = create_key_file(path)
    try:
        with Database(engine, ring).write() as session:
            registered = registered_keys(session)
            lost = tuple(key_id for key_id, _ in registered)
            settings.set_setting(
                session,
                REGISTERED_KEYS,
                json.dumps([*registered, (ring.current.id, ring.check_value(ring.current.id))]),
            )
            unreadable = _sealed_with_others(session, ring)
            audit.append(
                session,
                actor,
                KEYS_REPLACED_LOST,
                subject_type="key",
                subject_id=ring.current.id,
                detail={"lost": list(lost), "my_numbers_unreadable": unreadable},
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Replacement(path, ring.current.id, lost, unreadable)


def _sealed_with_others(session, ring: KeyRing) -> int:
    prefix = f"{ring.current.id}:"
    return session.scalar(
        select(func.count())
        .select_from(ResidentMyNumber)
        .where(func.substr(ResidentMyNumber.sealed, 1, len(prefix)) != prefix)
    )
