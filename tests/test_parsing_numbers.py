"""The one number parser: Dutch and English notation, ambiguity decided and reported, limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.parsing.errors import InputError
from checker.parsing.numbers import (
    MAX_DIGITS,
    ConventionEvidence,
    detect_convention,
    format_plain,
    parse_number,
    plain_number,
)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("3.000.000", "amount", 3_000_000),
        ("3000000", "amount", 3_000_000),
        ("3.000.000,00", "amount", 3_000_000),
        ("1.234.567,50", "amount", 1_234_567.5),
        ("1,234,567.50", "amount", 1_234_567.5),
        ("€ 650.000", "amount", 650_000),
        ("€650.000", "amount", 650_000),
        ("650.000 EUR", "amount", 650_000),
        ("€ 1.000,-", "amount", 1_000),
        ("3 000 000", "amount", 3_000_000),
        ("3\u00a0000\u00a0000", "amount", 3_000_000),
        ("3 mln", "amount", 3_000_000),
        ("2,5 mln", "amount", 2_500_000),
        ("2.5 miljoen", "amount", 2_500_000),
        ("1 mld", "amount", 1_000_000_000),
        ("1,5", "decimal", 1.5),
        ("12.50", "decimal", 12.5),
        ("0,500", "decimal", 0.5),
        (",5", "decimal", 0.5),
        ("1.900", "int", 1900),
        ("1.000", "int", 1000),
        ("12", "int", 12),
        ("12,0", "int", 12),
        ("-5", "int", -5),
        ("−5", "int", -5),
        ("+7", "int", 7),
        ("1E+06", "int", 1_000_000),
    ],
)
def test_reads_what_people_type(text: str, kind: str, expected: float) -> None:
    parsed = parse_number(text, kind, None)  # type: ignore[arg-type]
    assert parsed.value == expected
    assert type(parsed.value) is type(expected)  # integers stay integers


def test_a_headcount_is_never_a_fraction() -> None:
    """'1.900' employees is 1,900 or an error, never 1.9 — whatever the convention."""
    assert parse_number("1.900", "int", "nl").value == 1900
    assert parse_number("1,900", "int", "en").value == 1900
    with pytest.raises(InputError, match="geen geheel getal; bedoelt u 1900"):
        parse_number("1.900", "int", "en")
    with pytest.raises(InputError, match="geen geheel getal"):
        parse_number("1,900", "int", "nl")
    with pytest.raises(InputError, match="geen geheel getal"):
        parse_number("2,5", "int", None)


def test_the_ambiguous_form_follows_the_convention_and_says_when_it_assumed() -> None:
    nl = parse_number("1.900", "decimal", "nl")
    assert (nl.value, nl.ambiguous, nl.reading, nl.assumed) == (1900, True, "thousands", False)
    en = parse_number("1.900", "decimal", "en")
    assert (en.value, en.reading) == (1.9, "decimal")
    guess = parse_number("1,900", "decimal", None)
    assert (guess.value, guess.reading, guess.assumed) == (1900, "thousands", True)
    plain = parse_number("1900", "decimal", None)
    assert not plain.ambiguous and not plain.assumed


def test_an_amount_with_three_decimals_is_refused_with_a_suggestion() -> None:
    with pytest.raises(InputError) as exc:
        parse_number("1,900", "amount", "nl")
    assert "dubbelzinnig" in exc.value.nl and "ambiguous" in exc.value.en
    assert "1900" in exc.value.nl


def test_unambiguous_cells_ignore_the_convention() -> None:
    assert parse_number("3.000.000", "amount", "en").value == 3_000_000
    assert parse_number("1,5", "decimal", "en").value == 1.5
    assert parse_number("12.50", "decimal", "nl").value == 12.5


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "geen getal"),
        ("abc", "geen getal"),
        ("onbekend", "geen getal"),
        ("1.2.3", "scheidingstekens"),
        ("1.23,5", "scheidingstekens"),
        ("3.000.000.00", "scheidingstekens"),
        ("1,000.000,5", "scheidingstekens"),
        ("12.", "eindigt op een scheidingsteken"),
        ("3 5", "geen getal"),
        ("1" * 5000, "langer dan"),
        ("9" * (MAX_DIGITS + 1), "meer dan"),
        ("1e308", "te groot"),
        ("1e-400", "te groot of te klein"),
        ("nan", "geen getal"),
        ("inf", "geen getal"),
        ("0x10", "geen getal"),
        ("=1+1", "geen getal"),
    ],
)
def test_what_is_not_a_number_gets_a_message_in_both_languages(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_number(text, "amount", None)
    assert fragment in exc.value.nl
    assert exc.value.en and exc.value.en != exc.value.nl


def test_numbers_from_a_spreadsheet_cell() -> None:
    assert parse_number(3.0, "int").value == 3 and isinstance(parse_number(3.0, "int").value, int)
    assert parse_number(1.5, "decimal").value == 1.5
    with pytest.raises(InputError, match="geen geheel getal"):
        parse_number(1.5, "int")
    with pytest.raises(InputError, match="niet eindig"):
        parse_number(float("nan"), "decimal")
    with pytest.raises(InputError, match="ja/nee"):
        parse_number(True, "int")
    with pytest.raises(InputError, match="cijfers"):
        parse_number(10**30, "int")


def test_convention_evidence_of_a_column() -> None:
    assert detect_convention(["1.234,5", "12", "1.900"]) == ConventionEvidence(nl=1, en=0)
    assert detect_convention(["3,000,000", "12.5"]).convention == "en"
    assert detect_convention(["1.900", "2.500"]).convention is None  # only ambiguous cells
    mixed = detect_convention(["1,5", "2.5"])
    assert mixed.mixed and mixed.convention is None
    assert detect_convention(["€ 1.000,-"]).convention == "nl"


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from(["nl", "en"]))
def test_formatted_integers_read_back_exactly(value: int, convention: str) -> None:
    text = format_plain(value, convention)  # type: ignore[arg-type]
    for kind in ("int", "amount", "decimal"):
        assert parse_number(text, kind, convention).value == value  # type: ignore[arg-type]


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["nl", "en"]),
)
def test_formatted_amounts_with_cents_read_back(whole: int, cents: int, convention: str) -> None:
    value = whole + cents / 100
    text = format_plain(value, convention)  # type: ignore[arg-type]
    assert parse_number(text, "amount", convention).value == pytest.approx(value)  # type: ignore[arg-type]


@given(st.text(max_size=80))
def test_any_text_is_a_number_or_a_clear_error(text: str) -> None:
    try:
        parsed = parse_number(text, "amount", None)
    except InputError as exc:
        assert exc.nl and exc.en
    else:
        assert isinstance(parsed.value, int | float)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (12_000_000.0, "12000000"),
        (25, "25"),
        (2.5, "2.5"),
        (0.0523, "0.0523"),
        (1e-5, "0.00001"),
        (1_234_567_890.5, "1234567890.5"),
        (25.000000001, "25.000000001"),
    ],
)
def test_a_number_for_a_link_or_an_id_is_written_plainly_and_reads_back(
    value: float, written: str
) -> None:
    """No exponent (1.2e+07) and no thousands mark in an id like metaalunie-25@12000000."""
    assert plain_number(value) == written
    assert float(written) == value  # exactly, so two thresholds never share an id
