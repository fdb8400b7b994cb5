"""The validating pass over a decoded file: every cell parsed, every row and household
checked, every problem collected. Nothing is written here.

The file is read line by line and no row may exceed ROW_LIMIT characters, so a hostile
file (a 1 GB line, an unclosed quote) costs bounded memory; after MAX_PROBLEMS problems the
rest of the file is not read."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from ..errors import ErrorCode
from ..safe_text import describe, first_unsafe_character, make_visible
from ..search.wareki import ERAS
from .csv_layout import (
    CELL_LIMIT,
    COLUMN_LIMIT,
    COLUMNS,
    COLUMNS_BY_KEY,
    HOUSEHOLD,
    HOUSEHOLD_ADDRESS_COLUMNS,
    MY_NUMBER,
    RESIDENT,
    ROW_LIMIT,
    Column,
    Dated,
    header_key,
)
from .fields import HEAD, FieldError
from .report import Problem

Value = object
MAX_PROBLEMS = 1_000
EARLIEST_DATE = ERAS[0].first_day  # 明治元年 (1868-10-23): no resident's date is older
_SHOWN_HEADER = 40  # characters of a column name the report shows
_QUOTED = re.compile(r'"[^"]*"')
_SKIPPED_BLOCK = 1 << 20  # characters read at a time past the end of an over-long row

# A quoted cell may hold a line break (方書 over two lines) and spaces or tabs, which are
# stripped: every other control or format character is refused.
CELL_WHITESPACE = "\t\n\r"


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


class _TooManyProblems(Exception):
    pass


class _RowTooLong(Exception):
    pass


def parse_file(stream: TextIO, today: date, on_row: Callable[[], None] | None = None) -> ParsedFile:
    """Check the CSV text of `stream`; dates are judged against `today`."""
    parsed = ParsedFile()
    csv.field_size_limit(ROW_LIMIT)  # a cell is never longer than its row
    records = _records(_Lines(stream), parsed.problems)
    try:
        header = next(records, None)
        if header is None:
            if not parsed.problems:
                parsed.problems.append(Problem(1, None, ErrorCode.IMPORT_EMPTY_FILE))
            return parsed
        columns = _header(header[1], parsed.problems)
        if columns is None:
            return parsed
        parsed.columns = tuple(column for column in columns if column is not None)
        checker = _RowChecker(parsed.problems, today, header[1], columns)
        for line, cells in records:
            row = checker.check(line, cells)
            if row is not None:
                parsed.rows.append(row)
            if on_row is not None:
                on_row()
        if checker.rows == 0 and not parsed.problems:
            parsed.problems.append(Problem(1, None, ErrorCode.IMPORT_NO_ROWS))
        checker.finish()
    except _TooManyProblems:
        pass
    return parsed


class _Lines:
    """The physical lines csv.reader reads, a row (one line, or several when a quoted cell
    holds line breaks) at most ROW_LIMIT characters. Keeps the text of the row being read,
    so a row cut short can still name the cell it was cut in."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.read = 0  # lines read so far
        self.row_start = 1
        self._row: list[str] = []
        self._row_size = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(ROW_LIMIT - self._row_size + 1)
        if not line:
            raise StopIteration
        if not self._row:
            self.row_start = self.read + 1
        self.read += 1
        self._row.append(line)
        self._row_size += len(line)
        if self._row_size > ROW_LIMIT:
            self._skip_rest_of(line)
            raise _RowTooLong
        return line

    def _skip_rest_of(self, line: str) -> None:
        while line and not line.endswith(("\n", "\r")):
            line = self._stream.readline(_SKIPPED_BLOCK)

    def open_cell(self) -> int:
        """The index of the cell the text read of this row ends in."""
        text = _QUOTED.sub("", "".join(self._row))
        return text.split('"', 1)[0].count(",")

    def row_done(self) -> None:
        self._row.clear()
        self._row_size = 0


