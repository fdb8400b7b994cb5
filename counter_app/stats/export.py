"""A statistics table or a comparison of two periods as text (the terminal), CSV (UTF-8
with a BOM so that Excel opens it, or cp932 on request) and xlsx (openpyxl).

    print(to_text(table, "ja"))
    write_csv(table, Path("by-window.csv"))                      # utf-8-sig
    write_csv(comparison, Path("before-after.csv"), encoding="cp932")
    write_xlsx(table, Path("by-window.xlsx"))

What is written is exactly what the table holds: group labels and figures, never a name,
an address, a number of a resident, a ticket or a visit. A suppressed group (fewer than 3
tickets at one window) shows "<3" in its count columns and nothing in the others.
Minutes and days are written with one decimal, shares as percentages with one decimal.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from .model import (
    GROUPING_LABELS,
    MEASURES,
    SUPPRESSED_TEXT,
    Comparison,
    Measure,
    StatsTable,
    Unit,
    Value,
)

__all__ = [
    "ENCODINGS",
    "cells",
    "csv_bytes",
    "encoded",
    "header",
    "to_text",
    "write_csv",
    "write_xlsx",
]

ENCODINGS = {"utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig", "cp932": "cp932"}
_SIDES = {"ja": ("前", "後", "差"), "en": ("before", "after", "change")}


def _label(measure: Measure, language: str) -> str:
    info = MEASURES[measure]
    text = info.label_en if language == "en" else info.label
    return f"{text} (%)" if info.unit is Unit.SHARE else text


def _shown(measure: Measure, value: Value, suppressed: bool = False) -> str:
    unit = MEASURES[measure].unit
    if suppressed:
        return SUPPRESSED_TEXT if unit in (Unit.COUNT, Unit.YEN) else ""
    if value is None:
        return ""
    if unit is Unit.SHARE:
        return f"{value * 100:.1f}"
    if unit in (Unit.MINUTES, Unit.DAYS):
        return f"{value:.1f}"
    return str(int(value))


def _change(measure: Measure, value: Value) -> str:
    shown = _shown(measure, value)
    return f"+{shown}" if shown and value is not None and value > 0 else shown


def header(data: StatsTable | Comparison, language: str = "ja") -> list[str]:
    grouping = GROUPING_LABELS[data.grouping][1 if language == "en" else 0]
    if isinstance(data, StatsTable):
        return [grouping, *(_label(m, language) for m in data.measures)]
    sides = _SIDES.get(language, _SIDES["ja"])
    return [grouping, *(f"{_label(m, language)} {side}" for m in data.measures for side in sides)]


def cells(data: StatsTable | Comparison, language: str = "ja") -> list[list[str]]:
    """The body rows as text: a label then one cell per column of `header`."""
    english = language == "en"
    if isinstance(data, StatsTable):
        return [
            [
                row.label_en if english else row.label,
                *(_shown(m, row.values.get(m), row.suppressed) for m in data.measures),
            ]
            for row in (*data.rows, data.total)
        ]
    before = {row.key: row for row in (*data.before.rows, data.before.total)}
    after = {row.key: row for row in (*data.after.rows, data.after.total)}
    body = []
    for row in data.rows():
        old, new = before.get(row.key), after.get(row.key)
        old_small, new_small = bool(old and old.suppressed), bool(new and new.suppressed)
        line = [row.label_en if english else row.label]
        for m in data.measures:
            line.append(_shown(m, row.before.get(m), old_small))
            line.append(_shown(m, row.after.get(m), new_small))
            line.append("" if old_small or new_small else _change(m, row.change.get(m)))
        body.append(line)
    return body


def _title(data: StatsTable | Comparison, language: str) -> str:
    grouping = GROUPING_LABELS[data.grouping][1 if language == "en" else 0]
    if isinstance(data, StatsTable):
        return f"{grouping}  {data.period.label()}"
    sides = _SIDES.get(language, _SIDES["ja"])
    return (
        f"{grouping}  {sides[0]}: {data.before.period.label()}  {sides[1]}: "
        f"{data.after.period.label()}"
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def to_text(data: StatsTable | Comparison, language: str = "ja") -> str:
    """The table for a terminal: a title line, then aligned columns (labels left, figures
    right; East Asian wide characters count two)."""
    lines = [header(data, language), *cells(data, language)]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(lines[0]))]
    out = [_title(data, language)]
    for line in lines:
        parts = [line[0] + " " * (widths[0] - _width(line[0]))]
        parts += [" " * (w - _width(c)) + c for c, w in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join(parts).rstrip())
    return "\n".join(out) + "\n"


def write_csv(
    data: StatsTable | Comparison,
    path: Path,
    encoding: str = "utf-8-sig",
    language: str = "ja",
) -> None:
    """One header row, then a row per group and the total. `encoding`: "utf-8-sig" (the
    BOM lets Excel read UTF-8) or "cp932" (Shift_JIS as Windows writes it)."""
    Path(path).write_bytes(csv_bytes(data, encoding, language))


def csv_bytes(
    data: StatsTable | Comparison, encoding: str = "utf-8-sig", language: str = "ja"
) -> bytes:
    """The CSV `write_csv` writes, as bytes."""
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header(data, language))
    writer.writerows(cells(data, language))
    return encoded(out.getvalue(), ENCODINGS[encoding])


def encoded(text: str, encoding: str = "utf-8") -> bytes:
    """`text` as bytes: UTF-8 (with the BOM for "utf-8-sig"), or cp932, where the wave
    dash 〜 becomes the full-width tilde Windows uses for it and a character cp932 lacks
    becomes "?" (labels come from the city's own files)."""
    codec = encoding.lower()
    if codec == "cp932":
        return text.replace("\u301c", "\uff5e").encode("cp932", errors="replace")
    if codec not in ("utf-8", "utf-8-sig"):
        raise ValueError(f"encoding must be utf-8, utf-8-sig or cp932, not {encoding!r}")
    return text.encode(codec)


def write_xlsx(data: StatsTable | Comparison, path: Path, language: str = "ja") -> None:
    """A workbook of one sheet: the title, the header, the rows with numbers as numbers
    (shares formatted as %, "<3" as text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = data.grouping.value
    sheet.append([_title(data, language)])
    sheet.append(header(data, language))
    sheet["A1"].font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    measures = data.measures
    if isinstance(data, StatsTable):
        columns = list(measures)
        rows = [(r.label_en if language == "en" else r.label, r) for r in (*data.rows, data.total)]
        for label, row in rows:
            sheet.append([label, *(_number(m, row.values.get(m), row.suppressed) for m in columns)])
            _formats(sheet, columns)
    else:
        columns = [m for m in measures for _ in range(3)]
        for row in data.rows():
            values: list[object] = [row.label_en if language == "en" else row.label]
            small = row.suppressed
            for m in measures:
                values.append(_number(m, row.before.get(m), small))
                values.append(_number(m, row.after.get(m), small))
                values.append(None if small else row.change.get(m))
            sheet.append(values)
            _formats(sheet, columns)
    sheet.column_dimensions["A"].width = 40
    book.save(path)


def _number(measure: Measure, value: Value, suppressed: bool) -> object:
    if suppressed:
        return SUPPRESSED_TEXT if MEASURES[measure].unit in (Unit.COUNT, Unit.YEN) else None
    return value


def _formats(sheet, columns: list[Measure]) -> None:
    row = sheet.max_row
    for index, measure in enumerate(columns, start=2):
        unit = MEASURES[measure].unit
        cell = sheet.cell(row=row, column=index)
        if unit is Unit.SHARE:
            cell.number_format = "0.0%"
        elif unit in (Unit.MINUTES, Unit.DAYS):
            cell.number_format = "0.0"
        elif unit is Unit.YEN:
            cell.number_format = "#,##0"
