"""Time and memory of `counter-app import-residents` on hostile files.

    .venv/bin/python benchmarks/hostile_import.py                 # 1 GB files
    .venv/bin/python benchmarks/hostile_import.py --megabytes 100 # a quicker run

Each file is written to a temporary folder and imported into an empty SQLite database by
the real command in a subprocess; printed: the file, its size, the exit status, the wall
time, the command's peak RSS (from wait4) and the first line it printed on stderr. Every
one must end with exit status 1 and one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_import_residents import HEADER, city_rows, write_csv  # noqa: E402

BLOCK = 1 << 20


def long_line(path: Path, megabytes: int) -> None:
    """Two good rows, then one line whose second cell is `megabytes` MB of digits."""
    write_csv(path, city_rows(2))
    with path.open("ab") as file:
        file.write(b"1000000009,")
        for _ in range(megabytes):
            file.write(b"9" * BLOCK)
        file.write(b"\r\n")


def random_bytes(path: Path, megabytes: int) -> None:
    with path.open("wb") as file:
        for _ in range(megabytes):
            file.write(os.urandom(BLOCK))


def garbage_lines(path: Path, megabytes: int) -> None:
    """A good header, then short lines that are no rows (UTF-8, so they get parsed)."""
    with path.open("wb") as file:
        file.write((",".join(HEADER) + "\r\n").encode())
        line = "ごみ,ごみ\r\n".encode()
        block = line * (BLOCK // len(line))
        for _ in range(megabytes):
            file.write(block)


def unclosed_quote(path: Path, megabytes: int) -> None:
    """A quote opened in a row's 本籍 that never closes, then `megabytes` MB of lines."""
    rows = city_rows(3)
    rows[1]["本籍"] = "OPEN"
    text = write_csv(path, rows).read_text("utf-8").replace(",OPEN,", ',"東京都みどり市,')
    path.write_text(text, "utf-8")
    with path.open("ab") as file:
        block = (b"x" * 99 + b"\n") * (BLOCK // 100)
        for _ in range(megabytes):
            file.write(block)


def header_only(path: Path, _megabytes: int) -> None:
    write_csv(path, [])


def big_cell(path: Path, _megabytes: int) -> None:
    rows = city_rows(3)
    rows[1]["本籍"] = "東" * 200_000
    write_csv(path, rows)


FILES: dict[str, Callable[[Path, int], None]] = {
    "long-line": long_line,
    "random-bytes": random_bytes,
    "garbage-lines": garbage_lines,
    "unclosed-quote": unclosed_quote,
    "header-only": header_only,
    "200000-char-cell": big_cell,
}


def run(path: Path, database: str) -> tuple[int, float, int, str]:
    """(exit status, seconds, peak RSS in MB, first line of stderr)."""
    command = ["import-residents", str(path), "--database", database]
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "station.launcher", *command],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    first = stderr.splitlines()[0] if stderr else ""
    return process.returncode, seconds, usage.ru_maxrss // 1024, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=1024, help="size of the big files")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hostile-import-") as folder:
        database = f"sqlite:///{Path(folder) / 'city.sqlite3'}"
        for name, make in FILES.items():
            path = Path(folder) / f"{name}.csv"
            make(path, args.megabytes)
            size = path.stat().st_size / BLOCK
            status, seconds, rss, first = run(path, database)
            print(
                f"hostile file={name} size_mb={size:.1f} exit={status} seconds={seconds:.1f} "
                f"peak_rss_mb={rss} | {first[:110]}"
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
