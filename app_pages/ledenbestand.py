"""Ledenbestand: a member list (CSV/XLSX) through the same engine as the firm check.

Rows with errors are listed by row and column; valid rows are evaluated in one engine call.
All reading, validation and computing happen in :mod:`checker.population.batch`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from app_pages._coded_select import coded_selectbox
from app_pages._compare import compare_section
from app_pages._proposals import proposal_by_id, proposal_ids, proposal_label
from app_pages._shared import DATE_FORMAT, XLSX_MIME, engine_or_stop, lang, wrapped_table
from app_pages._tables import result_table
from app_pages._tiles import Tile, metric_tiles
from checker.bilingual import Lang
from checker.engine import Engine, Evaluation
from checker.i18n import column_label, fmt_eur_short, fmt_number, t
from checker.i18n.vocabulary import transfer_words
from checker.period import COVERED_FROM, COVERED_UNTIL
from checker.population import (
    HEADER_ALIASES,
    MAX_FILE_BYTES,
    MAX_ROWS,
    BatchFileError,
    BatchResult,
    run_batch,
)
from checker.population.batch import MAX_NAME_CHARS, by_size_band
from checker.population.charts import size_class_chart
from checker.population.member_messages import (
    MESSAGE_COLUMNS,
    notice_sentences,
    results_with_messages,
    rows_frame,
    skipped_members,
)
from checker.population.workbook_args import batch_args
from checker.ui.labels import MEMBER_COLUMNS, example_member_csv
from checker.ui.markdown import escape
from checker.ui.saving_text import saving_summary
from checker.ui.tables import labelled_csv
from checker.ui.widget_texts import localise_widgets
from checker.uncertainty import population_intervals


def _workbook(res: BatchResult, engine: Engine, name: str, lg: Lang) -> Callable[[], bytes]:
    """Deferred Excel: built only when the button is clicked."""

    def build() -> bytes:
        args = batch_args(res, engine, name, lg)
        if args is None:  # pragma: no cover - the button is only shown with valid rows
            raise ValueError("no valid rows")
        return args.to_bytes(lg)

    return build


def _upload_help(lg: Lang) -> None:
    st.markdown(
        t(
            "page.members.intro",
            lg,
            megabytes=fmt_number(MAX_FILE_BYTES / 1_000_000, lg),
            rows=fmt_number(MAX_ROWS, lg),
        )
    )
    with st.expander(t("page.members.headers.heading", lg)):
        headers = pd.DataFrame(
            [
                {
                    column_label("field", lg): field,
                    t("page.members.headers.recognised", lg): ", ".join(aliases),
                }
                for field, aliases in HEADER_ALIASES.items()
            ]
        )
        wrapped_table(headers.map(escape))


@st.cache_resource(show_spinner=False, max_entries=8)
def _intervals(_ev: Evaluation, key: tuple[object, ...]) -> dict[str, tuple[float, float, float]]:
    """The margins of the member list's totals (1,000 seeded draws), cached per upload."""
    return population_intervals(_ev)


def _headline(res: BatchResult, key: tuple[object, ...], lg: Lang) -> None:
    """Regeldruk saving with its margin first, financial costs and the UWV shift apart."""
    inp, tot = res.input, res.totals
    ev = res.extra.get("evaluation")
    regulatory = None
    if ev is not None and len(res.per_firm):
        iv = _intervals(ev, key)
        regulatory = iv["regulatory_saved"][0]
        to = transfer_words(ev.transfer_targets(), lg)
        st.success(saving_summary(iv, tot["firms_reached"], lg, members=True, to=to))
    metric_tiles(
        [
            Tile(
                t("page.members.metric.valid_rows", lg),
                f"{fmt_number(len(inp.profiles), lg)} / {fmt_number(inp.total_rows, lg)}",
            ),
            Tile(t("metric.reached", lg), fmt_number(tot["firms_reached"], lg)),
            Tile(
                t("page.sector.metric.regulatory", lg),
                fmt_eur_short(regulatory if regulatory is not None else 0.0, lg),
            ),
        ]
    )


CSV_COLUMNS = (*MEMBER_COLUMNS, "counted", "messages")


def _with_split(res: BatchResult) -> pd.DataFrame:
    """The members with their regeldruk and financial savings apart, for the chart."""
    ev = res.extra.get("evaluation")
    if ev is None:
        return res.per_firm
    totals = ev.firm_totals()
    return res.per_firm.assign(
        saved_regulatory=totals["saved_regulatory"].to_numpy(),
        saved_financial=totals["saved_financial"].to_numpy(),
    )


MEMBER_SHOWN = ("row", "name", "employees", "reached", "saved_eur", "cost_now")
SKIPPED_NAMED = 10  # members named in the sentence above the table; the table lists them all


def _skipped_sentence(res: BatchResult, lg: Lang) -> str:
    """'Overgeslagen: rij 10 (Bouwbedrijf X), rij 14 (zonder naam)' — the member as typed."""
    skipped = skipped_members(res.input)
    named = [
        t("page.members.errors.member", lg, row=row, name=escape(name, MAX_NAME_CHARS))
        if name
        else t("page.members.errors.row_only", lg, row=row)
        for row, name in skipped[:SKIPPED_NAMED]
    ]
    if len(skipped) > SKIPPED_NAMED:
        named.append(
            t("page.members.errors.more", lg, count=fmt_number(len(skipped) - SKIPPED_NAMED, lg))
        )
    return t("page.members.errors.named", lg, members=", ".join(named))


