"""Form layouts as data: `resources/forms/<form_id>.yaml`, one per catalog form.

A layout says where each catalog field of a form goes, in the manner of the official
paper form: sections (with a heading where the paper form has one), each a list of rows
of boxes with relative widths, or a table with one row per person for `repeat` fields::

    sections:
      - heading: 子
        rows:
          - [child_surname, child_given_name, {key: child_name_kana, width: 2}]
      - heading: 届出人
        rows:
          - {boxes: [notifier_signature], height: 22}     # height in mm
      - heading: 異動者
        rows:
          - table: {rows: 4, columns: [{key: mover_name, width: 3}, mover_sex]}

Every field of the catalog form appears exactly once and nothing else does; a field with
`repeat` goes in a table and only those do. `load_layouts` checks every file against the
catalog and raises `LayoutError` listing every problem with its file and key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import resources
from counter_app.catalog import Catalog, Form, FormField
from counter_app.catalog.located import YamlRefused, load_located

DEFAULT_ROW_HEIGHT_MM = 11.0
SIGNATURE_ROW_HEIGHT_MM = 20.0
TABLE_ROW_HEIGHT_MM = 8.0


@dataclass(frozen=True)
class Box:
    key: str
    width: float  # relative to the other boxes of its row


@dataclass(frozen=True)
class Row:
    boxes: tuple[Box, ...]
    height_mm: float


@dataclass(frozen=True)
class Table:
    columns: tuple[Box, ...]
    rows: int  # rows printed at least (more when more persons)
    row_height_mm: float


@dataclass(frozen=True)
class Section:
    heading: str  # "" for none
    items: tuple[Row | Table, ...]


@dataclass(frozen=True)
class FormLayout:
    form_id: str
    sections: tuple[Section, ...]
    fields: dict[str, FormField]  # the catalog's fields by key
    path: Path | None = None

    def keys(self) -> list[str]:
        found: list[str] = []
        for section in self.sections:
            for item in section.items:
                boxes = item.boxes if isinstance(item, Row) else item.columns
                found.extend(box.key for box in boxes)
        return found


@dataclass(frozen=True)
class LayoutProblem:
    file: str
    key: str  # the field key (or the place in the file) the problem is about
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}"


class LayoutError(Exception):
    def __init__(self, problems: list[LayoutProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the form layouts:\n{lines}")


def default_layout_dir() -> Path:
    return Path(resources.__file__).resolve().parent / "forms"


def load_layouts(catalog: Catalog, directory: Path | None = None) -> dict[str, FormLayout]:
    """Every catalog form's layout, checked; raises LayoutError naming every problem."""
    layouts, problems = check_layouts(catalog, directory)
    if problems:
        raise LayoutError(problems)
    return layouts


def check_layouts(
    catalog: Catalog, directory: Path | None = None
) -> tuple[dict[str, FormLayout], list[LayoutProblem]]:
    """The layouts that parsed, and every problem found in the whole directory."""
    folder = directory or default_layout_dir()
    forms = {form.id: form for form in catalog.forms}
    layouts: dict[str, FormLayout] = {}
    problems: list[LayoutProblem] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for path in files:
        form = forms.get(path.stem)
        if form is None:
            problems.append(LayoutProblem(path.name, path.stem, "no catalog form has this id"))
            continue
        layout = _parse_file(path, form, problems)
        if layout is not None:
            layouts[form.id] = layout
    found = {path.stem for path in files}
    for form_id in forms:
        if form_id not in found:
            problems.append(
                LayoutProblem(f"{form_id}.yaml", form_id, f"missing: no layout in {folder}")
            )
    return layouts, problems


def fallback_layout(form_id: str, keys: list[str], fields: dict[str, FormField]) -> FormLayout:
    """Two boxes a row in the given order: for a form the layout files do not know."""
    items: list[Row | Table] = []
    repeated = [key for key in keys if key in fields and fields[key].repeat]
    plain = [key for key in keys if key not in repeated]
    for start in range(0, len(plain), 2):
        boxes = tuple(Box(key, 1.0) for key in plain[start : start + 2])
        signature = any(key in fields and fields[key].source == "signature" for key in plain)
        items.append(Row(boxes, SIGNATURE_ROW_HEIGHT_MM if signature else DEFAULT_ROW_HEIGHT_MM))
    if repeated:
        items.append(Table(tuple(Box(key, 1.0) for key in repeated), 1, TABLE_ROW_HEIGHT_MM))
    return FormLayout(form_id, (Section("", tuple(items)),), fields)


