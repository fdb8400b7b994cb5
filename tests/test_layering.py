"""The layering table of shared/STYLE.md, enforced by import-linter."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers import PROJECT_ROOT


def lint_imports(config: Path, root: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(script), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )


def copy_with_offender(tmp_path: Path, module: str, source: str) -> Path:
    """The project's Python packages copied to `tmp_path` with one offending module added:
    the probe never lands in the working tree, where a test running beside this one (the
    suite runs on several workers) would find it."""
    config = PROJECT_ROOT / "pyproject.toml"
    roots = tomllib.loads(config.read_text(encoding="utf-8"))["tool"]["importlinter"]
    for package in roots["root_packages"]:
        shutil.copytree(
            PROJECT_ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.ttf", "*.qm", "*.wav", "*.png"),
        )
    shutil.copy(config, tmp_path / "pyproject.toml")
    package, name = module.split(".")
    (tmp_path / package / f"{name}.py").write_text(source, encoding="utf-8")
    return tmp_path


def test_every_layering_contract_is_kept():
    result = lint_imports(PROJECT_ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_the_contracts_catch_a_core_module_that_imports_qt(tmp_path):
    """Guard against contracts that pass because they check nothing."""
    root = copy_with_offender(
        tmp_path, "counter_app._layering_probe", "import PySide6.QtCore  # noqa: F401\n"
    )
    result = lint_imports(root / "pyproject.toml", root)
    assert result.returncode != 0
    assert "counter_app._layering_probe -> PySide6" in result.stdout


def test_the_contracts_catch_a_composition_module_that_imports_qt(tmp_path):
    """The launcher's hand-over to the screens is the one edge from station/ to Qt."""
    root = copy_with_offender(
        tmp_path, "station._layering_probe", "from ui.application import run_gui  # noqa: F401\n"
    )
    result = lint_imports(root / "pyproject.toml", root)
    assert result.returncode != 0
    assert "station._layering_probe -> ui.application" in result.stdout
