"""Human column labels and Dutch number notation for the app's result tables.

Why here and not in the pages: the engine's tables use stable snake_case keys (``saved_eur``,
``firms_reached``) that downloads and tests rely on; what a reader sees is a label in the
chosen language and a figure in Dutch notation (``€ 1.234.567``).  Streamlit's own number
formats follow the *browser* locale (or always use ',' for thousands), which would make
"1,234" mean one-point-two in a Dutch reader's eyes, so numbers are formatted here with
:mod:`checker.numbers` and the raw numbers stay in the CSV/Excel downloads.  No Streamlit
import: the maps and :func:`display_table` are tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from checker.bilingual import Lang, pick
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number
from checker.rule_model import DOMAIN_LABELS

Kind = Literal["eur", "number", "hours", "share", "int", "text", "bool"]


@dataclass(frozen=True)
class ColumnLabel:
    """How one result column is shown: Dutch and English label, kind, optional help."""

    nl: str
    en: str
    kind: Kind = "text"
    help_nl: str = ""
    help_en: str = ""

    def label(self, lang: Lang) -> str:
        return tr(self.nl, self.en, lang)

    def help(self, lang: Lang) -> str | None:
        return tr(self.help_nl, self.help_en, lang) or None


WHAT_IF_HELP_NL = "What-if, geen prognose: alleen met de schuifregelaar 'blijft hangen' > 0."
WHAT_IF_HELP_EN = "What-if, not a forecast: only with the 'stays' slider above 0."

COLUMN_LABELS: dict[str, ColumnLabel] = {
    # sweep (checker.population.sweep)
    "threshold": ColumnLabel("Drempel (werknemers)", "Threshold (employees)", "int"),
    "firms_reached": ColumnLabel(
        "Bedrijven bereikt", "Firms reached", "number",
        "Bedrijven waarvoor het voorstel minstens één verplichting schrapt of verlicht.",
        "Firms for which the proposal removes or lightens at least one obligation.",
    ),
    "saved_eur": ColumnLabel("Besparing (€/jaar)", "Saved (€/year)", "eur"),
    "saved_hours": ColumnLabel("Uren bespaard/jaar", "Hours saved/year", "hours"),
    "saved_per_firm_eur": ColumnLabel(
        "Per bereikt bedrijf (€/jaar)", "Per firm reached (€/year)", "eur",
        "Besparing per bedrijf dat het voorstel bereikt.", "Saving per firm the proposal reaches."
    ),
    "saved_share": ColumnLabel(
        "Besparing (% lasten nu)", "Saved (% of burden now)", "share",
        "Besparing als deel van de totale regeldruk van alle bedrijven nu.",
        "Saving as a share of all firms' total burden now."
    ),
    "cliff_eur": ColumnLabel(
        "Klif +1 werknemer (€/jaar)", "Cliff +1 employee (€/year)", "eur",
        "Extra lasten voor een voorbeeldbedrijf (bv, SBI 25) dat van de drempel naar één "
        "werknemer meer groeit.",
        "Extra burden for a representative firm (bv, SBI 25) growing from the threshold to one "
        "employee more.",
    ),
    "bunching_extra_firms": ColumnLabel(
        "What-if: extra bedrijven (blijven hangen)", "What-if: extra firms (staying)", "number",
        WHAT_IF_HELP_NL, WHAT_IF_HELP_EN,
    ),
    "bunching_extra_saved_eur": ColumnLabel(
        "What-if: extra besparing (€/jaar)", "What-if: extra saving (€/year)", "eur",
        WHAT_IF_HELP_NL, WHAT_IF_HELP_EN,
    ),
    # population breakdowns (checker.population.aggregate)
    "size_class": ColumnLabel("Grootteklasse (werkzame personen)", "Size class (persons)"),
    "sector": ColumnLabel("Sector", "Sector"),
    "domain": ColumnLabel("Domein", "Domain"),
    "rule": ColumnLabel("Regel", "Rule"),
    "rule_id": ColumnLabel("Regel-id", "Rule id"),
    "kind": ColumnLabel("Soort", "Kind"),
    "treatment": ColumnLabel("Onder het voorstel", "Under the proposal"),
    "firms": ColumnLabel("Bedrijven", "Firms", "number"),
    "firms_now": ColumnLabel("Bedrijven nu", "Firms now", "number"),
    "firms_scen": ColumnLabel("Bedrijven onder voorstel", "Firms under proposal", "number"),
    "firms_exempted": ColumnLabel("Bedrijven vrijgesteld", "Firms exempted", "number"),
    "firms_lighter": ColumnLabel("Bedrijven lichter", "Firms lighter", "number"),
    "firms_affected": ColumnLabel("Bedrijven geraakt", "Firms affected", "number"),
    "hours_now": ColumnLabel("Uren nu (per jaar)", "Hours now (per year)", "hours"),
    "hours_scen": ColumnLabel("Uren voorstel (per jaar)", "Hours proposal (per year)", "hours"),
    "cost_now": ColumnLabel("Kosten nu (€/jaar)", "Cost now (€/year)", "eur"),
    "cost_scen": ColumnLabel("Kosten voorstel (€/jaar)", "Cost proposal (€/year)", "eur"),
    # member batch (checker.population.batch)
    "row": ColumnLabel("Rij in bestand", "Row in file", "int"),
    "name": ColumnLabel("Naam", "Name"),
    "employees": ColumnLabel("Werknemers", "Employees", "int"),
    "qualifies": ColumnLabel("Onder de drempel", "Below the threshold", "bool"),
    "reached": ColumnLabel("Bereikt", "Reached", "bool"),
    "obligations_now": ColumnLabel("Verplichtingen nu", "Obligations now", "int"),
    "obligations_scen": ColumnLabel("Verplichtingen voorstel", "Obligations proposal", "int"),
    # member-file errors
    "column": ColumnLabel("Kolom", "Column"),
    "message": ColumnLabel("Melding", "Message"),
}  # fmt: skip

TREATMENT_WORDS: dict[str, tuple[str, str]] = {
    "exempt": ("vrijgesteld", "exempt"),
    "lighter": ("lichter", "lighter"),
    "unchanged": ("ongewijzigd", "unchanged"),
    "not_applicable": ("n.v.t.", "n/a"),
}
KIND_WORDS: dict[str, tuple[str, str]] = {
    "obligation": ("verplichting", "obligation"),
    "relief": ("regeling", "relief"),
    "classification": ("indeling", "classification"),
}

# The tables the pages show, and which of their columns (in this order).
SWEEP_COLUMNS = ("threshold", "firms_reached", "saved_eur", "saved_hours", "saved_per_firm_eur",
                 "saved_share", "cliff_eur")  # fmt: skip
BUNCHING_COLUMNS = ("bunching_extra_firms", "bunching_extra_saved_eur")
BREAKDOWN_COLUMNS = ("firms", "firms_reached", "cost_now", "cost_scen", "saved_eur",
                     "hours_now", "hours_scen", "saved_hours")  # fmt: skip
DOMAIN_COLUMNS = ("domain", "cost_now", "cost_scen", "saved_eur", "hours_now", "hours_scen",
                  "saved_hours")  # fmt: skip
RULE_COLUMNS = ("rule", "domain", "treatment", "firms_now", "firms_exempted", "firms_lighter",
                "cost_now", "cost_scen", "saved_eur", "saved_hours", "rule_id")  # fmt: skip
MEMBER_COLUMNS = ("row", "name", "employees", "reached", "saved_eur", "cost_now", "cost_scen",
                  "obligations_now", "obligations_scen", "saved_hours", "hours_now", "hours_scen",
                  "qualifies")  # fmt: skip
ERROR_COLUMNS = ("row", "column", "message")


def column_label(key: str, lang: Lang) -> str:
    """The label of a result column; unknown keys are shown as they are."""
    spec = COLUMN_LABELS.get(key)
    return spec.label(lang) if spec else key


def format_value(value: Any, kind: Kind, lang: Lang) -> str:
    """One cell in Dutch (or English) notation; missing values show as '–'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if kind == "bool":
        return tr("ja", "yes", lang) if bool(value) else tr("nee", "no", lang)
    if kind == "text":
        return str(value)
    number = float(value)
    if kind == "eur":
        return fmt_eur(number, 0, lang)
    if kind == "share":
        return fmt_number(100 * number, 1, lang) + " %"
    if kind == "int":
        return fmt_number(number, 0 if number.is_integer() else 1, lang)
    return fmt_number(number, 0, lang)  # number, hours: whole units are what can be defended


