"""Run a counter-app subcommand in this process (fast), capturing what it prints."""

from __future__ import annotations

import pytest

from counter_app.cli.main import build_parser, run_command


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = run_command(build_parser().parse_args(list(args)))
    out, err = capsys.readouterr()
    return status, out, err
