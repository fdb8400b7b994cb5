"""Every screen works off the GUI thread through ui/ops.py: no module of ui/ makes a thread
or a worker of its own, or hands a call to one, but the few named here, each for a
reason (issue 13: one ops helper, a CPU pool apart from the database worker)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import PROJECT_ROOT

# What starts a thread or a worker, and the calls that hand work to one.
MAKERS = {
    "ThreadPoolExecutor",
    "ProcessPoolExecutor",
    "Thread",
    "QThread",
    "QThreadPool",
    "QRunnable",
    "Worker",
    "DbRunner",
    "CpuPool",
}
HAND_OVERS = {"run", "submit", "moveToThread", "globalInstance"}

ALLOWED = {
    ("ui/workers.py", "ThreadPoolExecutor"): "the workers' threads",
    ("ui/workers.py", ".submit"): "a worker runs its calls",
    ("ui/ops.py", ".run"): "the one helper every screen uses",
    ("ui/session.py", "DbRunner"): "the session's database worker",
    ("ui/session.py", "CpuPool"): "the session's CPU pool",
    ("ui/live.py", "Thread"): "the change feed's first read, off the GUI thread",
    ("ui/live.py", "DbRunner"): "a back-office PC's worker on its live connection",
    (
        "ui/device_calls.py",
        ".submit",
    ): "a device's one worker runs its calls (station/device_workers.py)",
}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def threads_and_workers(root: Path = PROJECT_ROOT) -> dict[tuple[str, str], list[int]]:
    """(module, what) → the lines where a module of ui/ makes a thread or a worker
    (`Name`) or hands a call to one (`.run`)."""
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted((root / "ui").rglob("*.py")):
        module = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in MAKERS:
                found.setdefault((module, name), []).append(node.lineno)
            elif isinstance(node.func, ast.Attribute) and name in HAND_OVERS:
                found.setdefault((module, f".{name}"), []).append(node.lineno)
    return found


def test_screens_work_off_the_gui_thread_only_through_ops():
    found = threads_and_workers()
    unexpected = {key: lines for key, lines in found.items() if key not in ALLOWED}
    assert unexpected == {}, "use ui/ops.py (ops.db, ops.cpu) instead"
    stale = sorted(set(ALLOWED) - set(found))
    assert stale == [], "no longer there: take them off ALLOWED"


def test_the_scan_sees_a_worker_made_and_used_in_a_screen(tmp_path):
    """The check above can fail: a screen with a worker of its own is found."""
    screen = tmp_path / "ui" / "screen.py"
    screen.parent.mkdir()
    screen.write_text(
        "from ui.db_runner import DbRunner\n"
        "class Screen:\n"
        "    def __init__(self):\n"
        "        self.worker = DbRunner(self)\n"
        "        self.worker.run(print)\n",
        encoding="utf-8",
    )
    assert threads_and_workers(tmp_path) == {
        ("ui/screen.py", "DbRunner"): [4],
        ("ui/screen.py", ".run"): [5],
    }
