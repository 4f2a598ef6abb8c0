"""A proposal that moves a cost to someone else records who pays (issue 9).

The Regeerakkoord 2017 plan that the Metaalunie proposals follow ends the employer's sick pay
after one year; UWV pays the second year from a premium.  That is a shift, not a saving, so
the proposal data must say so for the report to show it apart.
"""

from __future__ import annotations

import pytest

from checker.catalogue import Catalogue
from checker.scenario_model import ActivityChange


@pytest.mark.parametrize("scenario_id", ["metaalunie-25", "metaalunie-25-maximaal"])
def test_dropping_second_year_sick_pay_is_a_transfer_to_uwv(
    catalogue: Catalogue, scenario_id: str
) -> None:
    treatment = catalogue.scenario(scenario_id).treatments["loondoorbetaling_ziekte"]
    change = treatment.activities["loon_tweede_ziektejaar"]
    assert change.drop
    assert change.transfer is not None
    assert change.transfer.share == 1.0
    assert "UWV" in change.transfer.to.nl and "UWV" in change.transfer.to.en


def test_a_transfer_share_outside_zero_to_one_is_refused() -> None:
    text = {"nl": "UWV", "en": "UWV"}
    with pytest.raises(ValueError):
        ActivityChange.model_validate(
            {"drop": True, "transfer": {"to": text, "share": 1.5, "rationale": text}}
        )


def test_the_shifted_sick_pay_is_reported_beside_the_saving_not_inside_regeldruk(
    catalogue: Catalogue,
) -> None:
    """Dropping the second sickness year saves the firm that wage, but UWV pays it: the whole
    financial saving of that line is a transfer, and none of it is regeldruk."""
    from checker.api import check
    from checker.engine import Engine
    from tests.conftest import REFERENCE_DATE

    engine = Engine(catalogue)
    p = catalogue.scenario("metaalunie-25")
    inside = p.threshold.last_inside()
    totals = check({"employees": inside}, p, REFERENCE_DATE, engine=engine, draws=0).totals
    assert totals["transferred_eur"] > 0
    assert totals["transferred_eur"] == pytest.approx(totals["financial_saved_eur"])
    assert totals["regulatory_saved_eur"] == pytest.approx(
        totals["saved_eur"] - totals["financial_saved_eur"]
    )
    outside = check({"employees": inside + 1}, p, REFERENCE_DATE, engine=engine, draws=0).totals
    assert outside["transferred_eur"] == 0


def test_dropping_sick_pay_without_saying_who_pays_is_a_transfer_to_others(
    catalogue: Catalogue,
) -> None:
    """Wages during sickness do not vanish when the employer no longer pays them: a proposal
    that exempts sick pay shifts that money to someone else, named 'anderen' when it does not
    say who — never a saving."""
    from checker.api import check
    from checker.engine import Engine
    from checker.i18n.vocabulary import transfer_words
    from checker.scenario_model import Scenario
    from tests.conftest import REFERENCE_DATE

    text = {"nl": "test", "en": "test"}
    exempt_all = Scenario.model_validate(
        {
            "id": "alles-szw",
            "title": text,
            "description": text,
            "threshold": {"value": 25},
            "scope": {"ministries": ["SZW"]},
            "default_rationale": text,
        }
    )
    result = check({"employees": 18}, exempt_all, REFERENCE_DATE, engine=Engine(catalogue), draws=0)
    totals = result.totals
    assert totals["financial_saved_eur"] > 0
    assert totals["transferred_eur"] == pytest.approx(totals["financial_saved_eur"])
    words = transfer_words(result.evaluation.transfer_targets(0), "nl")
    assert "anderen" in words and "UWV" in words  # unnamed, with UWV as an example


def test_a_named_share_below_one_leaves_the_rest_of_a_financial_cost_to_others(
    catalogue: Catalogue,
) -> None:
    """A proposal that says "UWV pays half of the second sickness year" has not made the other
    half disappear: the employee or someone else still bears it.  So all of the removed sick
    pay is shifted (half to UWV, the rest to 'anderen'), none of it saved."""
    from checker.api import check
    from checker.engine import Engine
    from checker.i18n.vocabulary import transfer_words
    from tests.conftest import REFERENCE_DATE

    base = catalogue.scenario("metaalunie-25")
    data = base.model_dump(mode="json", exclude_none=True)
    change = data["treatments"]["loondoorbetaling_ziekte"]["activities"]["loon_tweede_ziektejaar"]
    change["transfer"]["share"] = 0.5
    data["id"] = "half-uwv"
    half = type(base).model_validate(data)
    inside = half.threshold.last_inside()
    result = check({"employees": inside}, half, REFERENCE_DATE, engine=Engine(catalogue), draws=0)
    totals = result.totals
    assert totals["financial_saved_eur"] > 0
    assert totals["transferred_eur"] == pytest.approx(totals["financial_saved_eur"])
    words = transfer_words(result.evaluation.transfer_targets(0), "nl")
    assert words.startswith("UWV, betaald uit een premie van werkgevers en anderen")


def test_a_named_share_below_one_on_a_financial_cost_is_flagged_to_the_author(
    catalogue: Catalogue,
) -> None:
    from checker.proposal_checks import check_proposal

    base = catalogue.scenario("metaalunie-25")
    data = base.model_dump(mode="json", exclude_none=True)
    change = data["treatments"]["loondoorbetaling_ziekte"]["activities"]["loon_tweede_ziektejaar"]
    assert not [p for p in check_proposal(base, catalogue, "t") if p.level == "warning"]
    change["transfer"]["share"] = 0.5
    half = type(base).model_validate(data)
    found = [
        p for p in check_proposal(half, catalogue, "t") if p.code == "financial_share_rest_moves"
    ]
    assert [(p.level, p.field.endswith("transfer.share")) for p in found] == [("warning", True)]
