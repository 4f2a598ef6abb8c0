"""The printable report read back as a reader gets it: rendered by poppler, as image and as text.

pdftoppm renders the pages (size, page count, the app's chart colours on the page) and
pdftotext extracts what a reader can read: the headline amount in Dutch notation, the titles
of the obligations that change, the catalogue version and proposal on every page, and never a
rule id, a developer note or a file name.  poppler-utils is always installed in CI; locally
these tests are skipped (with the reason) when it is missing, never in CI.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import cast

import numpy as np
import pytest
from conftest import REFERENCE_DATE
from PIL import Image

from checker import cli
from checker.api import CheckResult, check, load
from checker.bilingual import Lang, pick
from checker.export.pdf_report import firm_report_pdf, population_amount, population_report_pdf
from checker.export.report_content import plain_text, source_title
from checker.population import build_population, evaluate_population

PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")
poppler = pytest.mark.skipif(
    (PDFTOPPM is None or PDFTOTEXT is None) and os.environ.get("CI") != "true",
    reason="poppler-utils (pdftoppm, pdftotext) is not installed; apt-get install poppler-utils",
)
CREATED = REFERENCE_DATE + dt.timedelta(days=4)  # the day the report is printed
FIRM = {
    "employees": 18,
    "legal_form": "bv",
    "sector_sbi": "25.62",
    "name": "Metaalbewerking De Vries bv",
}
MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
A4_PT = (595, 842)  # 210 × 297 mm at 72 dpi
MARGIN_PT = 18 / 25.4 * 72  # the report's left and right margin
FIXTURE_RULES = Path(__file__).parent / "fixtures" / "valid_minimal" / "rules"

# What a reader must never see: rule ids and other snake_case identifiers, our notes, files.
DEVELOPER_TEXT = [
    re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b"),  # arbo_rie, temp_workers_24m, cbs_81431ned
    re.compile(r"\baanname:|\bassumption:", re.IGNORECASE),
    re.compile(r"\.(?:ya?ml|csv|py|json|md|xlsx)\b", re.IGNORECASE),
    re.compile(r"laws-markdown|statengeneraal|BWBR\d|verifi|TODO|recalled|\[[VDA]\]"),
    re.compile(r"\b(?:True|False|None|nan)\b"),
]


# -- poppler helpers -------------------------------------------------------------------------


def pdf_text(data: bytes, tmp_path: Path, page: int | None = None) -> str:
    """The text as pdftotext reads it (content order), whitespace collapsed."""
    assert PDFTOTEXT is not None, "CI=true but pdftotext (poppler-utils) is missing"
    src = tmp_path / "report.pdf"
    src.write_bytes(data)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        [PDFTOTEXT, "-raw", "-enc", "UTF-8", *pages, str(src), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", out.replace("\xa0", " "))


def pdf_pages(data: bytes, tmp_path: Path, dpi: int = 72) -> list[Image.Image]:
    """The pages as images, as pdftoppm draws them."""
    assert PDFTOPPM is not None, "CI=true but pdftoppm (poppler-utils) is missing"
    src = tmp_path / "pages.pdf"
    src.write_bytes(data)
    prefix = tmp_path / f"page{dpi}"
    subprocess.run(
        [PDFTOPPM, "-r", str(dpi), "-png", str(src), str(prefix)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    files = sorted(tmp_path.glob(f"page{dpi}-*.png"))
    return [Image.open(f).convert("RGB") for f in files]


def word_boxes(data: bytes, tmp_path: Path) -> list[tuple[float, float, str]]:
    """(xMin, xMax, word) of every word on every page (pdftotext -bbox)."""
    assert PDFTOTEXT is not None
    src = tmp_path / "boxes.pdf"
    src.write_bytes(data)
    html = subprocess.run(
        [PDFTOTEXT, "-bbox", str(src), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    )
    return [(float(a), float(b), w) for a, b, w in pattern.findall(html)]


def colour_mask(img: Image.Image, rgb: tuple[int, int, int], tol: int = 12) -> np.ndarray:
    """Pixels within ``tol`` of ``rgb`` on each channel."""
    pixels = np.asarray(img, dtype=np.int16)
    return np.asarray((np.abs(pixels - np.array(rgb)) <= tol).all(axis=2))


def dutch_eur(value: float) -> str:
    """'€ 7.304' — written out here, not with the code's own formatter."""
    return "€ " + f"{round(value):,}".replace(",", ".")


