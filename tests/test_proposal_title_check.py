"""The title names the threshold the proposal has: cases as a policy officer types them.

Each case is a title as someone would write it and the verdict a reader gives by hand ("tot
en met 25 werknemers" over "≤ 25 werknemers" is right, "minder dan 25 werknemers" is not),
never a verdict computed by the code under test.  The rule is in
:mod:`checker.proposal_title`: numbers read as the title's language writes them, the unit
word must be the measure's, a word before the number must draw the same boundary, and a law
threshold the proposal moves may be named.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import load
from checker.catalogue import Catalogue
from checker.measures import MEASURES
from checker.proposal_checks import check_proposal
from checker.proposal_problems import from_check
from checker.scenario_model import MAX_THRESHOLD, Scenario

TEXT = {"nl": "test", "en": "test"}
CODE = "text_names_other_threshold"
OK, WRONG = "ok", "wrong"

AT_MOST_25 = {"measure": "employees", "value": 25, "inclusive": True}
FEWER_THAN_25 = {"measure": "employees", "value": 25, "inclusive": False}
AT_MOST_1000 = {"measure": "employees", "value": 1000, "inclusive": True}
AT_MOST_25_FTE = {"measure": "fte", "value": 25, "inclusive": True}
AT_MOST_2_5_FTE = {"measure": "fte", "value": 2.5, "inclusive": True}
TURNOVER_12M = {"measure": "turnover_eur", "value": 12_000_000, "inclusive": True}
# The works council (WOR art. 2: 50 werkzame personen) moved to 75.
WORKS_COUNCIL_TO_75 = [
    {
        "rule": "wor_ondernemingsraad",
        "measure": "persons_wor",
        "from": 50,
        "to": 75,
        "rationale": TEXT,
    }
]


def proposal(title_nl: str, title_en: str, threshold: dict[str, Any], **more: Any) -> Scenario:
    data: dict[str, Any] = {
        "id": "test",
        "title": {"nl": title_nl, "en": title_en},
        "description": TEXT,
        "threshold": threshold,
        "default_rationale": TEXT,
        **more,
    }
    return Scenario.model_validate(data)


def title_problems(scenario: Scenario, catalogue: Catalogue) -> list[str]:
    return [p.field for p in check_proposal(scenario, catalogue, "t") if p.code == CODE]


def verdict_nl(title: str, catalogue: Catalogue, threshold: dict[str, Any], **more: Any) -> str:
    fields = title_problems(proposal(title, "Proposal", threshold, **more), catalogue)
    return WRONG if "title.nl" in fields else OK


def verdict_en(title: str, catalogue: Catalogue, threshold: dict[str, Any], **more: Any) -> str:
    fields = title_problems(proposal("Voorstel", title, threshold, **more), catalogue)
    return WRONG if "title.en" in fields else OK


# -- an inclusive threshold: ≤ 25 werknemers ---------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Voorstel: geen regels tot en met 25 werknemers", OK),
        ("Voorstel: geen regels tot en met 24 werknemers", WRONG),
        ("Voorstel: geen regels tot en met 26 werknemers", WRONG),
        ("Voorstel: geen regels t/m 25 werknemers", OK),
        ("Voorstel: geen regels voor ten hoogste 25 werknemers", OK),
        ("Voorstel: geen regels voor bedrijven met minder dan 26 werknemers", OK),
        ("Voorstel: geen regels voor bedrijven met minder dan 25 werknemers", WRONG),
        ("Voorstel: geen regels voor bedrijven met minder dan 27 werknemers", WRONG),
        ("Voorstel: alle regels blijven voor bedrijven met meer dan 25 werknemers", OK),
        ("Voorstel: alle regels blijven voor bedrijven met meer dan 24 werknemers", WRONG),
        ("Voorstel: alle regels blijven vanaf 26 werknemers", OK),
        ("Voorstel: alle regels blijven vanaf 25 werknemers", WRONG),
        ("Voorstel: geen regels ≤ 25 werknemers", OK),
        ("Voorstel: geen regels < 26 werknemers", OK),
        ("Voorstel: geen regels < 25 werknemers", WRONG),
        ("Voorstel: kleine bedrijven (25 werknemers)", OK),
        ("Voorstel: kleine bedrijven (26 werknemers)", WRONG),
        ("Voorstel: geen regels tot en met 25,5 werknemers", WRONG),
        ("Voorstel: geen regels tot en met 25 fte", WRONG),
        ("Voorstel: geen regels tot en met 25 werkzame personen", WRONG),
        ("Voorstel: geen regels tot en met 25 werknemers, ook niet in 2026", OK),
        ("Voorstel: minder regels voor het mkb", OK),
    ],
)
def test_dutch_titles_over_at_most_25_employees(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_nl(title, catalogue, AT_MOST_25) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Proposal: no rules up to and including 25 employees", OK),
        ("Proposal: no rules up to and including 26 employees", WRONG),
        ("Proposal: no rules for at most 25 employees", OK),
        ("Proposal: no rules for at most 24 employees", WRONG),
        ("Proposal: no rules for firms with fewer than 26 employees", OK),
        ("Proposal: no rules for firms with fewer than 25 employees", WRONG),
        ("Proposal: no rules below 26 employees", OK),
        ("Proposal: all rules stay for firms with more than 25 employees", OK),
        ("Proposal: all rules stay from 26 employees", OK),
        ("Proposal: no rules up to 25 employees", OK),
        ("Proposal: no rules up to 26 employees", WRONG),
        ("Proposal: no rules up to and including 25.5 employees", WRONG),
        ("Proposal: no rules up to and including 25 FTE", WRONG),
    ],
)
def test_english_titles_over_at_most_25_employees(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_en(title, catalogue, AT_MOST_25) == expected


# -- an exclusive threshold: < 25 werknemers ---------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Voorstel: geen regels voor minder dan 25 werknemers", OK),
        ("Voorstel: geen regels voor minder dan 26 werknemers", WRONG),
        ("Voorstel: geen regels tot en met 24 werknemers", OK),
        ("Voorstel: geen regels tot en met 25 werknemers", WRONG),
        ("Voorstel: alle regels blijven vanaf 25 werknemers", OK),
        ("Voorstel: alle regels blijven vanaf 26 werknemers", WRONG),
    ],
)
def test_dutch_titles_over_fewer_than_25_employees(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_nl(title, catalogue, FEWER_THAN_25) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Proposal: no rules for fewer than 25 employees", OK),
        ("Proposal: no rules up to and including 24 employees", OK),
        ("Proposal: no rules up to and including 25 employees", WRONG),
        ("Proposal: no rules below 26 employees", WRONG),
    ],
)
def test_english_titles_over_fewer_than_25_employees(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_en(title, catalogue, FEWER_THAN_25) == expected


# -- thousands as each language writes them ----------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Voorstel: geen regels tot en met 1.000 werknemers", OK),
        ("Voorstel: geen regels tot en met 1000 werknemers", OK),
        ("Voorstel: geen regels tot en met 1,000 werknemers", WRONG),  # Dutch: one
        ("Voorstel: geen regels tot en met 999 werknemers", WRONG),
        ("Voorstel: geen regels tot en met 1.001 werknemers", WRONG),
        ("Voorstel: geen regels voor minder dan 1.001 werknemers", OK),
    ],
)
def test_dutch_thousands(catalogue: Catalogue, title: str, expected: str) -> None:
    assert verdict_nl(title, catalogue, AT_MOST_1000) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Proposal: no rules up to and including 1,000 employees", OK),
        ("Proposal: no rules up to and including 1000 employees", OK),
        ("Proposal: no rules up to and including 1.000 employees", WRONG),  # English: one
        ("Proposal: no rules up to and including 1,001 employees", WRONG),
        ("Proposal: no rules for fewer than 1,001 employees", OK),
    ],
)
def test_english_thousands(catalogue: Catalogue, title: str, expected: str) -> None:
    assert verdict_en(title, catalogue, AT_MOST_1000) == expected


# -- the unit: fte is not a head count, euros are euros ----------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Voorstel: geen regels tot en met 25 fte", OK),
        ("Voorstel: geen regels tot en met 25 voltijdbanen", OK),
        ("Voorstel: geen regels tot en met 25 werknemers", WRONG),
        ("Voorstel: geen regels tot en met 26 fte", WRONG),
        # 25,5 fte is fewer than 26 but more than 25: not the same boundary
        ("Voorstel: geen regels voor minder dan 26 fte", WRONG),
    ],
)
def test_dutch_titles_over_a_threshold_in_fte(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_nl(title, catalogue, AT_MOST_25_FTE) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Proposal: no rules up to and including 25 FTE", OK),
        ("Proposal: no rules up to and including 25 employees", WRONG),
        ("Proposal: no rules for fewer than 26 FTE", WRONG),
    ],
)
def test_english_titles_over_a_threshold_in_fte(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_en(title, catalogue, AT_MOST_25_FTE) == expected


def test_a_fraction_of_an_fte_as_each_language_writes_it(catalogue: Catalogue) -> None:
    assert verdict_nl("Voorstel: tot en met 2,5 fte", catalogue, AT_MOST_2_5_FTE) == OK
    assert verdict_nl("Voorstel: tot en met 2 fte", catalogue, AT_MOST_2_5_FTE) == WRONG
    assert verdict_en("Proposal: up to and including 2.5 FTE", catalogue, AT_MOST_2_5_FTE) == OK
    assert verdict_en("Proposal: up to and including 3 FTE", catalogue, AT_MOST_2_5_FTE) == WRONG


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Voorstel: geen regels bij een omzet tot en met € 12.000.000", OK),
        ("Voorstel: geen regels bij een omzet tot en met € 12 miljoen", OK),
        ("Voorstel: geen regels bij een omzet tot en met 12.000.000 euro", OK),
        ("Voorstel: geen regels bij een omzet tot en met € 12.000.001", WRONG),
        ("Voorstel: geen regels bij een omzet van minder dan € 12.000.001", WRONG),
        ("Voorstel: geen regels tot en met 12.000.000 werknemers", WRONG),
        ("Voorstel: geen regels bij een omzet tot en met 12 000 000 euro", OK),
        ("Voorstel: geen regels bij een omzet tot en met 13 000 000 euro", WRONG),
    ],
)
def test_dutch_titles_over_a_turnover_threshold(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_nl(title, catalogue, TURNOVER_12M) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Proposal: no rules for a turnover up to and including € 12,000,000", OK),
        ("Proposal: no rules for a turnover up to and including € 12 million", OK),
        ("Proposal: no rules for a turnover up to and including € 11,999,999", WRONG),
        ("Proposal: no rules for a turnover up to and including EUR 12m", OK),
        ("Proposal: no rules for a turnover up to and including €12m", OK),
        ("Proposal: no rules for a turnover up to and including 12 000 000 euro", OK),
        ("Proposal: no rules for a turnover up to and including €11m", WRONG),
        ("Proposal: no rules for a turnover up to and including 11 000 000 euro", WRONG),
    ],
)
def test_english_titles_over_a_turnover_threshold(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    assert verdict_en(title, catalogue, TURNOVER_12M) == expected


# -- a law threshold the proposal moves, its own domain thresholds, steps, phase-in -------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Voorstel: tot en met 25 werknemers; OR-plicht pas vanaf 75 werknemers", OK),
        ("Voorstel: tot en met 25 werknemers; OR-plicht van 50 naar 75 werkzame personen", OK),
        ("Voorstel: tot en met 25 werknemers; OR-plicht niet meer vanaf 50 werknemers", OK),
        ("Voorstel: tot en met 25 werknemers; OR-plicht pas vanaf 100 werknemers", WRONG),
        ("Voorstel: tot en met 25 werknemers; OR-plicht pas vanaf 75 fte", WRONG),
    ],
)
def test_a_moved_law_threshold_may_be_named(
    catalogue: Catalogue, title: str, expected: str
) -> None:
    verdict = verdict_nl(title, catalogue, AT_MOST_25, law_changes=WORKS_COUNCIL_TO_75)
    assert verdict == expected


def test_a_moved_law_threshold_may_be_named_in_english(catalogue: Catalogue) -> None:
    title = "Proposal: up to and including 25 employees; works council only from 75 employees"
    assert verdict_en(title, catalogue, AT_MOST_25, law_changes=WORKS_COUNCIL_TO_75) == OK
    assert verdict_en(title, catalogue, AT_MOST_25) == WRONG  # without the law change


def test_a_domain_threshold_step_and_phase_in_end_may_be_named(catalogue: Catalogue) -> None:
    domain = {"verzuim": {"treatment": "exempt", "threshold": {"value": 50}, "rationale": TEXT}}
    title = "Voorstel: tot en met 25 werknemers, verzuimregels tot en met 50 werknemers"
    assert verdict_nl(title, catalogue, AT_MOST_25, domains=domain) == OK
    assert verdict_nl(title, catalogue, AT_MOST_25) == WRONG
    steps = [{"from": "2027-01-01", "value": 10}, {"from": "2029-01-01", "value": 25}]
    title = "Voorstel: eerst tot en met 10 werknemers, vanaf 2029 tot en met 25 werknemers"
    assert verdict_nl(title, catalogue, AT_MOST_25, steps=steps) == OK
    assert verdict_nl(title, catalogue, AT_MOST_25) == WRONG
    phase_in = {"kind": "linear", "until": 35}
    title = "Voorstel: tot en met 25 werknemers, lineair afnemend tot 35 werknemers"
    assert verdict_nl(title, catalogue, AT_MOST_25, phase_in=phase_in) == OK
    assert verdict_nl(title, catalogue, AT_MOST_25) == WRONG


def test_the_description_is_not_held_to_it(catalogue: Catalogue) -> None:
    p = proposal(
        "Voorstel: tot en met 25 werknemers",
        "Proposal: up to and including 25 employees",
        AT_MOST_25,
        description={"nl": "De bhv-plicht bij 30 werknemers blijft.", "en": "From 50 FTE."},
    )
    assert title_problems(p, catalogue) == []


def test_the_reader_is_told_what_was_named_and_in_which_measure(catalogue: Catalogue) -> None:
    p = proposal(
        "Voorstel: geen regels tot en met 25 werknemers",
        "Proposal: no rules up to and including 25 employees",
        AT_MOST_25_FTE,
    )
    found = [from_check(x, catalogue) for x in check_proposal(p, catalogue, "t") if x.code == CODE]
    assert [x.field for x in found] == ["title.nl", "title.en"]
    assert "'tot en met 25 werknemers'" in found[0].nl
    assert "voltijdbanen (fte) ≤ 25" in found[0].nl
    assert "'up to and including 25 employees'" in found[1].en
    assert "full-time equivalents (FTE) ≤ 25" in found[1].en


# -- the tool's own titles pass its own check --------------------------------------------------

CATALOGUE = load().catalogue
SHIPPED = sorted(CATALOGUE.scenarios)
NUMERIC_MEASURES = sorted(m.id for m in MEASURES.values() if m.kind == "number")
# Any threshold from 1 to the largest allowed: whole numbers, and values in hundredths (2,5 fte).
WHOLE = st.integers(1, int(MAX_THRESHOLD))
HUNDREDTHS = st.integers(100, int(MAX_THRESHOLD) * 100).map(lambda cents: cents / 100)
VALUES = WHOLE | HUNDREDTHS


@pytest.mark.parametrize("scenario_id", SHIPPED)
@pytest.mark.parametrize(
    ("value", "measure"),
    [
        (None, None),
        (10, None),
        (20, None),
        (25, None),
        (50, None),
        (1000, None),
        (12_000_000, "turnover_eur"),
    ],
)
def test_every_shipped_proposal_and_its_variants_name_their_threshold(
    scenario_id: str, value: float | None, measure: str | None
) -> None:
    scenario = CATALOGUE.scenario(scenario_id).at_threshold(value, measure)
    assert title_problems(scenario, CATALOGUE) == [], scenario.title


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenario_id=st.sampled_from(SHIPPED),
    value=VALUES,
    measure=st.none() | st.sampled_from(NUMERIC_MEASURES),
)
def test_a_proposal_at_any_threshold_names_it_in_both_languages(
    scenario_id: str, value: float, measure: str | None
) -> None:
    """The tool's own retitled variant (at_threshold, also the builder's title) never fails
    its own title check, in Dutch or English, whatever the value and the measure."""
    scenario = CATALOGUE.scenario(scenario_id).at_threshold(value, measure)
    assert title_problems(scenario, CATALOGUE) == [], scenario.title


# -- the prose beside each relieved obligation -------------------------------------------------


def levels(scenario: Scenario, catalogue: Catalogue) -> dict[str, str]:
    return {p.field: p.level for p in check_proposal(scenario, catalogue, "t") if p.code == CODE}


def test_a_rationale_naming_another_count_is_a_warning_not_an_error(catalogue: Catalogue) -> None:
    """The rationale is printed beside every relieved obligation ("vrijgesteld (28 werknemers ≤
    30): …"); naming 25 there over a threshold of 30 contradicts the line it stands in."""
    scenario = proposal(
        "Voorstel tot en met 30 werknemers",
        "Proposal up to and including 30 employees",
        {"measure": "employees", "value": 30, "inclusive": True},
        default_rationale={
            "nl": "Geen nationale verplichting tot en met 25 werknemers.",
            "en": "No national obligation below the threshold.",
        },
    )
    assert levels(scenario, catalogue) == {"default_rationale.nl": "warning"}


