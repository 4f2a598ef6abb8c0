"""Project hygiene that CI proves: README commands, lint, format and types."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_fresh_machine_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    app, tests = commands
    assert "streamlit run serve.py" in app  # the warmed server (serve.py serves app.py)
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    tests_command = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests_command in ci.splitlines()


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed in the environment (it is a dev dependency)")
    return found


def test_ruff_lint_clean() -> None:
    proc = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_clean() -> None:
    proc = subprocess.run(
        [_tool("ruff"), "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean() -> None:
    """Types are checked over the whole repository: package, app pages, tests, benchmarks."""
    proc = subprocess.run(
        [_tool("mypy"), "."], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


MARKER = "# fmt" + ": skip"


def test_the_formatter_formats() -> None:
    """No formatter opt-out outside tables that truly need their alignment (marked "# (a table")."""
    sources = [
        *ROOT.glob("*.py"),
        *ROOT.glob("checker/**/*.py"),
        *ROOT.glob("app_pages/*.py"),
        *ROOT.glob("tests/*.py"),
        *ROOT.glob("benchmarks/*.py"),
    ]
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MARKER in line and f"{MARKER}  # (a table" not in line
    ]
    assert offenders == [], offenders
