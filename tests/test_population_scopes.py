"""The metal-sector population (an estimate from CBS section C) and the class split at any
threshold.

CBS figures used below, as read in StatLine (data/population/cbs_firm_counts_snapshots.csv):
81588NED 2024 Q2 section C Industrie 85,950 firms, 60,710 with one person, 83,470 below 50
and 85,455 below 250 werkzame personen; B-E 91,710 firms; 81589NED 2020 Q3 B-E 74,200 firms.
Metaalkrant (7 February 2020, quoting CBS): 375 firms in SBI 24 and 12,680 in SBI 25.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from checker.engine import Engine
from checker.population import available_scopes, build_population, scope_counts
from checker.population.class_split import ClassSplit, describe_split, split_at_for
from checker.population.metal import METAL_SCOPE, metal_estimate, scale_counts
from checker.population.scope_names import period_text, scope_name, scope_option
from checker.scenario_model import DEFAULT_SCENARIO, Threshold

SECTION_C = {"total": 85_950, "one": 60_710, "below_50": 83_470, "below_250": 85_455}
SHARE_24_25 = 13_055 / (74_200 * 85_950 / 91_710)  # 0.1877: SBI 24+25 of section C, 2020


def test_the_share_of_24_and_25_is_derived_from_the_cbs_counts() -> None:
    est = metal_estimate()
    assert round(SHARE_24_25, 4) == 0.1877
    assert est.share_24_25 == pytest.approx(SHARE_24_25, rel=1e-9)
    # SBI 28 + 33 is an assumption with a wide range; the total is the sum of both parts.
    assert est.share == pytest.approx(SHARE_24_25 + est.share_28_33, rel=1e-9)
    assert est.low < est.share < est.high
    assert est.divisions == ("24", "25", "28", "33")


def test_metal_counts_reproduce_section_c_times_the_share() -> None:
    est = metal_estimate()
    counts = scope_counts(METAL_SCOPE)
    lo, hi, n = counts["lo"].to_numpy(), counts["hi"].to_numpy(), counts["count"].to_numpy()
    assert n.sum() == round(SECTION_C["total"] * est.share)
    # the coarse CBS classes of section C, scaled: within a firm or two of the exact value
    one = n[(lo == 1) & (hi == 2)].sum()
    below_50 = n[np.nan_to_num(hi, nan=1e9) <= 50].sum()
    below_250 = n[np.nan_to_num(hi, nan=1e9) <= 250].sum()
    assert one == pytest.approx(SECTION_C["one"] * est.share, abs=1)
    assert below_50 == pytest.approx(SECTION_C["below_50"] * est.share, abs=2)
    assert below_250 == pytest.approx(SECTION_C["below_250"] * est.share, abs=2)


def test_the_metal_population_reproduces_its_counts(engine: Engine) -> None:
    pop = build_population(METAL_SCOPE, engine)
    counts = scope_counts(METAL_SCOPE)
    assert pop.firms == counts["count"].sum()
    assert set(pop.frame["sector_sbi"]) == {"25"}
    assert pop.extra["estimate"]["estimate"] is True


def test_the_metal_scope_is_labelled_an_estimate_everywhere() -> None:
    assert "schatting" in available_scopes()[METAL_SCOPE]
    counts = scope_counts(METAL_SCOPE)
    assert counts.attrs["estimate"]["estimate"] is True
    assert all(str(s).startswith("schatting") for s in counts["source"])
    assert all("schatting" in str(s) for s in counts["sector"])
    assert "schatting" in scope_name(METAL_SCOPE, "nl")
    assert "estimate" in scope_name(METAL_SCOPE, "en")
    explained = metal_estimate().explain("nl")
    assert "schatting" in explained and "aanname" in explained


def test_scale_counts_keeps_whole_firms_and_the_total() -> None:
    scaled = scale_counts(np.array([10, 10, 10]), 1 / 3)
    assert scaled.sum() == 10 and set(scaled) <= {3, 4}
    assert list(scale_counts(np.array([0, 7]), 0.5)) in ([0, 4], [0, 3])


def test_scope_names_say_which_population_and_source() -> None:
    assert period_text("2024 2e kwartaal*", "nl") == "2e kwartaal 2024 (voorlopig)"
    assert period_text("2024 2e kwartaal*", "en") == "Q2 2024 (provisional)"
    assert scope_name("section:C", "nl") == "C Industrie"
    assert scope_name("section:C", "en") == "C Manufacturing"
    assert "81588NED" in scope_option("section:C", "nl")
    assert scope_name("division:245 Metaalgieterijen", "nl") == "245 Metaalgieterijen"


# -- the split of the CBS class that holds the threshold ----------------------------------------


def _pareto(lo: int, hi: int, at_most: int) -> float:
    """Share of [lo, hi) at or below ``at_most`` for the density p^-1 - (p+1)^-1 (alpha = 1)."""
    return (1 / lo - 1 / (at_most + 1)) / (1 / lo - 1 / hi)


@pytest.mark.parametrize(
    ("value", "cls", "expected"),
    [
        (30, (20, 50), 0.5914),  # (1/20 - 1/31) / (1/20 - 1/50)
        (12, (10, 20), 0.4615),  # (1/10 - 1/13) / (1/10 - 1/20)
        (40, (20, 50), 0.8537),
    ],
)
def test_the_split_follows_other_thresholds(
    engine: Engine, value: int, cls: tuple[int, int], expected: float
) -> None:
    scenario = engine.catalogue.scenario(DEFAULT_SCENARIO).at_threshold(float(value))
    at_most = split_at_for(scenario.threshold)
    assert at_most == value
    assert _pareto(*cls, at_most) == pytest.approx(expected, abs=1e-4)
    label = f"{cls[0]}–{cls[1] - 1}"

    def share(pop) -> float:
        f = pop.frame
        in_class = (f["size_class"] == label).to_numpy(dtype=bool)
        w = f["weight"].to_numpy()
        return float(w[in_class & (f["persons"].to_numpy() <= at_most)].sum() / w[in_class].sum())

    default = build_population("section:C", engine, split_at=at_most)
    split: ClassSplit = default.extra["class_split"]
    assert split.class_label == label
    assert split.pareto_share == pytest.approx(expected, abs=1e-4)
    assert share(default) == pytest.approx(expected, abs=0.01)
    chosen = build_population("section:C", engine, split_at=at_most, split_share=0.25)
    assert share(chosen) == pytest.approx(0.25, abs=0.005)
    assert chosen.extra["class_split"].share == 0.25


def test_a_threshold_on_a_class_boundary_splits_nothing(engine: Engine) -> None:
    """'≤ 19' ends exactly where CBS's class 10–19 ends: no interpolation, no user share."""
    counts = scope_counts("section:C")
    split = describe_split(counts, 19, 0.5, alpha=1.0)
    assert not split.splits_a_class and not split.set_by_user and split.share is None
    pop = build_population("section:C", engine, split_at=19, split_share=0.5)
    base = build_population("section:C", engine)
    assert pop.frame["persons"].equals(base.frame["persons"])


