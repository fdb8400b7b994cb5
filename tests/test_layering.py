"""The layering table of shared/STYLE.md, enforced by import-linter."""

import subprocess
import sys
from pathlib import Path

from tests.helpers import PROJECT_ROOT


def lint_imports(config: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(script), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )


def test_every_layering_contract_is_kept():
    result = lint_imports(PROJECT_ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_the_contracts_catch_a_core_module_that_imports_qt(tmp_path):
    """Guard against contracts that pass because they check nothing."""
    offender = PROJECT_ROOT / "counter_app" / "_layering_probe.py"
    offender.write_text("import PySide6.QtCore  # noqa: F401\n", encoding="utf-8")
    try:
        result = lint_imports(PROJECT_ROOT / "pyproject.toml")
    finally:
        offender.unlink()
    assert result.returncode != 0
    assert "counter_app._layering_probe -> PySide6" in result.stdout


def test_the_contracts_catch_a_composition_module_that_imports_qt():
    """The launcher's hand-over to the screens is the one edge from station/ to Qt."""
    offender = PROJECT_ROOT / "station" / "_layering_probe.py"
    offender.write_text("from ui.application import run_gui  # noqa: F401\n", encoding="utf-8")
    try:
        result = lint_imports(PROJECT_ROOT / "pyproject.toml")
    finally:
        offender.unlink()
    assert result.returncode != 0
    assert "station._layering_probe -> ui.application" in result.stdout
