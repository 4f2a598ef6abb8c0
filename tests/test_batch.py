"""Member-list batch: mixed rows, NL/EN headers, xlsx formulas, hostile CSV, limits."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from checker.api import check, load
from checker.population import MAX_FILE_BYTES, MAX_ROWS, BatchFileError, run_batch
from checker.population.batch import read_member_file

DATE = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def engine():
    return load()


def test_mixed_valid_and_invalid_rows(engine):
    data = (
        b"naam;werknemers;rechtsvorm;sbi;omzet\n"
        b"Alfa;3;bv;25.62;100000\n"
        b"Beta;drie;bv;25;\n"
        b"Gamma;30;eenmanszaak;28;\n"
        b"Delta;-5;;;\n"
        b"Epsilon;12;nv;2562;1.234.567,50\n"
        b"Zeta;8;bv;9x;\n"
    )
    res = run_batch(data, "leden.csv", engine, "metaalunie-25", DATE)
    errs = {(e.row, e.column) for e in res.input.errors}
    assert errs == {(3, "werknemers"), (5, "werknemers")}  # only the headcount skips a row
    assert {(w.row, w.column) for w in res.input.warnings} == {(7, "sbi")}  # kept, default SBI
    assert list(res.per_firm["row"]) == [2, 4, 6, 7]
    assert res.input.total_rows == 6
    single = check(
        {"employees": 3, "legal_form": "bv", "sector_sbi": "25.62", "turnover_eur": 100000},
        "metaalunie-25",
        DATE,
        engine=engine,
    )
    assert res.per_firm["saved_eur"].iloc[0] == pytest.approx(single.totals["saved_eur"])
    assert res.totals["saved_eur"] == pytest.approx(res.per_firm["saved_eur"].sum())
    assert res.totals["firms"] == 4


def test_english_headers_and_comma_separator(engine):
    data = b"name,employees,legal_form,sector_sbi,turnover_eur,unknown_col\nA,3,bv,25,100000,x\nB,40,bv,25,,y\n"
    res = run_batch(data, "members.csv", engine, "metaalunie-25", DATE)
    assert not res.input.errors
    assert res.input.ignored_columns == ["unknown_col"]
    assert list(res.per_firm["reached"]) == [True, False]


def test_xlsx_formulas_are_never_evaluated(engine):
    wb = Workbook()
    ws = wb.active
    ws.append(["Naam", "Werknemers", "Rechtsvorm", "Loonsom"])
    ws.append(['=HYPERLINK("http://evil","x")', 5, "bv", 200000])
    ws.append(["Ok", "=2+3", "bv", None])
    ws.append(["Ook ok", 7, "bv", "=A1*1000"])
    buf = io.BytesIO()
    wb.save(buf)
    res = run_batch(buf.getvalue(), "leden.xlsx", engine, "metaalunie-25", DATE)
    assert {(e.row, e.column) for e in res.input.errors} == {(3, "Werknemers")}
    assert {(w.row, w.column) for w in res.input.warnings} == {(4, "Loonsom")}  # default used
    assert all("formule" in e.message for e in res.input.errors + res.input.warnings)
    # kept as typed in the results (the page, JSON); every file written neutralises it
    assert res.per_firm["name"].iloc[0] == '=HYPERLINK("http://evil","x")'


def test_hostile_csv(engine):
    huge = "A" * 5000
    data = (f"naam,werknemers\n\"=cmd|' /C calc'!A0\",4\n+SUM(1),5\n{huge},6\n@x,=1+1\n").encode()
    res = run_batch(data, "leden.csv", engine, "metaalunie-25", DATE)
    names = list(res.per_firm["name"])
    # as typed in the results (the files written neutralise them); the over-long name is empty
    assert names == ["=cmd|' /C calc'!A0", "+SUM(1)", ""]
    errors = {(e.row, e.column): e.message for e in res.input.errors}
    warnings = {(w.row, w.column): w.message for w in res.input.warnings}
    assert "langer dan" in warnings[(4, "naam")]
    assert "formule" in errors[(5, "werknemers")]


def test_limits_and_unusable_files():
    with pytest.raises(BatchFileError, match="maximum is 5 MB"):
        read_member_file(b"x" * (MAX_FILE_BYTES + 1), "big.csv")
    rows = "werknemers\n" + "1\n" * (MAX_ROWS + 1)
    with pytest.raises(BatchFileError, match=r"meer dan 20\.000 rijen"):
        read_member_file(rows.encode(), "many.csv")
    with pytest.raises(BatchFileError, match=r"alleen \.csv en \.xlsx"):
        read_member_file(b"werknemers\n1\n", "leden.xls")
    with pytest.raises(BatchFileError, match="werknemers"):
        read_member_file(b"naam,omzet\nA,1\n", "leden.csv")
    with pytest.raises(BatchFileError, match="geen geldig Excel-bestand"):
        read_member_file(b"PK\x03\x04 not a zip", "leden.xlsx")
    with pytest.raises(BatchFileError, match="leeg"):
        read_member_file(b"", "leden.csv")


def test_xlsx_roundtrip_is_read_only_values():
    wb = Workbook()
    wb.active.append(["employees"])
    wb.active.append([3])
    buf = io.BytesIO()
    wb.save(buf)
    inp = read_member_file(buf.getvalue(), "a.xlsx")
    assert [p.employees for p in inp.profiles] == [3]
    assert load_workbook(io.BytesIO(buf.getvalue())).active["A2"].value == 3


def test_member_bands_follow_the_cbs_classes_with_one_owner() -> None:
    """0 employees ~ CBS '1', 1 ~ '2', 2–3 ~ '3 tot 5', 4–8 ~ '5 tot 10' … (owner counted once)."""
    import pandas as pd

    from checker.population.batch import by_size_band

    per_firm = pd.DataFrame(
        {
            "employees": [0, 1, 3, 4, 18, 19, 48, 49, 300],
            "reached": [False, True, True, True, True, True, False, False, False],
            "saved_eur": [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 0.0, 0.0, 0.0],
        }
    )
    table = by_size_band(per_firm).set_index("size_class")
    assert list(table.index) == ["0", "1", "2–3", "4–8", "9–18", "19–48", "49–98", "249+"]
    assert table.loc["4–8", "firms"] == 1 and table.loc["9–18", "saved_eur"] == 40.0
    assert table.loc["19–48", "firms"] == 2 and table.loc["19–48", "firms_reached"] == 1
    assert table["firms"].sum() == len(per_firm)
