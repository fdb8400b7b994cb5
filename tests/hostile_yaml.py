"""Hostile YAML files: each one's text and the line its problem must be reported on.

Shared by the regression tests (tests/guide/test_hostile_files.py) and the benchmark
(benchmarks/hostile_files.py). Every file starts like a real scenario file, so the
problem found is the hostile part, not a missing key.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.catalog.located import MAX_DEPTH, MAX_FILE_BYTES

HEAD = "reference_date: 2026-11-23\nmunicipality: サンプル市\n"


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str
    line: int  # where the problem is reported
    words: str  # a fragment of the English message


def _laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 "lol"']
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{aliases}]")
    return HEAD + "\n".join(lines) + "\n"


def _block_nesting(depth: int) -> str:
    lines = [f"{'  ' * level}k{level}:" for level in range(depth)]
    return HEAD + "\n".join(lines) + f"\n{'  ' * depth}leaf\n"


def _oversized() -> str:
    row = "  - {atena_no: A0101, name_kanji: 佐藤 健太, birth_date: 1992-06-14}\n"
    return HEAD + "padding:\n" + row * (MAX_FILE_BYTES // len(row.encode()) + 10)


def _many_values() -> str:
    return HEAD + "many: [" + ", ".join(["0"] * 150_000) + "]\n"


def _oversized_line() -> int:
    text = _oversized().encode()
    return text.count(b"\n", 0, MAX_FILE_BYTES) + 1


HOSTILE = [
    Hostile("billion_laughs", _laughs(), 9, "too many values"),
    Hostile(
        "quadratic_aliases",
        HEAD + "a: &a [" + "x, " * 3000 + "x]\nb: [" + "*a, " * 3000 + "*a]\n",
        4,
        "too many values",
    ),
    Hostile("recursive_alias", HEAD + "scenarios: &s [*s]\n", 3, "inside its own anchor"),
    Hostile("recursive_mapping_alias", HEAD + "a: &m\n  self: *m\n", 4, "inside its own anchor"),
    Hostile("undefined_alias", HEAD + "scenarios: *nothing\n", 3, "no anchor"),
    Hostile("mapping_as_key", HEAD + "? {a: 1}\n: value\n", 3, "plain value"),
    Hostile("sequence_as_key", HEAD + "? [a, b]\n: value\n", 3, "plain value"),
    Hostile("alias_of_a_list_as_key", HEAD + "x: &l [1, 2]\n*l : value\n", 4, "plain value"),
    Hostile(
        "bad_timestamp",
        "municipality: x\nreference_date: !!timestamp 2026-99-99\n",
        2,
        "!!timestamp",
    ),
    Hostile("timestamp_of_text", HEAD + "when: !!timestamp yesterday\n", 3, "!!timestamp"),
    Hostile(
        "timestamp_bad_zone",
        HEAD + "when: !!timestamp 2026-01-01T10:00:00+99:00\n",
        3,
        "!!timestamp",
    ),
    Hostile("binary", HEAD + "photo: !!binary '@@not base64@@'\n", 3, "!!binary"),
    Hostile("int_of_text", HEAD + "count: !!int abc\n", 3, "!!int"),
    Hostile("unknown_tag", HEAD + "x: !custom value\n", 3, "!custom"),
    Hostile(
        "python_object",
        HEAD + "x: !!python/object/apply:os.system [echo hi]\n",
        3,
        "!!python/object/apply:os.system",
    ),
    Hostile("set", HEAD + "x: !!set {a, b}\n", 3, "!!set"),
    Hostile("merge_key", HEAD + "base: &b {a: 1}\nx:\n  <<: *b\n", 5, "!!merge"),
    Hostile(
        "deep_block_nesting", _block_nesting(MAX_DEPTH + 5), MAX_DEPTH + 3, "nested too deeply"
    ),
    Hostile("deep_flow_nesting", HEAD + "x: " + "[" * 100_000 + "]" * 100_000 + "\n", 3, "nest"),
    Hostile("oversized", _oversized(), _oversized_line(), "too large"),
    Hostile("many_values", _many_values(), 3, "too many values"),
    Hostile("two_documents", HEAD + "---\nsecond: document\n", 3, "one document"),
    Hostile("raw_escape_character", HEAD + "title: \x1b[2Jcleared\n", 3, "not valid YAML"),
]
