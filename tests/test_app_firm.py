"""The firm check as an owner uses it: nothing typed is lost or changed, the answer names what
changes, and every figure says what it adds up.  AppTest; the browser test repeats the flow."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from app_pages._shared import labels_to_codes
from checker.api import check, with_overrides
from checker.assumptions import Overrides
from checker.engine import Engine
from checker.history import then_and_now
from checker.i18n import fmt_eur, fmt_number
from checker.profile import parse_profile
from checker.reader_text import developer_strings
from checker.ui.profiles import (
    ACCOUNTS_CLASSES,
    LEGAL_FORMS,
    accounts_class_label,
    bool_label,
    legal_form_option,
    sector_label,
)
from checker.ui.sbi_list import sbi_codes
from tests.conftest import REFERENCE_DATE
from tests.test_app import SCENARIO, headline, metrics, obligations_table, run_app, table_with

# Announced rules can be computed from 2027 (the pay-transparency amounts start then).
PENDING_DATE = dt.date(2027, 1, 1)


def qp(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def stored(at: AppTest) -> dict:
    return dict(at.session_state["_store"]["values"])


def plain(markdown: str) -> str:
    """Shown text: Markdown escapes removed, non-breaking spaces as spaces."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u00a0", " ")


def hundreds(value: float) -> str:
    """The headline's rounding, written out independently: hundreds from € 1.000, tens from € 100."""
    step = 100 if abs(value) >= 1000 else 10 if abs(value) >= 100 else 1
    return fmt_eur(round(value / step) * step)


# -- nothing typed is lost ------------------------------------------------------------------------


def test_language_switch_never_changes_what_was_entered(engine: Engine) -> None:
    at = run_app({"employees": "18"})
    at.text_input(key="f_name").input("Metaalbewerking De Vries bv").run()
    at.selectbox(key="f_legal_form").set_value("eenmanszaak").run()
    at.selectbox(key="f_sector_sbi").set_value("2562").run()
    at.selectbox(key="f_has_works_council").set_value(False).run()
    at.selectbox(key="f_welding").set_value(True).run()
    at.selectbox(key="f_annual_accounts_class_prev").set_value(2).run()
    at.text_input(key="f_turnover_eur").input("3.000.000").run()
    entered = {
        "name": "Metaalbewerking De Vries bv",
        "employees": 18,
        "legal_form": "eenmanszaak",
        "sector_sbi": "2562",
        "has_works_council": False,
        "welding": True,
        "annual_accounts_class_prev": 2,
        "turnover_eur": 3_000_000,
    }
    assert stored(at) == entered
    at.segmented_control(key="lang").set_value("en").run()
    assert at.text_input(key="f_turnover_eur").value == "3,000,000"
    at.number_input(key="f_employees").set_value(19).run()  # edit in English
    assert not at.error, [e.value for e in at.error]
    assert stored(at) == {**entered, "employees": 19}
    at.segmented_control(key="lang").set_value("nl").run()
    at.number_input(key="f_employees").set_value(18).run()  # and edit again in Dutch
    assert not at.error, [e.value for e in at.error]
    assert stored(at) == entered
    assert at.text_input(key="f_turnover_eur").value == "3.000.000"
    assert (qp(at, "legal_form"), qp(at, "sector_sbi"), qp(at, "turnover_eur")) == (
        "eenmanszaak",
        "2562",
        "3000000",
    )
    expected = check(entered, SCENARIO, REFERENCE_DATE, engine=engine)
    assert metrics(at)["Lasten in totaal Nu"] == fmt_eur(expected.totals["cost_now_eur"])
    assumed = {a.field for a in expected.assumptions}
    assert not {"legal_form", "sector_sbi", "turnover_eur"} & assumed


@pytest.mark.parametrize(
    ("options", "label"),
    [
        ([None, True, False], bool_label),
        ([None, *LEGAL_FORMS], legal_form_option),
        (list(ACCOUNTS_CLASSES), accounts_class_label),
        ([None, *sbi_codes()], sector_label),
    ],
)
def test_a_label_sent_back_by_the_browser_is_read_as_its_code(options, label) -> None:
    """The browser keeps a select's shown text; after a language switch that is the other
    language's label.  Every label, in either language, must lead back to one code."""
    for lang in ("nl", "en"):
        shown = [label(code, lang) for code in options]
        assert len(set(shown)) == len(shown), f"two options share a label in {lang}"
    back = labels_to_codes(options, label)
    for code in options:
        assert back[label(code, "nl")] == code
        assert back[label(code, "en")] == code
    if "eenmanszaak" in options:
        assert back["Sole proprietorship"] == "eenmanszaak"


