"""The firm pages' helpers without Streamlit: rounding, overrides in links and files, sources
for readers, tables, chart data."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.api import check
from checker.assumptions import MAX_OVERRIDES, Overrides
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.i18n import fmt_eur
from checker.reader_text import developer_strings
from checker.ui.charts import log_ticks, matrix_list, matrix_points
from checker.ui.firm_tables import obligations_frame, pending_frame
from checker.ui.growth_view import chart_range
from checker.ui.headline import fmt_interval, relief_lines, rounded
from checker.ui.link_problems import link_field_label, link_warning
from checker.ui.overrides import (
    audit_items,
    changed_items,
    decode_overrides,
    encode_overrides,
    hour_items,
    overrides_from_json,
    rate_items,
    tariff_items,
    with_value,
)
from checker.ui.profiles import ProfileError, profile_json, saved_profile_from_json
from checker.ui.sources import citation, reader_basis, with_titles
from checker.ui.tables import matrix_frame
from tests.conftest import REFERENCE_DATE

# -- rounding of the headline ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(6680, 6700), (4473, 4500), (10156, 10200), (999, 1000), (456, 460), (94, 94), (0.4, 0)],
)
def test_headline_amounts_are_rounded_to_what_they_can_claim(value: float, shown: int) -> None:
    assert rounded(value) == shown


def test_interval_is_written_as_a_range() -> None:
    assert fmt_interval(4473, 10156, "nl") == f"{fmt_eur(4500)} – {fmt_eur(10200)}"
    assert fmt_interval(4473, 4490, "nl") == fmt_eur(4500)  # one value when both round alike


# -- overrides in links and saved profiles ----------------------------------------------------------


@given(
    tariff=st.integers(min_value=100, max_value=99_900).map(lambda c: c / 100),
    rate=st.integers(min_value=0, max_value=500).map(lambda p: p / 1000),
    fee=st.integers(min_value=0, max_value=10**8).map(lambda c: c / 100),
)
def test_overrides_survive_the_link(
    catalogue: Catalogue, tariff: float, rate: float, fee: float
) -> None:
    """Figures as people type them (cents, tenths of a percent) come back exactly."""
    overrides = Overrides(
        tariffs={"intern": tariff},
        rates={"absence_rate": rate},
        figures={"accountantscontrole.controle_accountant.external_eur": fee},
    )
    params = encode_overrides(overrides)
    assert set(params) == {
        "t.intern",
        "r.absence_rate",
        "f.accountantscontrole.controle_accountant.external_eur",
    }
    back, problems = decode_overrides(params, catalogue)
    assert not problems
    assert back == overrides


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("t.intern", "abc", "geen getal"),
        ("t.intern", "2000", "ten hoogste €\u00a0999 per uur"),
        ("t.intern", "-5", "negatief"),
        ("t.bestaat_niet", "50", "uurtarief bestaat niet"),
        ("r.bestaat_niet", "0.1", "kengetal bestaat niet"),
        ("f.arbo_rie.geen_activiteit.hours", "3", "heeft deze activiteit niet"),
        ("f.arbo_rie.eigen_tijd.kleur", "3", "geen cijfer dat u kunt aanpassen"),
        ("f.bestaat_niet.x.hours", "3", "verplichting bestaat niet"),
        ("t.intern", "1.900", "dubbelzinnig"),
        ("r.absence_rate", "0.9", "ten hoogste 50%"),  # 90% of the days absent: a typo
        ("f.accountantscontrole.controle_accountant.external_eur", "2e7", "ten hoogste"),
    ],
)
def test_an_unusable_override_in_a_link_is_refused(
    catalogue: Catalogue, name: str, value: str, fragment: str
) -> None:
    back, problems = decode_overrides({name: value, "employees": "12"}, catalogue)
    assert back == Overrides()
    assert len(problems) == 1 and problems[0].field == name
    assert fragment in problems[0].nl
    # the sentence a page shows names the figure as the reader knows it, never the parameter
    for lang in ("nl", "en"):
        shown = link_warning(problems[0], catalogue, lang)
        assert not developer_strings(shown), shown
        assert name not in shown and name.split(".")[1] not in shown.replace("\\", "")


def test_a_refused_figure_is_named_by_its_obligation_and_activity(catalogue: Catalogue) -> None:
    name = "f.accountantscontrole.controle_accountant.external_eur"
    _, problems = decode_overrides({name: "abc"}, catalogue)
    rule = catalogue.rules_by_id["accountantscontrole"]
    act = next(a for a in rule.activities if a.id == "controle_accountant")
    shown = link_warning(problems[0], catalogue, "nl").replace("\\", "")
    assert rule.title.nl in shown and act.label.nl in shown
    assert "'abc' is geen getal" in shown
    assert link_field_label("employees", catalogue, "nl") == "Werknemers (personen)"
    assert link_field_label("date", catalogue, "en") == "Reference date"
    assert link_field_label("t.gone", catalogue, "nl") == "een aangepaste aanname"


def test_too_many_overrides_in_a_link_are_all_refused(catalogue: Catalogue) -> None:
    rule = next(r for r in catalogue.rules if r.activities)
    act = rule.activities[0]
    params = {f"t.intern{i}": "50" for i in range(3)}
    params.update({f"f.{rule.id}.{act.id}.hours": "2"})
    many = {f"f.{rule.id}.{act.id}.hours{i}": "1" for i in range(MAX_OVERRIDES + 1)}
    back, problems = decode_overrides({**params, **many}, catalogue)
    assert back.figures.get(f"{rule.id}.{act.id}.hours") in (None, 2.0)
    assert problems  # the unusable ones are reported, never silently kept


def test_the_saved_profile_carries_the_overrides(catalogue: Catalogue) -> None:
    overrides = Overrides(tariffs={"intern": 60.0}, rates={"absence_rate": 0.045})
    text = profile_json({"employees": 18, "name": "Smederij Jansen"}, overrides)
    data = json.loads(text)
    assert data["name"] == "Smederij Jansen"
    assert data["assumptions"] == {"tariffs": {"intern": 60.0}, "rates": {"absence_rate": 0.045}}
    values, raw = saved_profile_from_json(text)
    assert values == {"employees": 18, "name": "Smederij Jansen"}
    back, problems = overrides_from_json(raw, catalogue)
    assert back == overrides and not problems
    # a profile without assumptions stays as it was
    assert "assumptions" not in json.loads(profile_json({"employees": 3}))
    # a broken block is a message, and the profile itself still loads
    _, raw = saved_profile_from_json(json.dumps({"employees": 3, "assumptions": {"kleur": 1}}))
    back, problems = overrides_from_json(raw, catalogue)
    assert back == Overrides() and "assumptions" in problems[0].nl
    with pytest.raises(ProfileError):
        saved_profile_from_json(json.dumps({"employees": -3, "assumptions": {}}))


def test_panel_items_start_at_the_sourced_values(catalogue: Catalogue) -> None:
    tariffs = tariff_items(catalogue, "nl")
    assert {i.key for i in tariffs} == set(catalogue.tariffs)
    assert all(i.sourced == catalogue.tariffs[i.key].eur_per_hour for i in tariffs)
    (absence,) = rate_items(catalogue, "nl")
    assert absence.sourced == catalogue.rates["absence_rate"].value
    audit = audit_items(catalogue, "nl")
    assert audit and all(i.key.endswith(".external_eur") and i.sourced > 0 for i in audit)
    assert all(i.key.endswith(".hours") for i in hour_items(catalogue, "arbo_rie", "nl"))
    item = tariffs[0]
    changed = with_value(Overrides(), item, item.sourced + 10)
    assert [c.value for c in changed_items(catalogue, changed, "nl")] == [item.sourced + 10]
    assert with_value(changed, item, item.sourced) == Overrides()  # back to the source


# -- sources for readers --------------------------------------------------------------------------


def _bases(catalogue: Catalogue) -> list:
    out = [t.basis for t in catalogue.tariffs.values()]
    out += [r.basis for r in catalogue.rates.values()]
    for rule in catalogue.rules:
        out += [a.basis for a in rule.activities]
        if rule.workability:
            out.append(rule.workability.basis)
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_basis_reads_without_developer_notes(catalogue: Catalogue, lang: str) -> None:
    for basis in _bases(catalogue):
        shown = reader_basis(basis, catalogue, lang)  # type: ignore[arg-type]
        text = shown.text(lang)  # type: ignore[arg-type]
        assert not developer_strings(re.sub(r"https?://\S+", "", text)), text
        assert not re.search(r"(?i)^(aanname|assumption): (aanname|assumption):", text), text
        assert ".." not in text.replace("…", ""), text
        if basis.source:
            source = catalogue.sources[basis.source]
            assert source.title in text
            assert citation(source, lang) in text  # type: ignore[arg-type]
            assert f"]({source.url})" in shown.markdown(lang)  # type: ignore[arg-type]


def test_citation_names_publisher_and_year(catalogue: Catalogue) -> None:
    source = catalogue.sources["arbokompas_2022"]
    assert citation(source, "nl") == "Wat kost een arbodienst? — Arbokompas, 2022"


def test_rule_ids_in_reader_text_become_titles(catalogue: Catalogue) -> None:
    rule = catalogue.rules_by_id["avg_verwerkingsregister"]
    text = with_titles("zie avg_verwerkingsregister en verder", catalogue, "nl")
    assert text == f"zie '{rule.title.nl}' en verder"


# -- tables and charts ----------------------------------------------------------------------------


def test_without_a_proposal_the_table_has_no_proposal_columns(engine: Engine) -> None:
    result = check({"employees": 18}, None, REFERENCE_DATE, engine=engine)
    frame = obligations_frame(result, "nl")
    assert list(frame.columns) == [
        "Verplichting",
        "Soort lasten",
        "€ per jaar nu",
        "Wet en artikel",
        "rule_id",
    ]
    assert pending_frame(result, "nl").empty  # announced rules only when asked for


def test_relief_lines_match_the_saving(engine: Engine) -> None:
    result = check({"employees": 18}, "metaalunie-25", REFERENCE_DATE, engine=engine)
    lines = relief_lines(result, "nl")
    total = sum(line.saved_eur for line in lines)
    assert total == pytest.approx(result.totals["saved_eur"], abs=0.5)
    reg = sum(line.regulatory_saved_eur for line in lines)
    assert reg == pytest.approx(result.totals["regulatory_saved_eur"], abs=0.5)


def test_matrix_points_are_numbered_and_listed(engine: Engine) -> None:
    result = check({"employees": 18}, "metaalunie-25", REFERENCE_DATE, engine=engine)
    frame = matrix_frame(result, "nl")
    points = matrix_points(frame, "nl")
    assert list(points["number"]) == list(range(1, len(points) + 1))
    assert list(points["cost_now_eur"]) == sorted(points["cost_now_eur"], reverse=True)
    lines = matrix_list(frame, "nl").splitlines()
    assert len(lines) == len(points) and lines[0].startswith("1. ")
    assert set(points["grade_basis"]) <= {
        "werkbaarheid uit een bron",
        "werkbaarheid aangenomen (ruit)",
    }


def test_log_axis_ticks_are_round_amounts() -> None:
    assert log_ticks(27, 32_000) == [10, 30, 100, 300, 1000, 3000, 10_000, 30_000]
    assert all(str(int(v)).strip("0") in ("1", "3") for v in log_ticks(3, 900))


@pytest.mark.parametrize(
    ("current", "wide", "expected"),
    [(18, False, (1, 60)), (55, False, (1, 80)), (120, False, (1, 140)), (18, True, (1, 250))],
)
def test_growth_chart_range(current: int, wide: bool, expected: tuple[int, int]) -> None:
    assert chart_range(current, wide, 250) == expected


def test_the_growth_summary_names_where_relief_comes_back_not_the_target() -> None:
    """Growing 18 → 30 under a proposal up to 25: what it relieved comes back at 26, the
    row the table below shows — not 'bij 30', the number the owner typed."""
    import pandas as pd

    from checker.ui.growth_view import GrowthStep, step_summary

    def step(ats: list[int]) -> GrowthStep:
        plan = pd.DataFrame(
            {"change": ["returns"] * len(ats), "at": ats, "rule_id": ["r"] * len(ats)}
        )
        return GrowthStep(18, 30, plan, 0.0, 0.0, 0.0, 0.0)

    one = step_summary(step([26, 26]), "nl", True)
    assert "**2** vrijgestelde of lichtere verplichtingen terug, vanaf 26 werknemers" in one
    assert "bij 30" not in one
    assert "between 26 and 28 employees" in step_summary(step([26, 28]), "en", True)
    assert "geen vrijgestelde of lichtere verplichting terug" in step_summary(step([]), "nl", True)


def test_sick_pay_is_shown_as_a_share_of_the_wages_lost_to_sickness() -> None:
    """'€ 45.725 loon over ziektedagen' and '61,6% van het bedrag', not '€ 1 per keer',
    '0,616 per jaar' and '45.724,9 per euro loon over ziektedagen'."""
    import datetime as dt

    from checker.api import check, load
    from checker.ui.firm_tables import activity_frame

    engine = load()
    profile = {"employees": 18, "legal_form": "bv", "wage_bill_eur": 900_000}
    result = check(profile, "metaalunie-25", dt.date(2026, 11, 27), engine=engine)
    sick = next(r for r in result.rules if r.rule.id == "loondoorbetaling_ziekte")
    frame = activity_frame(sick.activities_now, sick.rule, engine.catalogue, "nl").frame
    first = frame.iloc[0]
    wages = next(a.quantity for a in sick.activities_now)
    assert first["Aantal"] == f"€\u00a0{round(wages):,} loon over ziektedagen".replace(",", ".")
    assert first["Frequentie per eenheid"] == "61,6% van het bedrag"  # 70% × 88%
    assert first["Externe kosten per keer"] == "–" and first["Uren per keer"] == "–"


def test_each_activity_points_to_the_note_that_gives_its_basis() -> None:
    """'… [1]' in the activity cell and note 1 below (no extra column, so the table fits its
    box); the proposal's lighter figures carry no markers and no notes."""
    import datetime as dt

    from checker.api import check, load
    from checker.ui.firm_tables import activity_frame

    engine = load()
    result = check({"employees": 18}, "metaalunie-25", dt.date(2026, 11, 27), engine=engine)
    arbo = next(r for r in result.rules if r.rule.id == "arbo_basiscontract")
    today = activity_frame(arbo.activities_now, arbo.rule, engine.catalogue, "nl")
    cells = list(today.frame["Activiteit"])
    assert [c[-3:] for c in cells] == ["[1]", "[2]"] and len(today.notes) == 2
    assert "Bron" not in today.frame.columns
    lighter = activity_frame(
        arbo.activities_scenario, arbo.rule, engine.catalogue, "nl", with_notes=False
    )
    assert lighter.notes == [] and not any("[" in c for c in lighter.frame["Activiteit"])
