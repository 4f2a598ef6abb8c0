"""Real-browser test: Debian chromium driven by Playwright against ``streamlit run app.py``.

Walks the owner flow the way it was tried: an 18-person metal bv types its name and a Dutch
amount, reads the answer and the obligations that lapse, switches to English and back while
editing, grows to 26 and 51 in the growth planner, changes an hourly tariff and downloads the
workbook — with a screenshot of each step in test-artifacts/ (1280 px wide).  Skipped only when
no browser is installed outside CI; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

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

from checker.api import check, load, with_overrides
from checker.assumptions import Overrides
from checker.bilingual import Lang
from checker.growth import growth_plan, headcount_sweep
from checker.i18n import fmt_eur
from tests.conftest import REFERENCE_DATE

SCENARIO = "metaalunie-25"

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
                str(ROOT / "serve.py"),  # the warmed server users get
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


def settle(page) -> None:
    """Wait until Streamlit has finished the rerun that the last action started."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(300)


def assert_no_error(page) -> None:
    """No error box on the page once the rerun has finished; the message names what it said
    (a box seen mid-rerun under a loaded CI machine is checked again after the rerun)."""
    errors = page.get_by_test_id("stAlertContentError")
    if errors.count():
        settle(page)
    assert errors.count() == 0, errors.all_inner_texts()


def shot(page, name: str) -> Path:
    """A screenshot of what the user sees now (the viewport), kept in test-artifacts/."""
    path = ARTIFACTS / f"owner-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    return path


def rounded_eur(value: float, lang: Lang = "nl") -> str:
    """The headline's rounding, written out here: hundreds from € 1.000, tens from € 100."""
    step = 100 if abs(value) >= 1000 else 10 if abs(value) >= 100 else 1
    return fmt_eur(round(value / step) * step, lang)


def table_column(page, has_text: str, column: int = 1) -> list[str]:
    table = page.get_by_test_id("stTable").filter(has_text=has_text).first
    return table.locator(f"tbody tr td:nth-child({column})").all_inner_texts()


NAME = "Metaalbewerking De Vries bv"
OWNER: dict[str, object] = {
    "name": NAME,
    "employees": 18,
    "legal_form": "bv",
    "sector_sbi": "2562",
    "turnover_eur": 3_000_000,
}


