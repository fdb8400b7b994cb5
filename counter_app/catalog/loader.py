"""Load the whole catalog from a folder of YAML files, or refuse with every problem.

A broken catalog never half-loads: `load_catalog` returns a complete, checked `Catalog`
or raises `CatalogError` carrying all the problems found, each with file, line and path.
"""

from __future__ import annotations

from pathlib import Path

import resources

from .certificates import build_certificates
from .located import LocatedDocument, YamlRefused, load_located
from .model import Catalog
from .parse import Problems, Where, build_catalog, merge_sections
from .problems import Problem
from .references import ReferenceCheck


class CatalogError(Exception):
    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the catalog {folder}")
        self.folder = folder
        self.problems = problems

    def lines(self, lang: str = "ja") -> list[str]:
        return [p.render(lang) for p in self.problems]


def default_catalog_dir() -> Path:
    return resources.path("catalog")


def catalog_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def check_catalog(folder: Path | None = None) -> tuple[Catalog | None, list[Problem]]:
    """The catalog (None if anything is wrong) and every problem found."""
    folder = Path(folder) if folder is not None else default_catalog_dir()
    problems = Problems()
    if not folder.is_dir():
        problems.found.append(
            Problem(folder, None, "", "file_unreadable", {"detail": "not a folder"})
        )
        return None, problems.found
    files = catalog_files(folder)
    if not files:
        problems.found.append(Problem(folder, None, "", "no_catalog_files"))
        return None, problems.found
    docs: list[LocatedDocument] = []
    for file in files:
        try:
            docs.append(load_located(file))
        except YamlRefused as refused:
            problems.found.append(refused.problem)
    if problems.found:
        return None, problems.found
    sections = merge_sections(docs, problems)
    certificates = build_certificates(sections, problems)
    catalog, where = build_catalog(sections, problems, certificates)
    ReferenceCheck(catalog, where, problems).run()
    if problems.found:
        return None, problems.found
    return catalog, []


def load_catalog(folder: Path | None = None) -> Catalog:
    catalog, problems = check_catalog(folder)
    if catalog is None:
        raise CatalogError(Path(folder) if folder else default_catalog_dir(), problems)
    return catalog


__all__ = ["CatalogError", "Where", "check_catalog", "default_catalog_dir", "load_catalog"]
