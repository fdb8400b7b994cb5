"""What the statistics keep beside the rows they count, written by database triggers as
the rows are stored, so that a year is counted without reading every row's details again:
each stored form's fields by source (migration 0016) and each procedure's routing summed
from its log (migration 0018). Each ticket's minutes live on the ticket (migration 0017).
The app never writes these."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UtcDateTime


class VisitFormSources(Base):
    """How many fields of one visit form came from each source (counter_app.forms.Source);
    deleted with the form."""

    __tablename__ = "visit_form_sources"

    visit_form_id: Mapped[int] = mapped_column(
        ForeignKey("visit_forms.id", ondelete="CASCADE"), primary_key=True
    )
    records: Mapped[int] = mapped_column(Integer)
    clerk: Mapped[int] = mapped_column(Integer)
    computed: Mapped[int] = mapped_column(Integer)
    document: Mapped[int] = mapped_column(Integer)
    resident: Mapped[int] = mapped_column(Integer)


class ProcedureRouting(Base):
    """One procedure's log summed: its first routing, its first decision (approved or
    rejected) and its returns (差戻し); deleted with the procedure."""

    __tablename__ = "procedure_routing"

    visit_procedure_id: Mapped[int] = mapped_column(
        ForeignKey("visit_procedures.id", ondelete="CASCADE"), primary_key=True
    )
    routed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    returns: Mapped[int] = mapped_column(Integer)
