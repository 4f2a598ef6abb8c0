"""``python -m checker export PROFILE --out report.xlsx``: the firm workbook (or, with
``--out rapport.pdf``, the printable report) from the CLI.

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
        help="Excel-werkmap (.xlsx) of rapport (.pdf) voor één bedrijfsprofiel",
        description="Schrijft een Excel-werkmap met verplichtingen, berekening (live formules), "
        "aannames, bronnen en grafieken voor één bedrijfsprofiel; eindigt --out op .pdf, dan "
        "een rapport van één of twee A4-pagina's.",
    )
    add_profile_args(p)
    p.add_argument(
        "--out", required=True, type=Path, help="uitvoerbestand, bijv. rapport.xlsx of rapport.pdf"
    )
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
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        raise UsageError(f"--out: '{out}' moet eindigen op .xlsx of .pdf")
    if not out.parent.is_dir():
        raise UsageError(f"--out: map '{out.parent}' bestaat niet")
    if out.is_dir():
        raise UsageError(f"--out: '{out}' is een map")
    profile = parse_profile(read_profile_data(args.profile))
    date = parse_date(args.date)
    engine, scenario = load_engine_and_scenario(args)
    result = check(profile, scenario, date, lang=args.lang, engine=engine)
    if out.suffix.lower() == ".pdf":
        from checker.export.pdf_report import firm_report_pdf

        data = firm_report_pdf(result, args.lang, engine=engine)
    else:
        data = firm_workbook_bytes(result, lang=args.lang, engine=engine)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"--out: kan '{out}' niet schrijven ({exc.strerror})") from None
    print(out)
    sys.stdout.flush()
    return 0
