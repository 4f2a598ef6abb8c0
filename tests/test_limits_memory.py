"""Every reader bounds what it expands: each hostile input runs in a process whose address
space is capped (resource.RLIMIT_AS), and must end in its clear message — not a MemoryError,
not the kernel's OOM killer, not minutes of work.

Before these limits a 356-byte YAML grew to ~24 GB, a 4.7 KB workbook to 5 GB, a 1 MB zip to
3.5 GB, and a size class "100 tot 2000000000" tried to allocate 15 GiB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CAP_MB = 800  # far below what any of these inputs would take unbounded
TIMEOUT_S = 60

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is Linux behaviour")


def run_capped(body: str) -> dict[str, str]:
    """Run ``body`` under the cap; it must print one JSON object {"kind", "message"}."""
    code = textwrap.dedent(
        f"""
        import json, resource
        resource.setrlimit(resource.RLIMIT_AS, ({CAP_MB} * 2**20, {CAP_MB} * 2**20))
        HOSTILE = {str(HOSTILE)!r}
        def report(exc):
            print(json.dumps({{"kind": type(exc).__name__, "message": str(exc)}}))
        """
    ) + textwrap.dedent(body)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=TIMEOUT_S,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "MemoryError" not in proc.stderr
    result: dict[str, str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_yaml_billion_laughs_in_a_catalogue_file() -> None:
    out = run_capped("""
        from checker.yaml_loading import ExpansionError, loads_yaml
        try:
            loads_yaml(open(HOSTILE + "/profile_billion_laughs.yaml").read())
        except ExpansionError as exc:
            report(exc)
    """)
    assert out["kind"] == "ExpansionError" and "expands to more than" in out["message"]


def test_yaml_billion_laughs_in_a_profile() -> None:
    out = run_capped("""
        from checker.parsing.errors import InputError
        from checker.parsing.profile_text import load_profile_bytes
        try:
            load_profile_bytes(open(HOSTILE + "/profile_billion_laughs.yaml", "rb").read())
        except InputError as exc:
            report(exc)
    """)
    assert out["kind"] == "InputError" and "verwijzingen" in out["message"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xlsx_huge_dimension.xlsx", "1.048.576 rijen × 16.384 kolommen"),
        ("xlsx_zip_bomb.xlsx", "pakt uit tot"),
        ("xlsx_cell_far_right.xlsx", "voorbij kolom 200"),
        ("xlsx_row_far_down.xlsx", "meer dan 20.000 rijen"),
    ],
)
def test_workbooks(name: str, message: str) -> None:
    out = run_capped(f"""
        from checker.population import BatchFileError, read_member_file
        try:
            read_member_file(open(HOSTILE + "/{name}", "rb").read(), "{name}")
        except BatchFileError as exc:
            report(exc)
    """)
    assert out["kind"] == "BatchFileError" and message in out["message"]


def test_rows_and_columns_of_a_csv() -> None:
    out = run_capped("""
        from checker.population import BatchFileError, read_member_file
        wide = ";".join(["werknemers"] + [f"k{i}" for i in range(5000)]) + "\\n1\\n"
        try:
            read_member_file(wide.encode(), "breed.csv")
        except BatchFileError as exc:
            report(exc)
    """)
    assert out["kind"] == "BatchFileError" and "het maximum is 200" in out["message"]
    out = run_capped("""
        from checker.population import BatchFileError, read_member_file
        try:
            read_member_file(("werknemers\\n" + "1\\n" * 2_000_000).encode(), "lang.csv")
        except BatchFileError as exc:
            report(exc)
    """)
    assert out["kind"] == "BatchFileError" and "rijen" in out["message"]


def test_size_class_bounds_in_a_cbs_file() -> None:
    out = run_capped("""
        from checker.population import CbsFormatError, read_counts
        try:
            read_counts(HOSTILE + "/cbs_huge_class_bound.csv")
        except CbsFormatError as exc:
            report(exc)
    """)
    assert out["kind"] == "CbsFormatError" and "reikt voorbij" in out["message"]


def test_size_class_bounds_in_a_counts_table() -> None:
    out = run_capped("""
        import numpy as np, pandas as pd
        from checker.api import load
        from checker.population import CountsError, build_population
        counts = pd.DataFrame({"sector": ["25 Metaal"], "sbi": ["25"], "lo": [100],
                               "hi": [2_000_000_000.0], "count": [10.0], "source": ["test"]})
        try:
            build_population(counts, load())
        except CountsError as exc:
            report(exc)
    """)
    assert out["kind"] == "CountsError" and "grootteklasse buiten" in out["message"]


def test_number_of_sectors() -> None:
    out = run_capped("""
        from checker.population import CbsFormatError, read_counts
        head = ('"B"\\n"Onderwerpen";"";"Totaal bedrijven";"1 werkzaam persoon";'
                '"2 werkzame personen of meer"\\n"Bedrijfstakken";"Perioden";"a";"a";"a"\\n')
        rows = "".join(f'"25{i:05d} S";"2025";"3";"1";"2"\\n' for i in range(50_000))
        try:
            read_counts((head + rows).encode())
        except CbsFormatError as exc:
            report(exc)
    """)
    assert out["kind"] == "CbsFormatError" and "sectoren" in out["message"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("profile_deep_nesting.json", "dieper genest"),
        ("profile_deep_nesting.yaml", "dieper genest"),
        ("profile_huge_number.json", "cijfers"),
        ("profile_long_key.json", "onbekend veld"),
    ],
)
def test_profiles(name: str, message: str) -> None:
    out = run_capped(f"""
        from checker.parsing.errors import InputError
        from checker.parsing.profile_text import load_profile_bytes
        from checker.profile import ProfileError, parse_profile
        try:
            parse_profile(load_profile_bytes(open(HOSTILE + "/{name}", "rb").read()))
        except (InputError, ProfileError) as exc:
            report(exc)
    """)
    assert message in out["message"]
