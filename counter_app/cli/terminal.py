"""The one way a command writes to the terminal: line by line, nothing raw.

A name, a file name or a value from a file can hold ESC sequences that rewrite the screen,
bidi overrides that reorder what is read, NUL, or a newline that forges a line of output.
Every line a command prints goes through `echo`, which writes each control, format and
separator character as a visible escape (`\\x1b`, `\\u202e`, `\\x0a`); only the tab that
separates columns is kept. A command with several lines passes them one by one.
"""

from __future__ import annotations

import sys

from ..safe_text import escaped


def echo(*lines: str, error: bool = False, flush: bool = False) -> None:
    """Write each line to stdout (stderr with `error`), escaped, ending it with a newline."""
    stream = sys.stderr if error else sys.stdout
    for line in lines:
        stream.write(escaped(str(line), keep="\t") + "\n")
    if flush:
        stream.flush()


__all__ = ["echo"]
