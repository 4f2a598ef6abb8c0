"""App responsiveness: ``python benchmarks/bench_app.py`` prints first render and rerun times.

The app issue asks that a rerun after changing an input takes well under half a second on this
machine.  This drives the real app script through Streamlit's AppTest (no browser), changes the
headcount a number of times and prints the median and worst rerun (a benchmark, not a test).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def main() -> int:
    t = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=60).run()
    first = time.perf_counter() - t
    if at.exception:
        print(f"app raised: {at.exception[0].value}", file=sys.stderr)
        return 1
    times = []
    for employees in (4, 12, 25, 26, 49, 50, 60, 120, 250, 18):
        t = time.perf_counter()
        at.number_input(key="f_employees").set_value(employees).run()
        times.append(time.perf_counter() - t)
        if at.exception:
            print(f"app raised at {employees}: {at.exception[0].value}", file=sys.stderr)
            return 1
    median, worst = statistics.median(times), max(times)
    print(f"{'measure':<42}{'value':<12}target")
    print("-" * 60)
    print(f"{'first render (incl. imports, catalogue)':<42}{first:.2f} s")
    print(
        f"{'rerun after changing headcount, median':<42}{median * 1000:.0f} ms      < 500 ms  "
        f"{'ok' if median < 0.5 else 'SLOW'}"
    )
    print(f"{'rerun after changing headcount, worst':<42}{worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
