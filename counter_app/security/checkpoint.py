"""Checkpoints: where the chained logs ended at a moment, in a file kept outside the
database (another server, WORM storage), so that even someone holding the key file
cannot shorten or rewrite a log unseen (`counter-app audit verify --checkpoint FILE`).

    {"format": "counter-app-checkpoint/1",
     "database": "db.example:5432/counter",
     "taken_at": "2026-12-04T09:00:00.000000+00:00",
     "logs": {"audit_log": {"entries": 120, "last_id": 121, "digest": "…"},
              "procedure_actions": {"entries": 0, "last_id": null, "digest": "000…"}}}

No secret is in it: digests are HMACs, the database is named without its password.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import CounterAppError, ErrorCode
from .chain import CHAINED_LOGS, Mark

FORMAT = "counter-app-checkpoint/1"
MAX_BYTES = 1_000_000
STDOUT = "-"
_DIGEST = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Checkpoint:
    database: str
    taken_at: datetime
    marks: dict[str, Mark]  # by log (table) name


def checkpoint_text(checkpoint: Checkpoint) -> str:
    logs = {
        name: {"entries": mark.entries, "last_id": mark.last_id, "digest": mark.digest}
        for name, mark in checkpoint.marks.items()
    }
    document = {
        "format": FORMAT,
        "database": checkpoint.database,
        "taken_at": checkpoint.taken_at.isoformat(timespec="microseconds"),
        "logs": logs,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_checkpoint(path: str, checkpoint: Checkpoint) -> None:
    """Write a new file (never over an existing one: an old checkpoint is evidence), or
    standard output for `-`; CHECKPOINT_WRITE_FAILED naming why."""
    content = checkpoint_text(checkpoint)
    if path == STDOUT:
        sys.stdout.write(content)
        return
    try:
        with open(path, "x", encoding="utf-8") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
    except FileExistsError as exc:
        raise CounterAppError(ErrorCode.CHECKPOINT_EXISTS, path=path) from exc
    except OSError as exc:
        raise CounterAppError(
            ErrorCode.CHECKPOINT_WRITE_FAILED, path=path, detail=exc.strerror or str(exc)
        ) from exc


def read_checkpoint(path: Path) -> Checkpoint:
    """The checkpoint in `path`, or CHECKPOINT_INVALID saying what is wrong with it."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _invalid(path, exc.strerror or str(exc)) from exc
    if len(raw) > MAX_BYTES:
        raise _invalid(path, f"larger than {MAX_BYTES} bytes")
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise _invalid(path, "not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise _invalid(path, f"not JSON (line {exc.lineno})") from exc
    except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
        raise _invalid(path, "not JSON") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _invalid(path, f"not a {FORMAT} file")
    database, logs = document.get("database"), document.get("logs")
    if not isinstance(database, str):
        raise _invalid(path, "database: missing")
    if not isinstance(logs, dict):
        raise _invalid(path, "logs: missing")
    marks = {}
    for log in CHAINED_LOGS:
        try:
            marks[log.name] = _mark(logs.get(log.name))
        except ValueError as exc:
            raise _invalid(path, f"{log.name}: {exc}") from exc
    return Checkpoint(database, _time(path, document.get("taken_at")), marks)


def _mark(entry: object) -> Mark:
    if not isinstance(entry, dict):
        raise ValueError("missing")
    entries, last_id, digest = entry.get("entries"), entry.get("last_id"), entry.get("digest")
    if type(entries) is not int or entries < 0:
        raise ValueError("entries: not a count")
    if (last_id is None) != (entries == 0) or (last_id is not None and type(last_id) is not int):
        raise ValueError("last_id: not an entry id")
    if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
        raise ValueError("digest: not a SHA-256 digest")
    return Mark(entries, last_id, digest)


def _time(path: Path, value: object) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise _invalid(path, "taken_at: not a time") from exc


def _invalid(path: Path, detail: str) -> CounterAppError:
    return CounterAppError(ErrorCode.CHECKPOINT_INVALID, path=path, detail=detail)
