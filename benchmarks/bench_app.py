"""App responsiveness: ``python benchmarks/bench_app.py`` prints first-visit and rerun times.

The app issue asks that the first visit after a server start takes under 3 s and that a rerun
after changing an input takes well under half a second on this machine.

* first visit: a fresh ``streamlit run serve.py`` (which warms imports and the catalogue while
  it starts) and, for comparison, ``streamlit run app.py``; Debian chromium opens the firm check
  as soon as the server answers, and the time until the headline is visible is printed.  Skipped
  when chromium or Playwright is missing.
* reruns: the real app script through Streamlit's AppTest (no browser): the headcount is changed
  a number of times, median and worst rerun printed.

A benchmark, not a test.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HEADLINE = "bespaart u"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def first_visit(script: str) -> tuple[float, float] | None:
    """(seconds until the server answers, seconds from then until the headline is visible)."""
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    port = _free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - started > 60:
                return None
        healthy = time.perf_counter() - started
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            t = time.perf_counter()
            page.goto(url + "/?employees=18", wait_until="domcontentloaded")
            page.get_by_text(HEADLINE, exact=False).first.wait_for(timeout=60_000)
            visit = time.perf_counter() - t
            browser.close()
        return healthy, visit
    finally:
        proc.terminate()
        proc.wait(10)


def reruns() -> tuple[float, float, float] | None:
    t = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=60).run()
    first = time.perf_counter() - t
    if at.exception:
        print(f"app raised: {at.exception[0].value}", file=sys.stderr)
        return None
    times = []
    for employees in (4, 12, 25, 26, 49, 50, 60, 120, 250, 18):
        t = time.perf_counter()
        at.number_input(key="f_employees").set_value(employees).run()
        times.append(time.perf_counter() - t)
        if at.exception:
            print(f"app raised at {employees}: {at.exception[0].value}", file=sys.stderr)
            return None
    return first, statistics.median(times), max(times)


def main() -> int:
    print(f"{'measure':<52}{'value':<12}target")
    print("-" * 72)
    for script, label in (("serve.py", "warmed (serve.py)"), ("app.py", "cold (app.py)")):
        found = first_visit(script)
        if found is None:
            print(f"{'first visit, ' + label:<52}{'skipped (no chromium)'}")
            continue
        healthy, visit = found
        verdict = "ok" if visit < 3 else "SLOW"
        target = f"< 3 s  {verdict}" if script == "serve.py" else ""
        print(f"{'server start until it answers, ' + label:<52}{healthy:.2f} s")
        print(f"{'first visit until the headline, ' + label:<52}{visit:.2f} s      {target}")
    found_reruns = reruns()
    if found_reruns is None:
        return 1
    first, median, worst = found_reruns
    print(f"{'first render in AppTest (incl. imports, catalogue)':<52}{first:.2f} s")
    verdict = "ok" if median < 0.5 else "SLOW"
    print(
        f"{'rerun after changing headcount, median':<52}{median * 1000:.0f} ms      < 500 ms  {verdict}"
    )
    print(f"{'rerun after changing headcount, worst':<52}{worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
