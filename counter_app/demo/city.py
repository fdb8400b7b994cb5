"""fill_demo_city: a realistic fictional city, みどり市, written into an empty database."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from tqdm import tqdm

from ..db.models import Resident
from ..errors import CounterAppError, ErrorCode
from ..security.keyring import KeyRing
from .batch import RowBatch
from .context import DemoContext
from .population import households
from .records import RowBuilder
from .writer import Finish, batch_writer

REFERENCE_DATE = date(2026, 11, 23)
BATCH_RESIDENTS = 10_000
PROGRESS_FROM_RESIDENTS = 10_000


@dataclass(frozen=True)
class DemoStats:
    residents: int
    households: int
    seconds: float


def fill_demo_city(
    engine: Engine,
    residents: int,
    seed: int = 1,
    progress: bool = True,
    reference_date: date = REFERENCE_DATE,
    finish: Finish | None = None,
    *,
    keys: KeyRing,
) -> DemoStats:
    """Insert `residents` people in households, with their department records; My Numbers
    are sealed with `keys` (the database's key ring).

    The same seed always gives the same city. The database must be migrated and hold no
    residents (else DEMO_NOT_EMPTY). The whole city, and what `finish(connection)` writes
    after it, is one transaction, so a fill that fails or is interrupted (killed even)
    leaves the database as it was.
    """
    if residents < 0:
        raise ValueError("residents must not be negative")
    started = time.perf_counter()
    _refuse_if_not_empty(engine)
    ctx = DemoContext.create(seed, reference_date, keys)
    rows = RowBuilder(ctx)
    household_count = 0
    show_progress = progress and residents >= PROGRESS_FROM_RESIDENTS
    with (
        tqdm(total=residents, unit="人", disable=not show_progress, file=sys.stderr) as bar,
        batch_writer(engine, lambda batch: bar.update(batch.residents), finish) as submit,
    ):
        batch = RowBatch()
        for household in households(ctx, residents):
            rows.add(household, batch)
            household_count += 1
            if batch.residents >= BATCH_RESIDENTS:
                submit(batch)
                batch = RowBatch()
        rows.finish(batch, residents)
        submit(batch)
    return DemoStats(residents, household_count, time.perf_counter() - started)


def _refuse_if_not_empty(engine: Engine) -> None:
    with engine.connect() as connection:
        if connection.execute(select(Resident.id).limit(1)).first() is not None:
            raise CounterAppError(ErrorCode.DEMO_NOT_EMPTY)