def headline_eur(value: float) -> str:
    """A firm's saving as the app's headline writes it — '€ 6.700' for € 6.680: hundreds from
    € 1.000, tens from € 100 (the model's margins are wide) — written out here."""
    step = 100 if abs(value) >= 1000 else 10 if abs(value) >= 100 else 1
    return dutch_eur(round(value / step) * step)


# -- fixtures --------------------------------------------------------------------------------


@cache
def firm_result(lang: Lang = "nl", employees: int = 18) -> CheckResult:
    return check({**FIRM, "employees": employees}, "metaalunie-25", REFERENCE_DATE, lang=lang)


@cache
def firm_pdf(lang: Lang = "nl", employees: int = 18) -> bytes:
    return firm_report_pdf(firm_result(lang, employees), lang, created=CREATED)


def changed_titles(result: CheckResult, lang: Lang) -> list[str]:
    """Obligations that apply now and lapse or get lighter under the proposal (from the result)."""
    return [
        pick(rr.rule.title, lang)
        for rr in result.rules
        if rr.rule.kind == "obligation"
        and rr.applies_now
        and (not rr.applies_scenario or rr.treatment == "lighter")
    ]


def regeldruk_saving(result: CheckResult) -> float:
    t = result.totals
    now = t["administrative_now_eur"] + t["substantive_now_eur"]
    scen = t["administrative_scenario_eur"] + t["substantive_scenario_eur"]
    return now - scen


@cache
def population_pdf(lang: Lang) -> tuple[bytes, float]:
    engine = load()
    pop = build_population("division:245 Metaalgieterijen", engine)
    res = evaluate_population(pop, engine, "metaalunie-25", REFERENCE_DATE)
    return population_report_pdf(res, lang, created=CREATED), res.totals["firms"]


# -- firm report -----------------------------------------------------------------------------


@poppler
def test_firm_report_is_at_most_two_a4_pages(tmp_path: Path) -> None:
    pages = pdf_pages(firm_pdf(), tmp_path)
    assert 1 <= len(pages) <= 2
    for page in pages:  # pixels at 72 dpi = points; A4 is 595.28 × 841.89 pt
        assert abs(page.width - 595.28) <= 1 and abs(page.height - 841.89) <= 1, page.size


@poppler
@pytest.mark.parametrize(
    ("employees", "lang"), [(1, "nl"), (10, "nl"), (25, "en"), (26, "nl"), (120, "en")]
)
def test_every_firm_size_fits_on_two_a4_pages(employees: int, lang: Lang, tmp_path: Path) -> None:
    pages = pdf_pages(firm_pdf(lang, employees), tmp_path, dpi=20)
    assert 1 <= len(pages) <= 2, f"{employees} employees ({lang}): {len(pages)} pages"


@poppler
def test_headline_is_the_regeldruk_saving_in_dutch_notation(tmp_path: Path) -> None:
    result = firm_result()
    saving = regeldruk_saving(result)
    total_with_financial = result.totals["saved_eur"]
    assert saving > 100 and abs(total_with_financial - saving) > 1, "precondition"
    text = pdf_text(firm_pdf(), tmp_path)
    assert f"{headline_eur(saving)} per jaar minder regeldruk" in text
    # financial costs are named apart and are not in the regeldruk headline
    assert headline_eur(total_with_financial) not in text
    assert dutch_eur(total_with_financial) not in text
    assert "financiële lasten" in text
    financial = result.totals["financial_now_eur"] - result.totals["financial_scenario_eur"]
    assert f"{headline_eur(financial)} minder" in text
    # the levels print to the euro, as in the app's overview and the table below
    regeldruk_now = result.totals["administrative_now_eur"] + result.totals["substantive_now_eur"]
    assert f"van {dutch_eur(regeldruk_now)} naar" in text


@poppler
def test_headline_gives_the_band_of_the_saving_and_the_part_moved_to_uwv(tmp_path: Path) -> None:
    """'Marge (5–95 %): € a – € b per jaar' around the regeldruk saving (rounded as the app's
    headline), and the part of the financial saving that only moves to UWV."""
    result = firm_result()
    t = result.totals
    text = pdf_text(firm_pdf(), tmp_path)
    low_text, high_text = (
        headline_eur(t["regulatory_saved_eur_low"]),
        headline_eur(t["regulatory_saved_eur_high"]),
    )
    assert f"Marge (5–95 %): {low_text} – {high_text} per jaar" in text, text[:600]
    assert "andbreedte" not in text  # one word for the margin
    assert t["regulatory_saved_eur_low"] <= regeldruk_saving(result)
    assert regeldruk_saving(result) <= t["regulatory_saved_eur_high"]
    assert t["transferred_eur"] > 1, "precondition: sick pay in year two moves to UWV"
    assert f"Daarvan verschuift {headline_eur(t['transferred_eur'])} naar UWV" in text


