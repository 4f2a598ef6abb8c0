"""The app on hostile input: shared links, uploads and typed amounts give a message and a
fallback — never a traceback, never a bad value kept in the session, never Markdown that a
link's author wrote."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, metrics
from test_app_population_pages import PAGES

from checker.api import check
from checker.engine import Engine
from checker.i18n import fmt_eur
from checker.ui.link_problems import link_field_label

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
URLS: list[dict[str, str]] = json.loads((HOSTILE / "url_params.json").read_text(encoding="utf-8"))


def app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if query:
        at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("query", URLS, ids=[",".join(q)[:30] for q in URLS])
def test_every_hostile_link_gives_a_warning_and_a_result(query: dict[str, str]) -> None:
    at = app(query)
    warnings = [w.value for w in at.warning]
    assert warnings, "a refused value must be reported"
    key = next(iter(query))
    label = link_field_label(key, None, "nl")  # named as the page names it, never by its id
    assert label != key
    assert any(f"‘{label}’" in unescape(w) for w in warnings), warnings
    assert metrics(at), "the page still computes with the fallback"
    store = at.session_state["_store"]
    assert store["threshold"] is None or 1 <= store["threshold"] <= 250
    assert dt.date(2020, 1, 1) <= store["date"] <= dt.date(2035, 12, 31)
    assert store["scenario"] in ("metaalunie-25", "-") or "@" not in store["scenario"]
    for field, raw in query.items():
        assert store["values"].get(field) != raw  # the raw text never became a value


def test_the_bad_value_does_not_stay_after_the_next_interaction() -> None:
    at = app({"threshold": "nan", "date": "2036-01-01"})
    at.number_input(key="f_employees").set_value(20).run()
    assert not at.exception
    assert at.query_params.get("threshold") in (None, [])
    assert at.query_params["date"] in ([dt.date.today().isoformat()], dt.date.today().isoformat())


def test_a_crafted_link_is_shown_as_text_not_as_a_link_or_image() -> None:
    at = app(
        {
            "listed": "[Officieel bericht](https://evil.example)",
            "turnover_eur": "![logo](https://evil.example/x.png)",
        }
    )
    body = " ".join(w.value for w in at.warning)
    unescaped = re.compile(r"(?<!\\)(\]\(|!\[|\[)")  # link, image, or any bracket
    assert unescaped.search(body) is None, body
    assert "\\[Officieel bericht\\]\\(https\\:" in body  # escaped: rendered literally
    assert "\\!\\[logo\\]" in body


def upload_profile(at: AppTest, data: bytes) -> AppTest:
    at.file_uploader(key="profile_upload").upload("profiel.json", data, "application/json")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("profile_huge_number.json", "meer dan 20 cijfers"),
        ("profile_deep_nesting.json", "dieper genest"),
        ("profile_duplicate_keys.json", "twee keer"),
        ("profile_bool_employees.json", "ja/nee is geen getal"),
        ("profile_latin1.json", "geen UTF-8"),
    ],
)
def test_a_hostile_upload_gives_a_message(name: str, fragment: str) -> None:
    at = upload_profile(app(), (HOSTILE / name).read_bytes())
    errors = [unescape(e.value) for e in at.error]
    assert any("kan niet worden geladen" in e and fragment in e for e in errors), errors
    assert metrics(at), "the previous profile keeps computing"


def turnover(at: AppTest, text: str) -> AppTest:
    at.text_input(key="f_turnover_eur").input(text).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("typed", ["3.000.000", "3000000", "3.000.000,00", "€ 3.000.000", "3 mln"])
def test_dutch_amounts_are_read_as_typed(engine: Engine, typed: str) -> None:
    at = turnover(app({"employees": "12"}), typed)
    expected = check(
        {"employees": 12, "turnover_eur": 3_000_000},
        "metaalunie-25",
        dt.date.today(),
        engine=engine,
    )
    assert metrics(at)["Lasten in totaal Nu"] == fmt_eur(expected.totals["cost_now_eur"])
    assert at.session_state["_store"]["values"]["turnover_eur"] == 3_000_000


def test_an_ambiguous_amount_is_a_message_not_another_number() -> None:
    at = turnover(app(), "1,900")
    errors = [unescape(e.value) for e in at.error]
    assert any("Netto-omzet" in e and "dubbelzinnig" in e for e in errors), errors
    assert not metrics(at)


def test_an_amount_keeps_its_value_when_the_language_switches() -> None:
    at = turnover(app(), "1.900")
    assert at.session_state["_store"]["values"]["turnover_eur"] == 1900
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception and not at.error
    assert at.text_input(key="f_turnover_eur").value == "1,900"
    assert at.session_state["_store"]["values"]["turnover_eur"] == 1900


def test_a_typed_amount_is_shown_as_understood() -> None:
    at = turnover(app(), "3000000")
    at.run()
    assert at.text_input(key="f_turnover_eur").value == "3.000.000"
    at = turnover(at, "2,5 mln")
    at.run()
    assert at.text_input(key="f_turnover_eur").value == "2.500.000"


def test_an_amount_from_a_link_is_shown_with_thousands_separators() -> None:
    at = app({"employees": "12", "turnover_eur": "3000000"})
    assert at.text_input(key="f_turnover_eur").value == "3.000.000"


def page(name: str, state: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    return at


def test_member_list_upload_lists_notices_and_warnings() -> None:
    at = page("ledenbestand")
    data = (HOSTILE / "members_title_rows_sep.csv").read_bytes()
    at.file_uploader(key="batch_upload").upload("leden.csv", data, "text/csv")
    at.run()
    assert not at.exception
    infos = " ".join(unescape(i.value) for i in at.info).lower()
    assert "kopregel gevonden in regel 4" in infos and "windows-1252" in infos


def test_a_hostile_member_file_is_a_message() -> None:
    at = page("ledenbestand")
    data = (HOSTILE / "xlsx_zip_bomb.xlsx").read_bytes()
    at.file_uploader(key="batch_upload").upload("leden.xlsx", data, "application/octet-stream")
    at.run()
    assert not at.exception
    assert any("pakt uit tot" in unescape(e.value) for e in at.error)


def test_cbs_upload_warnings_are_shown() -> None:
    at = page("sectoranalyse", {"pop_scope": "__upload__"})
    data = (HOSTILE / "cbs_unrecognised_label.csv").read_bytes()
    at.file_uploader(key="pop_upload").upload("cbs.csv", data, "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(unescape(w.value) for w in at.warning)
    assert "niet als grootteklasse" in shown and "afgeleid uit het totaal" in shown
