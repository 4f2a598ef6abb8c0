"""Fuzzing the input edges: for any profile, URL parameter or member-list cell the answer is a
clear error or a correct result — never a traceback, never a value other than the one given.

"Clear error" means the documented exception with a Dutch and an English text; "correct"
means what was typed survives: a member's headcount is the number in its cell, a URL value
round-trips, a profile keeps its employees.
"""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.parsing.errors import InputError
from checker.parsing.numbers import format_plain
from checker.parsing.profile_text import load_profile_text
from checker.population import BatchFileError, read_member_file
from checker.profile import PROFILE_FIELDS, ProfileError, parse_profile
from checker.ui.profiles import decode_query, encode_query

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
field_names = st.sampled_from([*PROFILE_FIELDS, "werknemers", "", "employees "])
profiles = st.dictionaries(field_names, json_values, max_size=6)


@FUZZ
@given(profiles)
def test_any_profile_mapping_is_valid_or_a_clear_error(data: dict[str, Any]) -> None:
    try:
        profile = parse_profile(data)
    except ProfileError as exc:
        assert exc.field and exc.nl and exc.en
        assert len(exc.nl) < 400 and len(exc.field) <= 60
        for english in ("Input should", "should be", "Unable to", "Keys should"):
            assert english not in exc.nl  # the Dutch text is Dutch
    else:
        given_employees = data["employees"]
        assert not isinstance(given_employees, bool)
        assert profile.employees == int(float(str(given_employees).replace(",", ".")))


@FUZZ
@given(st.text(max_size=300) | profiles.map(lambda d: json.dumps(d, allow_nan=True)))
def test_any_profile_text_is_a_mapping_or_a_clear_error(text: str) -> None:
    try:
        data = load_profile_text(text)
    except InputError as exc:
        assert exc.nl and exc.en
    else:
        assert isinstance(data, dict) and all(isinstance(k, str) for k in data)


url_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "0",
            "300",
            "1e308",
            "-1",
            "2036-01-01",
            "2019-12-31",
            "[x](https://evil.example)",
            "9" * 300,
            "1.900",
            "1,5",
            "ja",
            "",
        ]
    ),
)
url_keys = st.sampled_from([*PROFILE_FIELDS, "scenario", "threshold", "date", "lang", "other"])


@FUZZ
@given(st.dictionaries(url_keys, url_values | st.lists(url_values, max_size=2), max_size=8))
def test_any_url_is_decoded_with_messages_for_what_was_refused(params: dict[str, Any]) -> None:
    decoded = decode_query(params)
    for problem in decoded.errors or []:
        assert problem.nl and problem.en
    if decoded.threshold is not None:
        assert 1 <= decoded.threshold <= 250
    if decoded.date is not None:
        assert 2020 <= decoded.date.year <= 2035
    values = decoded.values
    if "employees" in values:
        parse_profile(values)  # what is kept is a valid profile
    # what is kept survives a round trip through the URL unchanged
    again = decode_query(encode_query(values))
    assert again.values == values


# Line breaks inside a quoted cell are legal CSV but move the line numbers; they have their own
# test (a notice names the lines), so the cells here stay on one line.
ONE_LINE = "".join(c for c in string.printable if c not in "\r\n") + "€ëöÅ\u00a0"
cell_text = st.one_of(
    st.text(alphabet=ONE_LINE, max_size=15),
    st.integers(min_value=0, max_value=10**7).map(lambda n: format_plain(n, "nl")),
    st.integers(min_value=0, max_value=10**7).map(str),
    st.sampled_from(["B.V.", "Holding", "99.99", "25.62", "ja", "=1+1", '"', "1,5", "€ 650.000"]),
)


@FUZZ
@given(
    st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=6),
    st.lists(st.tuples(cell_text, cell_text, cell_text), min_size=6, max_size=6),
    st.sampled_from([";", ","]),
)
def test_member_list_cells_keep_the_headcount_or_say_why(
    employees: list[int], other: list[tuple[str, str, str]], sep: str
) -> None:
    """Each row has a headcount written the Dutch way; the other cells are anything at all."""
    lines = [sep.join(["werknemers", "rechtsvorm", "omzet", "sbi"])]
    for n, (form, turnover, sbi) in zip(employees, other, strict=False):
        cells = [format_plain(n, "nl"), form, turnover, sbi]
        lines.append(sep.join('"' + c.replace('"', '""') + '"' for c in cells))
    data = ("\n".join(lines) + "\n").encode()
    try:
        inp = read_member_file(data, "leden.csv")
    except BatchFileError as exc:
        assert exc.nl and exc.en
        return
    kept = dict(zip(inp.rows, inp.profiles, strict=True))
    skipped = {e.row for e in inp.errors}
    for i, n in enumerate(employees):
        row = i + 2
        assert (row in kept) != (row in skipped), row  # every row is counted or reported
        if row in kept:
            assert kept[row].employees == n  # the headcount the cell says, never 1 for 1.000
    for warning in inp.warnings:
        assert warning.message and warning.message_en
