"""The administration command line: `counter-app db|users|demo-data|config …`."""

from .main import build_parser, run_command

__all__ = ["build_parser", "run_command"]