def test_example_buttons_ask_before_replacing_a_typed_profile() -> None:
    at = run_app()
    at.button(key="example_metaal-bv-12").click().run()  # nothing typed yet: loads at once
    assert at.number_input(key="f_employees").value == 12
    assert stored(at)["legal_form"] == "bv"
    at.number_input(key="f_employees").set_value(18).run()  # now the user types
    at.text_input(key="f_name").input("Smederij Jansen").run()
    at.button(key="example_toeleverancier-60").click().run()
    assert any("vervangen" in w.value for w in at.warning), [w.value for w in at.warning]
    assert at.number_input(key="f_employees").value == 18  # not replaced yet
    at.button(key="example_cancel").click().run()
    assert stored(at)["employees"] == 18 and stored(at)["name"] == "Smederij Jansen"
    assert not [w for w in at.warning if "vervangen" in w.value]
    at.button(key="example_toeleverancier-60").click().run()
    at.button(key="example_confirm").click().run()
    assert at.number_input(key="f_employees").value == 60
    assert at.text_input(key="f_name").value == ""
    assert "name" not in stored(at)


def test_company_name_goes_into_the_link_and_the_saved_profile() -> None:
    at = run_app({"employees": "18"})
    at.text_input(key="f_name").input("Metaalbewerking De Vries bv").run()
    assert qp(at, "name") == "Metaalbewerking De Vries bv"
    assert any("Metaalbewerking De Vries bv" in m.value for m in at.markdown)
    again = run_app({"employees": "18", "name": "Metaalbewerking De Vries bv"})
    assert again.text_input(key="f_name").value == "Metaalbewerking De Vries bv"
    profile = parse_profile(stored(again))
    assert profile.name == "Metaalbewerking De Vries bv"  # what every export reads


def test_accounts_class_is_chosen_by_name() -> None:
    at = run_app()
    select = at.selectbox(key="f_annual_accounts_class_prev")
    assert select.options == ["onbekend (aangenomen)", "micro", "klein", "middelgroot", "groot"]
    select.set_value(3).run()
    assert stored(at)["annual_accounts_class_prev"] == 3


# -- the answer in ten seconds ---------------------------------------------------------------------


def test_headline_leads_with_regeldruk_and_shows_the_financial_effect_apart(engine: Engine) -> None:
    at = run_app({"employees": "18", "legal_form": "bv", "turnover_eur": "3000000"})
    r = check(
        {"employees": 18, "legal_form": "bv", "turnover_eur": 3_000_000},
        SCENARIO,
        REFERENCE_DATE,
        engine=engine,
    )
    tot = r.totals
    text = headline(at)
    first = text.split("\n\n")[0]
    assert first == (
        f"#### Met het voorstel bespaart u {hundreds(tot['regulatory_saved_eur'])} regeldruk per "
        f"jaar ({hundreds(tot['regulatory_saved_eur_low'])} – "
        f"{hundreds(tot['regulatory_saved_eur_high'])})"
    )
    assert tot["financial_saved_eur"] > 0 and tot["transferred_eur"] > 0
    rest = text.split("\n\n")[1]
    assert f"{hundreds(tot['financial_saved_eur'])} per jaar minder aan financiële lasten" in rest
    assert (
        f"Daarvan verschuift {hundreds(tot['transferred_eur'])} naar UWV, betaald uit een premie "
        "van werkgevers. Voor u zijn dat minder kosten, maar ze verdwijnen niet"
    ) in rest
    # the overview says what each row adds up, in the same words
    m = metrics(at)
    assert m["Regeldruk Nu"] == fmt_eur(tot["regulatory_now_eur"])
    assert m["Financiële lasten Nu"] == fmt_eur(tot["financial_now_eur"])
    assert m["Lasten in totaal Nu"] == fmt_eur(tot["cost_now_eur"])


def test_the_obligations_that_lapse_or_get_lighter_are_named_with_their_euros(
    engine: Engine,
) -> None:
    at = run_app({"employees": "18"})
    r = check({"employees": 18}, SCENARIO, REFERENCE_DATE, engine=engine)
    relieved = {
        rr.rule.title.nl: fmt_eur(rr.cost_now_eur - rr.cost_scenario_eur)
        for rr in r.rules
        if rr.rule.kind == "obligation" and rr.applies_now and rr.treatment in ("exempt", "lighter")
    }
    assert relieved
    table = table_with(at, "Verplichting", "€ per jaar minder")
    shown = dict(zip(table["Verplichting"], table["€ per jaar minder"], strict=True))
    assert shown == relieved
    lapsing = {rr.rule.title.nl for rr in r.rules if rr.applies_now and rr.treatment == "exempt"}
    effects = dict(zip(table["Verplichting"], table["Effect voorstel"], strict=True))
    assert {t for t, e in effects.items() if e == "vrijgesteld"} == lapsing
    amounts = [float(re.sub(r"\D", "", v)) for v in table["€ per jaar minder"]]
    assert amounts == sorted(amounts, reverse=True)  # the largest first