def _messages(res: BatchResult, lg: Lang) -> None:
    """Skipped rows (named), values left out, numbers read, notices: nothing left unsaid."""
    inp = res.input
    if inp.errors:
        rows = len({e.row for e in inp.errors})
        st.subheader(t("page.members.errors.heading", lg))
        summary = t(
            "page.members.errors.summary",
            lg,
            errors=len(inp.errors),
            rows=rows,
            header=inp.header_row,
        )
        st.warning(summary + "\n\n" + _skipped_sentence(res, lg))
        result_table(rows_frame(inp.errors, lg), lg, MESSAGE_COLUMNS, key="errors")
    if inp.ignored_columns:
        ignored = ", ".join(escape(c, 60) for c in inp.ignored_columns)
        st.caption(t("page.members.ignored_columns", lg, columns=ignored))
    for text in notice_sentences(inp, lg):
        st.info(escape(text, 500))
    if inp.warnings:
        st.subheader(t("page.members.warnings.heading", lg))
        st.caption(t("page.members.warnings.caption", lg))
        result_table(rows_frame(inp.warnings, lg), lg, MESSAGE_COLUMNS, key="warnings")
    if inp.readings:
        heading = t("page.members.readings.heading", lg)
        with st.expander(f"{heading} ({fmt_number(len(inp.readings), lg)})"):
            st.caption(t("page.members.readings.caption", lg))
            result_table(rows_frame(inp.readings, lg), lg, MESSAGE_COLUMNS, key="readings")


def _downloads(res: BatchResult, engine: Engine, file_name: str, lg: Lang) -> None:
    """Results as CSV (every row of the file, skipped ones too, with its messages) and Excel."""
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("page.members.download.csv", lg),
        labelled_csv(results_with_messages(res, lg), lg, CSV_COLUMNS),
        "leden_resultaten.csv",
        "text/csv",
        key="dl_batch_csv",
        on_click="ignore",
    )
    if len(res.per_firm):
        buttons.download_button(
            t("page.members.download.excel", lg),
            _workbook(res, engine, file_name, lg),
            "leden_resultaten.xlsx",
            XLSX_MIME,
            key="dl_batch_xlsx",
            on_click="ignore",
        )
    st.caption(t("page.members.download.messages_note", lg))


def _results(
    res: BatchResult, engine: Engine, file_name: str, key: tuple[object, ...], lg: Lang
) -> None:
    _headline(res, key, lg)
    _messages(res, lg)
    if len(res.per_firm):
        st.subheader(t("page.members.results.heading", lg))
        threshold = res.scenario.threshold_on(res.date)
        bands = by_size_band(_with_split(res), threshold)
        chart = size_class_chart(bands, lg, column_label("employees", lg))
        st.altair_chart(chart, width="stretch")
        if threshold.measure == "employees":
            st.caption(
                t(
                    "page.members.bands.split",
                    lg,
                    inside=fmt_number(threshold.last_inside(), lg),
                    outside=fmt_number(threshold.first_outside(), lg),
                )
            )
        else:
            st.caption(t("page.members.bands.not_split", lg))
        result_table(res.per_firm, lg, MEMBER_COLUMNS, key="members", shown=MEMBER_SHOWN)
    _downloads(res, engine, file_name, lg)
    if len(res.per_firm):
        compare_section(
            engine, res.date, profiles=res.input.profiles, context=file_name, key="members"
        )


def main() -> None:
    lg = lang()
    localise_widgets(
        lg,
        t(
            "widget.upload.limit",
            lg,
            types=t("page.members.upload.types", lg),
            megabytes=fmt_number(st.get_option("server.maxUploadSize"), lg),
        ),
    )
    engine = engine_or_stop()
    cat = engine.catalogue
    st.title(t("page.members.title", lg))
    _upload_help(lg)
    with st.sidebar:
        sid = coded_selectbox(
            t("app.sidebar.proposal", lg),
            proposal_ids(cat),
            "batch_scenario",
            lg,
            lambda s: proposal_label(cat, s, lg),
        )
        date = st.date_input(
            t("app.sidebar.date", lg),
            dt.date.today(),
            key="batch_date",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
            max_value=COVERED_UNTIL,
        )
    st.download_button(
        t("page.members.example.download", lg),
        example_member_csv(lg),
        "voorbeeld_ledenbestand.csv",
        "text/csv",
        key="dl_example",
        on_click="ignore",
        help=t("page.members.example.help", lg),
    )
    up = st.file_uploader(t("page.members.upload", lg), type=["csv", "xlsx"], key="batch_upload")
    if up is None:
        return
    data = up.getvalue()
    with st.spinner(t("page.members.computing", lg)):
        try:
            res = run_batch(data, up.name, engine, proposal_by_id(cat, sid), date)
        except BatchFileError as exc:
            st.error(t("page.members.file_error", lg, error=escape(exc.text(lg))))
            return
    key = (cat.version_hash, hashlib.sha256(data).hexdigest(), sid, date)
    _results(res, engine, up.name, key, lg)


main()
