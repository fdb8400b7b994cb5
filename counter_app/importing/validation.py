"""The validating pass over a decoded file: every cell parsed, every row and household
checked, every problem collected. Nothing is written here."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import ErrorCode
from .csv_layout import (
    COLUMNS,
    COLUMNS_BY_KEY,
    HOUSEHOLD,
    HOUSEHOLD_ADDRESS_COLUMNS,
    MY_NUMBER,
    RESIDENT,
    Column,
    header_key,
)
from .fields import HEAD, FieldError
from .report import Problem

Value = object


@dataclass(slots=True)
class ParsedRow:
    line: int
    resident: dict[str, Value]
    household_no: str
    household: dict[str, Value]
    my_number: str | None


@dataclass
class ParsedFile:
    """Rows in file order, the columns the header holds, and every problem found."""

    rows: list[ParsedRow] = field(default_factory=list)
    columns: tuple[Column, ...] = ()
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class _HouseholdSeen:
    first_line: int
    address: tuple[Value, ...] | None = None
    address_line: int = 0
    head_lines: list[int] = field(default_factory=list)


def parse_file(text: str, on_row: Callable[[], None] | None = None) -> ParsedFile:
    parsed = ParsedFile()
    records = _records(text)
    header = next(records, None)
    columns = _header(header[1] if header else [], parsed.problems)
    if columns is None:
        return parsed
    parsed.columns = tuple(column for column in columns if column is not None)
    checker = _RowChecker(parsed.problems)
    for line, cells in records:
        row = checker.check(line, cells, columns)
        if row is not None:
            parsed.rows.append(row)
        if on_row is not None:
            on_row()
    checker.finish()
    return parsed


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells), skipping blank lines; quoted cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    for cells in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield line, cells


def _header(cells: list[str], problems: list[Problem]) -> list[Column | None] | None:
    """The column of each position (None: not ours, ignored); None if a required one is missing."""
    columns: list[Column | None] = []
    seen: set[str] = set()
    for cell in cells:
        column = COLUMNS_BY_KEY.get(header_key(cell))
        if column is not None and column.name in seen:
            problems.append(Problem(1, column.name, ErrorCode.IMPORT_DUPLICATE_COLUMN))
            column = None
        if column is not None:
            seen.add(column.name)
        columns.append(column)
    for column in COLUMNS:
        if column.required and column.name not in seen:
            problems.append(Problem(1, column.name, ErrorCode.IMPORT_MISSING_COLUMN))
    return None if problems else columns


class _RowChecker:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.atena_lines: dict[str, int] = {}
        self.code_lines: dict[str, int] = {}
        self.households: dict[str, _HouseholdSeen] = {}

    def check(self, line: int, cells: list[str], columns: list[Column | None]) -> ParsedRow | None:
        if len(cells) != len(columns):
            self._add(
                line, None, ErrorCode.IMPORT_FIELD_COUNT, expected=len(columns), actual=len(cells)
            )
            return None
        values: dict[str, dict[str, Value]] = {RESIDENT: {}, HOUSEHOLD: {}, MY_NUMBER: {}}
        failed: set[str] = set()
        for column, cell in zip(columns, cells, strict=True):
            if column is None:
                continue
            value = cell.strip()
            if not value:
                if column.required:
                    self._add(line, column.name, ErrorCode.IMPORT_REQUIRED)
                    failed.add(column.target)
                values[column.target][column.field] = None
                continue
            try:
                values[column.target][column.field] = column.parse(value)
            except FieldError as error:
                self._add(line, column.name, error.code, **error.params)
                values[column.target][column.field] = None
                failed.add(column.target)
        resident, household = values[RESIDENT], values[HOUSEHOLD]
        self._unique(line, "宛名番号", resident.get("atena_no"), self.atena_lines)
        self._unique(line, "住民票コード", resident.get("juminhyo_code"), self.code_lines)
        household_no = household.pop("household_no")
        if household_no is not None:
            relationship = resident.get("relationship_to_head")
            address = None if HOUSEHOLD in failed else household
            self._household(line, str(household_no), address, relationship)
        if failed:
            return None
        return ParsedRow(
            line, resident, str(household_no), household, values[MY_NUMBER].get("my_number")
        )

    def finish(self) -> None:
        for household_no, seen in self.households.items():
            if not seen.head_lines:
                self._add(
                    seen.first_line, "続柄", ErrorCode.IMPORT_NO_HEAD, household_no=household_no
                )
            for line in seen.head_lines[1:]:
                self._add(
                    line,
                    "続柄",
                    ErrorCode.IMPORT_TWO_HEADS,
                    household_no=household_no,
                    first_line=seen.head_lines[0],
                )

    def _unique(self, line: int, name: str, value: Value, lines: dict[str, int]) -> None:
        if value is None:
            return
        first = lines.setdefault(str(value), line)
        if first != line:
            self._add(line, name, ErrorCode.IMPORT_DUPLICATE_KEY, value=value, first_line=first)

    def _household(
        self,
        line: int,
        household_no: str,
        household: dict[str, Value] | None,
        relationship: Value,
    ) -> None:
        """Heads counted; the address compared with the household's first readable one
        (`household` is None when one of its cells could not be read)."""
        seen = self.households.setdefault(household_no, _HouseholdSeen(line))
        if relationship == HEAD:
            seen.head_lines.append(line)
        if household is None:
            return
        address = (household.get("postal_code"), household["address"], household.get("katagaki"))
        if seen.address is None:
            seen.address, seen.address_line = address, line
        if address == seen.address:
            return
        differing = next(
            name
            for name, mine, theirs in zip(
                HOUSEHOLD_ADDRESS_COLUMNS, address, seen.address, strict=True
            )
            if mine != theirs
        )
        self._add(
            line,
            differing,
            ErrorCode.IMPORT_ADDRESS_DISAGREES,
            household_no=household_no,
            first_line=seen.address_line,
        )

    def _add(self, line: int, column: str | None, code: ErrorCode, **params: Value) -> None:
        self.problems.append(Problem(line, column, code, params))
