"""YAML documents that remember the line of every value, so a problem names file and line.

The one way the app reads a YAML file a city may edit (the catalog, scenario files, ticket
categories, departments, search variants, form layouts). `load_located` checks the file's
size before reading it, then builds plain Python values straight from libyaml's event
stream, recording each value's line under its path (a tuple of keys and list indexes).

A hostile file is refused with one `Problem` (file, line, what), in bounded time and
memory, never a traceback:
- an anchored value is built once; an alias reuses it and is recorded on the alias's line
  (what lies inside it is reported there too), so aliases are never re-expanded. What an
  alias would expand to still counts against a budget of values and characters, so a
  "billion laughs" file stops at the budget instead of filling the memory of whoever walks
  the data; an alias inside its own anchor is refused;
- nesting deeper than MAX_DEPTH, keys that are mappings or lists, tags other than the
  plain scalar ones (`!!binary`, `!!set`, `!!python/…`, `!foo`), and a value its explicit
  tag cannot read (`!!timestamp 2026-99-99`, `!!int abc`) are refused at their line.
An impossible date written plainly (2026-02-30) stays text, so the reader can say which
date is wrong.

The budgets are far above what the shipped files need (measured: the largest file,
forms.yaml, is 48 KB with 4,152 values, 27,252 characters, nesting 12; the whole catalog
and the public scenarios hold 13,238 values) and far below what hurts (a file at the
budget loads in well under a second and a few tens of MB).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from ..errors import CounterAppError, ErrorCode
from .problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels we use
    from yaml import SafeLoader as _Loader

PathKey = tuple[object, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 100_000  # scalars, mappings and lists, with every alias expanded
MAX_CHARACTERS = 4_000_000  # the text of every scalar, with every alias expanded

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MAPPING_TAG = f"{_YAML}map"
_SEQUENCE_TAG = f"{_YAML}seq"


class YamlRefused(ValueError):
    """The file cannot be used; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render("en"))
        self.problem = problem


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


def load_located(file: Path) -> LocatedDocument:
    """The document in `file`, or YamlRefused naming the first problem."""
    file = Path(file)
    return parse_located(_read_text(file), file)


def load_resource(file: Path) -> object:
    """The data of a resource file (ticket categories, departments, search variants), or
    RESOURCE_INVALID naming the file, the line and the problem."""
    try:
        return load_located(file).data
    except YamlRefused as refused:
        where = refused.problem.where()
        raise CounterAppError(
            ErrorCode.RESOURCE_INVALID, path=where, detail=refused.problem
        ) from refused


def parse_located(text: str, file: Path) -> LocatedDocument:
    return _Builder(text, Path(file)).document()


def _refuse(file: Path, line: int | None, code: str, **args: object) -> YamlRefused:
    return YamlRefused(Problem(file, line, "", code, args))