def test_owner_of_an_18_person_metal_bv(server: str, browser, tmp_path: Path) -> None:
    """The owner flow as it was tried: fill the form, read the answer, switch language and
    back, grow to 26 and 51, change a tariff, download the workbook — 1280 px wide."""
    from playwright.sync_api import expect

    engine = load()
    scenario = engine.catalogue.scenario(SCENARIO)
    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{server}/?date={REFERENCE_DATE.isoformat()}", wait_until="domcontentloaded")
    expect(page.get_by_text("bespaart u", exact=False).first).to_be_visible(timeout=60_000)
    settle(page)

    # 1. the profile, typed the way an owner types it
    name = page.get_by_role("textbox", name="Bedrijfsnaam (optioneel)")
    name.fill(NAME)
    name.press("Enter")
    settle(page)
    employees = page.get_by_role("spinbutton", name="Werknemers (personen)")
    employees.fill("18")
    employees.press("Enter")
    settle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Rechtsvorm").click()
    page.get_by_role("option", name="Besloten vennootschap (bv)").click()
    settle(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Sector (SBI-code)").click()
    page.keyboard.type("25.62")
    page.get_by_role("option", name="25.62 – Algemene metaalbewerking").click()
    settle(page)
    page.get_by_text("Omzet, balans, loonsom en energie").click()
    turnover = page.get_by_role("textbox", name="Netto-omzet (€ per jaar)")
    turnover.fill("3.000.000")
    turnover.press("Enter")
    settle(page)
    expect(turnover).to_have_value("3.000.000")
    expect(page).to_have_url(re.compile("turnover_eur=3000000"))
    shot(page, "1-profile")

    # 2. the answer: regeldruk saving with its interval, and what lapses, each with its €
    expected = check(OWNER, SCENARIO, REFERENCE_DATE, engine=engine)
    tot = expected.totals
    headline = (
        f"Met het voorstel bespaart u {rounded_eur(tot['regulatory_saved_eur'])} regeldruk per "
        f"jaar ({rounded_eur(tot['regulatory_saved_eur_low'])} – "
        f"{rounded_eur(tot['regulatory_saved_eur_high'])})"
    )
    answer = page.get_by_role("heading", name=headline)
    expect(answer).to_be_visible()
    answer.scroll_into_view_if_needed()
    relieved = sorted(
        (rr for rr in expected.rules if rr.applies_now and rr.treatment in ("exempt", "lighter")),
        key=lambda rr: (-(rr.cost_now_eur - rr.cost_scenario_eur), rr.rule.title.nl),
    )
    assert relieved
    assert table_column(page, "€ per jaar minder") == [rr.rule.title.nl for rr in relieved]
    shot(page, "2-answer")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280  # nothing sideways

    # 3. English and back, editing in between: nothing entered is lost or changed
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    settle(page)
    expect(page.get_by_role("heading", name="Firm check")).to_be_visible()
    expect(page.get_by_role("combobox", name="Legal form")).to_have_value(
        "Private limited company (bv)"
    )
    employees = page.get_by_role("spinbutton", name="Employees (persons)")
    employees.fill("19")
    employees.press("Enter")
    settle(page)
    assert_no_error(page)
    expect(page).to_have_url(re.compile("legal_form=bv"))
    expect(page).to_have_url(re.compile("sector_sbi=2562"))
    expect(page).to_have_url(re.compile("turnover_eur=3000000"))
    shot(page, "3-english")
    page.get_by_test_id("stSidebar").get_by_text("Nederlands", exact=True).click()
    settle(page)
    employees = page.get_by_role("spinbutton", name="Werknemers (personen)")
    employees.fill("18")
    employees.press("Enter")
    settle(page)
    assert_no_error(page)
    expect(page.get_by_role("heading", name=headline)).to_be_visible()  # the same answer
    expect(page.get_by_role("combobox", name="Rechtsvorm")).to_have_value(
        "Besloten vennootschap (bv)"
    )
    expect(page.get_by_role("combobox", name="Sector (SBI-code)")).to_have_value(
        "25.62 – Algemene metaalbewerking"
    )
    expect(page.get_by_role("textbox", name="Netto-omzet (€ per jaar)")).to_have_value("3.000.000")
    for part in ("legal_form=bv", "sector_sbi=2562", "turnover_eur=3000000", "employees=18"):
        expect(page).to_have_url(re.compile(part))
    shot(page, "4-back-in-dutch")

    # 4. growing to 26 and 51 in the growth planner
    page.get_by_test_id("stSidebar").get_by_text("Groeiplanner / drempels").click()
    settle(page)
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    edge = scenario.threshold.first_outside()
    target = page.get_by_role("spinbutton", name="Naar hoeveel werknemers groeit u?")
    expect(target).to_have_value(str(edge))
    sweep = headcount_sweep(engine, OWNER, scenario, REFERENCE_DATE)
    plan = growth_plan(sweep, 18, edge - 18)
    returns = sorted(plan[plan["change"] == "returns"]["title"])
    assert returns
    expect(page.get_by_text(f"Komt terug bij {edge} onder het voorstel")).to_be_visible()
    assert sorted(table_column(page, returns[0])) == returns
    chart.scroll_into_view_if_needed()
    shot(page, "5-growth-chart")
    page.get_by_text(f"Komt terug bij {edge} onder het voorstel").scroll_into_view_if_needed()
    shot(page, f"6-grow-to-{edge}")
    target.fill("51")
    target.press("Enter")
    settle(page)
    plan51 = growth_plan(sweep, 18, 51 - 18)
    at50 = sorted(plan51[(plan51["change"] == "start") & (plan51["at"] == 50)]["title"])
    assert at50
    expect(page.get_by_text("Begint (nieuwe verplichtingen)")).to_be_visible()
    expect(page.get_by_text(at50[0]).first).to_be_visible()
    page.get_by_text("Begint (nieuwe verplichtingen)").scroll_into_view_if_needed()
    shot(page, "7-grow-to-51")

    # 5. the Aannames panel: an own hourly tariff recalculates at once and stays in the link
    page.get_by_test_id("stSidebar").get_by_text("Bedrijfscheck").click()
    settle(page)
    panel = page.get_by_test_id("stExpander").filter(has_text="Aannames aanpassen (tarieven")
    panel.locator("summary").click()
    tariff = page.get_by_role(
        "textbox", name="Interne uren (ondernemer of administratief medewerker) (€ per uur)"
    )
    tariff.fill("70")
    tariff.press("Enter")
    settle(page)
    changed = with_overrides(engine, Overrides(tariffs={"intern": 70}))
    own = check(OWNER, SCENARIO, REFERENCE_DATE, engine=changed)
    overview = page.get_by_test_id("stTable").filter(has_text="Lasten in totaal").first
    expect(overview).to_contain_text(fmt_eur(own.totals["cost_now_eur"]).replace("\u00a0", " "))
    expect(page).to_have_url(re.compile(r"t\.intern=70"))
    expect(page.get_by_text("(standaardwaarde € 54 per uur)", exact=False)).to_be_visible()
    other = page.get_by_role(
        "textbox", name="Interne uren hoogopgeleide medewerker (HR, finance, preventie) (€ per uur)"
    )
    expect(other).to_have_value("77")  # the other tariffs keep showing their sourced value
    panel.scroll_into_view_if_needed()
    shot(page, "8-own-tariff")

    # 6. the workbook: the firm's name, and the tariff the owner typed as its input cell
    with page.expect_download() as dl:
        page.get_by_role("button", name="Resultaat als Excel").click()
    xlsx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(xlsx_path)
    wb = openpyxl.load_workbook(xlsx_path)
    cells = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert any(NAME in c for c in cells)
    assert not any("naamloos" in c for c in cells)
    ((sheet, ref),) = wb.defined_names["tarief_intern"].destinations
    assert wb[sheet][ref.replace("$", "")].value == 70

    with page.expect_download() as dl:
        page.get_by_role("button", name="Resultaat als CSV").click()
    csv_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(csv_path)
    frame = pd.read_csv(csv_path, sep=";", decimal=",", encoding="utf-8-sig")
    less = frame["Minder regeldruk (€ per jaar)"].sum()
    less += frame["Minder financiële lasten (€ per jaar)"].sum()
    assert less == pytest.approx(own.totals["saved_eur"], abs=len(frame))  # whole euros per row
    with page.expect_download() as dl:
        page.get_by_role("button", name="Rapport als pdf (A4)").click()
    assert dl.value.suggested_filename == "drempelcheck-rapport.pdf"
    pdf_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    page.close()


def test_first_visit_is_quick_and_shows_no_developer_menu(server: str, browser) -> None:
    """A new visitor on the warmed server: the answer within 3 s, no Deploy button."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    started = time.perf_counter()
    page.goto(f"{server}/?employees=18", wait_until="domcontentloaded")
    expect(page.get_by_text("bespaart u", exact=False).first).to_be_visible(timeout=60_000)
    assert time.perf_counter() - started < 3 + (2 if IN_CI else 0)
    assert page.get_by_role("button", name="Deploy").count() == 0
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