def test_a_rationale_may_cite_its_own_law_and_its_eu_room(catalogue: Catalogue) -> None:
    """Pay transparency: the directive lets member states exempt employers with fewer than 50
    workers — a rationale relying on that room may say so over a threshold of 25."""
    room = "lidstaten mogen werkgevers met minder dan 50 werknemers vrijstellen"
    scenario = proposal(
        "Voorstel tot en met 25 werknemers",
        "Proposal up to and including 25 employees",
        AT_MOST_25,
        treatments={
            "loontransparantie": {
                "treatment": "lighter",
                "factor": 0.75,
                "eu_room": {"nl": room, "en": "may exempt employers with fewer than 50 workers"},
                "rationale": {
                    "nl": "De richtlijn staat toe werkgevers met minder dan 50 werknemers vrij te stellen.",
                    "en": "The directive allows exempting employers with fewer than 50 workers.",
                },
            }
        },
    )
    assert levels(scenario, catalogue) == {}
    without_room = scenario.model_copy(
        update={
            "treatments": {
                "loontransparantie": scenario.treatments["loontransparantie"].model_copy(
                    update={"eu_room": None}
                )
            }
        }
    )
    assert levels(without_room, catalogue) == {
        "treatments.loontransparantie.rationale.nl": "warning",
        "treatments.loontransparantie.rationale.en": "warning",
    }


