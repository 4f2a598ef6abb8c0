"""The command-line contract on hostile input: exit 2 (bad input) or 1 (catalogue problem)
with one message on stderr in the user's language — never a traceback, never exit 3."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import ROOT, run, write

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
GOOD = '{"employees": 12}'


def assert_refused(proc: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr and "interne fout" not in proc.stderr
    for fragment in fragments:
        assert fragment in proc.stderr, proc.stderr


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("profile_huge_number.json", "meer dan 20 cijfers"),
        ("profile_huge_number.yaml", "meer dan 20 cijfers"),
        ("profile_huge_float.json", "meer dan 20 cijfers"),
        ("profile_deep_nesting.json", "dieper genest dan 20"),
        ("profile_deep_nesting.yaml", "dieper genest dan 20"),
        ("profile_duplicate_keys.json", "'employees' staat twee keer"),
        ("profile_bool_employees.json", "ja/nee is geen getal"),
        ("profile_nan.json", "'NaN' is geen getal"),
        ("profile_latin1.json", "geen UTF-8"),
        ("profile_long_string.json", "te lang"),
        ("profile_long_key.json", "onbekend veld"),
        ("profile_string_number.json", "dubbelzinnig"),
        ("profile_billion_laughs.yaml", "verwijzingen"),
        ("profile_yaml11_octal.yaml", "'010' is in YAML dubbelzinnig"),
        ("profile_yaml11_sexagesimal.yaml", "'1:30' is in YAML dubbelzinnig"),
        ("profile_yaml11_yes.yaml", "'yes' is in YAML dubbelzinnig"),
    ],
)
def test_hostile_profiles_exit_2_with_a_dutch_message(name: str, fragment: str) -> None:
    proc = run(["check", str(HOSTILE / name), "--json"])
    assert_refused(proc, 2, fragment)
    assert len(proc.stderr) < 600  # the value itself is never echoed in full


def test_messages_follow_lang_en() -> None:
    proc = run(["check", str(HOSTILE / "profile_duplicate_keys.json"), "--lang", "en"])
    assert_refused(proc, 2, "error: invalid profile: field 'employees' appears twice")
    proc = run(["check", "nope.json", "--lang", "en"])
    assert_refused(proc, 2, "not found")
    proc = run(["check", "--lang", "en"])
    assert_refused(proc, 2, "the following arguments are required")
    proc = run(["check"])
    assert_refused(proc, 2, "deze argumenten ontbreken")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--threshold", "nan"], "'nan' is geen getal"),
        (["--threshold", "inf"], "'inf' is geen getal"),
        (["--threshold", "-1"], "ligt niet tussen 0 en"),
        (["--threshold", "1" * 5000], "langer dan"),
        (["--scenario", "metaalunie-25@-1"], "--scenario: -1 ligt niet tussen"),
        (["--scenario", "metaalunie-25@nan"], "--scenario: 'nan' is geen getal"),
        (["--scenario", "metaalunie-25@30@legal_form"], "maatstaf 'legal_form' is geen getal"),
        (["--threshold", "30", "--threshold-measure", "legal_form"], "'legal_form' is geen getal"),
        (["--threshold", "30", "--threshold-measure", "schoenmaat"], "'schoenmaat' is onbekend"),
        (["--threshold-measure", "fte"], "gaat samen met --threshold"),
        (["--scenario", "x" * 5000], "onbekend scenario"),
        (["--date", "2019-12-31"], "vanaf 01-01-2020"),
        (["--date", "0001-01-01"], "vanaf 01-01-2020"),
        (["--date", "2036-01-01"], "zo ver vooruit"),
        (["--date", "9999-99-99"], "geen datum"),
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    profile = write(tmp_path, "p.json", GOOD)
    assert_refused(run(["check", str(profile), *args]), 2, fragment)


def test_another_threshold_gets_a_title_that_says_so(tmp_path: Path) -> None:
    profile = write(tmp_path, "p.json", GOOD)
    proc = run(["check", str(profile), "--threshold", "50"])
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("Voorstel:"))
    assert "tot en met 50 werknemers" in line and "25 werknemers" not in line
    assert "drempel aangepast naar 50" in line


def test_a_turnover_threshold_in_euros_is_accepted(tmp_path: Path) -> None:
    """A threshold on turnover is an amount of euros (BW 2:396: a small company up to € 12
    million until 2023, € 15 million since), far above any count of people; the CLI takes it
    like the file does."""
    profile = write(tmp_path, "p.json", GOOD)
    proc = run(
        ["check", str(profile), "--threshold", "12000000", "--threshold-measure", "turnover_eur"]
    )
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("Voorstel:"))
    assert "12.000.000" in line


def test_control_characters_in_a_name_never_reach_the_terminal() -> None:
    proc = run(["check", str(HOSTILE / "profile_control_chars.json")])
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\u202e" not in proc.stdout
    assert "Rood" in first


@pytest.mark.parametrize(
    ("out", "fragment"),
    [
        ("missing-dir/rapport.xlsx", "bestaat niet"),
        ("rapport.txt", "moet eindigen op .xlsx"),
        ("x" * 5000 + ".xlsx", "te lang"),
    ],
)
def test_export_out_paths(tmp_path: Path, out: str, fragment: str) -> None:
    profile = write(tmp_path, "p.json", GOOD)
    proc = run(["export", str(profile), "--out", str(tmp_path / out)])
    assert_refused(proc, 2, "--out", fragment)


def test_batch_xlsx_into_a_missing_directory_is_refused_before_computing(tmp_path: Path) -> None:
    members = HOSTILE / "members_dutch_numbers.csv"
    proc = run(["batch", str(members), "--xlsx", str(tmp_path / "nope" / "uit.xlsx")])
    assert_refused(proc, 2, "--xlsx", "bestaat niet")


def test_batch_reports_what_it_assumed_and_skipped(tmp_path: Path) -> None:
    proc = run(["batch", str(HOSTILE / "members_unusable_optional_values.csv"), "--json"])
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["rows_valid"] == 1 and out["rows_with_errors"] == 2
    assert {w["column"] for w in out["warnings"]} == {
        "rechtsvorm",
        "sbi",
        "omzet",
        "ondernemingsraad",
    }
    assert "Holding" in proc.stderr and "overgeslagen" in proc.stderr


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("members_duplicate_columns.csv", "betekenen allebei"),
        ("xlsx_zip_bomb.xlsx", "pakt uit tot"),
        ("xlsx_huge_dimension.xlsx", "rijen × 16.384 kolommen"),
    ],
)
def test_unusable_member_files_exit_2(name: str, fragment: str) -> None:
    assert_refused(run(["batch", str(HOSTILE / name)]), 2, fragment)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("cbs_huge_count.csv", "'1e308' is te groot"),
        ("cbs_huge_class_bound.csv", "reikt voorbij"),
    ],
)
def test_unusable_cbs_files_exit_2(name: str, fragment: str) -> None:
    assert_refused(run(["population", "--population", str(HOSTILE / name)]), 2, fragment)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("cbs_huge_class_bound.csv", "reaches beyond 1,000,000 persons employed"),
        ("cbs_huge_count.csv", "column '"),
    ],
)
def test_an_unusable_cbs_file_is_explained_in_english_when_asked(name: str, fragment: str) -> None:
    proc = run(["population", "--population", str(HOSTILE / name), "--lang", "en"])
    assert_refused(proc, 2, fragment, "line ")
    assert "regel" not in proc.stderr and "kolom" not in proc.stderr


def test_cbs_warnings_are_printed(tmp_path: Path) -> None:
    proc = run(
        ["population", "--population", str(HOSTILE / "cbs_unrecognised_label.csv"), "--json"]
    )
    assert proc.returncode == 0, proc.stderr
    assert "niet als grootteklasse" in proc.stderr
    assert any("niet als grootteklasse" in w["nl"] for w in json.loads(proc.stdout)["warnings"])


def test_a_rules_directory_without_rule_files_is_an_error(tmp_path: Path) -> None:
    proc = run(["rules", "validate", str(tmp_path)])
    assert proc.returncode == 1 and "geen regelbestanden" in proc.stderr
    assert "OK" not in proc.stdout


# ---------------------------------------------------------------------------------------------
# A broken catalogue (needs a process: the shipped catalogue is cached in-process)


@pytest.fixture(scope="module")
def broken_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "rules", root / "rules")
    target = root / "rules" / "arbo.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n  - id: [kapot\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "args",
    [
        ["check", "PROFILE"],
        ["export", "PROFILE", "--out", "OUT"],
        ["rules", "list"],
        ["scenarios", "list"],
        ["batch", str(HOSTILE / "members_dutch_numbers.csv")],
    ],
)
def test_a_broken_catalogue_exits_1_with_a_message(
    broken_root: Path, tmp_path: Path, args: list[str]
) -> None:
    profile = write(tmp_path, "p.json", GOOD)
    args = [
        str(profile) if a == "PROFILE" else str(tmp_path / "r.xlsx") if a == "OUT" else a
        for a in args
    ]
    env = {**os.environ, "DREMPELCHECK_ROOT": str(broken_root)}
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "regelcatalogus is ongeldig" in proc.stderr and "arbo.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_every_population_file_error_is_written_in_english_too() -> None:
    """An English reader of the sector page or the CLI gets English: every CBS-file and counts
    error the code raises carries its English text (read from the source, so a new one without
    English fails here)."""
    import ast

    english_at = {"CbsFormatError": 3, "CountsError": 2}  # positional place of the English text
    missing = []
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            place = english_at.get(node.func.id)
            if place is None:
                continue
            if len(node.args) < place and not any(k.arg == "en" for k in node.keywords):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not missing, missing


def test_an_unknown_population_is_refused_in_english_when_asked() -> None:
    proc = run(["population", "--population", "nergens", "--lang", "en"])
    assert_refused(proc, 2, "'nergens' is neither a file nor a known population")
