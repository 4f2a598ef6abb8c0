"""In a real browser: a crafted shared link shows its text, not a link or an image, and a Dutch
amount typed with thousands separators is computed as typed.  Screenshots in test-artifacts/."""

from __future__ import annotations

import datetime as dt
import urllib.parse

from test_e2e_browser import ARTIFACTS, browser, pytestmark, server  # noqa: F401

from checker.api import check
from checker.i18n import fmt_eur

EVIL = "https://evil.example"


def test_crafted_link_renders_as_text(server: str, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(60_000)
    query = urllib.parse.urlencode(
        {
            "employees": "12",
            "listed": f"[Officieel bericht]({EVIL})",
            "turnover_eur": f"![logo]({EVIL}/x.png)",
            "threshold": "nan",
        }
    )
    page.goto(f"{server}/?{query}", wait_until="domcontentloaded")
    saving = page.get_by_text("Met het voorstel bespaart u", exact=False).first
    expect(saving).to_be_visible(timeout=60_000)
    expect(page.get_by_text("[Officieel bericht](https:", exact=False)).to_be_visible()
    assert page.locator(f"a[href^='{EVIL}']").count() == 0
    assert page.locator(f"img[src^='{EVIL}']").count() == 0
    page.screenshot(path=str(ARTIFACTS / "crafted-link.png"))
    page.close()


def test_dutch_amount_with_thousands_separators(server: str, browser) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    page.set_default_timeout(60_000)
    page.goto(f"{server}/?employees=12", wait_until="domcontentloaded")
    saving = page.get_by_text("Met het voorstel bespaart u", exact=False).first
    expect(saving).to_be_visible(timeout=60_000)
    page.get_by_text("Omzet, balans, loonsom en energie").click()
    field = page.get_by_role("textbox", name="Netto-omzet (€ per jaar)")
    field.fill("3.000.000")
    field.press("Enter")
    expected = check({"employees": 12, "turnover_eur": 3_000_000}, "metaalunie-25", dt.date.today())
    overview = page.get_by_test_id("stTable").filter(has_text="Lasten in totaal").first
    expect(overview).to_contain_text(
        fmt_eur(expected.totals["cost_now_eur"]).replace("\u00a0", " ")
    )
    field.fill("1,900")
    field.press("Enter")
    expect(page.get_by_text("dubbelzinnig", exact=False).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "amount-field.png"))
    page.close()
