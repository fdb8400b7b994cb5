"""Tables the database itself keeps append-only, for the migrations that make them so.

SQLite: a trigger per table and event (UPDATE, DELETE) that aborts. PostgreSQL: one
plpgsql function raising `message`, called by a row trigger on UPDATE or DELETE and a
statement trigger on TRUNCATE of each table. The trigger names are part of the schema
(`…_no_update`, `…_no_delete`; `…_no_change`, `…_no_truncate`): a migration that made
them keeps passing the same names and `function` to drop them again.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


def make_append_only(tables: Sequence[str], function: str, message: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in tables:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {name}_no_{event.lower()} BEFORE {event} ON {name} "
                    f"BEGIN SELECT RAISE(ABORT, '{name} is append-only'); END"
                )
        return
    quoted = message.replace("'", "''")
    op.execute(
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{quoted}'; END $$"
    )
    for name in tables:
        op.execute(
            f"CREATE TRIGGER {name}_no_change BEFORE UPDATE OR DELETE ON {name} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        op.execute(
            f"CREATE TRIGGER {name}_no_truncate BEFORE TRUNCATE ON {name} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def drop_append_only(tables: Sequence[str], function: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in tables:
            op.execute(f"DROP TRIGGER IF EXISTS {name}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {name}_no_delete")
        return
    for name in tables:
        op.execute(f"DROP TRIGGER IF EXISTS {name}_no_change ON {name}")
        op.execute(f"DROP TRIGGER IF EXISTS {name}_no_truncate ON {name}")
    op.execute(f"DROP FUNCTION IF EXISTS {function}()")
