"""Data shipped with counter-app: catalog, form templates, fonts, translations, sounds.

This package holds no logic; `path()` finds a file whether installed or in a checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(*parts: str) -> Path:
    return Path(str(files(__name__).joinpath(*parts)))