@dataclass(frozen=True)
class DisplayTable:
    """A table ready to show: formatted text cells, labelled headers, and per-column hints."""

    frame: pd.DataFrame
    numeric: tuple[str, ...]  # labels of number columns (right-aligned by the page)
    help: dict[str, str]  # label -> help text


def display_table(
    frame: pd.DataFrame, lang: Lang, columns: Sequence[str] | None = None
) -> DisplayTable:
    """The given columns (default: all) labelled in ``lang``, numbers as Dutch/English text."""
    keys = [c for c in (columns or frame.columns) if c in frame.columns]
    out: dict[str, list[str]] = {}
    numeric: list[str] = []
    helps: dict[str, str] = {}
    for key in keys:
        spec = COLUMN_LABELS.get(str(key), ColumnLabel(str(key), str(key)))
        label = spec.label(lang)
        out[label] = [format_value(v, spec.kind, lang) for v in frame[key].tolist()]
        if spec.kind not in ("text", "bool"):
            numeric.append(label)
        if spec.help(lang):
            helps[label] = spec.help(lang) or ""
    return DisplayTable(pd.DataFrame(out, index=frame.index), tuple(numeric), helps)


def _word(words: Mapping[str, tuple[str, str]], key: str, lang: Lang) -> str:
    pair = words.get(key)
    return (pair[0] if lang == "nl" else pair[1]) if pair else key


