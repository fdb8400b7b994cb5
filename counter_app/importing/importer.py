"""`import_residents`: read, validate every row, then upsert all of them in one unit of work
with one audit entry; a file with any problem writes nothing."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tqdm import tqdm

from .. import clock
from ..app import CounterApp
from ..errors import CounterAppError, ErrorCode
from ..permissions import Actor
from ..security.keyring import session_keys
from ..services import audit
from .encoding import check_encoding
from .report import ImportRejected
from .residents import WriteCounts, write_rows
from .validation import parse_file

PROGRESS_FROM_ROWS = 10_000
AUDIT_ACTION = "residents.import"


@dataclass(frozen=True)
class ImportResult:
    rows: int
    inserted: int
    updated: int
    households: int
    encoding: str
    seconds: float


def import_residents(
    app: CounterApp,
    path: Path,
    actor: Actor,
    *,
    encoding: str = "auto",
    progress: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Raises ImportRejected (listing every problem) or CounterAppError; on either, the
    database is as it was. Dates after `today` (default: the PC's date) are refused where
    they mean the past."""
    started = time.perf_counter()
    file = check_encoding(path, encoding)
    used = file.encoding
    show = progress and file.line_breaks >= PROGRESS_FROM_ROWS
    with _bar(show, file.line_breaks, "検査") as bar, file.open() as stream:
        try:
            parsed = parse_file(stream, today or clock.today(), bar.update if show else None)
        except UnicodeDecodeError as exc:  # the file changed after its encoding was checked
            raise CounterAppError(
                ErrorCode.IMPORT_FILE_UNREADABLE, path=path, detail=str(exc)
            ) from exc
    if parsed.problems:
        raise ImportRejected(path, parsed.problems)
    with app.db.write() as session, _bar(show, len(parsed.rows), "取込") as bar:
        outcome = write_rows(
            session.connection(),
            parsed.rows,
            parsed.columns,
            session_keys(session),
            bar.update if show else None,
        )
        if not isinstance(outcome, WriteCounts):
            raise ImportRejected(path, outcome)  # leaving the unit of work rolls back
        audit.append(
            session,
            actor,
            AUDIT_ACTION,
            subject_type="import_file",
            subject_id=path.name,
            detail={
                "file": path.name,
                "encoding": used,
                "rows": len(parsed.rows),
                "inserted": outcome.inserted,
                "updated": outcome.updated,
                "households": outcome.households,
            },
        )
    return ImportResult(
        rows=len(parsed.rows),
        inserted=outcome.inserted,
        updated=outcome.updated,
        households=outcome.households,
        encoding=used,
        seconds=time.perf_counter() - started,
    )


def _bar(show: bool, total: int, label: str) -> tqdm:
    return tqdm(total=total, unit="行", desc=label, disable=not show, file=sys.stderr, leave=False)
