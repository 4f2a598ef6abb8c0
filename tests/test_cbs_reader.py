"""CBS StatLine CSV reader on real-format fixtures and on broken files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from checker.api import load
from checker.population import CbsFormatError, build_population, read_counts, read_statline

FIX = Path(__file__).parent / "fixtures" / "population"


def test_reads_81588ned_layout_with_symbols():
    long = read_statline(FIX / "cbs_81588NED_metaal.csv")
    assert set(long["sbi"]) == {"24", "25", "28", "33"}
    r28 = long[(long["sbi"] == "28") & (long["lo"] == 250)].iloc[0]
    assert np.isnan(r28["count"]) and r28["symbol"] == "."
    r24 = long[(long["sbi"] == "24") & (long["lo"] == 250)].iloc[0]
    assert np.isnan(r24["count"])  # "." unknown
    x = long[
        (long["sbi"] == "25") & (long["lo"] == 250) & (long["period"] == "2024 2e kwartaal")
    ].iloc[0]
    assert x["symbol"] == "x" and np.isnan(x["count"])
    nil = long[
        (long["sbi"] == "25") & (long["lo"] == 250) & (long["period"] == "2025 1e kwartaal")
    ].iloc[0]
    assert nil["count"] == 0 and nil["symbol"] == "-"
    provisional = dict(zip(long["sbi"], long["provisional"], strict=False))
    assert provisional["33"] == "**" and provisional["28"] == "*"


def test_counts_latest_period_per_sector_and_totals():
    counts = read_counts(FIX / "cbs_81588NED_metaal.csv")
    totals = counts.groupby("sbi")["count"].sum().to_dict()
    assert totals == {"24": 375, "25": 12940, "28": 5210, "33": 6745}
    assert (
        counts.attrs["periods"]["24 Vervaardiging van metalen in primaire vorm"]
        == "2024 2e kwartaal"
    )
    # 28's 250+ is '.', but its other classes already make the total 5,210: so it is 0.
    c28 = counts[(counts["sbi"] == "28") & (counts["lo"] == 250)].iloc[0]
    assert c28["count"] == 0 and "afgeleid" in c28["source"]
    assert counts.attrs["missing"] == []
    c20 = counts[(counts["sbi"] == "25") & (counts["lo"] == 20)].iloc[0]
    assert c20["hi"] == 50 and c20["count"] == 420


def test_aggregate_classes_dropped_and_period_only_layout():
    counts = read_counts(FIX / "cbs_81589NED_single_period.csv")
    assert counts["count"].sum() == 75  # 0–50 aggregate (70) not double counted
    assert 0 not in set(counts["lo"])


def test_population_from_download_reproduces_counts():
    engine = load()
    pop = build_population((FIX / "cbs_81588NED_metaal.csv").read_bytes(), engine)
    assert pop.firms == 375 + 12940 + 5210 + 6745
    assert set(pop.frame["sector_sbi"]) == {"24", "25", "28", "33"}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_cbs.csv", "puntkomma"),
        ("bad_number.csv", "regel 4: kolom '1 werkzaam persoon': 'abc' is geen getal"),
        ("short_row.csv", "regel 4: 4 kolommen, verwacht 12"),
        ("binary.csv", "geen tekstbestand"),
    ],
)
def test_broken_files_give_clear_errors(name, message):
    with pytest.raises(CbsFormatError, match=message):
        read_counts(FIX / name)


def test_other_statline_table_is_rejected():
    data = '"Bevolking; kerncijfers"\n"Onderwerpen";"Jonger dan 20 jaar"\n"Perioden";"aantal"\n"1950";"3742499"\n'
    with pytest.raises(CbsFormatError, match="geen kolommen met grootteklassen"):
        read_counts(data.encode())
    with pytest.raises(CbsFormatError, match="leeg"):
        read_counts(b"  \n")