class _Reader:
    def __init__(self, path: Path, form: Form, problems: list[LayoutProblem]) -> None:
        self.file = path.name
        self.fields = {field.key: field for field in form.fields}
        self.problems = problems
        self.seen: dict[str, int] = {}

    def problem(self, key: str, message: str) -> None:
        self.problems.append(LayoutProblem(self.file, key, message))

    def box(self, raw: object, where: str, in_table: bool) -> Box | None:
        if isinstance(raw, str):
            key, width = raw, 1.0
        elif isinstance(raw, dict) and isinstance(raw.get("key"), str):
            key, width = raw["key"], raw.get("width", 1)
            unknown = set(raw) - {"key", "width"}
            if unknown:
                self.problem(key, f"unknown setting(s) {', '.join(sorted(map(str, unknown)))}")
            if not isinstance(width, int | float) or isinstance(width, bool) or width <= 0:
                self.problem(key, f"width must be a positive number, not {width!r}")
                width = 1.0
        else:
            self.problem(where, f"a box is a field key or {{key: …, width: …}}, not {raw!r}")
            return None
        field = self.fields.get(key)
        if field is None:
            self.problem(key, "unknown key: the catalog form has no such field")
            return None
        self.seen[key] = self.seen.get(key, 0) + 1
        if self.seen[key] == 2:
            self.problem(key, "appears more than once")
        if field.repeat and not in_table:
            self.problem(key, f"a repeated field (repeat: {field.repeat}) belongs in a table")
        if not field.repeat and in_table:
            self.problem(key, "only repeated fields (repeat: …) go in a table")
        return Box(key, float(width))

    def height(self, raw: object, where: str, default: float) -> float:
        if raw is None:
            return default
        if isinstance(raw, int | float) and not isinstance(raw, bool) and 4 <= raw <= 200:
            return float(raw)
        self.problem(where, f"height must be a number of mm between 4 and 200, not {raw!r}")
        return default

    def row(self, raw: object, where: str) -> Row | Table | None:
        height = None
        if isinstance(raw, dict) and "table" in raw:
            return self.table(raw["table"], where)
        if isinstance(raw, dict):
            unknown = set(raw) - {"boxes", "height"}
            if unknown:
                self.problem(where, f"unknown setting(s) {', '.join(sorted(map(str, unknown)))}")
            height = raw.get("height")
            raw = raw.get("boxes")
        if not isinstance(raw, list) or not raw:
            self.problem(where, "a row is a non-empty list of boxes")
            return None
        boxes = tuple(b for b in (self.box(item, where, False) for item in raw) if b is not None)
        signature = any(self.fields[box.key].source == "signature" for box in boxes)
        default = SIGNATURE_ROW_HEIGHT_MM if signature else DEFAULT_ROW_HEIGHT_MM
        return Row(boxes, self.height(height, where, default)) if boxes else None

    def table(self, raw: object, where: str) -> Table | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("columns"), list):
            self.problem(where, "a table is {rows: N, columns: [boxes]}")
            return None
        rows = raw.get("rows", 1)
        if not isinstance(rows, int) or isinstance(rows, bool) or not 1 <= rows <= 30:
            self.problem(where, f"table rows must be a whole number from 1 to 30, not {rows!r}")
            rows = 1
        columns = tuple(
            b for b in (self.box(item, where, True) for item in raw["columns"]) if b is not None
        )
        height = self.height(raw.get("row_height"), where, TABLE_ROW_HEIGHT_MM)
        return Table(columns, rows, height) if columns else None


def _parse_file(path: Path, form: Form, problems: list[LayoutProblem]) -> FormLayout | None:
    try:
        data = load_located(path).data
    except YamlRefused as refused:
        where = f"line {refused.problem.line}" if refused.problem.line else "(file)"
        problems.append(LayoutProblem(path.name, where, refused.problem.message("en")))
        return None
    reader = _Reader(path, form, problems)
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        reader.problem("sections", "the file must hold a mapping with a list of sections")
        return None
    if set(data) - {"sections"}:
        reader.problem(
            "(file)", f"unknown top-level keys {sorted(map(str, set(data) - {'sections'}))}"
        )
    sections: list[Section] = []
    for number, raw in enumerate(data["sections"], start=1):
        where = f"sections[{number}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("rows"), list):
            reader.problem(where, "a section is {heading: …, rows: [...]}")
            continue
        heading = raw.get("heading") or ""
        if not isinstance(heading, str):
            reader.problem(where, f"heading must be text, not {heading!r}")
            heading = str(heading)
        if set(raw) - {"heading", "rows"}:
            reader.problem(
                where, f"unknown setting(s) {sorted(map(str, set(raw) - {'heading', 'rows'}))}"
            )
        items = []
        for index, row in enumerate(raw["rows"], start=1):
            item = reader.row(row, f"{where}.rows[{index}]")
            if item is not None:
                items.append(item)
        sections.append(Section(heading, tuple(items)))
    for field in form.fields:
        if field.key not in reader.seen:
            reader.problem(field.key, "missing: the catalog form has this field, the layout not")
    return FormLayout(form.id, tuple(sections), dict(reader.fields), path)
