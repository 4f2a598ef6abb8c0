"""Ledenbestand: a member list (CSV/XLSX) through the same engine as the firm check.

Rows with errors are listed by row and column; valid rows are evaluated in one engine call.
All reading, validation and computing happen in :mod:`checker.population.batch`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages._shared import engine_or_stop, lang
from checker.bilingual import pick
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number
from checker.population import HEADER_ALIASES, MAX_FILE_BYTES, MAX_ROWS, BatchFileError, run_batch
from checker.population.batch import safe_text
from checker.population.charts import size_class_chart


def _size_table(per_firm: pd.DataFrame) -> pd.DataFrame:
    bins = [-1, 0, 1, 3, 8, 18, 48, 98, 248, 10**9]
    labels = ["0", "1", "2–3", "4–8", "9–18", "19–48", "49–98", "99–248", "249+"]
    cls = pd.cut(per_firm["employees"], bins=bins, labels=labels).astype(str)
    data = pd.DataFrame({"size_class": cls, "firms": 1.0, "firms_reached": per_firm["reached"].astype(float),
                         "saved_eur": per_firm["saved_eur"]})  # fmt: skip
    return data.groupby("size_class", sort=False).sum().reset_index()


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    cat = engine.catalogue
    st.title(tr("Ledenbestand", "Member list", lg))
    st.markdown(tr(
        f"Upload een CSV of Excel-bestand (.xlsx) met één bedrijf per rij (max. {MAX_FILE_BYTES // 1_000_000} MB, "
        f"{MAX_ROWS:,} rijen). Alleen **werknemers** is verplicht; ontbrekende velden krijgen de "
        "gedocumenteerde aannames. Formules in cellen worden nooit uitgevoerd.".replace(",", "."),
        f"Upload a CSV or Excel file (.xlsx) with one firm per row (max {MAX_FILE_BYTES // 1_000_000} MB, "
        f"{MAX_ROWS:,} rows). Only **employees** is required; missing fields get the documented "
        "assumptions. Formulas in cells are never evaluated.", lg))  # fmt: skip
    with st.expander(tr("Toegestane kolomnamen", "Accepted column names", lg)):
        st.dataframe(pd.DataFrame([{"veld / field": f, "kolomnamen / headers": ", ".join(a)}
                                   for f, a in HEADER_ALIASES.items()]), hide_index=True)  # fmt: skip
    with st.sidebar:
        sids = sorted(cat.scenarios)
        sid = st.selectbox(tr("Voorstel", "Proposal", lg), sids, key="batch_scenario",
                           format_func=lambda s: pick(cat.scenarios[s].title, lg))  # fmt: skip
        date = st.date_input(
            tr("Peildatum", "Reference date", lg), dt.date.today(), key="batch_date"
        )
    up = st.file_uploader(
        tr("Ledenbestand", "Member file", lg), type=["csv", "xlsx"], key="batch_upload"
    )
    if up is None:
        return
    with st.spinner(tr("Leden doorrekenen…", "Computing members…", lg)):
        try:
            res = run_batch(up.getvalue(), up.name, engine, sid, date)
        except BatchFileError as exc:
            st.error(tr(f"Bestand niet verwerkt: {exc}", f"File not processed: {exc}", lg))
            return
    inp = res.input
    t = res.totals
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("Geldige rijen", "Valid rows", lg), f"{len(inp.profiles)} / {inp.total_rows}")
    c2.metric(
        tr("Bereikt door het voorstel", "Reached by the proposal", lg),
        fmt_number(t["firms_reached"], 0, lg),
    )
    c3.metric(tr("Besparing per jaar", "Saved per year", lg), fmt_eur(t["saved_eur"], 0, lg))
    if inp.errors:
        st.warning(tr(f"{len(inp.errors)} fout(en); deze rijen zijn overgeslagen.",
                      f"{len(inp.errors)} error(s); these rows were skipped.", lg))  # fmt: skip
        errors = pd.DataFrame([{tr("rij", "row", lg): e.row, tr("kolom", "column", lg): safe_text(e.column),
                                tr("melding", "message", lg): e.message} for e in inp.errors])  # fmt: skip
        st.dataframe(errors, hide_index=True, width="stretch")
    if inp.ignored_columns:
        st.caption(
            tr("Genegeerde kolommen: ", "Ignored columns: ", lg)
            + ", ".join(safe_text(c) for c in inp.ignored_columns)
        )
    if len(res.per_firm):
        st.altair_chart(size_class_chart(_size_table(res.per_firm), lg), width="stretch")
        st.dataframe(res.per_firm, hide_index=True, width="stretch")
        st.download_button(tr("Resultaten als CSV", "Results as CSV", lg),
                           res.per_firm.map(safe_text).to_csv(index=False).encode(), "leden_resultaten.csv", "text/csv")  # fmt: skip


main()