def test_obligations_table_has_one_column_for_the_proposal() -> None:
    at = run_app({"employees": "18"})
    table = obligations_table(at)
    assert list(table.columns) == [
        "Verplichting",
        "Soort lasten",
        "€ per jaar nu",
        "Effect voorstel",
        "€ per jaar onder voorstel",
        "Wet en artikel",
    ]
    assert set(table["Effect voorstel"]) <= {
        "vrijgesteld",
        "lichter regime",
        "ongewijzigd",
        "van toepassing",
    }
    assert all(re.match(r"^\[.+\]\(https://", law) for law in table["Wet en artikel"])
    assert set(table["Soort lasten"]) <= {
        "regeldruk",
        "financiële lasten",
        "regeldruk en financiële lasten",
        "–",
    }


# -- assumptions the user changes ----------------------------------------------------------------


def test_a_changed_tariff_recalculates_and_travels_with_link_and_profile(engine: Engine) -> None:
    at = run_app({"employees": "18"})
    at.text_input(key="ov_t.intern").input("70").run()
    assert not at.exception and not at.error
    changed = with_overrides(engine, Overrides(tariffs={"intern": 70}))
    r = check({"employees": 18}, SCENARIO, REFERENCE_DATE, engine=changed)
    assert metrics(at)["Lasten in totaal Nu"] == fmt_eur(r.totals["cost_now_eur"])
    assert qp(at, "t.intern") == "70"
    assert any("€ 70 per uur (standaardwaarde € 54 per uur)" in plain(m.value) for m in at.markdown)
    assert any("1 eigen aanname" in c.value for c in at.caption)
    # the saved profile carries the change, and loading it gives the same result
    saved = json.loads(_profile_download(at))
    assert saved["assumptions"] == {"tariffs": {"intern": 70.0}}
    # the link alone opens with the change applied
    shared = run_app({"employees": "18", "t.intern": "70"})
    assert metrics(shared)["Lasten in totaal Nu"] == fmt_eur(r.totals["cost_now_eur"])
    # back to the sourced values
    at.button(key="assumptions_reset").click().run()
    base = check({"employees": 18}, SCENARIO, REFERENCE_DATE, engine=engine)
    assert metrics(at)["Lasten in totaal Nu"] == fmt_eur(base.totals["cost_now_eur"])
    assert qp(at, "t.intern") is None
    assert at.text_input(key="ov_t.intern").value == "54"


def _profile_download(at: AppTest) -> str:
    """The saved-profile JSON the page offers (built the same way as the download)."""
    from checker.ui.profiles import profile_json

    store = at.session_state["_store"]
    return profile_json(store["values"], store["overrides"])


def test_assumption_fields_show_their_values_after_visiting_another_page() -> None:
    """Streamlit drops the state of widgets a visited page did not draw; the fields must come
    back filled (sourced or own value), never empty."""
    at = run_app({"employees": "18"})
    at.text_input(key="ov_t.intern").input("70").run()
    at.switch_page("app_pages/groeiplanner.py").run()
    at.switch_page("app_pages/bedrijfscheck.py").run()
    assert not at.exception
    assert at.text_input(key="ov_t.intern").value == "70"
    assert at.text_input(key="ov_t.intern_hoog").value == "77"
    assert at.text_input(key="ov_t.bedrijfsarts").value == "200"


def test_absence_rate_audit_fee_and_hours_can_be_changed(engine: Engine) -> None:
    at = run_app({"employees": "60", "legal_form": "bv"})
    at.text_input(key="ov_r.absence_rate").input("4,0").run()  # a Dutch percentage
    at.text_input(key="ov_f.accountantscontrole.controle_accountant.external_eur").input(
        "9.000"
    ).run()
    at.selectbox(key="assumptions_rule").set_value("arbo_rie").run()
    at.text_input(key="ov_f.arbo_rie.eigen_tijd.hours").input("4").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    overrides = at.session_state["_store"]["overrides"]
    assert overrides == Overrides(
        rates={"absence_rate": 0.04},
        figures={
            "accountantscontrole.controle_accountant.external_eur": 9000.0,
            "arbo_rie.eigen_tijd.hours": 4.0,
        },
    )
    r = check(
        {"employees": 60, "legal_form": "bv"},
        SCENARIO,
        REFERENCE_DATE,
        engine=with_overrides(engine, overrides),
    )
    assert metrics(at)["Lasten in totaal Nu"] == fmt_eur(r.totals["cost_now_eur"])
    assert qp(at, "r.absence_rate") == "0.04"


