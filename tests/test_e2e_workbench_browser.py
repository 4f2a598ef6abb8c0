"""Real-browser test of the issue's "done when" for the policy workbench.

A policy officer, in the browser and without editing files, builds "25 employees, SZW only,
linear phase-out to 35, from 2027", compares it with the shipped Metaalunie variants for one
firm, the metal sector (section C while no metal-sector scope exists) and a member list, and
downloads each comparison as Excel and PDF.  The saved proposal file must be the proposal
the app used (it is read back with the CLI's reader), and the downloaded figures must be the
engine's.  Screenshots go to test-artifacts/ (workbench-*.png).

Started like tests/test_e2e_browser.py (``streamlit run app.py`` headless, Debian chromium).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from checker.api import load
from checker.compare import compare_firm
from checker.population import available_scopes
from checker.profile import parse_profile
from checker.proposal_io import parse_proposal
from checker.ui.labels import example_member_csv
from tests.test_e2e_browser import ARTIFACTS, CHROMIUM, IN_CI, browser, server

__all__ = ["browser", "server"]  # the fixtures, shared with the firm-check browser test

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM and not IN_CI,
        reason="needs Debian chromium (apt-get install -y chromium); not installed here",
    ),
]

START = dt.date(2027, 1, 1)
DATE = dt.date(2027, 6, 1)  # after the start, so the built proposal is in effect
SHIPPED = ("Metaalunie-voorstel: geen", "voorzichtige variant", "ruime variant")
OWN = "(eigen voorstel)"
TITLE = "SZW tot en met 25, ingroei tot 35"


def sector_scope() -> str:
    """The metal sector when the app offers it, else manufacturing (section C)."""
    for sid in available_scopes():
        if sid != "nl" and not sid.startswith(("section:", "division:")) and "meta" in sid.lower():
            return sid
    return "section:C"


def settle(page: Any) -> None:
    """Wait until the app has finished its rerun (no "Running…" status in the header)."""
    from playwright.sync_api import expect

    page.wait_for_timeout(500)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=120_000)


def set_date(page: Any, scope: Any, label: str, when: dt.date) -> None:
    """Type a date into a Streamlit date field (day, month, year segments)."""
    scope.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(when.strftime("%d%m%Y"))
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    settle(page)


def choose(page: Any, widget: Any, text: str) -> None:
    """Pick the option containing ``text`` in a Streamlit select or multiselect."""
    box = widget.locator("input")
    box.click()
    box.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text))).first.click()
    page.keyboard.press("Escape")
    settle(page)


def scroll_to(page: Any, element: Any, tries: int = 3) -> None:
    """Scroll to ``element``; a rerun that is still redrawing it may detach it once, so wait
    for the rerun to end and find it again rather than fail on a loaded machine."""
    from playwright.sync_api import Error

    for attempt in range(tries):
        try:
            element.scroll_into_view_if_needed(timeout=30_000)
            return
        except Error:
            if attempt == tries - 1:
                raise
            settle(page)


def compare_and_download(page: Any, tmp: Path, name: str) -> tuple[Path, Path]:
    """Choose the three Metaalunie variants and the own proposal, then download both files."""
    from playwright.sync_api import expect

    section = page.get_by_test_id("stMultiSelect").filter(has_text="Voorstellen om te vergelijken")
    section.scroll_into_view_if_needed()
    for text in (*SHIPPED, OWN):
        if not section.get_by_text(re.compile(re.escape(text))).count():
            choose(page, section, text)
    expect(section.get_by_text(re.compile(re.escape(OWN)))).to_be_visible()
    excel = page.get_by_role("button", name="Vergelijking als Excel")
    expect(excel).to_be_visible(timeout=120_000)
    settle(page)  # the comparison renders in one rerun: table, then its charts
    table = page.get_by_test_id("stTable").filter(has_text="Regeldruk bespaard per jaar").last
    expect(table).to_be_visible(timeout=120_000)
    scroll_to(page, table)
    page.screenshot(path=str(ARTIFACTS / f"workbench-{name}.png"))
    with page.expect_download() as dl:
        excel.click()
    xlsx = tmp / f"{name}.xlsx"
    dl.value.save_as(xlsx)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Vergelijking als pdf").click()
    pdf = tmp / f"{name}.pdf"
    dl.value.save_as(pdf)
    return xlsx, pdf


def comparison_rows(xlsx: Path) -> dict[str, dict[str, Any]]:
    """The Vergelijking sheet as {figure: {proposal column: value}}, found by its headers."""
    ws = openpyxl.load_workbook(xlsx)["Vergelijking"]
    header = next(r for r in range(1, 12) if ws.cell(r, 1).value == "Gegeven")
    heads = [c.value for c in ws[header]]
    return {
        str(row[0].value): {str(h): c.value for h, c in zip(heads[1:], row[1:], strict=True)}
        for row in ws.iter_rows(min_row=header + 1)
        if row[0].value
    }


def pdf_text(pdf: Path) -> str:
    assert pdf.read_bytes().startswith(b"%PDF")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_policy_officer_builds_compares_and_downloads(
    server: str, browser: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(accept_downloads=True, viewport={"width": 1500, "height": 1400})
    page.set_default_timeout(60_000)

    # -- build the proposal in the builder -----------------------------------------------------
    page.goto(server + "/voorstel", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Voorstel bouwen")).to_be_visible(timeout=90_000)
    page.get_by_text("Naam en toelichting").click()
    title = page.get_by_role("textbox", name=re.compile(r"^Titel \(Nederlands"))
    title.fill(TITLE)
    title.press("Enter")
    ident = page.get_by_role("textbox", name="Kenmerk (ook de bestandsnaam)")
    ident.fill("szw-25-ingroei")
    ident.press("Enter")
    value = page.get_by_role("spinbutton", name="Drempelwaarde")
    value.fill("25")
    value.press("Enter")
    ministries = page.get_by_test_id("stMultiSelect").filter(
        has_text="Alleen regels van deze ministeries"
    )
    choose(page, ministries, "Sociale Zaken")
    page.get_by_text("lineair afbouwen").click()
    until = page.get_by_role("spinbutton", name="Afgebouwd tot")
    until.fill("35")
    until.press("Enter")
    page.get_by_text("Pas vanaf een datum").click()
    set_date(page, page, "Ingangsdatum", START)
    summary = "alleen regels van SZW; EU-regels blijven ongewijzigd; ingroeiregeling: de "
    summary += "verlichting neemt lineair af tot 35; vanaf 1 januari 2027."
    expect(page.get_by_text(summary)).to_be_visible()
    expect(page.get_by_test_id("stAlert").filter(has_text="nog niet geldig")).to_have_count(0)
    page.get_by_role("button", name="Gebruiken op de andere pagina's").click()
    expect(page.get_by_text("staat nu bij de voorstellen")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "workbench-builder.png"))

    with page.expect_download() as dl:
        page.get_by_role("button", name="Opslaan als bestand (YAML)").click()
    assert dl.value.suggested_filename == "szw-25-ingroei.yaml"
    saved = tmp_path / "szw-25-ingroei.yaml"
    dl.value.save_as(saved)
    engine = load()
    loaded = parse_proposal(saved.read_bytes(), engine.catalogue)
    assert loaded.scenario is not None, [p.text("nl") for p in loaded.problems]
    proposal = loaded.scenario
    assert proposal.scope.ministries == ["SZW"]
    assert proposal.threshold.value == 25 and proposal.threshold.measure == "employees"
    assert proposal.phase_in is not None and proposal.phase_in.until == 35
    assert proposal.effective_from() == START

    # -- one firm ------------------------------------------------------------------------------
    page.get_by_role("link", name="Bedrijfscheck").click()
    expect(page.get_by_text("bespaart u", exact=False).first).to_be_visible()
    employees = page.get_by_role("spinbutton", name="Werknemers (personen)")
    employees.fill("20")
    employees.press("Enter")
    expect(page).to_have_url(re.compile(r"employees=20"))
    sidebar = page.get_by_test_id("stSidebar")
    page.wait_for_timeout(1000)
    set_date(page, sidebar, "Peildatum", DATE)
    expect(sidebar.get_by_text("Regels zoals ze gelden op 1 juni 2027")).to_be_visible()
    xlsx, pdf = compare_and_download(page, tmp_path, "firm")
    rows = comparison_rows(xlsx)
    shipped = [engine.catalogue.scenarios[s] for s in sorted(engine.catalogue.scenarios)]
    chosen = [s for s in shipped if s.id != "metaalunie-25-fte"] + [proposal]
    expected = compare_firm(engine, parse_profile({"employees": 20}), chosen, DATE).table
    saved_row = rows["Regeldruk bespaard per jaar"]
    assert len(saved_row) == 4 and TITLE in saved_row
    assert saved_row[TITLE] == pytest.approx(float(expected["regulatory_saved"].iloc[-1]))
    assert sorted(saved_row.values()) == pytest.approx(sorted(expected["regulatory_saved"]))
    text = pdf_text(pdf)
    assert "Eén bedrijf met 20 werknemers" in text and TITLE in text

    # -- the metal sector (or section C) -------------------------------------------------------
    scope = sector_scope()
    page.get_by_role("link", name="Sectoranalyse").click()
    firms = page.get_by_test_id("stMetric").filter(has_text="Bedrijven").first
    expect(firms).to_be_visible(timeout=120_000)
    sidebar = page.get_by_test_id("stSidebar")
    choose(page, sidebar.get_by_test_id("stSelectbox").first, available_scopes()[scope][:12])
    set_date(page, sidebar, "Peildatum", DATE)
    xlsx, pdf = compare_and_download(page, tmp_path, "sector")
    rows = comparison_rows(xlsx)
    above = rows["Bedrijven net boven de drempel (de eerste 5 groottes erboven)"]
    assert len(above) == 4 and all(v >= 0 for v in above.values())
    assert rows["Bedrijven bereikt"][TITLE] > 0
    text = pdf_text(pdf)
    assert available_scopes()[scope][:12] in text and "Bedrijven net boven elke drempel" in text

    # -- a member list -------------------------------------------------------------------------
    page.get_by_role("link", name="Ledenbestand").click()
    expect(page.get_by_role("heading", name="Ledenbestand")).to_be_visible()
    members = tmp_path / "leden.csv"
    members.write_bytes(example_member_csv())
    sidebar = page.get_by_test_id("stSidebar")
    set_date(page, sidebar, "Peildatum", DATE)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(members))
    expect(page.get_by_text("Resultaten per lid", exact=False).first).to_be_visible(timeout=90_000)
    xlsx, pdf = compare_and_download(page, tmp_path, "members")
    rows = comparison_rows(xlsx)
    assert rows["Bedrijven bereikt"][TITLE] <= 5  # the example file has five members
    assert "leden.csv" in pdf_text(pdf)
    page.close()