def test_only_headcount_thresholds_split_a_class() -> None:
    assert split_at_for(Threshold(measure="employees", value=25)) == 25
    assert split_at_for(Threshold(measure="employees", value=25, inclusive=False)) == 24
    assert split_at_for(Threshold(measure="turnover_eur", value=1e6)) is None


def test_summary_reports_the_split(engine: Engine) -> None:
    from checker.population import evaluate_population

    pop = build_population("section:C", engine, split_at=30, split_share=0.7)
    summary = evaluate_population(pop, engine).to_json()["assumptions"]["class_split"]
    assert summary == {
        "at_most_persons": 30,
        "size_class": "20–49",
        "share": 0.7,
        "pareto_share": pytest.approx(_pareto(20, 50, 30), abs=1e-9),
        "set_by_user": True,
    }
    assert not math.isnan(summary["pareto_share"])


# -- the CLI names the split after the proposal's threshold --------------------------------------


def _cli(args: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    from checker.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def test_cli_splits_at_the_scenarios_threshold_by_default(engine: Engine) -> None:
    import json

    at_most = engine.catalogue.scenario(DEFAULT_SCENARIO).threshold.last_inside()
    code, out, _ = _cli(
        ["population", "--population", "section:C", "--split-share", "0.6", "--json"]
    )
    assert code == 0
    split = json.loads(out)["assumptions"]["class_split"]
    assert split["at_most_persons"] == at_most and split["share"] == 0.6 and split["set_by_user"]
    code, out, _ = _cli(["population", "--population", "section:C", "--split-at", "12", "--json"])
    split = json.loads(out)["assumptions"]["class_split"]
    assert code == 0 and split["size_class"] == "10–19" and not split["set_by_user"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [(["--split-share", "1.5"], "--split-share"), (["--split-at", "-3"], "--split-at")],
)
def test_cli_refuses_a_bad_split(args: list[str], fragment: str) -> None:
    code, _, err = _cli(["population", "--population", "section:C", *args])
    assert code == 2 and fragment in err


def test_cli_metal_population_is_an_estimate_in_the_json() -> None:
    import json

    code, out, _ = _cli(["population", "--population", METAL_SCOPE, "--json"])
    data = json.loads(out)
    assert code == 0 and data["assumptions"]["estimate"]["estimate"] is True
    assert "schatting" in data["population"]
