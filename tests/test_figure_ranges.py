"""Every burden figure carries its uncertainty and a reason a reader can follow.

Issue 9: each hours / € / frequency figure of an activity, each tariff and each rate has a
low–central–high range, and each basis a short Dutch and English rationale written for a
ministry official or an SME owner — never a developer note (file names, section signs,
"recalled", internal ids).  Sources shown to users have a title, publisher, date and link.
"""

from __future__ import annotations

import re

import pytest

from checker.catalogue import Catalogue
from checker.reader_text import developer_strings
from checker.reference_data import Basis
from checker.rule_model import Activity


def test_the_pattern_catches_what_it_should() -> None:
    """A test that cannot fail is a defect: the pattern must flag the usual leaks."""
    leaks = [
        "zie arbo_basiscontract",
        "data.md §3.2",
        "recalled, not read",
        "level to_verify",
        "rules/verzuim.yaml",
    ]
    assert all(developer_strings(text) for text in leaks)
    assert not developer_strings("De werkgever betaalt 70% van het loon door (CBS, 2023).")
    assert not developer_strings("€ 12.000 per jaar; 3–6% van de werkdagen; RI&E en BHV.")


def _activities(catalogue: Catalogue) -> list[tuple[str, Activity]]:
    return [(rule.id, act) for rule in catalogue.rules for act in rule.activities]


def _bases(catalogue: Catalogue) -> list[tuple[str, Basis]]:
    out: list[tuple[str, Basis]] = []
    for rule in catalogue.rules:
        out += [(f"{rule.id}.{a.id}", a.basis) for a in rule.activities]
        if rule.workability is not None:
            out.append((f"{rule.id}.workability", rule.workability.basis))
    out += [(f"tariff {t.id}", t.basis) for t in catalogue.tariffs.values()]
    out += [(f"rate {r.id}", r.basis) for r in catalogue.rates.values()]
    return out


def test_every_activity_figure_has_a_range(catalogue: Catalogue) -> None:
    missing = []
    for rule_id, act in _activities(catalogue):
        for name in ("hours", "external_eur", "frequency"):
            central = float(getattr(act, name))
            spread = getattr(act.range, name) if act.range is not None else None
            if central > 0 and spread is None:
                missing.append(f"{rule_id}.{act.id}.{name}")
            if spread is not None:
                assert spread.low <= central <= spread.high, f"{rule_id}.{act.id}.{name}"
    assert not missing, f"figures without a range: {missing}"


def test_every_tariff_and_rate_has_a_range(catalogue: Catalogue) -> None:
    for tariff in catalogue.tariffs.values():
        assert tariff.low is not None and tariff.high is not None, tariff.id
        assert tariff.low <= tariff.eur_per_hour <= tariff.high, tariff.id
    for rate in catalogue.rates.values():
        assert rate.low is not None and rate.high is not None, rate.id
        assert rate.low <= rate.value <= rate.high, rate.id


def test_size_classes_bracket_the_all_firm_value(catalogue: Catalogue) -> None:
    """A size profile is a split of the all-firm figure: its classes lie on both sides of it
    (otherwise 'size profile × sector level / value' would shift every sector)."""
    for rate in catalogue.rates.values():
        if rate.by_size:
            values = [s.value for s in rate.by_size]
            assert min(values) <= rate.value <= max(values), rate.id


def test_every_basis_has_a_rationale_in_both_languages(catalogue: Catalogue) -> None:
    missing = [
        where
        for where, basis in _bases(catalogue)
        if basis.rationale is None
        or len(basis.rationale.nl.strip()) < 20
        or len(basis.rationale.en.strip()) < 20
    ]
    assert not missing, f"bases without a reader rationale: {missing}"


def test_assumptions_say_so_to_the_reader(catalogue: Catalogue) -> None:
    """An activity figure that is an assumption is called one in the reader's text."""
    unlabelled = [
        f"{rule_id}.{act.id}"
        for rule_id, act in _activities(catalogue)
        if act.basis.is_assumption
        and act.basis.rationale is not None
        and not re.search(r"aanname|aangenomen|nemen aan|schatten", act.basis.rationale.nl, re.I)
    ]
    assert not unlabelled, f"assumptions not named as such: {unlabelled}"


def _reader_texts(catalogue: Catalogue) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for where, basis in _bases(catalogue):
        if basis.rationale is not None:
            texts += [(f"{where} nl", basis.rationale.nl), (f"{where} en", basis.rationale.en)]
    for rule in catalogue.rules:
        if rule.burden_note is not None:
            texts += [
                (f"{rule.id}.burden_note nl", rule.burden_note.nl),
                (f"{rule.id}.burden_note en", rule.burden_note.en),
            ]
        for act in rule.activities:
            texts += [(f"{rule.id}.{act.id}.label nl", act.label.nl)]
    return texts


def test_no_reader_text_contains_developer_strings(catalogue: Catalogue) -> None:
    leaks = [
        f"{where}: {developer_strings(text)}"
        for where, text in _reader_texts(catalogue)
        if developer_strings(text)
    ]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("field", ["title", "publisher", "date", "url"])
def test_every_source_is_readable(catalogue: Catalogue, field: str) -> None:
    missing = [s.id for s in catalogue.sources.values() if not getattr(s, field)]
    assert not missing, f"sources without a {field}: {missing}"


def test_source_titles_are_titles_not_notes(catalogue: Catalogue) -> None:
    leaks = [
        f"{s.id}: {developer_strings(s.title) or s.title}"
        for s in catalogue.sources.values()
        if developer_strings(s.title)
        or re.search(r"read via|mirror|commit|excerpt|quoting|L\d\b", s.title)
        or s.title.strip().lower() == s.id
    ]
    assert not leaks, "\n".join(leaks)