def _read_text(file: Path) -> str:
    """The file's text, its size and kind checked first. No more than the limit is ever
    read, so a huge file, one that grows, a device or a pipe never fills the memory."""
    try:
        status = os.stat(file)
    except (OSError, ValueError) as exc:  # ValueError: a path with NUL in it
        raise _refuse(file, None, "file_unreadable", detail=exc) from exc
    if not stat.S_ISREG(status.st_mode):
        raise _refuse(file, None, "yaml_not_a_file")
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _refuse(file, None, "file_unreadable", detail=exc) from exc
    size = max(status.st_size, len(data))
    if size > MAX_FILE_BYTES:
        # The line the limit falls on, for `file:line:` like every other problem.
        line = data.count(b"\n", 0, MAX_FILE_BYTES) + 1
        raise _refuse(file, line, "yaml_too_large", size=size, limit=MAX_FILE_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _refuse(file, line, "file_unreadable", detail=f"not UTF-8: {exc.reason}") from exc


@dataclass
class _Open:
    """A mapping or list being built."""

    value: dict | list
    path: PathKey
    anchor: str | None
    values_before: int
    characters_before: int
    key: object = None
    expecting_key: bool = True


@dataclass(frozen=True)
class _Anchored:
    value: object
    values: int  # its expanded size, counted again at every alias
    characters: int
    is_scalar: bool


_NO_VALUE = object()


class _Builder:
    def __init__(self, text: str, file: Path) -> None:
        self.text = text
        self.file = file
        self.lines: dict[PathKey, int] = {}
        self.anchors: dict[str, _Anchored] = {}
        self.open: list[_Open] = []
        self.open_anchors: set[str] = set()
        self.values = 0
        self.characters = 0
        self.constructor = SafeConstructor()

    def document(self) -> LocatedDocument:
        loader = _Loader(self.text)
        try:
            data = self._events(loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
            raise _refuse(self.file, line, "yaml_syntax", detail=detail) from exc
        except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, ESC …)
            line = self._line_at_byte(exc.position)
            raise _refuse(self.file, line, "yaml_syntax", detail=exc.reason) from exc
        except yaml.YAMLError as exc:
            raise _refuse(self.file, None, "yaml_syntax", detail=str(exc)) from exc
        finally:
            loader.dispose()
        self.lines.setdefault((), 1)  # an empty document is reported on its first line
        return LocatedDocument(self.file, data, self.lines)

    def _line_at_byte(self, position: int) -> int:
        """libyaml counts positions in the UTF-8 bytes it reads."""
        return self.text.encode("utf-8", "surrogatepass").count(b"\n", 0, position) + 1

    def _events(self, loader) -> object:
        data: object = None
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return data
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._refuse(event, "yaml_several_documents")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            built = self._event(event)
            if built is not _NO_VALUE:
                data = built

    def _event(self, event: yaml.Event) -> object:
        """Handle one event; the document's value once its top node is complete."""
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            return self._close(event)
        parent = self.open[-1] if self.open else None
        if parent is not None and isinstance(parent.value, dict) and parent.expecting_key:
            self._key(parent, event)
            return _NO_VALUE
        path = self._child_path(parent)
        line = event.start_mark.line + 1
        self.lines.setdefault(path, line)
        if isinstance(event, yaml.AliasEvent):
            return self._place(self._alias(event).value)
        if isinstance(event, yaml.ScalarEvent):
            value = self._scalar(event)
            self._count(1, len(event.value), event)
            if event.anchor is not None:
                self._anchor(event.anchor, value, 1, len(event.value), True)
            return self._place(value)
        self._start(event, path)
        return _NO_VALUE

    # -- collections -------------------------------------------------------------------------
    def _start(self, event: yaml.Event, path: PathKey) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        default = _MAPPING_TAG if mapping else _SEQUENCE_TAG
        if event.tag not in (None, "!", default):
            raise self._refuse(event, "yaml_unsupported_tag", tag=_short_tag(event.tag))
        if len(self.open) >= MAX_DEPTH:
            raise self._refuse(event, "yaml_too_deep", limit=MAX_DEPTH)
        values_before, characters_before = self.values, self.characters
        self._count(1, 0, event)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.open.append(
            _Open({} if mapping else [], path, event.anchor, values_before, characters_before)
        )

    def _close(self, event: yaml.Event) -> object:
        done = self.open.pop()
        if done.anchor is not None:
            self.open_anchors.discard(done.anchor)
            self._anchor(
                done.anchor,
                done.value,
                self.values - done.values_before,
                self.characters - done.characters_before,
                False,
            )
        return self._place(done.value)

    def _place(self, value: object) -> object:
        """Put a complete value into the open collection, or return it as the document's."""
        if not self.open:
            return value
        parent = self.open[-1]
        if isinstance(parent.value, dict):
            parent.value[parent.key] = value
            parent.expecting_key = True
        else:
            parent.value.append(value)
        return _NO_VALUE

    def _child_path(self, parent: _Open | None) -> PathKey:
        if parent is None:
            return ()
        if isinstance(parent.value, dict):
            return (*parent.path, parent.key)
        return (*parent.path, len(parent.value))

    def _key(self, parent: _Open, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            anchored = self._alias(event)
            if not anchored.is_scalar:
                raise self._refuse(event, "yaml_complex_key")
            key = anchored.value
        elif isinstance(event, yaml.ScalarEvent):
            key = self._scalar(event)
            self._count(1, len(event.value), event)
            if event.anchor is not None:
                self._anchor(event.anchor, key, 1, len(event.value), True)
        else:
            raise self._refuse(event, "yaml_complex_key")
        parent.key = key
        parent.expecting_key = False
        # A value is reported on its key's line (a block mapping starts a line lower).
        self.lines[(*parent.path, key)] = event.start_mark.line + 1

    # -- anchors and aliases -------------------------------------------------------------------
    def _anchor(self, name: str, value: object, values: int, characters: int, scalar: bool):
        self.anchors[name] = _Anchored(value, values, characters, scalar)

    def _alias(self, event: yaml.AliasEvent) -> _Anchored:
        if event.anchor in self.open_anchors:
            raise self._refuse(event, "yaml_recursive_alias", anchor=event.anchor)
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise self._refuse(event, "yaml_undefined_alias", anchor=event.anchor)
        self._count(anchored.values, anchored.characters, event)
        return anchored

    def _count(self, values: int, characters: int, event: yaml.Event) -> None:
        self.values += values
        self.characters += characters
        if self.values > MAX_VALUES:
            raise self._refuse(event, "yaml_too_many_values", limit=MAX_VALUES)
        if self.characters > MAX_CHARACTERS:
            raise self._refuse(event, "yaml_too_much_text", limit=MAX_CHARACTERS)

    # -- scalars -------------------------------------------------------------------------------
    def _scalar(self, event: yaml.ScalarEvent) -> object:
        """The scalar as YAML types it. A plain value its implicit type cannot hold
        (2026-02-30, a 5,000-digit number) stays text; an explicit tag must hold."""
        explicit = event.tag not in (None, "!")
        tag = event.tag if explicit else self._resolve(event)
        if tag not in _SCALAR_TAGS:
            raise self._refuse(event, "yaml_unsupported_tag", tag=_short_tag(tag))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return SafeConstructor.yaml_constructors[tag](self.constructor, node)
        except Exception as exc:  # a tag's constructor may raise anything on odd text
            if not explicit:
                return event.value
            shown_tag = _short_tag(tag)
            if isinstance(exc, (ValueError, OverflowError)):  # says what is wrong
                raise self._refuse(
                    event, "yaml_bad_value", tag=shown_tag, value=event.value, detail=exc
                ) from exc
            raise self._refuse(
                event, "yaml_not_tag_form", tag=shown_tag, value=event.value
            ) from exc

    def _resolve(self, event: yaml.ScalarEvent) -> str:
        return _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)

    def _refuse(self, event: yaml.Event, code: str, **args: object) -> YamlRefused:
        return _refuse(self.file, event.start_mark.line + 1, code, **args)


_RESOLVER = yaml.resolver.Resolver()


def _short_tag(tag: str | None) -> str:
    tag = tag or "?"
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def format_path(path: PathKey) -> str:
    """`procedures[3].triggers[0].when` for ("procedures", 3, "triggers", 0, "when")."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