@poppler
def test_titles_of_the_obligations_that_change_are_listed(tmp_path: Path) -> None:
    result = firm_result()
    titles = changed_titles(result, "nl")
    assert len(titles) >= 5, "precondition: the proposal changes several obligations"
    text = pdf_text(firm_pdf(), tmp_path)
    missing = [t for t in titles if t not in text]
    assert not missing, missing
    unchanged = [
        pick(rr.rule.title, "nl")
        for rr in result.rules
        if rr.applies_now and rr.applies_scenario and rr.treatment != "lighter"
    ]
    assert "Bedrijfshulpverlening (BHV)" in unchanged
    assert "Bedrijfshulpverlening (BHV)" not in text


@poppler
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_rule_ids_developer_notes_or_file_names(lang: Lang, tmp_path: Path) -> None:
    text = pdf_text(firm_pdf(lang), tmp_path)
    for pattern in DEVELOPER_TEXT:
        assert not pattern.findall(text), (pattern.pattern, pattern.findall(text)[:5])
    ids = [r.id for r in load().catalogue.rules if "_" in r.id]
    assert not [i for i in ids if i in text]


@poppler
def test_dutch_report_in_dutch_and_english_report_in_english(tmp_path: Path) -> None:
    nl = pdf_text(firm_pdf("nl"), tmp_path).lower()
    en = pdf_text(firm_pdf("en"), tmp_path).lower()
    for word in (
        "regeldruk",
        "verplichtingen",
        "per jaar",
        "bronnen",
        "uitgangspunten",
        "peildatum",
    ):
        assert word in nl, word
        assert word not in en.replace("handboek meting regeldrukkosten", ""), word
    for word in (
        "regulatory burden",
        "obligations",
        "per year",
        "sources",
        "inputs",
        "reference date",
    ):
        assert word in en, word
        assert word not in nl, word


@poppler
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_names_catalogue_version_proposal_and_date(lang: Lang, tmp_path: Path) -> None:
    result = firm_result(lang)
    data = firm_pdf(lang)
    assert result.scenario is not None
    title = pick(result.scenario.title, lang)
    month = MONTHS[lang][REFERENCE_DATE.month - 1]  # written out here, not by the code's formatter
    reference = f"{REFERENCE_DATE.day} {month} {REFERENCE_DATE.year}"
    for page in range(1, len(pdf_pages(data, tmp_path, dpi=10)) + 1):
        text = pdf_text(data, tmp_path, page)
        assert result.catalogue_version in text
        assert title in text
        assert reference in text


@poppler
def test_nothing_runs_off_the_page(tmp_path: Path) -> None:
    """Every word lies within the margins: tables fit the page width, nothing is cut off."""
    for lang in ("nl", "en"):
        boxes = word_boxes(firm_pdf(lang), tmp_path)
        assert boxes
        outside = [
            (w, a, b) for a, b, w in boxes if a < MARGIN_PT - 1 or b > A4_PT[0] - MARGIN_PT + 1
        ]
        assert not outside, outside[:5]


@poppler
def test_chart_has_the_app_colours(tmp_path: Path) -> None:
    """The burden-by-domain chart is drawn with the app's current-law red and proposal blue.

    Red is used nowhere else in the report; blue also marks the headline, so blue is looked
    for inside the area that holds the red bars.
    """
    from checker.ui.charts import NOW_COLOR, SCEN_COLOR

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        h = hex_colour.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)

    pages = pdf_pages(firm_pdf(), tmp_path, dpi=60)
    reds = [colour_mask(p, rgb(NOW_COLOR)) for p in pages]
    page = max(range(len(pages)), key=lambda i: int(reds[i].sum()))
    red = reds[page]
    assert red.mean() > 0.002, "no bars in the app's current-law colour"
    rows, cols = np.nonzero(red)
    area = colour_mask(pages[page], rgb(SCEN_COLOR))[
        rows.min() : rows.max() + 1, cols.min() : cols.max() + 1
    ]
    assert area.mean() > 0.01, "no bars in the app's proposal colour next to them"


