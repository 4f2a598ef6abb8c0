"""CSV downloads as a spreadsheet in the reader's language opens them, with rounded numbers.

One convention per language, for every CSV the app offers (the firm check, the member list,
the threshold sweep):

* Dutch: what Dutch Excel opens by double-click — ';' between fields, a decimal comma, UTF-8
  with a byte-order mark, Dutch headers and 'ja'/'nee';
* English: ',' between fields, a decimal point, English headers and 'yes'/'no'.

Numbers are rounded to what they can carry: euros to whole euros, hours to one decimal,
counts of firms and people to whole numbers, shares as a percentage with one decimal — never
'10463.0' or '0.009043663455174161'.  Codes are words (a domain by its name), text that a
spreadsheet would run as a formula is made inert, and the firm's CSV keeps regeldruk and
financial costs in columns of their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd

from checker.api import CheckResult
from checker.bilingual import Lang
from checker.burden import REGULATORY_TYPES
from checker.export.report_content import law_reference
from checker.export.safe_text import neutralise
from checker.i18n import column_label, value_label, yes_no
from checker.i18n.formatting import decimal_symbol
from checker.ui.tables import results_frame

# Whole numbers by meaning, whatever their dtype (weighted counts are fractional).
_COUNT_WORDS = ("employees", "threshold", "row", "firms", "obligations", "count", "weight")
_MONEY_WORDS = ("eur", "cost", "regulatory", "financial", "transferred")


def separator(lang: Lang) -> str:
    """';' where the decimal mark is a comma (Dutch Excel), ',' otherwise."""
    return ";" if decimal_symbol(lang) == "," else ","


def decimals_for(name: str) -> int | None:
    """How many decimals a numeric column keeps, by what it means; None for a share (shown as
    a percentage with one decimal)."""
    lower = name.lower()
    if "share" in lower or lower.endswith("_pct"):
        return None
    if "hours" in lower:
        return 1
    if any(w in lower for w in _MONEY_WORDS) or (
        lower.startswith("saved") and "hours" not in lower
    ):
        return 0
    if any(w in lower for w in _COUNT_WORDS):
        return 0
    return 2


def _number(value: Any, decimals: int | None, decimal: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    number = float(value)
    if decimals is None:  # a share: as a percentage
        number, decimals = number * 100, 1
    # Half up, as a reader rounds (Python's round() would make 278.5 into 278).
    exact = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:f}"
    if "." in text:  # '733.0' is '733', '4.50' is '4.5': no zeros that mean nothing
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and not exact:
        text = text[1:]
    return text.replace(".", decimal)


def csv_bytes(
    frame: pd.DataFrame, lang: Lang = "nl", columns: Sequence[str] | None = None
) -> bytes:
    """``frame`` (column keys) as CSV for a spreadsheet in the reader's language.

    Headers are the column labels of the app and the workbook; ``columns`` picks and orders
    them (keys missing from the frame are skipped).
    """
    keys = [c for c in (columns or frame.columns) if c in frame.columns]
    decimal = decimal_symbol(lang)
    out = pd.DataFrame(index=frame.index)
    for key in keys:
        series = frame[key]
        label = column_label(str(key), lang)
        if pd.api.types.is_bool_dtype(series):
            out[label] = [yes_no(bool(v), lang) for v in series]
        elif pd.api.types.is_numeric_dtype(series):
            places = 0 if pd.api.types.is_integer_dtype(series) else decimals_for(str(key))
            out[label] = [_number(v, places, decimal) for v in series.tolist()]
        else:
            words = [value_label(str(key), v, lang) for v in series.tolist()]
            out[label] = [
                neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in words
            ]
    text = out.to_csv(index=False, sep=separator(lang), lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


# The firm check's download, by column key (labels from the message catalogue).
FIRM_COLUMNS = (
    "obligation",
    "domain",
    "status_now",
    "status_scen",
    "treatment",
    "pending",
    "quantified",
    "hours_now",
    "hours_scen",
    "regulatory_now",
    "regulatory_scen",
    "regulatory_saved",
    "financial_now",
    "financial_scen",
    "financial_saved",
    "law",
    "law_url",
)


def firm_frame(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """Every rule valid on the date, by title, with its regeldruk and financial costs apart
    (empty where the rule is not quantified)."""
    raw = results_frame(result, lang)
    values = result.evaluation.rule_values()
    index = {rid: r for r, rid in enumerate(result.evaluation.rule_ids)}
    cols = [index[rid] for rid in raw["rule_id"]]
    quantified = raw["quantified"].to_numpy(dtype=bool)

    def per_rule(kinds: Sequence[str], when: str) -> np.ndarray:
        total = sum(values[f"{kind}_{when}"][0, cols] for kind in kinds)
        return np.where(quantified, np.asarray(total, dtype=np.float64), np.nan)

    regulatory = {w: per_rule(REGULATORY_TYPES, w) for w in ("now", "scen")}
    financial = {w: per_rule(("financial",), w) for w in ("now", "scen")}
    return pd.DataFrame(
        {
            "obligation": raw["title"],
            "domain": raw["domain_label"],
            "status_now": raw["status_now"],
            "status_scen": raw["status_scenario"],
            "treatment": raw["treatment"],
            "pending": [rr.pending for rr in result.rules],
            "quantified": raw["quantified"].astype(bool),
            "hours_now": raw["hours_now"],
            "hours_scen": raw["hours_scenario"],
            "regulatory_now": regulatory["now"],
            "regulatory_scen": regulatory["scen"],
            "regulatory_saved": regulatory["now"] - regulatory["scen"],
            "financial_now": financial["now"],
            "financial_scen": financial["scen"],
            "financial_saved": financial["now"] - financial["scen"],
            "law": [law_reference(rr.rule) for rr in result.rules],
            "law_url": raw["law_url"],
        }
    )


def firm_csv(result: CheckResult, lang: Lang = "nl") -> bytes:
    """The firm check's download: every rule valid on the date."""
    return csv_bytes(firm_frame(result, lang), lang, FIRM_COLUMNS)
