"""CSV downloads opened the way a spreadsheet opens them: one convention per language.

Dutch Excel opens a CSV by double-click when it is ';'-separated with a decimal comma and a
byte-order mark; its headers and yes/no words must be Dutch.  English files are ','-separated
with a decimal point.  Every number is rounded to what it can carry (no '10463.0', no
'0.009043663455174161').  The files are read here with exactly those settings, so a number
written in the other notation would come back as text, or as a different number.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from conftest import REFERENCE_DATE

from checker.api import CheckResult, check, load
from checker.bilingual import Lang, pick
from checker.population import build_population, run_batch, sweep
from checker.scenario_model import DEFAULT_SCENARIO
from checker.ui.labels import MEMBER_COLUMNS, example_member_csv
from checker.ui.tables import labelled_csv, results_csv

EXCEL = {
    "nl": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
    "en": {"sep": ",", "decimal": ".", "encoding": "utf-8-sig"},
}
# A number as the language writes it in a CSV: no thousands separator, at most two decimals.
NUMBER = {"nl": re.compile(r"^-?\d+(,\d{1,2})?$"), "en": re.compile(r"^-?\d+(\.\d{1,2})?$")}


def opened(data: bytes, lang: Lang) -> pd.DataFrame:
    """The file as a spreadsheet in ``lang`` opens it (numbers parsed, text kept)."""
    assert data.startswith("\ufeff".encode()), "a byte-order mark, so Excel reads UTF-8"
    options = EXCEL[lang]
    return pd.read_csv(
        io.BytesIO(data), sep=options["sep"], decimal=options["decimal"], encoding="utf-8-sig"
    )


def raw_fields(data: bytes, lang: Lang) -> list[dict[str, str]]:
    """Every field as written (no parsing), to check the notation itself."""
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=EXCEL[lang]["sep"]))


@pytest.fixture(scope="module")
def firm() -> CheckResult:
    inside = load().catalogue.scenario(DEFAULT_SCENARIO).threshold.last_inside()
    profile = {"employees": inside, "legal_form": "bv", "sector_sbi": "25.62"}
    return check(profile, DEFAULT_SCENARIO, REFERENCE_DATE)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_firm_csv_opens_as_numbers_in_its_language(firm: CheckResult, lang: Lang) -> None:
    data = results_csv(firm, lang)
    frame = opened(data, lang)
    regulatory = (
        "Regeldruk nu (€ per jaar)" if lang == "nl" else "Regulatory burden now (€ per year)"
    )
    financial = (
        "Financiële lasten nu (€ per jaar)" if lang == "nl" else "Financial costs now (€ per year)"
    )
    hours = "Uren per jaar nu" if lang == "nl" else "Hours per year now"
    for column in (regulatory, financial, hours):
        assert pd.api.types.is_numeric_dtype(frame[column]), column
    # regeldruk and financial costs per obligation add up to the firm's totals (whole euros)
    t = firm.totals
    assert frame[regulatory].sum() == pytest.approx(t["regulatory_now_eur"], abs=len(frame))
    assert frame[financial].sum() == pytest.approx(t["financial_now_eur"], abs=len(frame))
    title = "Verplichting" if lang == "nl" else "Obligation"
    assert set(frame[title]) == {pick(rr.rule.title, lang) for rr in firm.rules}
    words = {"ja", "nee"} if lang == "nl" else {"yes", "no"}
    quantified = "Gekwantificeerd" if lang == "nl" else "Quantified"
    assert set(frame[quantified]) <= words


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_firm_csv_numbers_are_rounded_in_the_right_notation(firm: CheckResult, lang: Lang) -> None:
    fields = raw_fields(results_csv(firm, lang), lang)
    money = [k for k in fields[0] if "€" in k]
    assert len(money) == 6
    for row in fields:
        for key in money:
            value = row[key]
            assert value == "" or re.fullmatch(r"-?\d+", value), (key, value)  # whole euros
        for key in [k for k in row if k.startswith(("Uren", "Hours"))]:
            assert row[key] == "" or NUMBER[lang].match(row[key]), (key, row[key])


def test_an_unquantified_obligation_is_empty_not_zero(firm: CheckResult) -> None:
    frame = opened(results_csv(firm, "nl"), "nl")
    unquantified = {pick(rr.rule.title, "nl") for rr in firm.rules if not rr.quantified}
    assert unquantified, "precondition: the catalogue has rules without cost lines"
    rows = frame[frame["Verplichting"].isin(unquantified)]
    assert rows["Regeldruk nu (€ per jaar)"].isna().all()


def test_announced_rules_are_flagged(firm: CheckResult) -> None:
    result = check(
        {"employees": firm.profile.employees, "legal_form": "bv"},
        DEFAULT_SCENARIO,
        REFERENCE_DATE,
        include_pending=True,
    )
    frame = opened(results_csv(result, "nl"), "nl")
    flagged = set(frame.loc[frame["Aangekondigd (nog geen wet)"] == "ja", "Verplichting"])
    assert flagged == {pick(rr.rule.title, "nl") for rr in result.rules if rr.pending}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sweep_and_member_csvs_follow_the_same_convention(lang: Lang) -> None:
    engine = load()
    pop = build_population("division:245 Metaalgieterijen", engine)
    sw = sweep(pop, engine, DEFAULT_SCENARIO, range(20, 31), REFERENCE_DATE)
    data = labelled_csv(sw.table, lang)
    frame = opened(data, lang)
    assert not [c for c in frame.columns if "_" in c], "labels, not column keys"
    threshold = "Drempel (werknemers)" if lang == "nl" else "Threshold (employees)"
    assert list(frame[threshold]) == list(range(20, 31))
    for row in raw_fields(data, lang):
        for value in row.values():
            assert not re.fullmatch(r"-?\d+[.,]0", value), value  # no '10463.0'
            assert not re.fullmatch(r"-?\d+[.,]\d{3,}", value), value  # no long fractions
    share = "Minder lasten (% van de lasten nu)" if lang == "nl" else "Lower costs (% of costs now)"
    as_percent = frame[share].to_numpy()
    expected = sw.table["saved_share"].to_numpy() * 100
    assert as_percent == pytest.approx(expected, abs=0.05)  # a percentage, one decimal

    batch = run_batch(example_member_csv(), "voorbeeld.csv", engine, DEFAULT_SCENARIO)
    members = opened(labelled_csv(batch.per_firm, lang, MEMBER_COLUMNS), lang)
    employees = "Werknemers" if lang == "nl" else "Employees"
    assert pd.api.types.is_integer_dtype(members[employees])
    reached = "Bereikt" if lang == "nl" else "Reached"
    assert set(members[reached]) <= ({"ja", "nee"} if lang == "nl" else {"yes", "no"})


def test_a_member_name_that_looks_like_a_formula_is_inert() -> None:
    frame = pd.DataFrame({"name": ['=HYPERLINK("http://x")', "Lid"], "employees": [3, 4]})
    text = labelled_csv(frame, "nl").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