@poppler
def test_firm_above_the_threshold_reads_no_saving(tmp_path: Path) -> None:
    text = pdf_text(firm_pdf("nl", 51), tmp_path)
    assert "Geen besparing op regeldruk" in text
    assert "boven de drempel" in text
    assert "Verplichtingen met een vrijstelling" not in text


@poppler
def test_report_on_another_catalogue_names_that_catalogue(tmp_path: Path) -> None:
    engine = load(FIXTURE_RULES)
    result = check({"employees": 12}, "test-scenario", REFERENCE_DATE, engine=engine)
    text = pdf_text(firm_report_pdf(result, "nl", created=CREATED), tmp_path)
    assert engine.catalogue.version_hash in text
    assert load().catalogue.version_hash not in text
    assert "Testregel" in text
    assert "Risico-inventarisatie" not in text


@poppler
def test_cli_export_to_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profiel.json"
    profile.write_text('{"employees": 12, "name": "Lasbedrijf Test"}', encoding="utf-8")
    out = tmp_path / "rapport.pdf"
    rc = cli.main(["export", str(profile), "--out", str(out), "--date", REFERENCE_DATE.isoformat()])
    assert rc == 0
    assert capsys.readouterr().out.strip() == str(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert "Regeldruk van Lasbedrijf Test" in pdf_text(data, tmp_path)


def test_cli_refuses_another_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profiel.json"
    profile.write_text('{"employees": 12}', encoding="utf-8")
    rc = cli.main(["export", str(profile), "--out", str(tmp_path / "rapport.docx")])
    assert rc == 2
    assert ".xlsx of .pdf" in capsys.readouterr().err


# -- sector report ---------------------------------------------------------------------------


@poppler
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_population_report(lang: Lang, tmp_path: Path) -> None:
    data, firms = population_pdf(lang)
    pages = pdf_pages(data, tmp_path, dpi=20)
    assert 1 <= len(pages) <= 2
    text = pdf_text(data, tmp_path)
    count = f"{round(firms):,}".replace(",", "." if lang == "nl" else ",")
    assert count in text
    assert "245 Metaalgieterijen" in text
    assert "CBS 81589NED" in text
    assert ("Per grootteklasse" if lang == "nl" else "By size class") in text
    assert ("minder regeldruk" if lang == "nl" else "less regulatory burden") in text
    for pattern in DEVELOPER_TEXT:
        assert not pattern.findall(text), (pattern.pattern, pattern.findall(text)[:5])
    assert load().catalogue.version_hash in text


# -- wording rules (no rendering needed) ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (7304.4, "nl", "€\u00a07.300"),
        (412_345.0, "nl", "€\u00a0412.000"),
        (7_312_000.0, "nl", "€\u00a07,31 miljoen"),
        (729_400_000.0, "nl", "€\u00a0729 miljoen"),
        (1_240_000_000.0, "nl", "€\u00a01,24 miljard"),
        (729_400_000.0, "en", "€729 million"),
    ],
)
def test_sector_amounts_are_rounded_to_three_significant_digits(
    value: float, lang: Lang, expected: str
) -> None:
    """A sector total carries no last euro: three significant digits, millions in words."""
    assert population_amount(value, lang) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Arbeidsomstandighedenwet (BWBR0010346), consolidated pre-2017 text read via "
            "statengeneraal/laws-markdown (arts. 5, 8, 9, 12–15, 18)",
            "Arbeidsomstandighedenwet",
        ),
        (
            "Arbokompas, Wat kost een arbodienst? (21-03-2022): € 120–200 per werknemer per jaar",
            "Arbokompas, Wat kost een arbodienst?",
        ),
        (
            "Stb. 2023, 215: Besluit van 19 juni 2023 (energiebesparingsplicht; Bal art. 3.3a: "
            "50.000 kWh / 25.000 m3)",
            "Stb. 2023, 215: Besluit van 19 juni 2023",
        ),
        (
            "Legal Matters, Een contract met een arbodienst: heb jij er al een? (25-04-2018)",
            "Legal Matters, Een contract met een arbodienst: heb jij er al een?",
        ),
        (
            "CBS StatLine 80072NED Ziekteverzuimpercentage; bedrijfstakken (SBI 2008) en bedrijfsgrootte",
            "CBS StatLine 80072NED Ziekteverzuimpercentage; bedrijfstakken (SBI 2008) en bedrijfsgrootte",
        ),
    ],
)
def test_source_titles_without_reading_notes(title: str, expected: str) -> None:
    assert source_title(title) == expected


