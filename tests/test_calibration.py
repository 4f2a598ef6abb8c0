"""Calibration against the published scale effect of regulatory burden (issue 9).

Published (Panteia/EIM): administrative burden per employee about €2,900 below 10 employees
against €900 at 100–250 (2012), a ratio of 3.2; in the mid-1990s 7,600 against 1,300
guilders (5.85).  The model must show the same effect through defensible figures; where a
comparison falls outside the published range, the reason must be written down for readers.
"""

from __future__ import annotations

import datetime as dt

import pytest

from checker.calibration import (
    LARGER_FIRM,
    SMALL_FIRM,
    Calibration,
    calibrate,
    load_coverage,
    load_published,
)
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.population import build_population
from checker.reader_text import developer_strings

DATE = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def calibration(engine: Engine) -> Calibration:
    population = build_population("nl", engine, seed=1)
    return calibrate(engine, DATE, population=population)


def test_published_figures_are_the_sourced_pairs() -> None:
    figures = {f.id: f for f in load_published()}
    eim = figures["eim_2012_al_per_employee"]
    assert [c.value for c in eim.classes] == [2900, 900]
    assert eim.ratio == pytest.approx(2900 / 900, abs=0.05)
    old = figures["eim_1995_al_per_employee"]
    assert old.ratio == pytest.approx(7600 / 1300, abs=0.01)
    assert figures["eim_2002_share_small"].classes[0].value == 0.79


def test_published_figures_cite_known_sources_and_read_cleanly(catalogue: Catalogue) -> None:
    for figure in load_published():
        assert figure.source in catalogue.sources, figure.id
        for text in (figure.title.nl, figure.title.en, figure.note.nl, figure.note.en):
            assert not developer_strings(text), (figure.id, developer_strings(text))
    coverage = load_coverage()
    for item in [*coverage.covered, *coverage.not_covered, *coverage.explanations]:
        for text in (item.label.nl, item.label.en, item.note.nl, item.note.en):
            assert not developer_strings(text), (item.id, developer_strings(text))


def test_coverage_names_the_per_firm_duties_outside_the_catalogue() -> None:
    missing = {item.id for item in load_coverage().not_covered}
    assert {"loonadministratie", "btw_en_winstbelasting"} <= missing


def test_small_firms_pay_more_per_employee(calibration: Calibration) -> None:
    per_employee = [p.administrative_per_employee for p in calibration.points]
    sizes = [p.employees for p in calibration.points]
    assert sizes == sorted(sizes)
    assert per_employee[0] == max(per_employee)
    assert calibration.ratio(SMALL_FIRM, LARGER_FIRM) > 2


def test_class_averages_reproduce_the_published_ratio(calibration: Calibration) -> None:
    """Like for like: employee-weighted averages of the classes 1–9 and 100–249 employees."""
    assert calibration.classes is not None
    ratio = calibration.classes.administrative_ratio
    low, high = calibration.published_range()
    assert (low, high) == pytest.approx((3.2, 5.85), abs=0.05)
    assert low <= ratio <= high, f"class ratio {ratio:.2f} outside {low}–{high}"


def test_five_versus_120_is_in_range_or_explained(calibration: Calibration) -> None:
    ratio = calibration.ratio(SMALL_FIRM, LARGER_FIRM)
    if calibration.within_published_range(ratio):
        return
    explanation = calibration.coverage.explanation("representative_firm_ratio")
    assert explanation is not None, f"ratio {ratio:.2f} is outside the range without a reason"
    assert "5" in explanation.note.nl and "120" in explanation.label.nl
    # Then the like-for-like class comparison should be within range (the page says where
    # it lies from the numbers: checker.calibration_view.ratio_explanation).
    assert calibration.classes is not None
    assert calibration.within_published_range(calibration.classes.administrative_ratio)


def test_small_firms_bear_most_of_the_burden_but_less_than_published(
    calibration: Calibration,
) -> None:
    """EIM (2002): 79% on firms below 10 employees.  The catalogue leaves out per-firm duties
    such as payroll and VAT returns, so the model's share is lower but still the largest."""
    assert calibration.classes is not None
    assert calibration.classes.share_small > calibration.classes.share_large
    assert calibration.classes.share_small < 0.79


def test_table_has_one_row_per_representative_firm(calibration: Calibration) -> None:
    table = calibration.table("en")
    assert list(table["employees"]) == [p.employees for p in calibration.points]
    assert (table["administrative burden per employee"] > 0).all()


def test_the_workbook_explains_a_low_small_firm_ratio_only_when_it_is_low(
    calibration: Calibration, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sheet's explanation is titled '… kleiner dan gepubliceerd': it must not appear when
    the published ratios are lower than the model's, and must appear when they are higher."""
    from checker.export.sheet_calibration import _explanations

    title = calibration.coverage.explanation("representative_firm_ratio")
    assert title is not None
    monkeypatch.setattr(Calibration, "published_range", lambda self: (1.0, 100.0))
    assert title.label.nl not in [label for label, _ in _explanations(calibration, "nl")]
    monkeypatch.setattr(Calibration, "published_range", lambda self: (50.0, 100.0))
    shown = dict(_explanations(calibration, "nl"))
    assert title.note.nl in shown[title.label.nl]


def test_every_series_of_the_calibration_chart_has_its_own_colour(
    calibration: Calibration,
) -> None:
    """The legend names series by colour only: two series in one colour cannot be told apart."""
    from checker.calibration_view import per_employee_chart

    spec = per_employee_chart(calibration, "nl").to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert len(scale["domain"]) == len(scale["range"])
    assert len(set(scale["range"])) == len(scale["range"]), scale
