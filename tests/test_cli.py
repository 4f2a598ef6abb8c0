"""The CLI contract: validate/list/check, the JSON shape, and exit code 2 for bad profiles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.api import load
from checker.cli import main
from tests.conftest import REFERENCE_DATE

ROOT = Path(__file__).resolve().parents[1]
RULE_KEYS = {
    "id",
    "applies_now",
    "applies_scenario",
    "treatment",
    "relief_share",
    "pending",
    "hours_now",
    "cost_now_eur",
    "hours_scenario",
    "cost_scenario_eur",
    "reason",
}
TOTAL_KEYS = {
    "hours_now",
    "cost_now_eur",
    "hours_scenario",
    "cost_scenario_eur",
    "saved_hours",
    "saved_eur",
}


def run_subprocess(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point, for the contract that needs a process (exit code, stdout)."""
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """In-process run of cli.main (fast); same exit code and streams as the process."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    finally:
        sys.stdin = old_stdin
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_validate_prints_count_line() -> None:
    proc = run_subprocess(["rules", "validate"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: ") and " regels" in proc.stdout


def test_rules_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) >= 60
    first = items[0]
    assert {"id", "title", "domain", "legal_basis", "valid_from", "valid_until", "measures"} <= set(
        first
    )
    assert first["legal_basis"]["url"].startswith("https://")
    assert all(it["measures"] for it in items if it["kind"] == "obligation")


def test_scenarios_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "list", "--json"]) == 0
    items = {s["id"]: s for s in json.loads(capsys.readouterr().out)}
    assert {"metaalunie-25", "metaalunie-25-conservatief", "metaalunie-25-maximaal"} <= set(items)
    shipped = load().catalogue.scenarios["metaalunie-25"].threshold
    assert items["metaalunie-25"]["threshold"] == {
        "measure": shipped.measure,
        "value": shipped.value,
        "inclusive": shipped.inclusive,
    }


def test_check_json_contract(tmp_path: Path) -> None:
    profile = write(
        tmp_path, "p.json", json.dumps({"employees": 20, "legal_form": "bv", "sector_sbi": "25.62"})
    )
    proc = run_subprocess(["check", str(profile), "--json", "--date", "2026-11-27"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # exactly one JSON object
    assert {"date", "scenario", "profile", "rules", "totals"} <= set(data)
    assert data["date"] == "2026-11-27" and data["scenario"] == "metaalunie-25"
    assert data["profile"]["employees"] == 20
    import datetime as dt

    from checker.api import load

    valid = {r.id for r in load().catalogue.rules_valid_on(dt.date(2026, 11, 27))}
    assert {r["id"] for r in data["rules"]} == valid  # one entry per valid rule, applying or not
    for r in data["rules"]:
        assert set(r) == RULE_KEYS
        assert r["cost_scenario_eur"] <= r["cost_now_eur"] + 1e-9
    assert set(data["totals"]) >= TOTAL_KEYS
    t = data["totals"]
    assert t["saved_eur"] == pytest.approx(t["cost_now_eur"] - t["cost_scenario_eur"], abs=0.02)
    assert t["saved_eur"] > 0  # 20 employees is within the 25 threshold


def test_check_reads_yaml_and_stdin(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.yaml", "employees: 26\nlegal_form: bv\n")
    proc = run(["check", str(profile), "--json"])
    assert proc.returncode == 0 and json.loads(proc.stdout)["totals"]["saved_eur"] == 0  # 26 > 25
    proc = run(["check", "-", "--json", "--threshold", "50"], stdin='{"employees": 26}')
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["scenario"] == "metaalunie-25@50" and data["totals"]["saved_eur"] > 0


def test_check_table_output(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.json", '{"employees": 12, "name": "Smederij Test"}')
    proc = run(["check", str(profile)])
    assert proc.returncode == 0
    assert (
        "Smederij Test" in proc.stdout
        and "Minder lasten" in proc.stdout
        and "€\u00a0" in proc.stdout
    )
    proc = run(["check", str(profile), "--lang", "en"])
    assert "Lower costs" in proc.stdout


def test_shifted_sick_pay_is_named_as_a_shift_not_counted_as_a_saving(tmp_path: Path) -> None:
    """Inside the threshold the second sickness year moves to UWV: the CLI says so under the
    lower costs; outside it nothing moves and no such line is printed."""
    inside = load().catalogue.scenario("metaalunie-25").threshold.last_inside()
    for employees, shown in ((inside, True), (inside + 1, False)):
        profile = write(tmp_path, "p.json", f'{{"employees": {employees}}}')
        out = run(["check", str(profile), "--date", REFERENCE_DATE.isoformat()]).stdout
        assert "Besparing" not in out
        line = "verschoven naar UWV, betaald uit een premie van werkgevers: geen besparing"
        assert (line in out) is shown, out


def test_the_table_names_obligations_and_inputs_as_a_reader_does(tmp_path: Path) -> None:
    """An owner reads 'Personeelsvergadering …', not 'wor_personeelsvergadering'; a long title
    wraps onto the next line instead of being cut; assumed inputs are named by the form's label."""
    profile = write(tmp_path, "p.json", '{"employees": 18, "legal_form": "bv"}')
    out = run(["check", str(profile), "--date", REFERENCE_DATE.isoformat()]).stdout
    assert "wor_personeelsvergadering" not in out and "has_works_council" not in out
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("Personeelsvergadering"))
    title = "Personeelsvergadering (10–49 werkzame personen, geen OR of PVT)"
    assert "vrijgesteld" in lines[i]
    head = lines[i].split("  ")[0]  # the title's first part, before the columns
    assert title.startswith(head) and title.endswith(lines[i + 1].strip())
    assert len(head) + len(lines[i + 1].strip()) + 1 == len(title)
    assert "Loondoorbetaling bij ziekte (104 weken)" in out
    assert "Aangenomen: geen personeelsvertegenwoordiging." in out
    assert "= False" not in out and "= True" not in out


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        ('{"employees": -3}', "employees"),
        ('{"employees": "veel"}', "employees"),
        ('{"employees": 10, "legal_form": "bvba"}', "legal_form"),
        ('{"employees": 10, "fte": 12}', "fte"),
        ('{"employees": 10, "sector_sbi": "metaal"}', "sector_sbi"),
        ('{"employees": 10, "werknemers": 3}', "werknemers"),
        ('{"fte": 3}', "employees"),
        ('{"employees": 10, "turnover_eur": -1}', "turnover_eur"),
        ("[1, 2]", "profiel"),
        ("{not json", "profiel"),
    ],
)
def test_bad_profile_exits_2_naming_the_field(tmp_path: Path, profile: str, field: str) -> None:
    path = write(tmp_path, "bad.json", profile)
    proc = run(["check", str(path), "--json"])
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert field in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_profile_in_a_real_process(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{"employees": 10, "fte": 12}')
    proc = run_subprocess(["check", str(path), "--json"])
    assert proc.returncode == 2 and proc.stdout == "" and "fte" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_profile_file_and_bad_date(tmp_path: Path) -> None:
    proc = run(["check", str(tmp_path / "nope.json")])
    assert proc.returncode == 2 and "niet gevonden" in proc.stderr and proc.stdout == ""
    path = write(tmp_path, "p.json", '{"employees": 5}')
    proc = run(["check", str(path), "--date", "2026-02-30"])
    assert proc.returncode == 2 and "--date" in proc.stderr
    proc = run(["check", str(path), "--scenario", "bestaat-niet"])
    assert proc.returncode == 2 and "bestaat-niet" in proc.stderr


def test_date_selects_rules_valid_then(tmp_path: Path) -> None:
    """The EED audit regime of Directive 2012/27/EU ends on 2025-10-10 (the recast follows)."""
    path = write(tmp_path, "p.json", '{"employees": 10}')
    old = json.loads(run(["check", str(path), "--json", "--date", "2020-06-01"]).stdout)
    new = json.loads(run(["check", str(path), "--json", "--date", "2026-06-01"]).stdout)
    assert "betaaltermijn_groot_mkb_60" in {r["id"] for r in old["rules"]}
    assert "betaaltermijn_groot_mkb_60" not in {r["id"] for r in new["rules"]}


def test_a_date_before_the_covered_period_is_refused(tmp_path: Path) -> None:
    """The catalogue covers 2020-01-01 onwards; earlier it would silently miss obligations."""
    path = write(tmp_path, "p.json", '{"employees": 10}')
    proc = run(["check", str(path), "--json", "--date", "2019-12-31"])
    assert proc.returncode == 2 and proc.stdout == ""
    assert "--date" in proc.stderr and "01-01-2020" in proc.stderr
    assert run(["check", str(path), "--json", "--date", "2020-01-01"]).returncode == 0


def test_announced_rules_are_listed_only_when_asked_and_never_counted(tmp_path: Path) -> None:
    """A bill is not law: without --include-pending it is absent, with it it is flagged and its
    cost stands apart from the law's totals."""
    path = write(tmp_path, "p.json", '{"employees": 160, "legal_form": "bv"}')
    date = ["--date", REFERENCE_DATE.isoformat(), "--json"]
    law = json.loads(run(["check", str(path), *date]).stdout)
    both = json.loads(run(["check", str(path), *date, "--include-pending"]).stdout)
    assert not any(r["pending"] for r in law["rules"]) and "pending_totals" not in law
    pending = [r for r in both["rules"] if r["pending"]]
    assert pending and "pending_totals" in both
    assert both["totals"]["cost_now_eur"] == law["totals"]["cost_now_eur"]


def test_compare_date_gives_then_and_now(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", '{"employees": 60}')
    args = ["check", str(path), "--json", "--date", REFERENCE_DATE.isoformat()]
    data = json.loads(run([*args, "--compare-date", "2020-01-01"]).stdout)
    history = data["then_and_now"]
    assert history["then"] == "2020-01-01"
    assert history["totals"]["obligations"]["now"] == data["totals"]["obligations_now"]
    assert {r["change"] for r in history["rules"]} <= {"new", "ended", "continued"}
    refused = run([*args, "--compare-date", "2019-12-31"])
    assert refused.returncode == 2 and "--compare-date" in refused.stderr and refused.stdout == ""


PROPOSAL_FILE = """\
id: szw-ingroei
extends: metaalunie-25
title: {nl: "SZW-regels, ingroei", en: "SZW rules, phase-in"}
scope: {ministries: [SZW]}
phase_in: {kind: linear, until: 35}
"""


def test_a_proposal_file_validates_and_runs_through_check_and_compare(tmp_path: Path) -> None:
    proposal = write(tmp_path, "voorstel.yaml", PROPOSAL_FILE)
    ok = run(["scenarios", "validate", str(proposal)])
    assert ok.returncode == 0 and "szw-ingroei" in ok.stdout
    profile = write(tmp_path, "p.json", '{"employees": 30}')
    date = ["--date", REFERENCE_DATE.isoformat()]
    checked = json.loads(
        run(["check", str(profile), "--scenario", str(proposal), "--json", *date]).stdout
    )
    assert checked["scenario"] == "szw-ingroei" and checked["totals"]["saved_eur"] > 0  # phase-in
    both = json.loads(
        run(
            [
                "compare",
                str(profile),
                "--scenario",
                "metaalunie-25",
                "--scenario",
                str(proposal),
                "--json",
                *date,
            ]
        ).stdout
    )
    rows = {r["proposal"]: r for r in both["proposals"]}
    assert both["kind"] == "firm" and rows["metaalunie-25"]["cost_saved"] == 0  # 30 is above 25
    assert rows["szw-ingroei"]["cost_saved"] == pytest.approx(
        checked["totals"]["saved_eur"], abs=0.01
    )


def test_an_invalid_proposal_file_lists_its_problems(tmp_path: Path) -> None:
    bad = write(tmp_path, "fout.yaml", "id: x\nthreshold: {value: veel}\n")
    proc = run(["scenarios", "validate", str(bad)])
    assert proc.returncode == 2 and proc.stdout == ""
    assert "threshold.value" in proc.stderr and "fout.yaml" in proc.stderr
    proc = run(
        [
            "compare",
            "--scenario",
            "a",
            "--scenario",
            "b",
            "--scenario",
            "c",
            "--scenario",
            "d",
            "--scenario",
            "e",
        ]
    )
    assert proc.returncode == 2 and "4" in proc.stderr


def test_a_profile_saved_with_changed_assumptions_gives_the_same_result(tmp_path: Path) -> None:
    """The app saves its Aannames beside the profile; the CLI applies them and says so."""
    plain = write(tmp_path, "p.json", '{"employees": 18}')
    saved = write(
        tmp_path, "s.json", '{"employees": 18, "assumptions": {"tariffs": {"intern": 80}}}'
    )
    date = ["--json", "--date", REFERENCE_DATE.isoformat()]
    base = json.loads(run(["check", str(plain), *date]).stdout)
    own = json.loads(run(["check", str(saved), *date]).stdout)
    assert own["catalogue_version"].startswith(base["catalogue_version"] + "+")
    assert own["totals"]["cost_now_eur"] != base["totals"]["cost_now_eur"]
    bad = write(tmp_path, "b.json", '{"employees": 18, "assumptions": {"tariffs": {"x": 80}}}')
    proc = run(["check", str(bad)])
    assert proc.returncode == 2 and "assumptions" in proc.stderr and proc.stdout == ""


def test_compare_writes_the_comparison_documents(tmp_path: Path) -> None:
    import openpyxl

    profile = write(tmp_path, "p.json", '{"employees": 18}')
    xlsx, pdf = tmp_path / "vergelijking.xlsx", tmp_path / "vergelijking.pdf"
    args = [
        "compare",
        str(profile),
        "--scenario",
        "metaalunie-25",
        "--scenario",
        "metaalunie-25-conservatief",
    ]
    proc = run(
        [*args, "--xlsx", str(xlsx), "--pdf", str(pdf), "--date", REFERENCE_DATE.isoformat()]
    )
    assert proc.returncode == 0, proc.stderr
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "Vergelijking"
    assert pdf.read_bytes().startswith(b"%PDF")
    refused = run([*args, "--xlsx", str(tmp_path / "geen-map" / "x.xlsx")])
    assert refused.returncode == 2 and "--xlsx" in refused.stderr


def test_proposal_thresholds_are_listed_in_words() -> None:
    """'werknemers (in de regel) ≤ 25' and 'voltijdbanen (fte) ≤ 25', not the measure's id."""
    catalogue = load().catalogue
    out = run(["scenarios", "list"]).stdout
    for sid in ("metaalunie-25", "metaalunie-25-fte"):
        th = catalogue.scenario(sid).threshold
        label = {"employees": "werknemers (in de regel)", "fte": "voltijdbanen (fte)"}[th.measure]
        line = next(line for line in out.splitlines() if line.startswith(sid + " "))
        assert line.split(maxsplit=1)[1].startswith(f"{label} {th.describe('nl')}"), line
