"""Synthetic population: totals reproduce CBS counts; population sums equal per-firm results."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import check, load
from checker.population import available_scopes, build_population, evaluate_population
from checker.population.aggregate import chunked_totals
from checker.population.size_classes import nl_counts, scope_counts
from checker.profile import profiles_to_frame
from checker.scenario_model import DEFAULT_SCENARIO

DATE = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def engine():
    return load()


@pytest.fixture(scope="module")
def nl_pop(engine):
    return build_population("nl", engine)


def test_nl_totals_reproduce_source_counts(nl_pop):
    counts = nl_counts()
    got = nl_pop.class_totals()
    assert nl_pop.firms == counts["count"].sum() == 2_316_555  # CBS 81588NED 2024 Q2, A-U
    merged = counts.assign(
        size_class=[
            str(lo) if hi == lo + 1 else (f"{lo}+" if np.isnan(hi) else f"{lo}–{int(hi) - 1}")
            for lo, hi in zip(counts["lo"], counts["hi"], strict=True)
        ]
    ).merge(got, on=["sector", "size_class"], how="left")
    merged = merged[merged["count"] > 0]
    assert np.array_equal(merged["count"].to_numpy(), merged["weight"].to_numpy())


def test_section_c_matches_cbs_coarse_classes(engine):
    pop = build_population("section:C", engine)
    f = pop.frame
    w = f["weight"].to_numpy()
    persons = f["persons"].to_numpy()
    assert w.sum() == 85_950
    assert w[persons == 1].sum() == 60_710
    assert w[persons < 50].sum() == 83_470
    assert w[persons < 250].sum() == 85_455


def test_employees_from_persons_and_legal_form_share(nl_pop):
    f = nl_pop.frame
    w = f["weight"].to_numpy()
    one = f["persons"].to_numpy() == 1
    assert (f["employees"].to_numpy()[one] == 0).all()
    assert np.allclose(f["employees"] + f["working_owners"], f["persons"])
    bv_share = w[(f["legal_form"] == "bv").to_numpy(dtype=bool)].sum() / w.sum()
    assert 0.20 < bv_share < 0.25  # CBS A-U 2025 Q1: 22.2% legal entities


def test_split_at_the_proposals_threshold_default_and_override(engine):
    """The CBS class 20–49 holds the default proposal's threshold; its split follows it."""
    scenario = engine.catalogue.scenario(DEFAULT_SCENARIO)
    at_most = scenario.threshold.last_inside()
    assert 20 <= at_most < 49, "this test reads the split inside the CBS class 20–49"

    def share(pop):
        f = pop.frame
        cls = (f["size_class"] == "20–49").to_numpy(dtype=bool)
        w = f["weight"].to_numpy()
        return w[cls & (f["persons"].to_numpy() <= at_most)].sum() / w[cls].sum()

    # Pareto with alpha 1 inside [20, 50): (1/20 - 1/(k+1)) / (1/20 - 1/50) at or below k.
    pareto = (1 / 20 - 1 / (at_most + 1)) / (1 / 20 - 1 / 50)
    default = build_population("section:C", engine, split_at=at_most)
    assert share(default) == pytest.approx(pareto, abs=0.01)
    assert default.extra["class_split"].pareto_share == pytest.approx(pareto, abs=1e-9)
    assert not default.extra["class_split"].set_by_user
    chosen = build_population("section:C", engine, split_at=at_most, split_share=0.6)
    assert share(chosen) == pytest.approx(0.6, abs=0.002)
    assert chosen.extra["class_split"].set_by_user
    with pytest.raises(ValueError, match="split_share"):
        build_population("section:C", engine, split_at=at_most, split_share=1.5)
    with pytest.raises(ValueError, match="split_at"):
        build_population("section:C", engine, split_share=0.5)


def test_seeded_and_reproducible(engine):
    a = build_population("section:F", engine, seed=1).frame
    b = build_population("section:F", engine, seed=1).frame
    c = build_population("section:F", engine, seed=2).frame
    assert a["turnover_eur"].equals(b["turnover_eur"])
    assert not a["turnover_eur"].equals(c["turnover_eur"]) or len(a) != len(c)


def test_sums_of_per_firm_results_equal_aggregates(engine):
    pop = build_population("section:C", engine)
    res = evaluate_population(pop, engine, "metaalunie-25", DATE)
    ft = res.firm_results()
    w = ft["weight"].to_numpy()
    for key in ("saved_eur", "cost_now", "cost_scen", "saved_hours"):
        assert (w * ft[key]).sum() == pytest.approx(res.totals[key], rel=1e-9)
        assert res.by_rule[key].sum() == pytest.approx(res.totals[key], rel=1e-9)
        assert res.by_size_class[key].sum() == pytest.approx(res.totals[key], rel=1e-9)
        assert res.by_sector[key].sum() == pytest.approx(res.totals[key], rel=1e-9)
        assert res.by_domain[key].sum() == pytest.approx(res.totals[key], rel=1e-9)
    assert (w * ft["reached"]).sum() == res.totals["firms_reached"]
    assert res.totals["saved_eur"] > 0
    # nobody above the threshold is reached
    assert not ft.loc[ft["employees"] > 25, "reached"].any()


