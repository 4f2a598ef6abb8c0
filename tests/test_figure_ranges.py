"""Every burden figure carries its uncertainty and a reason a reader can follow.

Issue 9: each hours / € / frequency figure of an activity, each tariff and each rate has a
low–central–high range, and each basis a short Dutch and English rationale written for a
ministry official or an SME owner — never a developer note (file names, section signs,
"recalled", internal ids).  Sources shown to users have a title, publisher, date and link.

Citations are shown as they stand too: an article (of a rule, a condition or an exception) and
a source's title and publisher carry no research trail ("read in laws-markdown", "lid not
verified"); that goes in the developer note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from checker.bilingual import Text
from checker.catalogue import Catalogue
from checker.reader_text import citation_notes, developer_strings
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
        shown: dict[str, Text | None] = {
            "title": rule.title,
            "summary": rule.summary,
            "threshold_note": rule.threshold_note,
            "burden_note": rule.burden_note,
            "stage": rule.legislative_ref.stage if rule.legislative_ref is not None else None,
        }
        shown |= {f"exception {e.id}": e.label for e in rule.exceptions}
        for name, text in shown.items():
            if text is not None:
                texts += [(f"{rule.id}.{name} nl", text.nl), (f"{rule.id}.{name} en", text.en)]
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


def test_the_citation_pattern_catches_research_trails() -> None:
    """Notes the legal review left in citations are caught; ordinary legal wording is not."""
    leaks = [
        "art. 14 lid 1–2 en art. 14a (basiscontract sinds 1-7-2017; precieze lid niet geverifieerd)",
        "Wfw art. 2 lid 12 (lid te verifiëren)",
        "art. 36 (basispremie Aof, lidnummer niet gelezen)",
        "onderzoeksplicht energiebesparing (artikelnummer niet gevonden; mogelijk art. 5.15d)",
        "vrijstelling ('art. 34 lid 4' volgens eerdere bronnen)",
        "wetten.overheid.nl (tekst gelezen in statengeneraal/laws-markdown)",
        "Tweede Kamer (via tkconv)",
        "Wet aanpassing arbeidsduur (BWBR0011173), tekst van 2000–2015",
        "Wfsv hoofdstuk 3, afdeling 4, § 4a",
    ]
    assert all(citation_notes(text) for text in leaks), [t for t in leaks if not citation_notes(t)]
    clean = [
        "art. 2:396 lid 7 (klein; via art. 2:395a ook micro)",
        "art. 7:658a lid 1; toetsing via Wet WIA art. 25",
        "art. 14 lid 12 onder b, 1° en 2°",
        "Wfsv hoofdstuk 3, afdeling 4, paragraaf 4a (quotumheffing, art. 38b–38h)",
        "Kwart minder ontslagen via rechter of UWV in 2015",
        "Overheid.nl (wetten.overheid.nl)",
    ]
    assert not [text for text in clean if citation_notes(text)]


def _articles(node: object, where: str) -> Iterator[tuple[str, str]]:
    """Every ``article`` text in a rule or definition: legal basis, conditions, exceptions."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "article" and isinstance(value, str):
                yield where, value
            else:
                yield from _articles(value, f"{where}.{name}")
    elif isinstance(node, list | tuple):
        for i, item in enumerate(node):
            yield from _articles(item, f"{where}[{i}]")


def test_the_article_walk_reaches_conditions_and_exceptions(catalogue: Catalogue) -> None:
    found = [where for rule in catalogue.rules for where, _ in _articles(rule, rule.id)]
    assert any(".legal_basis" in w for w in found)
    assert any(".applies_when" in w for w in found)
    assert any(".exceptions" in w for w in found)


def test_no_article_carries_developer_notes(catalogue: Catalogue) -> None:
    items: list[tuple[str, BaseModel]] = [(r.id, r) for r in catalogue.rules]
    items += [(f"definition {d}", definition) for d, definition in catalogue.definitions.items()]
    leaks = [
        f"{where}: {citation_notes(article)} in {article!r}"
        for name, item in items
        for where, article in _articles(item, name)
        if citation_notes(article)
    ]
    for rule in catalogue.rules:
        cited = {
            "law": rule.legal_basis.law,
            "eu_basis": rule.eu_basis or "",
            "reference": rule.legislative_ref.reference if rule.legislative_ref else "",
        }
        leaks += [
            f"{rule.id}.{k}: {citation_notes(v)}" for k, v in cited.items() if citation_notes(v)
        ]
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("field", ["title", "publisher"])
def test_source_citations_carry_no_reading_notes(catalogue: Catalogue, field: str) -> None:
    leaks = [
        f"{s.id}.{field}: {citation_notes(getattr(s, field))}"
        for s in catalogue.sources.values()
        if getattr(s, field) and citation_notes(getattr(s, field))
    ]
    assert not leaks, "\n".join(leaks)
