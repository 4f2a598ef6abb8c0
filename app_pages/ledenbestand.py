"""Ledenbestand: a member list (CSV/XLSX) through the same engine as the firm check.

Rows with errors are listed by row and column; valid rows are evaluated in one engine call.
All reading, validation and computing happen in :mod:`checker.population.batch`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from app_pages._shared import DATE_FORMAT, XLSX_MIME, engine_or_stop, lang, show_table
from checker.bilingual import Lang, pick
from checker.engine import Engine
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number
from checker.population import (
    HEADER_ALIASES,
    MAX_FILE_BYTES,
    MAX_ROWS,
    BatchFileError,
    BatchResult,
    run_batch,
)
from checker.population.batch import by_size_band, safe_text
from checker.population.charts import size_class_chart
from checker.population.workbook_args import batch_args, errors_frame
from checker.rule_model import COVERED_FROM
from checker.ui.labels import ERROR_COLUMNS, MEMBER_COLUMNS, display_table, example_member_csv
from checker.ui.markdown import escape


def _workbook(res: BatchResult, engine: Engine, name: str, lg: Lang) -> Callable[[], bytes]:
    """Deferred Excel: built only when the button is clicked."""

    def build() -> bytes:
        args = batch_args(res, engine, name)
        if args is None:  # pragma: no cover - the button is only shown with valid rows
            raise ValueError("no valid rows")
        return args.to_bytes(lg)

    return build


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
        st.dataframe(pd.DataFrame([{tr("Veld", "Field", lg): f,
                                    tr("Kolomnamen die we herkennen", "Headers we recognise", lg): ", ".join(a)}
                                   for f, a in HEADER_ALIASES.items()]), hide_index=True, width="stretch")  # fmt: skip
    with st.sidebar:
        sids = sorted(cat.scenarios)
        sid = st.selectbox(tr("Voorstel", "Proposal", lg), sids, key="batch_scenario",
                           format_func=lambda s: pick(cat.scenarios[s].title, lg))  # fmt: skip
        date = st.date_input(
            tr("Peildatum", "Reference date", lg),
            dt.date.today(),
            key="batch_date",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
        )
    st.download_button(
        tr("Voorbeeldbestand downloaden (CSV)", "Download an example file (CSV)", lg),
        example_member_csv(lg), "voorbeeld_ledenbestand.csv", "text/csv",
        key="dl_example", on_click="ignore",
        help=tr("Vijf bedrijven met Nederlandse kolomnamen; de vierde rij bevat bewust een fout "
                "(meer fte dan werknemers), zodat u ziet hoe fouten worden gemeld.",
                "Five firms with Dutch headers; the fourth row has a deliberate error (more fte "
                "than employees), so you see how errors are reported.", lg),
    )  # fmt: skip
    up = st.file_uploader(
        tr("Ledenbestand", "Member file", lg), type=["csv", "xlsx"], key="batch_upload"
    )
    if up is None:
        return
    with st.spinner(tr("Leden doorrekenen…", "Computing members…", lg)):
        try:
            res = run_batch(up.getvalue(), up.name, engine, sid, date)
        except BatchFileError as exc:
            why = escape(exc.text(lg))
            st.error(tr(f"Bestand niet verwerkt: {why}", f"File not processed: {why}", lg))
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
        rows = len({e.row for e in inp.errors})
        st.subheader(tr("Fouten per rij en kolom", "Errors by row and column", lg))
        st.warning(tr(f"{len(inp.errors)} fout(en) in {rows} rij(en); deze rijen zijn overgeslagen. "
                      f"Rijnummers zijn zoals in uw bestand (kopregel = rij {inp.header_row}).",
                      f"{len(inp.errors)} error(s) in {rows} row(s); these rows were skipped. "
                      f"Row numbers are as in your file (header = row {inp.header_row}).", lg))  # fmt: skip
        errors = errors_frame(res, lg).assign(column=lambda f: f["column"].map(safe_text))
        show_table(display_table(errors, lg, ERROR_COLUMNS))
    if inp.ignored_columns:
        st.caption(
            tr("Genegeerde kolommen: ", "Ignored columns: ", lg)
            + ", ".join(escape(c, 60) for c in inp.ignored_columns)
        )
    for notice in inp.notices:
        text = notice.text(lg)
        st.info(escape(text[:1].upper() + text[1:], 500))
    if inp.warnings:
        st.subheader(tr("Waarschuwingen (lid meegeteld)", "Warnings (member counted)", lg))
        st.caption(
            tr(
                "Deze leden zijn wel doorgerekend; de genoemde waarde is genegeerd en vervangen "
                "door de gedocumenteerde aanname.",
                "These members were computed; the value named was ignored and replaced by the "
                "documented assumption.",
                lg,
            )
        )
        warnings = pd.DataFrame(
            [
                {"row": w.row, "column": safe_text(w.column), "message": w.text(lg)}
                for w in inp.warnings
            ]
        )
        show_table(display_table(warnings, lg, ERROR_COLUMNS))
    if len(res.per_firm):
        st.subheader(tr("Resultaten per lid", "Results per member", lg))
        st.altair_chart(size_class_chart(by_size_band(res.per_firm), lg,
                                         tr("Werknemers", "Employees", lg)), width="stretch")  # fmt: skip
        show_table(display_table(res.per_firm, lg, MEMBER_COLUMNS))
        buttons = st.container(horizontal=True)
        buttons.download_button(tr("Resultaten als CSV", "Results as CSV", lg),
                           res.per_firm.map(safe_text).to_csv(index=False).encode(), "leden_resultaten.csv",
                           "text/csv", key="dl_batch_csv", on_click="ignore")  # fmt: skip
        buttons.download_button(tr("Resultaten als Excel (met formules en bronnen)",
                              "Results as Excel (with formulas and sources)", lg),
                           _workbook(res, engine, up.name, lg), "leden_resultaten.xlsx", XLSX_MIME,
                           key="dl_batch_xlsx", on_click="ignore")  # fmt: skip


main()
