"""Messy and hostile member lists and CBS files (tests/fixtures/hostile): read right or refused
with a message that says where and why — never a silently different number, never a member
dropped without a word, never a traceback.

Expected values are written out from what the file says (a Dutch "1.000" werknemers is a
thousand), not computed by the reader under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from checker.engine import Engine
from checker.population import (
    BatchFileError,
    CbsFormatError,
    build_population,
    read_counts,
    read_member_file,
    run_batch,
)
from checker.population.batch import BatchInput

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
ORIGINAL_CBS = Path(__file__).parent / "fixtures" / "population" / "cbs_81588NED_metaal.csv"
DATE = dt.date(2026, 6, 1)


def members(name: str) -> BatchInput:
    return read_member_file((HOSTILE / name).read_bytes(), name)


def by_name(inp: BatchInput) -> dict[str, object]:
    return dict(zip(inp.names, inp.profiles, strict=True))


def notices(inp: BatchInput) -> str:
    return "\n".join(n.nl for n in inp.notices)


# ---------------------------------------------------------------------------------------------
# Numbers in member lists


def test_dutch_thousands_are_read_as_thousands() -> None:
    """'1.000' werknemers is a thousand, '€ 650.000' omzet is 650,000 euros (issue 13.1)."""
    inp = members("members_dutch_numbers.csv")
    assert inp.errors == [] and inp.warnings == []
    firms = by_name(inp)
    groot, middel, klein = firms["Groot"], firms["Middel"], firms["Klein"]
    assert groot.employees == 1000 and groot.turnover_eur == 650_000  # type: ignore[attr-defined]
    assert groot.balance_total_eur == 1_900_000 and groot.fte == 900.5  # type: ignore[attr-defined]
    assert middel.employees == 1900 and middel.turnover_eur == 3_000_000  # type: ignore[attr-defined]
    assert middel.balance_total_eur == 1_250_000  # type: ignore[attr-defined]
    assert klein.turnover_eur == 3_000_000 and klein.fte == 10.5  # type: ignore[attr-defined]
    # What was decided, and why, is listed: the decimal commas show the file is Dutch.
    text = notices(inp)
    assert (
        "kolom 'werknemers': '1.000' (rij 2) en 1 andere waarde(n) gelezen als 1.000 (1 duizend)"
        in text
    )
    assert "Nederlandse Excel" in text or "notatie" in text


def test_english_notation_in_an_english_file() -> None:
    inp = members("members_english_numbers.csv")
    firms = by_name(inp)
    assert firms["Big"].employees == 1000  # type: ignore[attr-defined]
    assert firms["Big"].turnover_eur == 650_000  # type: ignore[attr-defined]
    # '1,900' employees is 1900 (a headcount is never a fraction) ...
    assert firms["Mid"].employees == 1900  # type: ignore[attr-defined]
    # ... and '1,900' turnover is read in the file's English notation: 1900, and said so.
    assert firms["Mid"].turnover_eur == 1900  # type: ignore[attr-defined]
    assert "turnover_eur" in notices(inp)


def test_a_member_is_counted_the_way_its_file_says(engine: Engine) -> None:
    """The firm with '1.000' employees is far above 25: it is not reached and saves nothing."""
    res = run_batch(
        (HOSTILE / "members_dutch_numbers.csv").read_bytes(),
        "leden.csv",
        engine,
        "metaalunie-25",
        DATE,
    )
    groot = res.per_firm.set_index("name").loc["Groot"]
    assert groot["employees"] == 1000 and not groot["reached"] and groot["saved_eur"] == 0


# ---------------------------------------------------------------------------------------------
# Legal forms and unusable optional values


def test_legal_form_spellings_keep_every_member() -> None:
    inp = members("members_legal_forms.csv")
    forms = {n: (p.legal_form.value if p.legal_form else None) for n, p in by_name(inp).items()}  # type: ignore[attr-defined]
    assert forms == {
        "A": "bv",
        "B": "bv",
        "C": "bv",
        "D": "bv",
        "E": "vof",
        "F": "eenmanszaak",
        "G": "eenmanszaak",
        "H": "nv",
        "I": "cooperatie",
        "J": "stichting",
        "K": "vof",
        "L": "cv",
        "M": None,
    }
    assert inp.errors == []
    assert [(w.row, w.column) for w in inp.warnings] == [(14, "rechtsvorm")]
    assert "Holding" in inp.warnings[0].message and "standaardaanname" in inp.warnings[0].message


def test_only_a_missing_or_unusable_headcount_skips_a_row() -> None:
    inp = members("members_unusable_optional_values.csv")
    assert inp.names == ["Alfa"]
    alfa = inp.profiles[0]
    assert alfa.legal_form is None and alfa.sector_sbi is None and alfa.turnover_eur is None
    warned = {w.column: w.message for w in inp.warnings if w.row == 2}
    assert set(warned) == {"rechtsvorm", "sbi", "omzet", "ondernemingsraad"}
    assert "99.99" in warned["sbi"] and "bestaat niet" in warned["sbi"]
    assert {(e.row, e.column) for e in inp.errors} == {(3, "werknemers"), (4, "werknemers")}
    assert inp.total_rows == 3


# ---------------------------------------------------------------------------------------------
# File layout: encodings, sep=, title rows, short and long rows, quoting, columns


def test_sep_line_title_rows_and_windows_1252() -> None:
    inp = members("members_title_rows_sep.csv")
    assert inp.names == ["Smederij Ötzi", "Draaierij Ça va"]
    assert inp.rows == [5, 6] and inp.header_row == 4
    assert inp.profiles[1].turnover_eur == 2_100_000
    text = notices(inp)
    assert "sep=;" in text and "regel 4" in text and "Windows-1252" in text


def test_excel_unicode_text_utf16_tab_separated() -> None:
    inp = members("members_utf16_unicode_text.txt")
    assert inp.names == ["Ågesen Metaal", "Béton & Staal"]
    assert [p.legal_form.value for p in inp.profiles] == ["bv", "eenmanszaak"]


def test_latin1_bytes_are_decoded_with_a_notice() -> None:
    inp = members("members_latin1.csv")
    assert inp.names == ["Smederij Müller", "Café Métal"]
    assert "�" not in "".join(inp.names) and "UTF-8" in notices(inp)


def test_short_rows_are_padded_not_errors() -> None:
    inp = members("members_short_rows.csv")
    assert inp.errors == [] and inp.warnings == [] and inp.names == ["A", "B", "C"]


def test_a_row_with_an_extra_field_is_one_message_not_a_rejected_file() -> None:
    inp = members("members_extra_field.csv")
    assert inp.names == ["A", "C"]
    [err] = inp.errors
    assert err.row == 3 and "4 velden, de kopregel 3" in err.message


def test_a_badly_quoted_line_is_reported_with_its_line_number() -> None:
    inp = members("members_bad_quote.csv")
    assert inp.names == ["A", "C", "E"]
    assert {e.row for e in inp.errors} == {3, 5}
    assert all("aanhalingstekens" in e.message for e in inp.errors)


def test_duplicated_columns_are_an_error_that_names_both() -> None:
    with pytest.raises(BatchFileError) as exc:
        members("members_duplicate_columns.csv")
    assert "'werknemers' (kolom B)" in exc.value.nl and "'medewerkers' (kolom C)" in exc.value.nl
    assert "both mean" in exc.value.en


def test_a_missing_header_says_where_it_must_be() -> None:
    with pytest.raises(BatchFileError, match="eerste 20 regels"):
        members("members_no_header.csv")
    with pytest.raises(BatchFileError, match="kopregel \\(regel 1\\) heeft geen kolom"):
        members("members_header_without_employees.csv")


def test_formulas_are_never_evaluated_and_never_a_number() -> None:
    inp = members("members_formula_cells.csv")
    assert inp.profiles[0].turnover_eur is None
    assert any("formule" in w.message for w in inp.warnings)


def test_rows_on_other_sheets_are_reported() -> None:
    inp = members("members_two_sheets.xlsx")
    assert inp.names == ["Alfa", "Beta"]
    assert inp.profiles[1].employees == 1200  # a text cell '1.200' in Dutch Excel
    assert "'Nieuwe leden' bevat ook gegevens" in notices(inp)


def test_the_header_may_be_on_another_sheet_under_a_title() -> None:
    inp = members("members_header_on_second_sheet.xlsx")
    assert inp.names == ["Delta"] and inp.header_row == 3
    assert "werkblad 'Leden'" in notices(inp)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xlsx_huge_dimension.xlsx", "1.048.576 rijen × 16.384 kolommen"),
        ("xlsx_zip_bomb.xlsx", "pakt uit tot"),
        ("xlsx_cell_far_right.xlsx", "voorbij kolom 200"),
        ("xlsx_row_far_down.xlsx", "meer dan 20.000 rijen"),
    ],
)
def test_workbooks_that_would_expand_are_refused(name: str, message: str) -> None:
    with pytest.raises(BatchFileError) as exc:
        members(name)
    assert message in exc.value.nl and exc.value.en


# ---------------------------------------------------------------------------------------------
# CBS population files


def class_counts(path: Path) -> dict[tuple[str, int], float]:
    counts = read_counts(path)
    return {
        (s, int(lo)): c
        for s, lo, c in zip(counts["sbi"], counts["lo"], counts["count"], strict=True)
    }


def test_t_m_labels_give_the_same_classes_as_tot_labels() -> None:
    assert class_counts(HOSTILE / "cbs_t_m_labels.csv") == class_counts(ORIGINAL_CBS)


def test_an_unrecognised_class_is_derived_from_the_total_or_reported() -> None:
    """'20 tot 50 werkz. personen' is not read; 25 and 33 get it back from their total (420 and
    120 in the file); in 24 and 28 a second class is unknown, so the firms are listed."""
    counts = read_counts(HOSTILE / "cbs_unrecognised_label.csv")
    c = counts.set_index(["sbi", "lo"])["count"]
    assert c[("25", 20)] == 420 and c[("33", 20)] == 120
    text = "\n".join(w.nl for w in counts.attrs["warnings"])
    assert "niet als grootteklasse worden herkend (samen 830)" in text
    assert "24 Vervaardiging van metalen in primaire vorm: 30 bedrijven" in text
    assert "28 Vervaardiging van overige machines en apparaten: 260 bedrijven" in text
    # every count of the file is either in the table or named in a warning
    assert counts.groupby("sbi")["count"].sum().to_dict() == {
        "24": 345,
        "25": 12940,
        "28": 4950,
        "33": 6745,
    }


def test_a_zero_persons_class_keeps_its_firms(engine: Engine) -> None:
    pop = build_population((HOSTILE / "cbs_zero_persons_class.csv").read_bytes(), engine)
    assert pop.firms == 375 + 12940 + 5210 + 6745
    assert pop.class_totals().query("size_class == '0'")["weight"].sum() == 150 + 8520 + 3120 + 5380


def test_dutch_thousands_in_counts() -> None:
    counts = read_counts(HOSTILE / "cbs_thousands_separator.csv")
    assert counts.set_index(["sbi", "lo"])["count"][("25", 1)] == 8520
    assert any("8.520" in w.nl for w in counts.attrs["warnings"])


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cbs_huge_count.csv", "'1e308' is te groot"),
        ("cbs_huge_class_bound.csv", "reikt voorbij 1.000.000 werkzame personen"),
    ],
)
def test_absurd_cbs_values_are_refused(name: str, message: str) -> None:
    with pytest.raises(CbsFormatError, match=message):
        read_counts(HOSTILE / name)


def many_sectors(n: int) -> bytes:
    head = (
        '"Bedrijven"\n"Onderwerpen";"";"Totaal bedrijven";"1 werkzaam persoon";'
        '"2 tot 10 werkzame personen";"10 werkzame personen of meer"\n'
        '"Bedrijfstakken/branches (SBI 2008)";"Perioden";"aantal";"aantal";"aantal";"aantal"\n'
    )
    rows = "".join(f'"25{i:05d} Sector {i}";"2025";"100";"50";"40";"10"\n' for i in range(n))
    return (head + rows).encode()


def test_too_many_sectors_is_refused_quickly() -> None:
    import time

    start = time.perf_counter()
    with pytest.raises(CbsFormatError, match=r"meer dan 2\.000 sectoren"):
        read_counts(many_sectors(50_000))
    assert time.perf_counter() - start < 10


def test_reading_is_linear_in_the_number_of_sectors() -> None:
    """2,000 sectors (the limit) read in about ten times the time of 200, not a hundred."""
    import time

    def seconds(n: int) -> float:
        start = time.perf_counter()
        counts = read_counts(many_sectors(n))
        assert len(counts) == 3 * n and counts["count"].sum() == 100 * n
        return time.perf_counter() - start

    seconds(50)  # warm up
    assert seconds(2000) < 25 * max(seconds(200), 0.05)


def test_counts_table_has_no_nan() -> None:
    for path in sorted(HOSTILE.glob("cbs_*.csv")):
        try:
            counts = read_counts(path)
        except CbsFormatError:
            continue
        assert not counts["count"].isna().any(), path.name
        assert np.isfinite(pd.to_numeric(counts["lo"])).all()
