"""Forms: median time to fill and render each public scenario's bundle as one PDF.

    .venv/bin/python benchmarks/forms.py [--scenario FILE] [--runs 20]

For every scenario: the guide's procedures, every form filled (records, answers, computed
values) and the whole bundle rendered with reportlab and the embedded font subset, RUNS
times after one warm-up. One line per scenario, `forms id=SC01 pages=… median_ms=…`,
then `forms largest=… pages=… median_ms=…` for the scenario with the most pages.
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
from counter_app.forms import build_bundle  # noqa: E402
from counter_app.guide import run_guide  # noqa: E402
from counter_app.guide.scenario_file import read_scenario_file  # noqa: E402
from printing.render import render_bundle  # noqa: E402

DEFAULT_SCENARIOS = ROOT / "tests" / "guide" / "data" / "public.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIOS)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    catalog = load_catalog()
    scenarios = read_scenario_file(args.scenario, catalog)
    if scenarios.problems:
        for problem in scenarios.problems:
            print(problem.render("en"), file=sys.stderr)
        return 2
    largest = ("", 0, 0.0)
    for scenario in scenarios.scenarios:
        case = scenario.case

        def once(case=case):
            result = run_guide(catalog, case)
            bundle = build_bundle(catalog, case, result.procedures, case.case_id)
            return render_bundle(bundle)

        pages = once().page_count
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            once()
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        print(f"forms id={case.case_id} pages={pages} median_ms={median:.1f}")
        if pages > largest[1]:
            largest = (case.case_id, pages, median)
    print(f"forms largest={largest[0]} pages={largest[1]} median_ms={largest[2]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
