"""The upsert: households by 世帯番号, residents by 宛名番号, My Numbers by resident, all with
batched Core statements inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from sqlalchemy import (
    Connection,
    MetaData,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)

from ..db.models import Household, Resident, ResidentMyNumber
from ..db.models.base import utcnow
from ..errors import ErrorCode
from ..search.keys import household_search_keys, phone_key, resident_search_keys
from ..security.keyring import KeyRing
from ..security.my_numbers import my_number_row
from .csv_layout import HOUSEHOLD, MY_NUMBER, Column
from .report import Problem
from .validation import ParsedRow

CHUNK = 500  # values per IN (...) list, well under every driver's parameter limit
households = Household.__table__
residents = Resident.__table__
my_numbers = ResidentMyNumber.__table__


@dataclass(frozen=True)
class WriteCounts:
    inserted: int
    updated: int
    households: int


def write_rows(
    connection: Connection,
    rows: list[ParsedRow],
    columns: tuple[Column, ...],
    keys: KeyRing,
    on_written: Callable[[int], None] | None = None,
) -> WriteCounts | list[Problem]:
    """Upsert `rows`, My Numbers sealed with `keys`; returns the counts, or the problems
    that only the database reveals (a 住民票コード held by a resident the file does not
    list), having written nothing."""
    problems = _taken_codes(connection, rows)
    if problems:
        return problems
    now = utcnow()
    household_ids = _upsert_households(connection, rows, now)
    existing = _existing_residents(connection, [row.resident["atena_no"] for row in rows])
    present = {column.field for column in columns if column.target not in (HOUSEHOLD, MY_NUMBER)}
    new_rows, old_rows = [], []
    for row in rows:
        values = _resident_values(row, present, household_ids[row.household_no], now)
        if row.resident["atena_no"] in existing:
            old_rows.append((row, values))
        else:
            new_rows.append({"status": "resident", "voter_registered": False, **values})
    left_households = _update_residents(connection, old_rows, existing)
    if on_written is not None:
        on_written(len(old_rows))
    resident_ids = {atena_no: known[0] for atena_no, known in existing.items()}
    resident_ids.update(_insert(connection, residents.c.atena_no, new_rows, on_written))
    _replace_my_numbers(connection, rows, existing, resident_ids, keys)
    _delete_empty_households(connection, left_households)
    return WriteCounts(len(new_rows), len(old_rows), len(household_ids))


def _chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _taken_codes(connection: Connection, rows: list[ParsedRow]) -> list[Problem]:
    line_of = {
        row.resident["juminhyo_code"]: row for row in rows if row.resident.get("juminhyo_code")
    }
    atena_in_file = {row.resident["atena_no"] for row in rows}
    problems = []
    for chunk in _chunks(line_of):
        holders = connection.execute(
            select(residents.c.juminhyo_code, residents.c.atena_no).where(
                residents.c.juminhyo_code.in_(chunk)
            )
        )
        for code, atena_no in holders:
            row = line_of[code]
            if atena_no not in atena_in_file:
                problems.append(
                    Problem(
                        row.line,
                        "住民票コード",
                        ErrorCode.IMPORT_CODE_TAKEN,
                        {"atena_no": atena_no},
                    )
                )
    return problems


def _upsert_households(
    connection: Connection, rows: list[ParsedRow], now: datetime
) -> dict[str, int]:
    """世帯番号 → households.id, after updating the known ones and inserting the new ones."""
    wanted: dict[str, dict[str, object]] = {}
    for row in rows:
        if row.household_no not in wanted:
            household = row.household
            wanted[row.household_no] = {
                "postal_code": household.get("postal_code"),
                "address": household["address"],
                "katagaki": household.get("katagaki"),
                **household_search_keys(str(household["address"]), household.get("katagaki")),
            }
    ids = _ids_by(connection, households.c.household_no, list(wanted))
    updates = [{"b_id": ids[no], **values} for no, values in wanted.items() if no in ids]
    if updates:
        _update(connection, households, updates)
    inserts = [
        {
            "household_no": no,
            "created_at": now,
            "school_district": None,
            "address_code": None,
            **values,
        }
        for no, values in wanted.items()
        if no not in ids
    ]
    ids.update(_insert(connection, households.c.household_no, inserts))
    return ids


def _insert(
    connection: Connection,
    key_column,
    rows: list[dict],
    on_written: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Insert `rows` in batches; returns key → new id. The ids come back by RETURNING on
    SQLite; PostgreSQL draws them from the table's sequence first and takes the rows by COPY
    (psycopg spends most of a multi-row INSERT parsing its parameters)."""
    table = key_column.table
    ids: dict[str, int] = {}
    postgres = connection.dialect.name == "postgresql"
    if postgres and rows:
        _sequence_past_max_id(connection, table)
    statement = insert(table).returning(key_column, table.c.id)
    for chunk in _chunks(rows, 5_000):
        if postgres:
            chunk = _with_new_ids(connection, table, chunk)
            _copy(connection, table, chunk)
            ids.update((row[key_column.name], row["id"]) for row in chunk)
        else:
            ids.update(connection.execute(statement, chunk).all())
        if on_written is not None:
            on_written(len(chunk))
    return ids


