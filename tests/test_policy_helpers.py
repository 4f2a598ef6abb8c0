"""Helpers of the policy pages: totals in words, Dutch widget texts, member bands split at the
threshold, the regeldruk column of the sweep, the what-if panel and the example download."""

from __future__ import annotations

import pandas as pd
import pytest

from checker.engine import Engine
from checker.i18n import fmt_eur_short
from checker.i18n.formatting import round_significant
from checker.population import build_population, evaluate_population, read_counts, sweep
from checker.population.batch import MEMBER_BANDS, by_size_band, member_bands
from checker.population.cbs_example import example_statline_csv
from checker.population.charts import size_class_chart, sweep_chart, what_if_chart
from checker.scenario_model import DEFAULT_SCENARIO, Threshold
from checker.ui.saving_text import saving_summary
from checker.ui.widget_texts import widget_css
from tests.conftest import REFERENCE_DATE

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (729_412_345, f"€{NBSP}729 miljoen", "€729 million"),
        (1_234_567_890, f"€{NBSP}1,23 miljard", "€1.23 billion"),
        (3_456_000, f"€{NBSP}3,46 miljoen", "€3.46 million"),
        (45_612, f"€{NBSP}45.600", "€45,600"),
        (-2_345_678, f"€{NBSP}-2,35 miljoen", "-€2.35 million"),
        (0, f"€{NBSP}0", "€0"),
    ],
)
def test_totals_in_words_with_three_significant_digits(value: float, nl: str, en: str) -> None:
    assert fmt_eur_short(value) == nl
    assert fmt_eur_short(value, "en") == en


def test_round_significant() -> None:
    assert round_significant(729_412_345) == 729_000_000
    assert round_significant(0.012345) == pytest.approx(0.0123)
    assert fmt_eur_short(None) == "–" and fmt_eur_short(float("nan")) == "–"


def test_widget_texts_are_dutch_and_absent_in_english() -> None:
    css = widget_css("nl", "CSV, ten hoogste 5 MB")
    assert 'content: "Bestand kiezen"' in css
    assert 'content: "Geen resultaten"' in css
    assert 'content: "CSV, ten hoogste 5 MB"' in css
    assert css.startswith("<style>") and css.endswith("</style>")
    assert widget_css("en", "x") == ""
    assert 'content: "a \\"b\\""' in widget_css("nl", 'a "b"')  # quotes cannot end the rule


def test_member_bands_split_at_any_employee_threshold() -> None:
    split = member_bands(Threshold(value=25))
    assert (19, 25, "19–25") in split and (26, 48, "26–48") in split
    assert member_bands(Threshold(value=12))[4:6] == ((9, 12, "9–12"), (13, 18, "13–18"))
    assert member_bands(Threshold(value=18)) == MEMBER_BANDS  # on a band boundary
    assert member_bands(Threshold(value=25, inclusive=False))[5:7] == (
        (19, 24, "19–24"),
        (25, 48, "25–48"),
    )
    assert member_bands(Threshold(measure="fte", value=25)) == MEMBER_BANDS


def test_by_size_band_counts_members_on_the_right_side() -> None:
    per_firm = pd.DataFrame(
        {
            "employees": [24, 25, 26, 30],
            "reached": [True, True, False, False],
            "saved_eur": [10.0, 20.0, 0.0, 0.0],
        }
    )
    table = by_size_band(per_firm, Threshold(value=25)).set_index("size_class")
    assert table.loc["19–25", "firms"] == 2 and table.loc["19–25", "saved_eur"] == 30.0
    assert table.loc["26–48", "firms"] == 2 and table.loc["26–48", "firms_reached"] == 0
    assert list(by_size_band(per_firm)["size_class"]) == ["19–48"]  # no threshold: one band


def test_sweep_reports_regeldruk_apart(engine: Engine) -> None:
    pop = build_population("section:C", engine)
    scenario = engine.catalogue.scenario(DEFAULT_SCENARIO)
    res = evaluate_population(pop, engine, scenario, REFERENCE_DATE)
    sw = sweep(pop, engine, scenario, date=REFERENCE_DATE, bunching_share=0.2)
    row = sw.table[sw.table["threshold"] == scenario.threshold.value].iloc[0]
    assert row["saved_regulatory"] == pytest.approx(res.totals["saved_regulatory"], rel=1e-9)
    assert res.totals["saved_regulatory"] + res.totals["saved_financial"] == pytest.approx(
        res.totals["saved_eur"], rel=1e-9
    )
    by_class = res.by_size_class
    assert by_class["saved_regulatory"].sum() == pytest.approx(res.totals["saved_regulatory"])
    spec = sweep_chart(sw.table, sw.current_threshold, "nl", 0.2).to_dict()
    assert len(spec["layer"][0]["encoding"]["color"]["scale"]["domain"]) == 3
    bars = what_if_chart(sw.table, sw.current_threshold, "nl").to_dict()["layer"][0]
    assert bars["mark"]["type"] == "bar"
    stacked = size_class_chart(by_class, "en").to_dict()["vconcat"][0]
    assert stacked["encoding"]["color"]["scale"]["domain"] == [
        "less regulatory burden",
        "lower financial costs",
    ]


def test_saving_summary_names_the_uwv_shift() -> None:
    iv = {
        "regulatory_saved": (444e6, 314e6, 734e6),
        "financial_saved": (152e6, 103e6, 217e6),
        "transferred": (100e6, 60e6, 140e6),
    }
    text = saving_summary(iv, 262_065, "nl", to="UWV")
    assert text.startswith(f"### Minder regeldruk: €{NBSP}444 miljoen per jaar")
    assert f"Marge €{NBSP}314 miljoen tot €{NBSP}734 miljoen" in text
    assert f"Daarvan verschuift €{NBSP}100 miljoen naar UWV: " in text
    nothing_financial = {**iv, "financial_saved": (0.0, 0.0, 0.0), "transferred": (0.0, 0.0, 0.0)}
    assert "financiële lasten" not in saving_summary(nothing_financial, 1, "nl", to="UWV")


def test_example_download_is_a_real_statline_file() -> None:
    counts = read_counts(example_statline_csv())
    assert set(counts["sector"]) == {
        "2451 IJzergieterijen",
        "2453 Licht metaalgieterijen",
        "2454 Overige non-ferrometaalgieterijen",
    }
    # 81589NED 2026 Q1: 20 + 30 + 25 firms = the 75 of SBI 245 Metaalgieterijen
    assert counts["count"].sum() == 75


def test_member_bands_keep_regeldruk_and_financial_apart_when_given() -> None:
    per_firm = pd.DataFrame(
        {
            "employees": [10, 30],
            "reached": [True, False],
            "saved_eur": [100.0, 0.0],
            "saved_regulatory": [70.0, 0.0],
            "saved_financial": [30.0, 0.0],
        }
    )
    table = by_size_band(per_firm, Threshold(value=25)).set_index("size_class")
    assert table.loc["9–18", "saved_regulatory"] == 70.0
    assert table.loc["9–18", "saved_financial"] == 30.0