def with_domain_labels(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``domain`` ids replaced by their label (e.g. 'arbo' -> 'Arbeidsomstandigheden')."""
    out = frame.copy()
    out["domain"] = [pick(DOMAIN_LABELS.get(str(d)), lang, str(d)) for d in frame["domain"]]
    return out


def with_rule_titles(frame: pd.DataFrame, titles: Mapping[str, Any], lang: Lang) -> pd.DataFrame:
    """A ``rule`` column with each rule's title, and domain/treatment/kind in words."""
    out = with_domain_labels(frame, lang)
    out["rule"] = [pick(titles.get(str(r)), lang, str(r)) for r in frame["rule_id"]]
    if "treatment" in out.columns:
        out["treatment"] = [_word(TREATMENT_WORDS, str(t), lang) for t in frame["treatment"]]
    if "kind" in out.columns:
        out["kind"] = [_word(KIND_WORDS, str(k), lang) for k in frame["kind"]]
    return out


def measure_test(measure: str, op: str, value: float, lang: Lang) -> str:
    """A threshold test in words: 'werkzame personen (WOR) < 10', not 'persons_wor < 10'."""
    from checker.measures import MEASURES

    ops = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
    m = MEASURES.get(measure)
    name = pick(m.label, lang, measure) if m else measure
    number = fmt_number(value, 0 if float(value).is_integer() else 1, lang)
    return f"{name} {ops.get(op, op)} {number}"


def example_member_csv(lang: Lang = "nl") -> bytes:
    """A small member list in the accepted format, with one deliberately invalid row.

    Semicolon-separated with Dutch headers (as Dutch Excel saves CSV); the fourth firm has
    fewer employees than fte, so users see what an error report looks like.
    """
    headers = ["naam", "werknemers", "fte", "rechtsvorm", "sbi", "omzet", "loonsom"]
    rows: list[Iterable[str]] = [
        ["Metaalbewerking De Vries", "12", "10,5", "bv", "25", "1800000", "540000"],
        ["Constructiebedrijf Jansen", "24", "22", "bv", "25", "3900000", "1150000"],
        ["Machinefabriek Bakker", "60", "55", "nv", "28", "12500000", "3300000"],
        [tr("Fout: meer fte dan werknemers", "Error: more fte than employees", lang), "5", "9",
         "bv", "25", "", ""],
        ["Lasbedrijf Smit", "3", "", "eenmanszaak", "25", "", ""],
    ]  # fmt: skip
    lines = [";".join(headers), *(";".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")