def test_law_articles_without_notes_to_the_maintainers() -> None:
    assert plain_text("art. 2 (uitzondering: art. 2 lid 12, lidnummer te verifiëren)") == "art. 2"
    assert (
        plain_text(
            "art. 14 lid 1–2 en art. 14a (basiscontract sinds 1-7-2017; precieze lid niet geverifieerd)"
        )
        == "art. 14 lid 1–2 en art. 14a"
    )
    assert (
        plain_text("art. 3.3a lid 1 (drempel) en art. 5.15")
        == "art. 3.3a lid 1 (drempel) en art. 5.15"
    )


def test_rule_costs_add_up_to_the_firm_totals() -> None:
    """Per-rule regeldruk and financial € (driver sums) add up to the firm's totals by cost type."""
    from checker.export.report_content import rule_costs

    result = firm_result()
    t = result.totals
    costs = rule_costs(result.evaluation)
    assert costs["regeldruk_now"].sum() == pytest.approx(
        t["administrative_now_eur"] + t["substantive_now_eur"], abs=0.01
    )
    assert costs["regeldruk_scen"].sum() == pytest.approx(
        t["administrative_scenario_eur"] + t["substantive_scenario_eur"], abs=0.01
    )
    assert costs["financial_now"].sum() == pytest.approx(t["financial_now_eur"], abs=0.01)
    assert costs["financial_scen"].sum() == pytest.approx(t["financial_scenario_eur"], abs=0.01)


@poppler
def test_given_values_are_shown_as_given_and_the_rest_as_assumed(tmp_path: Path) -> None:
    profile = {**FIRM, "fte": 15.5, "wage_bill_eur": 812_000}
    result = check(profile, "metaalunie-25", REFERENCE_DATE)
    text = pdf_text(firm_report_pdf(result, "nl", created=CREATED), tmp_path)
    given = text[text.index("Opgegeven (zoals ingevuld):") : text.index("Niet opgegeven")]
    assert "Voltijdbanen (fte): 15,5" in given
    assert "Loonsom (€ per jaar): € 812.000" in given
    assert "≈ 15,9" not in text  # the default estimate is not used, so not shown
    assert "Uitzendkrachten (nu)" in text[text.index("Niet opgegeven") :]


@poppler
def test_announced_rules_are_named_but_not_counted(tmp_path: Path) -> None:
    result = check(FIRM, "metaalunie-25", REFERENCE_DATE, include_pending=True)
    pending = [pick(rr.rule.title, "nl") for rr in result.rules if rr.pending and rr.applies_now]
    assert pending, "precondition: an announced rule would apply to this firm"
    text = pdf_text(firm_report_pdf(result, "nl", created=CREATED), tmp_path)
    assert f"{headline_eur(regeldruk_saving(result))} per jaar minder regeldruk" in text
    assert regeldruk_saving(result) == pytest.approx(regeldruk_saving(firm_result()))
    announced = text[text.index("Aangekondigd, nog geen wet") :]
    assert all(title in announced for title in pending)


def test_a_compound_word_too_wide_for_its_cell_breaks_after_its_hyphen() -> None:
    """A four-proposal comparison has narrow columns: 'Metaalunie-voorstel' wraps as
    'Metaalunie-' / 'voorstel', never as 'Metaalunie-voorst' / 'el'."""
    from checker.export.pdf_layout import Cell, Column, ReportPdf

    pdf = ReportPdf(["test"], "nl")
    column, cell = Column("x", 24.0), Cell("Metaalunie-voorstel, ruime variant", bold=True)
    pdf._font(7.5, bold=True)
    width = column.width - 2 * pdf._PAD_X
    text = pdf._breakable(cell.text, width)
    lines = cast(list[str], pdf.multi_cell(width, 3.4, text, dry_run=True, output="LINES"))
    assert [line.replace("\u200b", "") for line in lines][:2] == ["Metaalunie-", "voorstel,"]
    assert pdf._breakable(cell.text, 200.0) == cell.text  # room enough: untouched
    assert pdf._breakable("2020-2024 en -5", 1.0) == "2020-2024 en -5"  # numbers keep theirs
