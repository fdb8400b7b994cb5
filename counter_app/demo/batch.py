"""Rows waiting to be written, one list per table, inserted in foreign-key order.

SQLite gets SQLAlchemy Core executemany inserts. PostgreSQL gets COPY through the psycopg
driver (SQLAlchemy has no COPY construct): the server's per-statement work is what limits a
PostgreSQL fill, and COPY halves it. Every value is already what psycopg adapts natively
(str, int, bool, date, aware datetime, None), so no SQLAlchemy type processing is skipped
that would change a value.
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

from ..db.models import (
    ChildAllowance,
    ChildAllowanceChild,
    ChildMedical,
    ChildSupport,
    DisabilityHandbook,
    HealthCover,
    Household,
    KoukiRecord,
    LtcRecord,
    MyNumberCard,
    NhiRecord,
    PensionRecord,
    Resident,
    ResidentMyNumber,
    SchoolEnrollment,
    SealRegistration,
    SingleParentMedical,
    SupportMeasure,
    TaxAssessment,
    TaxStatus,
)

Row = dict[str, object]

# Parents before the rows that point at them.
TABLES_IN_INSERT_ORDER: tuple[Table, ...] = tuple(
    model.__table__  # type: ignore[attr-defined]
    for model in (
        Household,
        Resident,
        ResidentMyNumber,
        HealthCover,
        NhiRecord,
        KoukiRecord,
        LtcRecord,
        PensionRecord,
        ChildAllowance,
        ChildAllowanceChild,
        ChildMedical,
        ChildSupport,
        SingleParentMedical,
        SchoolEnrollment,
        SealRegistration,
        MyNumberCard,
        DisabilityHandbook,
        TaxStatus,
        TaxAssessment,
        SupportMeasure,
    )
)


class RowBatch:
    """Rows of whole households: `batch.rows["residents"].append({...})`, then `write` once."""

    __slots__ = ("residents", "rows")

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {table.name: [] for table in TABLES_IN_INSERT_ORDER}
        self.residents = 0

    def write(self, connection: Connection) -> None:
        """Insert every row, inside the caller's transaction."""
        insert = _copy if connection.dialect.name == "postgresql" else _insert
        for table in TABLES_IN_INSERT_ORDER:
            rows = self.rows[table.name]
            if rows:
                insert(connection, table, rows)


def _insert(connection: Connection, table: Table, rows: list[Row]) -> None:
    connection.execute(table.insert(), rows)


def _copy(connection: Connection, table: Table, rows: list[Row]) -> None:
    columns = list(rows[0])
    values_of = itemgetter(*columns)
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    driver_error = connection.dialect.loaded_dbapi.Error
    try:
        with (
            connection.connection.driver_connection.cursor() as cursor,
            cursor.copy(statement) as copy,
        ):
            for row in rows:
                copy.write_row(values_of(row))
    except driver_error as exc:  # raised as SQLAlchemy raises it for an INSERT
        raise DBAPIError.instance(statement, None, exc, driver_error) from exc
