"""Procedure guide: median time to evaluate each public scenario.

    .venv/bin/python benchmarks/guide.py [--scenario FILE] [--runs 200]

Loads the shipped catalog and the scenario file once (their load times are printed
first), then evaluates every scenario RUNS times after one warm-up run: answers resolved,
every trigger of the event evaluated, reasons worded. One line per scenario:
`guide id=SC01 median_ms=…`, then `guide scenarios=N median_of_medians_ms=…`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.catalog import load_catalog  # noqa: E402
from counter_app.guide import run_guide  # noqa: E402
from counter_app.guide.scenario_file import read_scenario_file  # noqa: E402

DEFAULT_SCENARIOS = ROOT / "tests" / "guide" / "data" / "public.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIOS)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    catalog = load_catalog()
    loaded = time.perf_counter()
    scenarios = read_scenario_file(args.scenario, catalog)
    read = time.perf_counter()
    if scenarios.problems:
        for problem in scenarios.problems:
            print(problem.render("en"), file=sys.stderr)
        return 2
    print(
        f"guide catalog_load_ms={(loaded - started) * 1000:.1f} scenario_file_ms={(read - loaded) * 1000:.1f}"
    )
    medians = []
    for scenario in scenarios.scenarios:
        run_guide(catalog, scenario.case)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            run_guide(catalog, scenario.case)
            times.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(times)
        medians.append(median)
        print(f"guide id={scenario.case.case_id} median_ms={median:.3f}")
    print(f"guide scenarios={len(medians)} median_of_medians_ms={statistics.median(medians):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