def test_one_row_per_firm_equals_weighted(engine):
    pop = build_population("division:245 Metaalgieterijen", engine)
    res = evaluate_population(pop, engine, "metaalunie-25", DATE)
    flat = pop.expand()
    assert len(flat.frame) == 75 and (flat.frame["weight"] == 1).all()
    totals = chunked_totals(flat.frame, engine, res.scenario, DATE, chunk_rows=20)
    for key in ("firms", "firms_reached", "saved_eur", "cost_now"):
        assert totals[key] == pytest.approx(res.totals[key], rel=1e-9)


def test_unknown_scope_is_a_clear_error(engine):
    from checker.population import CountsError

    with pytest.raises(CountsError, match="geen bestand en geen bekende populatie"):
        build_population("sectie-x", engine)
    with pytest.raises(Exception, match="onbekende populatie"):
        scope_counts("section:Z")


profiles = st.fixed_dictionaries(
    {"employees": st.integers(0, 300)},
    optional={
        "legal_form": st.sampled_from(["bv", "eenmanszaak", "vof", "nv", "stichting"]),
        "sector_sbi": st.sampled_from(["25", "2562", "28", "33", "47", "01", "86"]),
        "turnover_eur": st.floats(0, 1e8, allow_nan=False),
        "balance_total_eur": st.floats(0, 5e7, allow_nan=False),
        "wage_bill_eur": st.floats(0, 2e7, allow_nan=False),
        "electricity_kwh": st.floats(0, 1e6, allow_nan=False),
    },
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile=profiles)
def test_population_of_one_equals_single_firm_check(engine, profile):
    from checker.profile import parse_profile

    p = parse_profile(profile)
    ev = engine.evaluate(profiles_to_frame([p]), DATE, engine.catalogue.scenario("metaalunie-25"))
    ft = ev.firm_totals().iloc[0]
    single = check(p, "metaalunie-25", DATE, engine=engine).totals
    assert ft["cost_now"] == pytest.approx(single["cost_now_eur"], rel=1e-12, abs=1e-9)
    assert ft["cost_scen"] == pytest.approx(single["cost_scenario_eur"], rel=1e-12, abs=1e-9)
    assert ft["saved_eur"] == pytest.approx(single["saved_eur"], rel=1e-12, abs=1e-9)
    assert ft["saved_hours"] == pytest.approx(single["saved_hours"], rel=1e-12, abs=1e-9)


# -- a sector alone is the same as that sector inside the Netherlands ------------------------
SECTION_SCOPES = [s for s in available_scopes() if s.startswith("section:")]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scope=st.sampled_from(SECTION_SCOPES),
    seed=st.integers(0, 2**31 - 1),
    split_share=st.none() | st.floats(0.0, 1.0),
)
def test_a_section_alone_has_the_firms_of_that_section_in_nl(engine, scope, seed, split_share):
    """Selecting a section gives exactly the firms of that section's part of the Netherlands:
    the same rows, headcounts, legal forms and drawn figures, whatever the seed or split."""
    at_most = engine.catalogue.scenario(DEFAULT_SCENARIO).threshold.last_inside()
    split = {"split_at": at_most, "split_share": split_share}
    alone = build_population(scope, engine, seed=seed, **split).frame
    sector = alone["sector"].iloc[0]
    nl = build_population("nl", engine, seed=seed, **split).frame
    part = nl[nl["sector"] == sector]
    assert len(part) == len(alone) > 0
    pd.testing.assert_frame_equal(_plain(part), _plain(alone), check_exact=True)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values only: a categorical column lists the categories its own rows use."""
    kinds = {c: object for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    return frame.astype(kinds).reset_index(drop=True)


def test_nl_totals_are_the_sum_of_the_sections_run_one_by_one(engine, nl_pop):
    """The Netherlands' figures equal the per-section runs added up (R-U, the residual that
    has no scope of its own, taken from the NL run): counts exactly, euros to rounding."""
    scenario = engine.catalogue.scenario(DEFAULT_SCENARIO)
    nl = evaluate_population(nl_pop, engine, scenario, DATE)
    by_sector = nl.by_sector.set_index("sector")
    summed = dict.fromkeys(("firms", "firms_reached", "saved_eur", "cost_now", "saved_hours"), 0.0)
    seen = set()
    for scope in SECTION_SCOPES:
        res = evaluate_population(build_population(scope, engine), engine, scenario, DATE)
        sector = str(res.population.frame["sector"].iloc[0])
        seen.add(sector)
        row = by_sector.loc[sector]
        assert res.totals["firms"] == row["firms"]
        assert res.totals["firms_reached"] == row["firms_reached"], sector
        for key in ("saved_eur", "saved_regulatory", "cost_now", "saved_hours"):
            assert res.totals[key] == pytest.approx(row[key], rel=1e-9), (sector, key)
        for key in summed:
            summed[key] += res.totals[key]
    rest = by_sector.drop(index=list(seen))
    assert len(rest) == 1, "only the residual R-U has no section scope"
    for key in summed:
        total = summed[key] + float(rest[key].sum())
        if key.startswith("firms"):
            assert total == nl.totals[key]
        else:
            assert total == pytest.approx(nl.totals[key], rel=1e-9)
