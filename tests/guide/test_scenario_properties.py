"""Property tests: whatever a scenario file holds, reading it gives scenarios or problems
(each with a line when the YAML names one), never another exception."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.catalog import load_catalog
from counter_app.forms import build_bundle
from counter_app.guide import run_guide
from counter_app.guide.scenario_file import read_scenario_file

# A copy of shared/domain/scenarios/public.yaml
PUBLIC_TEXT = (Path(__file__).parent / "data" / "public.yaml").read_text(encoding="utf-8")
PUBLIC_LINES = PUBLIC_TEXT.splitlines()

HOSTILE_PIECES = [
    "&a [*a]",
    "*undefined",
    "? {a: 1}\n: 2",
    "? [a, b]\n: 2",
    "!!timestamp 2026-99-99",
    "!!timestamp yesterday",
    "!!int abc",
    "!!float many",
    "!!binary '@@@'",
    "!!python/object:os.system [ls]",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom value",
    "<<: {a: 1}",
    "2026-02-30",
    "9" * 5000,
    "[" * 80 + "]" * 80,
    "{a: " * 80 + "1" + "}" * 80,
    "---\nsecond: document",
    "\x1b[2J\u202e\x00",
    '"\\x1b[31mred\\u202e"',
    "\ud800",
    "null",
    "~",
    "[]",
    "{}",
    "123",
    "true",
    "- - -",
    ": :",
]

hostile_value = st.one_of(
    st.sampled_from(HOSTILE_PIECES),
    st.text(max_size=40),
    st.integers(),
    st.sampled_from(["A0101", "A0102", "A9999", "birth", "death", "moving_in", "true", "[A0101]"]),
)


CATALOG = load_catalog()

fast = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def read(tmp_path: Path, text: str):
    path = tmp_path / "scenario.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = read_scenario_file(path, CATALOG)
    assert result.problems or result.scenarios is not None
    if result.problems:
        assert result.scenarios == []
        for problem in result.problems:
            problem.render("ja")
            problem.render("en")
    for scenario in result.scenarios:  # what the reader accepts, guide and forms can use
        found = run_guide(CATALOG, scenario.case)
        build_bundle(CATALOG, scenario.case, found.procedures, scenario.case.case_id)
    return result


def test_the_real_scenarios_read_whole(tmp_path):
    assert len(read(tmp_path, PUBLIC_TEXT).scenarios) == 8


@fast
@given(st.text(max_size=300))
def test_random_text_gives_scenarios_or_problems(tmp_path, text):
    read(tmp_path, text)


@fast
@given(st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=6), st.randoms())
def test_hostile_yaml_gives_problems_with_a_line(tmp_path, pieces, rnd):
    text = "\n".join(
        f"k{i}: {piece}" if rnd.random() < 0.7 else piece for i, piece in enumerate(pieces)
    )
    result = read(tmp_path, text)
    assert result.problems
    assert all(problem.line is not None for problem in result.problems)


@fast
@given(st.integers(min_value=0, max_value=len(PUBLIC_LINES) - 1), hostile_value, st.randoms())
def test_a_real_scenario_mutated_at_one_value(tmp_path, index, value, rnd: random.Random):
    """One value of the public scenarios replaced, a line dropped or duplicated."""
    lines = list(PUBLIC_LINES)
    line = lines[index]
    action = rnd.choice(("value", "value", "drop", "duplicate", "indent"))
    if action == "value" and ":" in line:
        key = line.split(":", 1)[0]
        lines[index] = f"{key}: {value}"
    elif action == "value" and line.lstrip().startswith("- "):
        lines[index] = line[: line.index("- ") + 2] + str(value)
    elif action == "drop":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, line)
    else:
        lines[index] = " " * rnd.randint(1, 6) + line
    read(tmp_path, "\n".join(lines) + "\n")


@pytest.mark.parametrize("index", range(0, 400, 23))
def test_every_scalar_of_a_real_scenario_can_be_any_type(tmp_path, index):
    """A deterministic sweep: the n-th `key: value` line made a list, a mapping, null."""
    candidates = [
        i for i, line in enumerate(PUBLIC_LINES) if ": " in line and not line.endswith(":")
    ]
    target = candidates[index % len(candidates)]
    key = PUBLIC_LINES[target].split(": ", 1)[0]
    for replacement in ("[1, 2]", "{x: 1}", "null", "true", "2026-02-30", "-1", "''"):
        lines = list(PUBLIC_LINES)
        lines[target] = f"{key}: {replacement}"
        read(tmp_path, "\n".join(lines) + "\n")