def test_an_unusable_assumption_in_a_link_is_refused_with_a_message() -> None:
    at = run_app({"employees": "18", "t.intern": "abc", "t.onbekend": "50"})
    warnings = plain(" ".join(w.value for w in at.warning))
    tariff = "Interne uren (ondernemer of administratief medewerker) (€ per uur)"
    assert f"‘{tariff}’: 'abc' is geen getal" in warnings
    assert "‘een aangepaste aanname’: dit uurtarief bestaat niet (meer)" in warnings
    assert "t.intern" not in warnings and "t.onbekend" not in warnings
    assert at.session_state["_store"]["overrides"] == Overrides()


def test_typing_nonsense_in_an_assumption_gives_a_message() -> None:
    at = run_app({"employees": "18"})
    at.text_input(key="ov_t.intern").input("veel").run()
    assert not at.exception
    assert any("geen getal" in e.value for e in at.error), [e.value for e in at.error]
    assert at.session_state["_store"]["overrides"] == Overrides()


# -- the law over time ---------------------------------------------------------------------------


def test_announced_rules_are_shown_apart_and_never_in_the_totals(engine: Engine) -> None:
    at = run_app({"employees": "18"}, date=PENDING_DATE)
    law_only = metrics(at)
    at.toggle(key="include_pending").set_value(True).run()
    assert not at.exception and not at.error
    assert metrics(at) == law_only  # the law's totals do not move
    r = check({"employees": 18}, SCENARIO, PENDING_DATE, engine=engine, include_pending=True)
    pending = {rr.rule.title.nl for rr in r.rules if rr.pending and rr.applies_now}
    assert pending
    table = table_with(at, "Status", "Wetgevingsstuk")
    assert set(table["Verplichting"]) == pending
    assert all(s.startswith(("aangekondigd / ", "aangenomen, nog niet")) for s in table["Status"])
    assert all(re.match(r"^\[.+\]\(https://", ref) for ref in table["Wetgevingsstuk"])
    extra = fmt_eur(r.pending_totals["cost_now_eur"])
    assert any(f"(niet meegeteld): {extra}" in c.value for c in at.caption)
    assert qp(at, "pending") == "1"


def test_then_and_now_compares_the_law_of_two_dates(engine: Engine) -> None:
    at = run_app({"employees": "60", "legal_form": "bv"})
    tn = then_and_now(
        engine,
        parse_profile({"employees": 60, "legal_form": "bv"}),
        dt.date(2020, 1, 1),
        REFERENCE_DATE,
    )
    obligations = tn.totals.to_dict(orient="index")["obligations"]
    totals = table_with(at, "1 januari 2020")
    row = dict(zip(totals.iloc[:, 0], totals["1 januari 2020"], strict=True))
    assert row["Verplichtingen"] == fmt_number(obligations["then"])
    now = dict(zip(totals.iloc[:, 0], totals.iloc[:, 2], strict=True))
    assert now["Verplichtingen"] == fmt_number(obligations["now"])
    changes = tn.rules[tn.rules["change"] != "continued"]
    if not changes.empty:
        shown = table_with(at, "Verandering")
        assert set(shown["Verplichting"]) == set(changes["title"])


# -- words for readers -------------------------------------------------------------------------


def _texts(at: AppTest) -> list[str]:
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [e.label for e in at.expander] + [w.value for w in at.warning]
    texts += [s.value for s in at.success] + [i.value for i in at.info]
    for table in at.table:
        frame = table.value
        texts += [str(c) for c in frame.columns]
        texts += [str(v) for v in frame.to_numpy().ravel()]
    return texts


def _developer_text(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        plain = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are addresses, not text
        plain = re.sub(r"https?://\S+", "", plain)
        found += developer_strings(plain)
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "page",
    [
        "app_pages/bedrijfscheck.py",
        "app_pages/groeiplanner.py",
        "app_pages/regels.py",
        "app_pages/over.py",
    ],
)
def test_no_developer_text_on_the_firm_pages(page: str, lang: str) -> None:
    at = run_app(
        {"employees": "60", "legal_form": "bv", "lang": lang, "pending": "1"}, PENDING_DATE
    )
    if page != "app_pages/bedrijfscheck.py":
        at.switch_page(page).run()
    assert not at.exception
    found = _developer_text(_texts(at))
    assert not found, sorted(set(found))[:20]


def test_the_lighter_table_does_not_repeat_the_notes_of_today() -> None:
    """Under the proposal the figures are today's, changed as the proposal says; notes such as
    'twee uur per jaar' under that table would describe figures it no longer has."""
    at = run_app({"employees": "18"})
    texts = [m.value for m in at.markdown]
    heads = [i for i, text in enumerate(texts) if "Onder het voorstel (lichter regime)" in text]
    assert heads, "precondition: a firm of 18 has obligations with a lighter regime"
    for i in heads:
        table = texts[i + 1]
        assert table.startswith("|") and "\n1. " not in table and not re.search(r"\[\d+\]", table)
    note = "De cijfers van nu, aangepast zoals het voorstel zegt"
    assert sum(note in c.value for c in at.caption) == len(heads)
