"""YAML documents that remember the line of every value, so a problem names file and line.

`load_located` parses once with libyaml's composer (fast) and builds plain Python values
from the node tree, recording each value's line under its path (a tuple of keys and list
indexes). Both the catalog and scenario files are read this way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels we use
    from yaml import SafeLoader as _Loader

PathKey = tuple[object, ...]


class YamlSyntaxError(ValueError):
    def __init__(self, file: Path, line: int | None, detail: str) -> None:
        super().__init__(detail)
        self.file = file
        self.line = line
        self.detail = detail


@dataclass
class LocatedDocument:
    file: Path
    data: object
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey) -> int | None:
        """The line of the value at `path`, or of the nearest enclosing value."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


class _Builder(_Loader):
    """Constructs scalars with PyYAML's own safe rules (dates, ints, bools …)."""


def _build(loader: _Builder, node: yaml.Node, path: PathKey, lines: dict[PathKey, int]):
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node)
            if isinstance(key, list):
                key = tuple(key)
            # A value is reported on its key's line (a block mapping starts a line lower).
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _build(loader, value_node, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def _scalar(loader: _Builder, node: yaml.Node):
    """A scalar as YAML types it; an impossible date (2026-02-30) stays text, so the
    reader can say which date is wrong instead of failing on the whole file."""
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        return node.value


def parse_located(text: str, file: Path) -> LocatedDocument:
    try:
        loader = _Builder(text)
        try:
            node = loader.get_single_node()
            lines: dict[PathKey, int] = {}
            data = None if node is None else _build(loader, node, (), lines)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlSyntaxError(file, line, detail) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(file, None, str(exc)) from exc
    return LocatedDocument(file, data, lines)


def load_located(file: Path) -> LocatedDocument:
    text = file.read_text(encoding="utf-8")
    return parse_located(text, file)


def format_path(path: PathKey) -> str:
    """`procedures[3].triggers[0].when` for ("procedures", 3, "triggers", 0, "when")."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
