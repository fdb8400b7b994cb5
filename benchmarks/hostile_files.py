"""Wall time and peak memory of `counter-app` refusing each hostile YAML file.

    .venv/bin/python benchmarks/hostile_files.py
    .venv/bin/python benchmarks/hostile_files.py --command catalog   # as a city catalog file

Each file of tests/hostile_yaml.py is written to a temporary folder and given to the real
command in a new process (`counter-app guide --scenario FILE`, or with --command catalog a
copy of the shipped catalog plus the file, through `counter-app catalog check DIR`). The
figures include starting Python and loading the catalog; the first row is the public
scenario file (or the shipped catalog), for comparison. CPU seconds and peak RSS are the
child's own (os.wait4): on a shared machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.catalog import default_catalog_dir
from tests.hostile_yaml import HOSTILE, Hostile

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "tests" / "guide" / "data" / "public.yaml"
LIMIT_SECONDS = 5.0
LIMIT_MB = 300


def run(args: list[str]) -> tuple[int, float, float, float, str]:
    """Exit status, wall seconds, CPU seconds, peak RSS in MB, the first line of stderr."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "station.launcher", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr = child.stderr.read() if child.stderr else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    first = stderr.splitlines()[0] if stderr else ""
    cpu = usage.ru_utime + usage.ru_stime
    return child.returncode, seconds, cpu, usage.ru_maxrss / 1024, first


def arguments(command: str, folder: Path, hostile: Hostile | None) -> list[str]:
    if command == "guide":
        if hostile is None:
            return ["guide", "--scenario", str(PUBLIC), "--lang", "en"]
        path = folder / f"{hostile.name}.yaml"
        path.write_text(hostile.text, encoding="utf-8")
        return ["guide", "--scenario", str(path), "--lang", "en"]
    catalog = folder / (hostile.name if hostile else "shipped")
    shutil.copytree(default_catalog_dir(), catalog)
    if hostile is not None:
        (catalog / "local.yaml").write_text(hostile.text, encoding="utf-8")
    return ["catalog", "check", str(catalog), "--lang", "en"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", choices=("guide", "catalog"), default="guide")
    args = parser.parse_args(argv)
    print(f"counter-app {args.command}: {os.cpu_count()} cores, {sys.platform}")
    print(
        f"{'file':<26} {'exit':>4} {'wall s':>7} {'CPU s':>6} {'peak MB':>8}  first line of stderr"
    )
    worst_seconds = worst_mb = 0.0
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        for hostile in (None, *HOSTILE):
            status, seconds, cpu, mb, first = run(arguments(args.command, folder, hostile))
            valid = "(public scenarios)" if args.command == "guide" else "(shipped catalog)"
            label = hostile.name if hostile else valid
            shown = first.replace(str(folder) + "/", "")[:90]
            print(f"{label:<26} {status:>4} {seconds:>7.2f} {cpu:>6.2f} {mb:>8.1f}  {shown}")
            if hostile is not None:
                worst_seconds, worst_mb = max(worst_seconds, seconds), max(worst_mb, mb)
    verdict = "within" if worst_seconds < LIMIT_SECONDS and worst_mb < LIMIT_MB else "OVER"
    print(
        f"worst hostile file: {worst_seconds:.2f} s, {worst_mb:.1f} MB "
        f"({verdict} {LIMIT_SECONDS:.0f} s and {LIMIT_MB} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