def _records(lines: _Lines, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells), skipping blank lines; quoted cells may span lines.
    A row that is too long or not CSV becomes a problem (its column named when it can be:
    the cells of the header are known once it has been read) and the next line is read."""
    reader = csv.reader(lines)
    header: list[str] | None = None
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (_RowTooLong, csv.Error) as error:
            if isinstance(error, _RowTooLong):
                _add(problems, _row_too_long(lines, header))
            else:
                _add(problems, Problem(lines.row_start, None, ErrorCode.IMPORT_UNREADABLE_ROW))
            lines.row_done()
            if header is None:  # without a header, nothing after it can be read
                return
            continue
        start = lines.row_start
        lines.row_done()
        if any(cell.strip() for cell in cells):
            if header is None:
                header = cells
            yield start, cells


def _row_too_long(lines: _Lines, header: list[str] | None) -> Problem:
    index = lines.open_cell()
    if header is None or index >= len(header):
        return Problem(lines.row_start, None, ErrorCode.IMPORT_ROW_TOO_LONG, {"maximum": ROW_LIMIT})
    return Problem(
        lines.row_start,
        _column_name(header[index]),
        ErrorCode.IMPORT_CELL_TOO_LONG,
        {"maximum": CELL_LIMIT},
    )


def _column_name(header_cell: str) -> str:
    """A column as the report names it: ours by its name, another by its header, shown
    safely (control characters visible, cut short)."""
    column = COLUMNS_BY_KEY.get(header_key(header_cell))
    if column is not None:
        return column.name
    shown = make_visible(header_cell.strip())
    return shown if len(shown) <= _SHOWN_HEADER else shown[:_SHOWN_HEADER] + "…"


def _header(cells: list[str], problems: list[Problem]) -> list[Column | None] | None:
    """The column of each position (None: not ours, ignored); None if a required one is missing."""
    if len(cells) > COLUMN_LIMIT:
        problems.append(
            Problem(1, None, ErrorCode.IMPORT_TOO_MANY_COLUMNS, {"maximum": COLUMN_LIMIT})
        )
        return None
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
    def __init__(
        self,
        problems: list[Problem],
        today: date,
        header: list[str],
        columns: list[Column | None],
    ) -> None:
        self.problems = problems
        self.today = today
        self.header = header
        self.columns = columns
        # The birth date first: the dates that follow are compared with it.
        self.dated = sorted(
            (column for column in columns if column is not None and column.dated is not None),
            key=lambda column: column.dated is not Dated.BIRTH,
        )
        self.rows = 0
        self.atena_lines: dict[str, int] = {}
        self.code_lines: dict[str, int] = {}
        self.households: dict[str, _HouseholdSeen] = {}

    def check(self, line: int, cells: list[str]) -> ParsedRow | None:
        columns = self.columns
        self.rows += 1
        if len(cells) != len(columns):
            self._add(
                line, None, ErrorCode.IMPORT_FIELD_COUNT, expected=len(columns), actual=len(cells)
            )
            return None
        values: dict[str, dict[str, Value]] = {RESIDENT: {}, HOUSEHOLD: {}, MY_NUMBER: {}}
        failed: set[str] = set()
        # Whole-row checks first, cell by cell only where they find something: this loop
        # runs for every cell of the file.
        too_long = self._too_long(line, cells) if max(map(len, cells)) > CELL_LIMIT else ()
        suspect = first_unsafe_character(" ".join(cells), CELL_WHITESPACE) is not None
        for position, (column, cell) in enumerate(zip(columns, cells, strict=True)):
            if column is None:
                continue
            if position in too_long:
                values[column.target][column.field] = None
                failed.add(column.target)
                continue
            try:  # inline, not a function: this runs for every cell of the file
                if (
                    suspect
                    and (refused := first_unsafe_character(cell, CELL_WHITESPACE)) is not None
                ):
                    raise _bad_character(*refused)
                value = cell.strip()
                if value:
                    values[column.target][column.field] = column.parse(value)
                elif column.required:
                    raise FieldError(ErrorCode.IMPORT_REQUIRED)
                else:
                    values[column.target][column.field] = None
            except FieldError as error:
                self._add(line, column.name, error.code, **error.params)
                values[column.target][column.field] = None
                failed.add(column.target)
        if RESIDENT not in failed and not self._dates_possible(line, values[RESIDENT]):
            failed.add(RESIDENT)
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

    def _too_long(self, line: int, cells: list[str]) -> set[int]:
        """The positions of the cells over CELL_LIMIT, each a problem naming its column."""
        positions = {position for position, cell in enumerate(cells) if len(cell) > CELL_LIMIT}
        for position in sorted(positions):
            column = self.columns[position]
            name = column.name if column else _column_name(self.header[position])
            self._add(line, name, ErrorCode.IMPORT_CELL_TOO_LONG, maximum=CELL_LIMIT)
        return positions

    def _dates_possible(self, line: int, resident: dict[str, Value]) -> bool:
        """Whether every date of the row can be true; each one that cannot is a problem."""
        birth = resident.get("birth_date")
        possible = True
        for column in self.dated:
            day = resident.get(column.field)
            if not isinstance(day, date):
                continue
            refusal = _impossible(column.dated, day, birth, self.today)  # type: ignore[arg-type]
            if refusal is not None:
                self._add(line, column.name, refusal[0], **refusal[1])
                possible = False
                if column.dated is Dated.BIRTH:
                    birth = None
        return possible

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
        _add(self.problems, Problem(line, column, code, params))


def _bad_character(position: int, character: str) -> FieldError:
    return FieldError(
        ErrorCode.IMPORT_BAD_CHARACTER, position=position, character=describe(character)
    )


def _impossible(
    dated: Dated, day: date, birth: Value, today: date
) -> tuple[ErrorCode, dict[str, Value]] | None:
    """Why `day` cannot be true for a column that means `dated`, or None."""
    if day < EARLIEST_DATE:
        code, limit = ErrorCode.IMPORT_DATE_TOO_EARLY, {"earliest": EARLIEST_DATE.isoformat()}
    elif dated is Dated.FUTURE:
        return None
    elif day > today:
        code, limit = ErrorCode.IMPORT_DATE_AFTER_TODAY, {"today": today.isoformat()}
    elif dated is Dated.PAST and isinstance(birth, date) and day < birth:
        code, limit = ErrorCode.IMPORT_DATE_BEFORE_BIRTH, {"birth": birth.isoformat()}
    else:
        return None
    return code, {**limit, "value": day.isoformat()}


def _add(problems: list[Problem], problem: Problem) -> None:
    """Collect `problem`; at MAX_PROBLEMS say so and stop reading the file."""
    problems.append(problem)
    if len(problems) >= MAX_PROBLEMS:
        problems.append(
            Problem(problem.line, None, ErrorCode.IMPORT_TOO_MANY_PROBLEMS, {"limit": MAX_PROBLEMS})
        )
        raise _TooManyProblems
