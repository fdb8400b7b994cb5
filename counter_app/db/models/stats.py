"""What the statistics keep beside the rows they count: each stored form's fields by
source, written by a database trigger as the form is stored (migration 0015), so that a
year of forms is summed without reading their JSON again."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


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
