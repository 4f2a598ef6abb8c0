"""Real-browser test: Debian chromium driven by Playwright against ``streamlit run app.py``.

Loads the firm check, fills the profile, reads the saved amount, downloads the CSV and the
Excel file and checks their content, and keeps a screenshot in test-artifacts/.  Skipped
only when no browser is installed outside CI; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from checker.api import check
from checker.i18n import fmt_eur

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else ""
)
IN_CI = os.environ.get("CI") == "true"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM and not IN_CI,
        reason="needs Debian chromium (apt-get install -y chromium); not installed here",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``streamlit run app.py`` on a free local port; yields its URL."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "streamlit-e2e.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 45
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"streamlit exited early (rc={proc.returncode}); see {log}")
                try:
                    if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not become healthy in 45 s; see {log}")
                time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.fail("CI=true but chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_firm_check_in_browser(server: str, browser, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(accept_downloads=True, viewport={"width": 1400, "height": 1200})
    page.set_default_timeout(30_000)
    page.goto(server + "/?employees=12", wait_until="domcontentloaded")
    headline = page.get_by_text("Onder het voorstel bespaart u", exact=False).first
    expect(headline).to_be_visible(timeout=60_000)

    # fill the profile: 20 employees, 18 fte
    employees = page.get_by_role("spinbutton", name="Werknemers (personen)")
    employees.fill("20")
    employees.press("Enter")
    expected = check({"employees": 20, "fte": 18.0}, "metaalunie-25", dt.date.today())
    fte = page.get_by_role("spinbutton", name="Voltijdbanen (fte)")
    fte.fill("18")
    fte.press("Enter")
    saved = fmt_eur(expected.totals["saved_eur"])
    expect(page.get_by_text(f"Onder het voorstel bespaart u {saved} per jaar")).to_be_visible()
    saving = page.get_by_test_id("stMetric").filter(has_text="Besparing per jaar")
    expect(saving.get_by_test_id("stMetricValue")).to_have_text(saved)
    expect(page).to_have_url(re.compile(r"employees=20.*fte=18|fte=18.*employees=20"))

    with page.expect_download() as dl:
        page.get_by_role("button", name="Resultaat als CSV").click()
    csv_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(csv_path)
    frame = pd.read_csv(csv_path, sep=";", decimal=",", encoding="utf-8-sig")
    assert csv_path.name == "drempelcheck.csv"
    less = frame["Minder regeldruk (€ per jaar)"].sum()
    less += frame["Minder financiële lasten (€ per jaar)"].sum()
    assert less == pytest.approx(expected.totals["saved_eur"], abs=len(frame))  # whole euros
    assert set(frame["Verplichting"]) == {r.rule.title.nl for r in expected.rules}

    with page.expect_download() as dl:
        page.get_by_role("button", name="Resultaat als Excel").click()
    xlsx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(xlsx_path)
    wb = openpyxl.load_workbook(xlsx_path)
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "arbo_rie" in cells or any(r.rule.title.nl in cells for r in expected.rules)

    with page.expect_download() as dl:
        page.get_by_role("button", name="Rapport als pdf (A4)").click()
    assert dl.value.suggested_filename == "drempelcheck-rapport.pdf"
    pdf_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    page.screenshot(path=str(ARTIFACTS / "bedrijfscheck.png"))  # viewport: full_page costs ~8 s
    assert (ARTIFACTS / "bedrijfscheck.png").stat().st_size > 10_000
    page.close()


def test_policy_pages_downloads_in_browser(server: str, browser, tmp_path: Path) -> None:
    """The deferred Excel of the Sectoranalyse and the example member file really download."""
    from playwright.sync_api import expect

    page = browser.new_page(accept_downloads=True, viewport={"width": 1400, "height": 1600})
    page.set_default_timeout(60_000)
    page.goto(server + "/sectoranalyse", wait_until="domcontentloaded")
    firms = page.get_by_test_id("stMetric").filter(has_text="Bedrijven").first
    expect(firms.get_by_test_id("stMetricValue")).to_have_text(re.compile(r"^\d{1,3}(\.\d{3})+$"))
    button = page.get_by_role("button", name="Alles als Excel (met formules en bronnen)")
    with page.expect_download() as dl:
        button.click()
    xlsx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(xlsx_path)
    assert xlsx_path.name == "sectoranalyse.xlsx"
    wb = openpyxl.load_workbook(xlsx_path)
    assert {"Per grootteklasse", "Per sector", "Drempelverloop"} <= set(wb.sheetnames)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Rapport als pdf (A4)").click()
    assert dl.value.suggested_filename == "sectoranalyse-rapport.pdf"
    pdf_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    page.screenshot(path=str(ARTIFACTS / "sectoranalyse.png"))

    page.goto(server + "/ledenbestand", wait_until="domcontentloaded")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Voorbeeldbestand downloaden (CSV)").click()
    csv_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(csv_path)
    example = pd.read_csv(csv_path, sep=";", encoding="utf-8-sig", dtype=str)
    assert list(example.columns[:2]) == ["naam", "werknemers"]
    assert 3 <= len(example) <= 5
    page.close()
