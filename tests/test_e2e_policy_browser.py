"""Real-browser test of the policy pages (Debian chromium + Playwright, as test_e2e_browser).

What only a browser shows: a messy member list exported from Dutch Excel (title row,
semicolons, 'B.V.', '3.000.000', 'Holding', 'onbekend') uploaded through the real file input
and read back from the result grid; the uploader's Dutch words drawn over Streamlit's English
ones; the sector summary and its what-if slider moved with the keyboard; the calibration page;
and the language switch.  Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from tests.test_e2e_browser import ARTIFACTS, browser, pytestmark, server  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Locator

MESSY_MEMBER_LIST = (
    "Ledenlijst Metaalunie regio Oost;;;;\n"
    ";;;;\n"
    "Naam;Werknemers;Rechtsvorm;Omzet;SBI\n"
    "Lasbedrijf Smit;18;B.V.;3.000.000;25.62\n"
    "Metaalbewerking De Vries;4;Eenmanszaak;450.000;25.62\n"
    "Constructie Jansen;30;Besloten vennootschap;6.500.000,00;25.11\n"
    "Machinefabriek Bakker;24;BV;4.200.000;28.41\n"
    "Holding Pieters;12;Holding;onbekend;25.62\n"
)
NAMES = [
    "Lasbedrijf Smit",
    "Metaalbewerking De Vries",
    "Constructie Jansen",
    "Machinefabriek Bakker",
    "Holding Pieters",
]


def _grid_rows(grid: Locator) -> list[list[str]]:
    """The visible rows of a Streamlit data grid, read from its ARIA cells."""
    rows = []
    for row in grid.locator('[role="row"]').all():
        cells = [c.inner_text() for c in row.locator('[role="gridcell"]').all()]
        if cells:
            rows.append(cells)
    return rows


def test_messy_dutch_member_list_in_browser(server: str, browser, tmp_path: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 2600})
    page.set_default_timeout(60_000)
    page.goto(server + "/ledenbestand", wait_until="domcontentloaded")
    button = page.locator(
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    ).first
    button.wait_for()
    # Streamlit's "Upload" is drawn over in Dutch; the English text is not visible (size 0).
    assert button.evaluate("e => getComputedStyle(e, '::after').content") == '"Bestand kiezen"'
    assert button.evaluate("e => getComputedStyle(e).fontSize") == "0px"

    member_file = tmp_path / "leden export.csv"
    member_file.write_text(MESSY_MEMBER_LIST, encoding="cp1252")  # as Dutch Excel saves it
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(member_file)
    expect(page.get_by_text("Minder regeldruk voor de leden:", exact=False)).to_be_visible()
    valid = page.get_by_test_id("stMetric").filter(has_text="Geldige rijen")
    expect(valid.get_by_test_id("stMetricValue")).to_have_text("5 / 5")
    expect(page.get_by_text("Kopregel gevonden in regel 3", exact=False)).to_be_visible()

    expect(page.get_by_role("heading", name="Resultaten per lid")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").last
    expect(grid.locator('[role="gridcell"]').nth(1)).to_have_text(NAMES[0])
    header = [h.inner_text() for h in grid.locator('[role="columnheader"]').all()]
    assert header[:4] == ["Rij in bestand", "Naam", "Werknemers", "Bereikt"]
    rows = _grid_rows(grid)
    assert [r[1] for r in rows] == NAMES
    assert [r[0] for r in rows] == ["4", "5", "6", "7", "8"]  # rows as numbered in the file
    assert [r[2] for r in rows] == ["18", "4", "30", "24", "12"]
    assert {r[3] for r in rows} <= {"ja", "nee"} and rows[2][3] == "nee"  # 30 is above 25
    assert all(re.fullmatch(r"€\u00a0\d{1,3}(\.\d{3})*", r[4]) for r in rows), rows
    page.screenshot(path=str(ARTIFACTS / "ledenbestand.png"))
    page.close()


def test_sector_summary_and_what_if_in_browser(server: str, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 2400})
    page.set_default_timeout(90_000)
    page.goto(server + "/sectoranalyse", wait_until="domcontentloaded")
    expect(page.get_by_text("Deze analyse gaat over:", exact=False)).to_be_visible()
    headline = page.get_by_text(
        re.compile(r"^Minder regeldruk: €\s[\d,]+ (miljoen|miljard) per jaar$")
    )
    expect(headline).to_be_visible()
    slider = page.get_by_role("slider").last
    slider.focus()
    for _ in range(4):  # 4 steps of 5%
        page.keyboard.press("ArrowRight")
    expect(page.get_by_text("stel dat 20% van de bedrijven", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").nth(1)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "sectoranalyse-what-if.png"))

    page.get_by_text("English", exact=True).click()
    expect(page.get_by_text("This analysis covers:", exact=False)).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"^Less regulatory burden: €[\d.]+ (million|billion) a year$"))
    ).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "sectoranalyse-en.png"))
    page.close()


def test_calibration_page_in_browser(server: str, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 2400})
    page.set_default_timeout(90_000)
    page.goto(server + "/kalibratie", wait_until="domcontentloaded")
    ratio = page.get_by_test_id("stMetric").filter(has_text="Gepubliceerd")
    expect(ratio.get_by_test_id("stMetricValue")).to_have_text("3,2× tot 5,9×")
    expect(page.get_by_text("Niet in de catalogus", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "kalibratie.png"))
    page.close()
