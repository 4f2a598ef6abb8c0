"""The shipped catalogue validates, and every kind of broken file gives its intended message."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.catalogue import Catalogue, validate
from checker.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())
OBLIGATIONS_MD = Path(__file__).resolve().parents[2] / "shared" / "reference" / "obligations.md"


def test_shipped_catalogue_has_no_problems() -> None:
    catalogue, problems = validate()
    assert [p for p in problems if p.level == "error"] == []
    assert catalogue is not None
    assert len(catalogue.rules) >= 60


def test_every_rule_is_sourced_and_dated(catalogue: Catalogue) -> None:
    for rule in catalogue.rules:
        lb = rule.legal_basis
        assert (
            lb.bwb_id or lb.celex or "officielebekendmakingen" in lb.url or "kamer.nl" in lb.url
        ), rule.id
        assert rule.title.nl and rule.title.en and rule.summary.nl and rule.summary.en
        assert rule.confidence.note
        if rule.eu_derived:
            assert rule.eu_basis, rule.id


def test_reference_obligations_are_encoded_or_omitted(catalogue: Catalogue) -> None:
    """All 55 researched obligation ids appear as a rule or in an omissions file with a reason."""
    ids = {r.id for r in catalogue.rules} | {o.id for o in catalogue.omissions}
    expected = [
        "arbo_rie",
        "arbo_rie_toetsing",
        "arbo_preventiemedewerker",
        "arbo_bhv",
        "arbo_basiscontract",
        "arbo_pago",
        "arbo_ongevallen",
        "arbo_overleg_klein",
        "arbo_voorlichting",
        "loondoorbetaling_ziekte",
        "wvp_probleemanalyse",
        "wvp_plan_van_aanpak",
        "wvp_42e_weekmelding",
        "wvp_eerstejaarsevaluatie",
        "wvp_tweede_spoor",
        "wvp_reintegratieverslag",
        "compensatie_tv_lao",
        "aof_premie_klein",
        "whk_premiedifferentiatie",
        "transitievergoeding",
        "compensatie_tv_bedrijfsbeeindiging",
        "tv_kleine_werkgever_oud",
        "collectief_ontslag_melding",
        "wfw_aanpassing_arbeidsduur",
        "wor_ondernemingsraad",
        "wor_personeelsvertegenwoordiging",
        "wor_personeelsvergadering",
        "wor_arbeidsvoorwaarden_info",
        "quotum_banenafspraak",
        "wtgkws_werving_selectie",
        "loontransparantie",
        "klokkenluiders_meldprocedure",
        "jaarrekening_grootteklasse",
        "accountantscontrole",
        "bestuursverslag",
        "deponering_jaarrekening",
        "structuurregime",
        "diversiteit_streefcijfers",
        "betaaltermijn_groot_mkb",
        "ubo_registratie",
        "csrd",
        "csddd",
        "cbam",
        "eudr",
        "eaa_toegankelijkheid",
        "energiebesparingsplicht",
        "informatieplicht_energiebesparing",
        "onderzoeksplicht_energiebesparing",
        "eed_energie_audit",
        "wpm_rapportage",
        "avg_verwerkingsregister",
        "nis2_cyberbeveiligingswet",
        "kor_btw",
        "wkr_vrije_ruimte",
        "intrastat",
    ]
    assert len(expected) == 55
    assert [i for i in expected if i not in ids] == []
    if OBLIGATIONS_MD.exists():  # the research note names the same ids
        text = OBLIGATIONS_MD.read_text(encoding="utf-8")
        for rid in expected:
            assert f"`{rid}`" in text, rid


def test_catalogue_reports_sourced_versus_assumed(catalogue: Catalogue) -> None:
    counts = catalogue.basis_counts()
    assert counts["sourced"] > 0 and counts["assumption"] > 0
    total = sum(len(r.activities) for r in catalogue.rules)
    total += len(catalogue.tariffs) + len(catalogue.rates)
    assert counts["sourced"] + counts["assumption"] == total


@pytest.mark.parametrize("case", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_fixture_gives_intended_message(
    case: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    _, problems = validate(case / "rules")
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]
    assert main(["rules", "validate", str(case / "rules")]) == 1
    err = capsys.readouterr().err
    assert expected in err


def test_valid_minimal_fixture_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "validate", str(FIXTURES / "valid_minimal" / "rules")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 1 regels")


def test_missing_rules_directory_is_an_error(tmp_path: Path) -> None:
    _, problems = validate(tmp_path / "nope")
    assert problems and "not found" in problems[0].message


def test_every_obligation_has_a_workability_grade(catalogue: Catalogue) -> None:
    """The regeldrukmatrix plots cost against workability, so no obligation may lack a grade."""
    missing = [r.id for r in catalogue.rules if r.kind == "obligation" and r.workability is None]
    assert missing == []


def test_unquantified_obligations_say_why(catalogue: Catalogue) -> None:
    """An obligation without SCM lines is 'not quantified', never a silent zero."""
    for rule in catalogue.rules:
        if rule.kind == "obligation" and not rule.activities:
            assert rule.burden_note is not None, rule.id
