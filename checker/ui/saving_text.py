"""The headline of a population or member-list result, in words that mean one thing.

Regeldruk (administrative burden plus substantive compliance costs) comes first, with its
margin (:func:`checker.uncertainty.population_intervals`); financial costs such as sick pay
follow apart, never inside a number called regeldruk; and the part of that saving the
proposal only moves to UWV is named as a shift, not a saving for employers as a group
(issue 9, items 2 and 5).  Shared by the Sectoranalyse and Ledenbestand pages.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.bilingual import Lang
from checker.i18n import fmt_eur_short, fmt_number, t

Intervals = Mapping[str, tuple[float, float, float]]


def saving_summary(
    iv: Intervals, reached: float, lang: Lang, *, to: str, members: bool = False
) -> str:
    """Markdown: the regeldruk saving and its margin, then financial costs and who pays them now.

    ``to`` names who takes over the removed financial costs (see
    ``vocabulary.transfer_words``); required so no caller writes "shifts to ".
    """
    regulatory, low, high = iv["regulatory_saved"]
    text = t(
        "saving.headline.members" if members else "saving.headline.firms",
        lang,
        amount=fmt_eur_short(regulatory, lang),
        low=fmt_eur_short(low, lang),
        high=fmt_eur_short(high, lang),
        reached=fmt_number(reached, lang),
    )
    financial, f_low, f_high = iv["financial_saved"]
    if abs(financial) < 0.5:
        return text
    text += "\n\n" + t(
        "saving.financial",
        lang,
        amount=fmt_eur_short(financial, lang),
        low=fmt_eur_short(f_low, lang),
        high=fmt_eur_short(f_high, lang),
    )
    transferred = iv["transferred"][0]
    if fmt_eur_short(transferred, lang) == fmt_eur_short(financial, lang):
        text += " " + t("saving.transferred_all", lang, to=to)
    elif transferred >= 0.5:
        text += " " + t("saving.transferred", lang, amount=fmt_eur_short(transferred, lang), to=to)
    return text
