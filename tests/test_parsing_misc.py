"""Small readers at the input edge: legal-form spellings, Markdown escaping, the covered period,
profile YAML scalars, honest titles for another threshold."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from checker.catalogue import Catalogue
from checker.parsing.errors import InputError
from checker.parsing.legal_forms import normalise_legal_form
from checker.period import COVERED_FROM, COVERED_UNTIL, check_covered
from checker.ui.markdown import escape
from checker.yaml_loading import AmbiguousScalarError, loads_profile_yaml


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("B.V.", "bv"),
        ("BV", "bv"),
        ("b.v.", "bv"),
        ("Besloten vennootschap", "bv"),
        ("B.V. i.o.", "bv"),
        ("V.O.F.", "vof"),
        ("vof", "vof"),
        ("Vennootschap onder firma", "vof"),
        ("Eenmanszaak", "eenmanszaak"),
        ("EENMANSZAAK", "eenmanszaak"),
        ("ZZP'er", "eenmanszaak"),
        ("N.V.", "nv"),
        ("Naamloze vennootschap", "nv"),
        ("C.V.", "cv"),
        ("Coöperatie U.A.", "cooperatie"),
        ("Cooperatie W.A.", "cooperatie"),
        ("Stichting", "stichting"),
        ("Vereniging", "vereniging"),
        ("Maatschap", "maatschap"),
        ("Holding", None),
        ("", None),
        ("bvba", None),
    ],
)
def test_legal_form_spellings(written: str, code: str | None) -> None:
    assert normalise_legal_form(written) == code


def test_markdown_escape_leaves_no_markup() -> None:
    text = escape(
        "[Officieel](https://evil.example) ![x](http://a/b.png) :red[x] # kop\n> q www.x.nl a@b.nl"
    )
    unescaped_markup = re.compile(r"(?<!\\)[\[\]()!#>:]")
    assert unescaped_markup.search(text) is None
    assert "\n" not in text
    assert "https\\:\u200b" in text and "www\u200b" in text and "\u200b\\@" in text
    assert escape("x" * 500, limit=10) == "xxxxxxxxx…"


def test_covered_period() -> None:
    assert dt.date(2020, 1, 1) == COVERED_FROM
    assert check_covered(COVERED_FROM) == COVERED_FROM
    assert check_covered(COVERED_UNTIL) == COVERED_UNTIL
    for outside in (dt.date(2019, 12, 31), COVERED_UNTIL + dt.timedelta(days=1)):
        with pytest.raises(InputError):
            check_covered(outside)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("employees: 10", 10),
        ("employees: true", True),
        ("employees: 1.5", 1.5),
        ("employees: '010'", "010"),
        ("employees: 2026-01-01", "2026-01-01"),
        ("employees: ~", None),
        ("employees: 0", 0),
        ("employees: -3", -3),
    ],
)
def test_profile_yaml_reads_yaml_1_2_scalars(text: str, value: object) -> None:
    assert loads_profile_yaml(text) == {"employees": value}


@pytest.mark.parametrize("scalar", ["010", "1:30", "yes", "No", "on", "OFF", "y", "1_000", "0b11"])
def test_profile_yaml_refuses_yaml_1_1_surprises(scalar: str) -> None:
    with pytest.raises(AmbiguousScalarError) as exc:
        loads_profile_yaml(f"employees: {scalar}")
    assert scalar in exc.value.nl and scalar in exc.value.en


def test_a_title_names_the_threshold_it_was_computed_with(catalogue: Catalogue) -> None:
    base = catalogue.scenario("metaalunie-25")
    old = f"{base.threshold.value:g}"
    variant = catalogue.scenario(f"metaalunie-25@{int(base.threshold.value) * 2}")
    new = f"{variant.threshold.value:g}"
    assert new in variant.title.nl and new in variant.title.en
    assert f"tot en met {old} werknemers" not in variant.title.nl
    assert f"drempel aangepast naar {new}" in variant.title.nl
    assert base.at_threshold(base.threshold.value).title == base.title
