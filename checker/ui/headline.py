"""The firm check's answer in words: the regeldruk saving with its interval, the financial effect
apart, and the obligations that lapse or get lighter with their € each.

Three words, one meaning each, on every figure of the firm pages:

* **regeldruk** — administrative burden plus substantive compliance costs (the Standard Cost
  Model's definition);
* **financiële lasten** — money an employer pays because of a rule (sick pay, severance), not
  work to comply with it;
* **lasten in totaal** — the two together.

The headline leads with the regeldruk saving; the financial effect follows in its own sentence
with the part that shifts to UWV (paid by employers through a premium), so a saving someone else
pays is never presented as regeldruk.  No Streamlit import: tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from checker.api import ActivityResult, CheckResult, RuleResult
from checker.bilingual import Lang, pick
from checker.i18n import column_label, fmt_eur, fmt_number, t, treatment_label
from checker.i18n.vocabulary import transfer_words


def rounded(value: float) -> float:
    """An amount rounded as far as its precision goes: hundreds from € 1.000, tens from € 100.

    The intervals are wide (often ± 40 %); "€ 6.680" would claim a precision the model does not
    have, "€ 6.700" does not.
    """
    magnitude = abs(value)
    step = 100 if magnitude >= 1000 else 10 if magnitude >= 100 else 1
    return float(round(value / step) * step)


def fmt_rounded(value: float, lang: Lang) -> str:
    return fmt_eur(rounded(value), lang)


def fmt_interval(low: float, high: float, lang: Lang) -> str:
    """'€ 4.500 – € 10.200' (rounded like the central figure)."""
    left, right = fmt_rounded(low, lang), fmt_rounded(high, lang)
    return left if left == right else f"{left} – {right}"


def _yearly(activities: list[ActivityResult], *, financial: bool) -> float:
    """Yearly € of the lines that are (or are not) financial costs; one-off lines left out."""
    return sum(
        a.cost_total
        for a in activities
        if not a.one_off and (a.cost_type == "financial") == financial
    )


@dataclass(frozen=True)
class ReliefLine:
    """One obligation the proposal removes or lightens for this firm, with what it saves."""

    rule_id: str
    title: str
    effect: str  # "exempt" | "lighter"
    saved_eur: float  # lasten in totaal saved per year
    regulatory_saved_eur: float
    financial_saved_eur: float
    quantified: bool

    @property
    def financial(self) -> bool:
        """Mostly money paid rather than work done (e.g. sick pay): shown as financiële lasten."""
        return self.financial_saved_eur > self.regulatory_saved_eur


def _relief_line(rr: RuleResult, lang: Lang) -> ReliefLine:
    now, scen = rr.activities_now, rr.activities_scenario
    reg = _yearly(now, financial=False) - _yearly(scen, financial=False)
    fin = _yearly(now, financial=True) - _yearly(scen, financial=True)
    return ReliefLine(
        rule_id=rr.rule.id,
        title=pick(rr.rule.title, lang),
        effect=rr.treatment,
        saved_eur=rr.cost_now_eur - rr.cost_scenario_eur,
        regulatory_saved_eur=reg,
        financial_saved_eur=fin,
        quantified=rr.quantified,
    )


def relief_lines(result: CheckResult, lang: Lang) -> list[ReliefLine]:
    """Obligations that lapse or get lighter for this firm under the proposal, largest first.

    Announced rules (bills) are left out: they are no law today, so nothing of them lapses.
    """
    lines = [
        _relief_line(rr, lang)
        for rr in result.rules
        if rr.rule.kind == "obligation"
        and not rr.pending
        and rr.applies_now
        and rr.treatment in ("exempt", "lighter")
    ]
    return sorted(lines, key=lambda line: (-line.saved_eur, line.title))


def relief_frame(lines: list[ReliefLine], lang: Lang) -> pd.DataFrame:
    """The relief lines as a small table: obligation, what happens, € a year less."""
    rows = []
    for line in lines:
        word = treatment_label(line.effect, lang)
        if line.financial:
            word += " " + t("firm.headline.financial_marker", lang)
        amount = (
            fmt_eur(line.saved_eur, lang) if line.quantified else t("common.not_quantified", lang)
        )
        rows.append(
            {
                column_label("obligation", lang): line.title,
                t("firm.table.effect", lang): word,
                t("firm.headline.saved_column", lang): amount,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Headline:
    """The sentences at the top of the firm check (Markdown), each with one meaning."""

    saving: str  # regeldruk saving with its interval (or what the firm has without a proposal)
    financial: str  # financial effect apart, with the part shifting to UWV; may be empty
    saves: bool  # the proposal saves this firm something


def headline(result: CheckResult, lang: Lang) -> Headline:
    tot = result.totals
    if result.scenario is None:
        return Headline(
            t(
                "firm.headline.no_proposal",
                lang,
                count=fmt_number(tot["obligations_now"], lang),
                regulatory=fmt_rounded(tot["regulatory_now_eur"], lang),
                financial=fmt_rounded(tot["financial_now_eur"], lang),
            ),
            "",
            False,
        )
    reg = tot["regulatory_saved_eur"]
    fin = tot["financial_saved_eur"]
    if reg < 0.5 and fin < 0.5:
        qualifies = bool(result.evaluation.qualifies[0])
        why = t(
            "firm.headline.nothing_changes" if qualifies else "firm.headline.above_threshold", lang
        )
        return Headline(why, "", False)
    saving = t(
        "firm.headline.regulatory_saving",
        lang,
        amount=fmt_rounded(reg, lang),
        interval=fmt_interval(
            tot.get("regulatory_saved_eur_low", reg),
            tot.get("regulatory_saved_eur_high", reg),
            lang,
        ),
    )
    financial = ""
    if fin >= 0.5:
        financial = t(
            "firm.headline.financial_saving",
            lang,
            amount=fmt_rounded(fin, lang),
            interval=fmt_interval(
                tot.get("financial_saved_eur_low", fin),
                tot.get("financial_saved_eur_high", fin),
                lang,
            ),
        )
        moved = tot.get("transferred_eur", 0.0)
        if moved >= 0.5:
            to = transfer_words(result.evaluation.transfer_targets(0), lang)
            financial += " " + t(
                "firm.headline.transferred", lang, amount=fmt_rounded(moved, lang), to=to
            )
    return Headline(saving, financial, True)


@dataclass(frozen=True)
class OverviewRow:
    label: str
    now: str
    scenario: str
    difference: str


def _signed_eur(value: float, lang: Lang) -> str:
    if abs(value) < 0.5:
        return fmt_eur(0, lang)
    return ("−\u00a0" if value > 0 else "+\u00a0") + fmt_eur(abs(value), lang)


def overview(result: CheckResult, lang: Lang) -> list[OverviewRow]:
    """Regeldruk, financiële lasten, lasten in totaal, obligations and hours: now, under the
    proposal, and the difference (exact whole euros, as in the table and the downloads)."""
    tot = result.totals
    rows = []
    for key, now_key, scen_key in (
        ("regulatory", "regulatory_now_eur", "regulatory_scenario_eur"),
        ("financial", "financial_now_eur", "financial_scenario_eur"),
        ("total", "cost_now_eur", "cost_scenario_eur"),
    ):
        now, scen = tot[now_key], tot[scen_key]
        rows.append(
            OverviewRow(
                t(f"firm.overview.{key}", lang),
                fmt_eur(now, lang),
                fmt_eur(scen, lang),
                _signed_eur(now - scen, lang),
            )
        )
    for key, now_key, scen_key in (
        ("obligations", "obligations_now", "obligations_scenario"),
        ("hours", "hours_now", "hours_scenario"),
    ):
        now, scen = tot[now_key], tot[scen_key]
        diff = now - scen
        rows.append(
            OverviewRow(
                t(f"firm.overview.{key}", lang),
                fmt_number(now, lang),
                fmt_number(scen, lang),
                ("−\u00a0" if diff > 0 else "+\u00a0" if diff < 0 else "")
                + fmt_number(abs(diff), lang),
            )
        )
    return rows
