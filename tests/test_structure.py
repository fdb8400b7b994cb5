"""Which package holds what: `ui/` only code that needs Qt, `station/` the Qt-free
composition, and benchmarks that run without the screens (issue 13)."""

import subprocess
import sys

import grimp
import pytest

from tests.helpers import PROJECT_ROOT

PACKAGES = ("counter_app", "station", "ui", "printing", "devices", "resources")
QT = ("PySide6", "shiboken6")
# Modules of ui/ that need no Qt import of their own, and why they belong there anyway.
QT_DATA = {"ui.style": "the screens' Qt style sheet (QSS text)"}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=True)


def needs_qt(graph, module: str) -> bool:
    return any(
        graph.find_shortest_chain(importer=module, imported=qt) is not None
        for qt in QT
        if qt in graph.modules
    )


def test_every_module_of_ui_needs_qt(graph):
    packages_only = {  # a package's __init__ with nothing but its docstring
        module
        for module in graph.find_descendants("ui")
        if (PROJECT_ROOT / module.replace(".", "/") / "__init__.py").exists()
        and not graph.find_modules_directly_imported_by(module)
    }
    qt_free = sorted(
        module
        for module in graph.find_descendants("ui")
        if module not in packages_only and module not in QT_DATA and not needs_qt(graph, module)
    )
    assert qt_free == [], f"Qt-free code belongs in station/ or the core: {qt_free}"


def test_the_composition_layer_loads_no_qt_for_any_subcommand():
    """Every module of station/ loads without Qt, so every subcommand runs without it."""
    probe = (
        "import importlib, pkgutil, sys, station\n"
        "for found in pkgutil.walk_packages(station.__path__, 'station.'):\n"
        "    importlib.import_module(found.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True
    )
    assert loaded.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "script", sorted(path.name for path in (PROJECT_ROOT / "benchmarks").glob("*.py"))
)
def test_benchmarks_import_no_ui_and_no_qt(script):
    """Importing a benchmark (its module-level imports; `main` is not run) loads neither
    `ui` nor Qt: the benchmarks measure the core, the composition and the devices."""
    probe = (
        "import runpy, sys\n"
        f"runpy.run_path({str(PROJECT_ROOT / 'benchmarks' / script)!r}, run_name='probe')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip().splitlines()[-1] == "[]"
