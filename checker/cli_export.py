"""``python -m checker export PROFILE --out report.xlsx``: the firm workbook from the CLI.

Same profile input, scenario, threshold, date and language options as ``check`` (shared via
``add_profile_args``), so a workbook can always be reproduced from the command that the
Metadata sheet prints.  Exit codes follow :mod:`checker.cli`: 0 written, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(sub: Any, add_profile_args: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "export",
        help="Excel-werkmap (.xlsx) voor één bedrijfsprofiel",
        description="Schrijft een Excel-werkmap met verplichtingen, berekening (live formules), "
        "aannames, bronnen en grafieken voor één bedrijfsprofiel.",
    )
    add_profile_args(p)
    p.add_argument("--out", required=True, type=Path, help="uitvoerbestand, bijv. rapport.xlsx")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from checker.api import check
    from checker.cli import (
        UsageError,
        load_engine_and_scenario,
        parse_date,
        parse_profile,
        read_profile_data,
    )
    from checker.export import firm_workbook_bytes

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out: '{out}' moet eindigen op .xlsx")
    if not out.parent.is_dir():
        raise UsageError(f"--out: map '{out.parent}' bestaat niet")
    if out.is_dir():
        raise UsageError(f"--out: '{out}' is een map")
    profile = parse_profile(read_profile_data(args.profile))
    date = parse_date(args.date)
    engine, scenario = load_engine_and_scenario(args)
    result = check(profile, scenario, date, lang=args.lang, engine=engine)
    data = firm_workbook_bytes(result, lang=args.lang, engine=engine)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"--out: kan '{out}' niet schrijven ({exc.strerror})") from None
    print(out)
    sys.stdout.flush()
    return 0
