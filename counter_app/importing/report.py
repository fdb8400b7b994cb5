"""Problems found in a file, and the report that lists them as `行N 列「名前」: 理由`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CounterAppError, ErrorCode
from ..messages import message_for

MAX_LISTED = 50


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: `line` counts the header as line 1; `column` is None for a whole row."""

    line: int
    column: str | None
    code: ErrorCode = field(compare=False)
    params: dict[str, object] = field(default_factory=dict, compare=False)


# Not a problem of the file but a note on the check: listed last, not counted.
_NOTES = frozenset({ErrorCode.IMPORT_TOO_MANY_PROBLEMS})


class ImportRejected(CounterAppError):
    """The file has problems: nothing was imported."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        count = sum(problem.code not in _NOTES for problem in problems)
        super().__init__(ErrorCode.IMPORT_REJECTED, path=path, count=count)
        self.problems = sorted(problems)


def format_problem(problem: Problem, language: str = "ja") -> str:
    reason = message_for(CounterAppError(problem.code, **problem.params), language)
    if language == "en":
        where = f"line {problem.line}"
        if problem.column is not None:
            where += f" column “{problem.column}”"
    else:
        where = f"行{problem.line}"
        if problem.column is not None:
            where += f" 列「{problem.column}」"
    return f"{where}: {reason}"


def report_lines(problems: list[Problem], language: str = "ja") -> list[str]:
    """The first MAX_LISTED problems, then how many more were found, then the notes (the
    check stopped early)."""
    found = [problem for problem in problems if problem.code not in _NOTES]
    lines = [format_problem(problem, language) for problem in found[:MAX_LISTED]]
    rest = len(found) - MAX_LISTED
    if rest > 0:
        lines.append(f"… and {rest} more problems" if language == "en" else f"…ほか{rest}件")
    notes = [problem for problem in problems if problem.code in _NOTES]
    return lines + [format_problem(note, language) for note in notes]
