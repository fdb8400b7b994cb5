"""Turns each described household into rows for every table of the register and departments."""

from __future__ import annotations

from .batch import RowBatch
from .childcare import add_childcare_rows
from .context import DemoContext
from .desk_records import add_desk_rows
from .disabilities import add_handbook_rows
from .insurance import add_insurance_rows
from .model import Household
from .pension import add_pension_rows
from .registers import add_card_seal_and_tax_rows
from .resident_rows import add_household_and_resident_rows
from .support_measures import SupportMeasures


class RowBuilder:
    """Adds the rows of each household to a batch; at the end, what only the whole city decides."""

    def __init__(self, ctx: DemoContext) -> None:
        self._ctx = ctx
        self._support_measures = SupportMeasures(ctx)

    def add(self, household: Household, batch: RowBatch) -> None:
        ctx, rows = self._ctx, batch.rows
        add_household_and_resident_rows(household, rows, ctx)
        add_card_seal_and_tax_rows(household, rows, ctx)
        add_insurance_rows(household, rows, ctx)
        add_pension_rows(household, rows, ctx)
        add_childcare_rows(household, rows, ctx)
        add_handbook_rows(household, rows, ctx)
        add_desk_rows(household, rows, ctx)
        self._support_measures.consider(household, rows)
        batch.residents += len(household.members)

    def finish(self, batch: RowBatch, residents: int) -> None:
        self._support_measures.ensure_one(batch.rows, residents)
