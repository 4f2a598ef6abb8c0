"""One vocabulary: the message catalogue is complete, used, and the only source of UI words.

The catalogue test reads the source code (every ``t("…")`` and ``msg_key("…")`` literal, every
``t(f"family.{code}")`` family) and the model's own code lists (treatments, domains, cost
types…), so a label can neither be missing nor linger after its last use.  The formatting
tests are written from the Dutch and British conventions (CLDR), not from the code.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from pathlib import Path
from typing import get_args

import altair as alt
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.bilingual import Lang
from checker.defaults import DEFAULTS_BY_FIELD
from checker.i18n import (
    fmt_date,
    fmt_eur,
    fmt_number,
    fmt_percent,
    fmt_quantity,
    fmt_range,
    messages,
    t,
    treatment_label,
)
from checker.i18n.messages import MessageCatalogueError, parse_messages, placeholders
from checker.profile import PROFILE_FIELDS, SIZE_CLASS_LABELS, LegalForm
from checker.rule_model import DRIVERS, CostType, Domain, Rule
from checker.scenario_model import Scenario
from checker.ui.profiles import FORM_FIELDS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
SOURCES += sorted((ROOT / "checker").rglob("*.py"))
NBSP = "\u00a0"

# Families whose keys are the model's own codes: exactly one label per code, no more.
ENUMERATED = {
    "treatment": {
        *get_args(Scenario.model_fields["default_treatment"].annotation),
        "not_applicable",
    },
    "kind": set(get_args(Rule.model_fields["kind"].annotation)),
    "domain": set(get_args(Domain)),
    "cost_type": set(get_args(CostType)),
    "driver": set(DRIVERS),
    "legal_form": {f.value for f in LegalForm},
    "accounts_class": {str(code) for code in SIZE_CLASS_LABELS},
    "workability": {"1", "2", "3", "4"},
    "field": {f.name for f in FORM_FIELDS},
    "field_help": {f.name for f in FORM_FIELDS if f.counting is None},
    # profile inputs the form does not ask (earlier headcounts, derived figures)
    "input": (set(DEFAULTS_BY_FIELD) | set(PROFILE_FIELDS))
    - {f.name for f in FORM_FIELDS}
    - {"name"},
}
LOOKUPS = {"t", "msg_key", "has_message"}


def _scan() -> tuple[set[str], set[str], set[str]]:
    """(literal keys, f-string family prefixes, every string constant) in the source."""
    literal: set[str] = set()
    families: set[str] = set()
    constants: set[str] = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in LOOKUPS:
                continue
            first = node.args[0]
            options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
            for arg in options:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    literal.add(arg.value)
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    prefix = str(arg.values[0].value)
                    assert prefix.endswith("."), (
                        f"{path.name}: a dynamic key is '<family>.{{code}}'"
                    )
                    families.add(prefix[:-1])
    return literal, families, constants


def test_every_message_has_both_languages_and_the_same_placeholders() -> None:
    catalogue = messages()
    assert len(catalogue) > 300
    for key, message in catalogue.items():
        assert message.nl.strip() and message.en.strip(), key
        assert placeholders(message.nl) == placeholders(message.en), key
        assert message.nl == message.nl.strip() and message.en == message.en.strip(), key


def test_every_key_in_the_code_exists_and_every_message_is_used() -> None:
    catalogue = set(messages())
    literal, families, constants = _scan()
    missing = sorted(literal - catalogue)
    assert not missing, f"keys used in the code but not in messages.yaml: {missing}"
    unknown_families = sorted(
        f for f in families if not any(k.startswith(f + ".") for k in catalogue)
    )
    assert not unknown_families, unknown_families
    unused = []
    for key in sorted(catalogue - literal):
        family = next((f for f in families if key.startswith(f + ".")), None)
        member = key[len(family) + 1 :] if family else None
        if family in ENUMERATED:
            continue  # checked exactly below
        if family is None or member not in constants:
            unused.append(key)
    assert not unused, f"messages no code uses: {unused}"


@pytest.mark.parametrize("family", sorted(ENUMERATED))
def test_one_label_per_model_code(family: str) -> None:
    """A new domain, driver or treatment without a label fails here, and so does a stale label."""
    keys = {k.split(".", 1)[1] for k in messages() if k.split(".", 1)[0] == family}
    assert keys == {str(c) for c in ENUMERATED[family]}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a.b: {nl: x}", "exactly the languages"),
        ("a.b: {nl: ja, en: yes}", "not text"),  # YAML 1.1 reads yes as true
        ("a.b: {nl: '', en: x}", "empty"),
        ("a.b: {nl: '{n} x', en: '{m} x'}", "placeholders differ"),
        ("A B: {nl: x, en: x}", "dotted lower-case"),
        ("a: {nl: x, en: x}", "dotted lower-case"),
    ],
)
def test_a_malformed_catalogue_is_refused(text: str, problem: str) -> None:
    from checker.yaml_loading import loads_yaml

    with pytest.raises(MessageCatalogueError, match=problem):
        parse_messages(loads_yaml(text))


def test_t_fills_placeholders_and_refuses_unknown_keys() -> None:
    assert t("page.rules.count", "nl", shown=3, total=90) == "3 van 90 regels"
    assert t("page.rules.count", "en", shown=3, total=90) == "3 of 90 rules"
    with pytest.raises(KeyError, match=r"not in messages\.yaml"):
        t("page.rules.no_such_key", "nl")
    with pytest.raises(KeyError, match="needs the field"):
        t("page.rules.count", "nl", shown=3)


# -- one definition per idea ------------------------------------------------------------------


def test_treatment_words_are_the_agreed_ones() -> None:
    words = {k: treatment_label(k, "nl") for k in ENUMERATED["treatment"]}
    assert words == {
        "exempt": "vrijgesteld",
        "lighter": "lichter regime",
        "unchanged": "ongewijzigd",
        "not_applicable": "niet van toepassing",
    }
    assert t("cost.regulatory", "nl").startswith(
        "regeldruk (administratieve lasten en inhoudelijke"
    )


def test_app_table_csv_and_workbook_use_the_same_column_words() -> None:
    from checker.api import check
    from checker.export import firm_workbook_bytes
    from checker.ui.tables import display_frame, results_csv

    result = check({"employees": 12}, "metaalunie-25", dt.date(2026, 7, 1))
    shown = set(display_frame(result, "nl").columns)
    csv = pd.read_csv(io.StringIO(results_csv(result, "nl").decode("utf-8-sig")), sep=";")
    wb = openpyxl.load_workbook(io.BytesIO(firm_workbook_bytes(result, lang="nl")))
    sheet = wb["Verplichtingen"]
    header = next(r for r in sheet.iter_rows() if any(c.value == "Verplichting" for c in r))
    workbook = {c.value: c.column for c in header if c.value}
    shared = ("Verplichting", "Domein", "Behandeling onder voorstel", "Regeldruk nu (€ per jaar)")
    for word in shared:
        assert word in workbook and word in set(csv.columns), word
    assert {"Domein", "Behandeling onder voorstel"} <= shown
    agreed = {treatment_label(k, "nl") for k in ENUMERATED["treatment"]}
    assert set(csv["Behandeling onder voorstel"]) <= agreed
    col = workbook["Behandeling onder voorstel"]
    below = {sheet.cell(r, col).value for r in range(header[0].row + 1, sheet.max_row + 1)}
    assert below <= agreed


# -- numbers, money, percentages and dates (CLDR nl_NL and en_GB) --------------------------------


def test_money_in_dutch_and_english() -> None:
    assert fmt_eur(7800) == f"€{NBSP}7.800"
    assert fmt_eur(7800, "en") == "€7,800"
    assert fmt_eur(1_234_567.5) == f"€{NBSP}1.234.568"  # whole euros, half away from zero
    assert fmt_eur(1234.5, decimals=2) == f"€{NBSP}1.234,50"
    assert fmt_eur(-5) == f"€{NBSP}-5" and fmt_eur(-5, "en") == "-€5"
    assert fmt_eur(-0.4) == f"€{NBSP}0"  # never "€ -0"
    assert fmt_eur(float("nan")) == "–" and fmt_eur(None) == "–"


def test_numbers_percentages_dates_and_ranges() -> None:
    assert fmt_number(1_082_500) == "1.082.500" and fmt_number(1_082_500, "en") == "1,082,500"
    assert (
        fmt_number(12.345, decimals=2) == "12,35"
        and fmt_number(12.345, "en", decimals=2) == "12.35"
    )
    assert fmt_quantity(10.5) == "10,5" and fmt_quantity(12.0) == "12"
    assert (
        fmt_percent(0.125, decimals=1) == "12,5%"
        and fmt_percent(0.125, "en", decimals=1) == "12.5%"
    )
    assert fmt_percent(0.3) == "30%"
    assert fmt_date(dt.date(2026, 12, 1)) == "1 december 2026"
    assert fmt_date(dt.date(2026, 12, 1), "en") == "1 December 2026"
    assert fmt_range(7800, 14100) == f"€{NBSP}7.800 – €{NBSP}14.100"
    assert fmt_range(7800, 14100, "en") == "€7,800 – €14,100"
    assert fmt_range(7800.2, 7799.9) == f"€{NBSP}7.800"  # one value when both ends read alike


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_dutch_amounts_read_back_to_the_same_whole_euros(value: int) -> None:
    text = fmt_eur(value)
    assert text.startswith(f"€{NBSP}")
    assert int(text.removeprefix(f"€{NBSP}").replace(".", "")) == value
    english = fmt_eur(value, "en")
    assert int(english.replace("€", "").replace(",", "")) == value


# -- chart axes: the same notation as the tables, on every page --------------------------------


def _axis_labels(chart: alt.TopLevelMixin) -> list[str]:
    vl_convert = pytest.importorskip("vl_convert")
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    return re.findall(r"<text[^>]*>([^<]*€[^<]*)</text>", svg)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_euro_axes_read_like_the_tables(lang: Lang) -> None:
    from checker.population.charts import size_class_chart
    from checker.ui.charts import domain_chart

    frame = pd.DataFrame(
        {"domain": ["Arbo", "Arbo"], "when": ["nu", "voorstel"], "eur": [25_000.0, 5_000.0]}
    )
    frame["eur_text"] = [fmt_eur(v, lang) for v in frame["eur"]]
    sizes = pd.DataFrame(
        {
            "size_class": ["2–3", "9–18"],
            "saved_eur": [30_000.0, 0.0],
            "firms_reached": [4, 0],
            "firms": [9, 3],
        }
    )
    for chart in (domain_chart(frame, lang), size_class_chart(sizes, lang)):
        labels = _axis_labels(chart)
        assert labels, "no euro axis labels rendered"
        for label in (text for text in labels if re.search(r"\d", text)):
            amount = int(re.sub(r"[^\d-]", "", label))
            assert label == fmt_eur(amount, lang)
    expected = f"€{NBSP}20.000" if lang == "nl" else "€20,000"
    assert expected in _axis_labels(domain_chart(frame, lang))
