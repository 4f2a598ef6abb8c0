"""AppTest of the Kalibratie page (issue 9 item 3) and the tables behind it.

Published (Panteia/EIM, quoted in data/calibration/published_aggregates.yaml): about €2,900 of
administrative burden per employee below 10 employees against €900 at 100–250 (3.2×); in
the mid-1990s 7,600 against 1,300 guilders (5.85×); EIM 2002: 79% of all administrative
burden on firms below 10 employees; an SME indicator firm has 71 to 93 obligations (2023).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from checker.calibration import Calibration, calibrate
from checker.calibration_view import (
    coverage_table,
    per_employee_chart,
    published_per_employee,
    ratio_table,
    representative_table,
    share_table,
    sources_table,
)
from checker.engine import Engine
from checker.population import build_population
from tests.conftest import REFERENCE_DATE

PAGE = str(Path(__file__).resolve().parents[1] / "app_pages" / "kalibratie.py")
TIMES = re.compile(r"^\d+,\d×$")


@pytest.fixture(scope="module")
def calibration(engine: Engine) -> Calibration:
    return calibrate(engine, REFERENCE_DATE, population=build_population("nl", engine))


def run_page(lang: str = "nl") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["lang"] = lang
    at.session_state["cal_date"] = REFERENCE_DATE
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_published_figures_are_set_beside_the_model(calibration: Calibration) -> None:
    published = published_per_employee(calibration, "nl")
    eim = published[published["figure_id"] == "eim_2012_al_per_employee"]
    assert list(eim["eur_per_employee"]) == [2900, 900]
    assert list(eim["size_class"]) == ["minder dan 10 werknemers", "100 tot 250 werknemers"]
    model = representative_table(calibration)
    assert list(model["employees"]) == sorted(model["employees"])
    assert {5, 120} <= set(model["employees"])
    per_employee = model["administrative_eur"] / model["employees"]
    assert per_employee.tolist() == pytest.approx(model["administrative_per_employee"].tolist())


def test_ratio_table_has_the_models_and_the_published_ratios(calibration: Calibration) -> None:
    ratios = ratio_table(calibration, "nl")
    published = ratios[ratios["source"] != "model"]["administrative"].tolist()
    assert sorted(published) == pytest.approx([2900 / 900, 7600 / 1300], abs=0.05)
    firm = ratios.iloc[0]
    assert firm["comparison"] == "Model: bedrijf van 5 tegen 120 werknemers"
    assert firm["administrative"] == pytest.approx(calibration.ratio(5, 120), rel=1e-9)


def test_shares_coverage_and_sources_read_for_people(
    engine: Engine, calibration: Calibration
) -> None:
    shares = share_table(calibration, "en")
    assert shares["published_share"].tolist() == [0.79, 0.07]
    assert 0 < shares["model_share"].iloc[0] < 1
    coverage = coverage_table(calibration, "nl")
    assert {"covered", "not_covered"} == set(coverage["part"])
    assert "Loonadministratie en maandelijkse loonaangifte" in set(coverage["label"])
    sources = sources_table(calibration, engine.catalogue.sources, "nl")
    assert all(u.startswith("https://") for u in sources["url"])
    assert not any(re.fullmatch(r"[a-z0-9_]+", str(title)) for title in sources["title"])


def test_the_chart_draws_model_and_published_classes(calibration: Calibration) -> None:
    spec = per_employee_chart(calibration, "nl").to_dict()
    domain = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain[:2] == [
        "model: administratieve lasten",
        "model: regeldruk (met inhoudelijke kosten)",
    ]
    assert "gepubliceerd (2012)" in domain and "gepubliceerd (1995)" in domain
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"


def test_calibration_page_in_dutch() -> None:
    at = run_page()
    assert at.title[0].value.startswith("Kalibratie")
    metrics = {m.label: m.value for m in at.metric}
    assert TIMES.match(metrics["Model: bedrijf van 5 tegen 120 werknemers"])
    assert TIMES.match(metrics["Model: klassen 1–9 tegen 100–249 werknemers"])
    assert metrics["Gepubliceerd (EIM, Panteia/EIM)"] == "3,2× tot 5,9×"
    body = " ".join(m.value for m in at.markdown)
    assert "per werknemer" in body and "zoveel administratieve lasten" in body
    assert "€\u00a02.900" in body  # the published level, beside the model's
    assert "71 tot 93 wettelijke verplichtingen" in body
    assert "Loonadministratie en maandelijkse loonaangifte" in body
    assert len(at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")) == 1
    headers = {tuple(df.value.columns) for df in [*at.dataframe, *at.table]}
    assert ("Gepubliceerd cijfer", "Uitgever", "Datum", "Bron") in headers


def test_calibration_page_in_english_and_no_developer_text() -> None:
    at = run_page("en")
    assert at.title[0].value.startswith("Calibration")
    body = " ".join(m.value for m in at.markdown)
    assert "Not in the catalogue" in body and "per employee" in body
    for text in [m.value for m in at.markdown] + [c.value for c in at.caption]:
        assert ".yaml" not in text and "developer" not in text.lower()
    spec = json.loads((at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart"))[0].proto.spec)
    assert "published (2012)" in json.dumps(spec)


def test_calibration_is_listed_under_the_policy_pages() -> None:
    source = (Path(PAGE).parents[1] / "app.py").read_text(encoding="utf-8")
    assert '("kalibratie", t("app.nav.calibration", lang)' in source
