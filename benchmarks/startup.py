"""Start-up time: from launching `counter-app` to its login dialog on screen.

    .venv/bin/python benchmarks/startup.py [--runs 10] [--residents 200] [--max-ms 1500]
    .venv/bin/python benchmarks/startup.py --runs 30 --against ../old   # a ratio

--against DIR compares with another checkout of the project (e.g. `git worktree add ../old
REV`), run with this venv's Python and DIR first on sys.path: the two are launched in
turn, one launch each, so that a busy or throttled machine slows both alike; the last line
is then `startup median_ms=… against_ms=… ratio=…`.

Prepares a temporary config and a demo database once (`counter-app demo-data`), then
launches the app RUNS times with QT_QPA_PLATFORM=offscreen and COUNTER_APP_STARTUP_PROBE=1:
the app prints `startup-probe shown rss_kb=N` once the login dialog has been painted, and
quits. One untimed warm-up launch fills the OS file cache first. The last line is
`startup median_ms=… rss_mb=…`; with --max-ms the exit code is 1 when the median is slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE_PREFIX = "startup-probe shown rss_kb="
TIMEOUT_S = 60


def app_command() -> list[str]:
    script = Path(sys.executable).with_name("counter-app")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "station.launcher"]


def environment(workdir: Path) -> dict[str, str]:
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "config.toml"
    config.write_text(
        "[terminal]\n"
        'name = "BENCH-01"\n'
        "window_number = 1\n"
        "[database]\n"
        f'url = "sqlite:///{workdir / "counter-app.sqlite3"}"\n',
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(
        {
            "COUNTER_APP_CONFIG": str(config),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(workdir / "config"),
            "XDG_DATA_HOME": str(workdir / "data"),
            "XDG_STATE_HOME": str(workdir / "state"),
            "XDG_CACHE_HOME": str(workdir / "cache"),
        }
    )
    return env


def checkout_command(folder: Path) -> list[str]:
    """How to launch the checkout in `folder` (older ones had the launcher in `ui`); `-C`
    is not Python's, so the folder goes first on sys.path through `-c`."""
    launcher = (
        "station.launcher" if (folder / "station" / "launcher.py").exists() else "ui.launcher"
    )
    code = f"import runpy, sys; sys.path.insert(0, {str(folder)!r}); runpy.run_module({launcher!r}, run_name='__main__')"
    return [sys.executable, "-c", code]


def prepare(env: dict[str, str], residents: int, command: list[str] | None = None) -> None:
    subprocess.run(
        [*(command or app_command()), "demo-data", "--residents", str(residents)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )


def launch_once(env: dict[str, str], command: list[str] | None = None) -> tuple[float, int]:
    """Milliseconds from launch to the probe line, and the RSS it reported (kB)."""
    env = {**env, "COUNTER_APP_STARTUP_PROBE": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        command or app_command(), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        for line in process.stdout:
            if line.startswith(PROBE_PREFIX):
                elapsed_ms = (time.perf_counter() - started) * 1000
                rss_kb = int(line[len(PROBE_PREFIX) :])
                break
        else:
            raise RuntimeError(f"no start-up probe line; stderr:\n{process.stderr.read()}")
        code = process.wait(timeout=TIMEOUT_S)
        if code != 0:
            raise RuntimeError(f"exit code {code}; stderr:\n{process.stderr.read()}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    return elapsed_ms, rss_kb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--max-ms", type=float, default=None, help="fail above this median")
    parser.add_argument("--against", type=Path, metavar="DIR", help="another checkout")
    args = parser.parse_args(argv)
    if args.against is not None:
        return compare(args)

    with tempfile.TemporaryDirectory(prefix="counter-app-startup-") as tmp:
        env = environment(Path(tmp))
        prepare(env, args.residents)
        launch_once(env)  # warm-up, not counted
        times, rss = [], []
        for run in range(1, args.runs + 1):
            elapsed_ms, rss_kb = launch_once(env)
            times.append(elapsed_ms)
            rss.append(rss_kb)
            print(f"run {run:2d}: {elapsed_ms:7.1f} ms  rss {rss_kb / 1024:6.1f} MB", flush=True)

    median_ms = statistics.median(times)
    print(f"startup median_ms={median_ms:.0f} rss_mb={statistics.median(rss) / 1024:.1f}")
    if args.max_ms is not None and median_ms > args.max_ms:
        return 1
    return 0


def compare(args: argparse.Namespace) -> int:
    """This checkout and --against launched in turn; their medians and the ratio."""
    other = args.against.resolve()
    with tempfile.TemporaryDirectory(prefix="counter-app-startup-") as tmp:
        ours = environment(Path(tmp) / "ours")
        theirs = environment(Path(tmp) / "theirs")
        # Both launched the same way, so only the code differs.
        our_command, their_command = checkout_command(ROOT), checkout_command(other)
        prepare(ours, args.residents, our_command)
        prepare(theirs, args.residents, their_command)
        launch_once(ours, our_command)  # warm-ups, not counted
        launch_once(theirs, their_command)
        times: dict[str, list[float]] = {"ours": [], "theirs": []}
        for run in range(1, args.runs + 1):
            times["ours"].append(launch_once(ours, our_command)[0])
            times["theirs"].append(launch_once(theirs, their_command)[0])
            print(
                f"run {run:2d}: {times['ours'][-1]:7.1f} ms  against {times['theirs'][-1]:7.1f} ms"
            )
    ours_ms, theirs_ms = statistics.median(times["ours"]), statistics.median(times["theirs"])
    print(
        f"startup median_ms={ours_ms:.0f} against_ms={theirs_ms:.0f} ratio={ours_ms / theirs_ms:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
