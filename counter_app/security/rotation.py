"""Rotating the key: a new current key in this PC's key file, recorded by the database, and
every My Number sealed again with it.

The file is written first (atomically, every older key kept: what they sealed or signed
must still open and verify), then one unit of work records the new key, seals every My
Number again and writes the audit entry. If that unit of work fails, the file is put back
as it was, so the file never lacks a key the database relies on. From then on the
database's newest key is one only this PC holds: the other PCs are refused
(KEY_FILE_OUTDATED) until they are given the new file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..db.engine import Database
from ..permissions import Actor, Permission, require
from ..services import audit
from .keyring import save_key_file
from .my_numbers import reseal_my_numbers
from .registry import register_key_ring

KEYS_ROTATED = "keys.rotated"


@dataclass(frozen=True)
class Rotation:
    path: Path
    previous_key_id: str
    key_id: str
    resealed: int  # My Numbers now sealed with the new key
    unreadable: tuple[int, ...]  # residents whose My Number opened with no key: left as it was


def rotate_keys(db: Database, actor: Actor) -> Rotation:
    """Add a key to the key file of `db`'s ring and make it the database's current one."""
    require(actor, Permission.MANAGE_SETTINGS)
    old = db.keys
    if old is None or old.path is None:
        raise RuntimeError("rotating needs the key ring loaded from this PC's key file")
    new = old.with_new_key()
    save_key_file(old.path, new)
    try:
        with Database(db.engine, new).write() as session:
            register_key_ring(session, new)
            resealed = reseal_my_numbers(session, new)
            audit.append(
                session,
                actor,
                KEYS_ROTATED,
                subject_type="key",
                subject_id=new.current.id,
                detail={
                    "previous": old.current.id,
                    "my_numbers_resealed": resealed.resealed,
                    "my_numbers_unreadable": len(resealed.unreadable),
                },
            )
    except BaseException:
        save_key_file(old.path, old)
        raise
    return Rotation(
        old.path, old.current.id, new.current.id, resealed.resealed, resealed.unreadable
    )
