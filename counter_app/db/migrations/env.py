"""Alembic environment, configured in code (no alembic.ini): see counter_app.db.migrate."""

from __future__ import annotations

from alembic import context

from counter_app.db.models import Base
from counter_app.db.models.base import UtcDateTime
from counter_app.db.models.voices import is_schema_object


def render_item(kind, obj, autogen_context):
    """Migrations stay free of app types: UtcDateTime is written as sa.DateTime."""
    if kind == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    render_item=render_item,
    include_object=is_schema_object,
)
with context.begin_transaction():
    context.run_migrations()
