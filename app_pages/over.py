"""Over: method, sources and assumptions, so every number can be defended."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import engine_or_stop, lang
from checker.bilingual import pick
from checker.defaults import DEFAULT_RULES
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number


def main() -> None:
    lg = lang()
    cat = engine_or_stop().catalogue
    st.title(tr("Over Drempelcheck", "About Drempelcheck", lg))
    st.markdown(tr(
        """
**Wat het doet.** Drempelcheck zoekt uit welke wettelijke verplichtingen met een grootte-drempel
voor uw bedrijf gelden (arbo, verzuim, ontslag, medezeggenschap, jaarrekening, EU-regels) en wat
ze per jaar kosten. Daarna rekent het uit wat een voorstel — bijvoorbeeld "geen of lichtere regels
tot en met 25 werknemers" van Koninklijke Metaalunie — zou schelen.

**Hoe het rekent.**
- *Wie telt mee?* Elke wet telt werknemers op haar eigen manier (in de regel, gemiddeld over het
  boekjaar, met of zonder uitzendkrachten). Elke drempel noemt daarom de maat waarin hij telt.
- *Wat kost het?* Volgens het Standaardkostenmodel: uren × uurtarief × frequentie × aantal
  (per bedrijf, per werknemer, per verzuimgeval …), plus externe kosten. Elk cijfer heeft een
  bron of staat er als **aanname** bij.
- *Werkbaarheid* per regel (1 goed … 4 niet werkbaar) volgt de methode van de
  MKB-indicatorbedrijven; ook daar staat bij of het een bron of een aanname is.
- *Voorstellen* zijn een laag over de bestaande regels: vrijstelling, lichter regime of
  ongewijzigd (met reden, bijvoorbeeld EU-recht of veiligheid). Een voorstel kan nooit lasten toevoegen.
- *Alleen geldend recht telt.* Elke regel heeft een status: geldend, aangenomen (geldt vanaf een
  datum), wetsvoorstel of niet-omgezette EU-richtlijn. Wetsvoorstellen en niet-omgezette richtlijnen
  ("aangekondigd / wetsvoorstel") tellen nooit mee als recht. Elke datum vanaf 1 januari 2020 geeft
  het recht zoals het op die dag gold; een eerdere datum valt buiten de tool.
- Eén en dezelfde rekenkern rekent voor één bedrijf en voor de hele sector.
""",
        """
**What it does.** Drempelcheck finds which size-dependent legal obligations apply to your firm
(working conditions, sickness absence, dismissal, participation, annual accounts, EU rules) and what
they cost per year. It then computes what a proposal — e.g. Koninklijke Metaalunie's "no or lighter
rules up to and including 25 employees" — would save.

**How it computes.**
- *Who counts?* Each law counts employees its own way (as a rule, financial-year average, with or
  without agency workers). Every threshold therefore names the measure it counts in.
- *What does it cost?* Per the Standard Cost Model: hours × hourly tariff × frequency × quantity
  (per firm, per employee, per sickness case …), plus external costs. Every figure has a source or
  is marked as an **assumption**.
- *Workability* per rule (1 good … 4 not workable) follows the SME reference-firm method, again
  with source or assumption.
- *Proposals* are an overlay on the existing rules: exemption, lighter regime or unchanged (with a
  reason, e.g. EU law or safety). A proposal can never add burden.
- *Only law in force counts.* Every rule has a status: in force, adopted (applies from a date),
  bill or EU directive not yet transposed. Bills and untransposed directives ("announced / bill")
  never count as law. Any date from 1 January 2020 gives the law as it stood that day; an earlier
  date is outside the tool.
- One and the same engine computes for one firm and for the whole sector.
""", lg))  # fmt: skip
    counts = cat.basis_counts()
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("Regels in de catalogus", "Rules in the catalogue", lg), len(cat.rules))
    c2.metric(tr("Cijfers met bron", "Figures with a source", lg), counts["sourced"])
    c3.metric(tr("Cijfers op aanname", "Figures that are assumptions", lg), counts["assumption"])
    st.caption(tr("Catalogusversie ", "Catalogue version ", lg) + cat.version_hash)

    st.subheader(tr("Uurtarieven", "Hourly tariffs", lg))
    st.dataframe(pd.DataFrame([{
        tr("Tarief", "Tariff", lg): pick(t.label, lg), tr("€ per uur", "€ per hour", lg): fmt_eur(t.eur_per_hour, 0, lg),
        tr("Jaar", "Year", lg): t.year, tr("Bron", "Source", lg): t.basis.describe(),
    } for t in cat.tariffs.values()]), hide_index=True, width="stretch")  # fmt: skip

    st.subheader(
        tr("Aannames voor velden die u leeg laat", "Assumptions for fields left empty", lg)
    )
    st.dataframe(pd.DataFrame([{tr("Veld", "Field", lg): d.field, tr("Aanname", "Assumption", lg): pick(d.explain, lg)}
                               for d in DEFAULT_RULES]), hide_index=True, width="stretch")  # fmt: skip
    st.subheader(tr("Kengetallen", "Rates", lg))
    st.dataframe(pd.DataFrame([{
        tr("Kengetal", "Rate", lg): pick(r.label, lg),
        tr("Waarde", "Value", lg): f"{fmt_number(r.value, 4 if r.value < 1 else 0, lg)} {r.unit}",
        tr("Jaar", "Year", lg): r.year, tr("Bron", "Source", lg): r.basis.describe(),
    } for r in cat.rates.values()]), hide_index=True, width="stretch")  # fmt: skip

    st.subheader(tr("Bronnen", "Sources", lg))
    sources = sorted(cat.sources.values(), key=lambda s: s.title.lower())
    st.dataframe(pd.DataFrame([{"id": s.id, tr("Titel", "Title", lg): s.title,
                                tr("Uitgever", "Publisher", lg): s.publisher or "", "url": s.url}
                               for s in sources]), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})  # fmt: skip
    if cat.omissions:
        st.subheader(tr("Bewust weggelaten", "Deliberately left out", lg))
        st.markdown(
            "\n".join(f"- **{pick(o.title, lg)}** — {pick(o.reason, lg)}" for o in cat.omissions)
        )
    st.caption(tr("Sectorcodes: CBS, Standaard Bedrijfsindeling (SBI) 2008.",
                  "Sector codes: CBS, Standard Industrial Classification (SBI) 2008.", lg))  # fmt: skip


main()