@pytest.mark.parametrize("value", [None, 10, 20, 30, 50])
def test_shipped_proposals_say_nothing_about_another_threshold_at_any_threshold(
    catalogue: Catalogue, value: int | None
) -> None:
    for sid in catalogue.scenarios:
        scenario = catalogue.scenario(sid)
        moved = scenario if value is None else scenario.at_threshold(value)
        assert levels(moved, catalogue) == {}, (sid, value)


def test_a_firm_inside_a_moved_threshold_is_not_told_the_old_one(catalogue: Catalogue) -> None:
    from checker.api import check
    from tests.conftest import REFERENCE_DATE

    shipped = catalogue.scenario("metaalunie-25")
    old = shipped.threshold.last_inside()
    scenario = shipped.at_threshold(old + 5)
    firm = old + 3  # above the shipped threshold, inside the moved one
    result = check({"employees": firm}, scenario, REFERENCE_DATE, engine=load())
    reasons = [r.scenario_reason for r in result.rules if r.treatment in ("exempt", "lighter")]
    assert reasons and not any(f"{old} werknemers" in reason for reason in reasons)


def test_a_shipped_proposal_file_validates_on_its_own(tmp_path: Any) -> None:
    """A policy officer copies rules/scenarios/metaalunie-25.yaml to edit it: the copy extends
    the shared Metaalunie base like the original and validates."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    copy = tmp_path / "mijn-voorstel.yaml"
    shutil.copy(root / "rules" / "scenarios" / "metaalunie-25.yaml", copy)
    text = copy.read_text(encoding="utf-8").replace("id: metaalunie-25\n", "id: mijn-voorstel\n")
    copy.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "scenarios", "validate", str(copy)],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: voorstel mijn-voorstel")


def test_the_shared_base_is_refused_as_a_proposal_with_what_to_do() -> None:
    """metaalunie-basis.yaml holds what the Metaalunie variants share; validated on its own it
    is not 'an unknown key abstract' but a base to extend."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    base = root / "rules" / "scenarios" / "metaalunie-basis.yaml"
    for lang, words in (("nl", "gedeelde basis"), ("en", "shared base")):
        proc = subprocess.run(
            [sys.executable, "-m", "checker", "scenarios", "validate", str(base), "--lang", lang],
            capture_output=True,
            text=True,
            cwd=root,
            timeout=120,
        )
        assert proc.returncode == 2
        assert words in proc.stderr and "extends: metaalunie-basis" in proc.stderr
        assert "voorstel:" not in proc.stderr.splitlines()[0] or lang == "nl"