def _sequence_past_max_id(connection: Connection, table: Table) -> None:
    """Rows written with explicit ids (the demo city's COPY) leave the sequence behind them;
    move it past the highest id, never backwards."""
    sequence = func.pg_get_serial_sequence(table.name, "id")
    highest = select(func.coalesce(func.max(table.c.id), 0)).scalar_subquery()
    connection.execute(
        select(func.setval(sequence, func.greatest(func.nextval(sequence), highest)))
    )


def _with_new_ids(connection: Connection, table: Table, rows: list[dict]) -> list[dict]:
    sequence = func.pg_get_serial_sequence(table.name, "id")
    new_ids = connection.scalars(
        select(func.nextval(sequence)).select_from(func.generate_series(1, len(rows)))
    ).all()
    return [{"id": new_id, **row} for new_id, row in zip(new_ids, rows, strict=True)]


def _copy(connection: Connection, table: Table, rows: list[dict]) -> None:
    columns = list(rows[0])
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[column] for column in columns])


def _ids_by(connection: Connection, key_column, keys: list) -> dict:
    table = key_column.table
    found = {}
    for chunk in _chunks(keys):
        found.update(
            connection.execute(select(key_column, table.c.id).where(key_column.in_(chunk))).all()
        )
    return found


def _existing_residents(connection: Connection, atena_nos: list) -> dict[str, tuple]:
    """宛名番号 → (id, household_id, 住民票コード) of the residents already registered."""
    found = {}
    columns = (
        residents.c.atena_no,
        residents.c.id,
        residents.c.household_id,
        residents.c.juminhyo_code,
    )
    for chunk in _chunks(atena_nos):
        for atena_no, *rest in connection.execute(
            select(*columns).where(residents.c.atena_no.in_(chunk))
        ):
            found[atena_no] = tuple(rest)
    return found


def _resident_values(
    row: ParsedRow, present: set[str], household_id: int, now: datetime
) -> dict[str, object]:
    person = row.resident
    values = {name: person[name] for name in present}
    if "voter_registered" in values and values["voter_registered"] is None:
        values["voter_registered"] = False
    if "contact_phone" in present:
        values["phone_key"] = phone_key(person["contact_phone"])  # type: ignore[arg-type]
    values.update(
        household_id=household_id,
        updated_at=now,
        **resident_search_keys(
            str(person["surname_kanji"]),
            str(person["given_name_kanji"]),
            str(person["surname_kana"]),
            str(person["given_name_kana"]),
        ),
    )
    return values


def _update_residents(
    connection: Connection, old_rows: list[tuple[ParsedRow, dict]], existing: dict[str, tuple]
) -> set[int]:
    """Update the registered residents; returns the households some of them left."""
    if not old_rows:
        return set()
    left: set[int] = set()
    code_changes = []
    updates = []
    for row, values in old_rows:
        resident_id, household_id, code = existing[row.resident["atena_no"]]
        if household_id != values["household_id"]:
            left.add(household_id)
        if "juminhyo_code" in values and code is not None and code != values["juminhyo_code"]:
            code_changes.append({"b_id": resident_id})
        updates.append({"b_id": resident_id, **values})
    statement = update(residents).where(residents.c.id == bindparam("b_id"))
    if code_changes:  # free the old codes first, so two residents may swap theirs
        connection.execute(statement.values(juminhyo_code=None), code_changes)
    _update(connection, residents, updates)
    return left


def _update(connection: Connection, table: Table, rows: list[dict]) -> None:
    """UPDATE each row of `table` whose id is `b_id` with the row's other values: batched
    executemany on SQLite; on PostgreSQL one UPDATE … FROM a temporary table filled by COPY."""
    if connection.dialect.name != "postgresql":
        statement = update(table).where(table.c.id == bindparam("b_id"))
        for chunk in _chunks(rows, 5_000):
            connection.execute(statement, chunk)
        return
    columns = [name for name in rows[0] if name != "b_id"]
    staging = f"import_{table.name}"
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
        f"SELECT id AS b_id, {', '.join(columns)} FROM {table.name} WITH NO DATA"
    )
    _copy(connection, Table(staging, MetaData()), rows)
    assignments = ", ".join(f"{name} = s.{name}" for name in columns)
    connection.exec_driver_sql(
        f"UPDATE {table.name} SET {assignments} FROM {staging} s WHERE {table.name}.id = s.b_id"
    )
    connection.exec_driver_sql(f"DROP TABLE {staging}")


def _replace_my_numbers(
    connection: Connection,
    rows: list[ParsedRow],
    existing: dict[str, tuple],
    ids: dict[str, int],
    keys: KeyRing,
) -> None:
    """A 個人番号 in the file replaces the stored one; an empty cell leaves it as it is."""
    numbers = {row.resident["atena_no"]: row.my_number for row in rows if row.my_number}
    replaced = [ids[atena_no] for atena_no in numbers if atena_no in existing]
    for chunk in _chunks(replaced):
        connection.execute(delete(my_numbers).where(my_numbers.c.resident_id.in_(chunk)))
    values = [my_number_row(keys, ids[atena_no], number) for atena_no, number in numbers.items()]
    for chunk in _chunks(values, 5_000):
        connection.execute(insert(my_numbers), chunk)


def _delete_empty_households(connection: Connection, household_ids: set[int]) -> None:
    """A household everyone has left ceases to exist (世帯の消滅)."""
    member = exists().where(residents.c.household_id == households.c.id)
    for chunk in _chunks(household_ids):
        connection.execute(delete(households).where(households.c.id.in_(chunk), ~member))
