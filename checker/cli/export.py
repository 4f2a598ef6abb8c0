"""``drempelcheck export PROFILE --out report.xlsx``: the firm workbook from the CLI.

Same profile input, scenario, threshold, date and language options as ``check``, so a workbook
can always be reproduced from the command that the Metadata sheet prints.  The output path is
checked (suffix, folder, length) before anything is computed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.cli.check import run_check
from checker.cli.common import add_common, add_profile_args, path_arg, write_bytes


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="Excel-werkmap (.xlsx) voor één bedrijfsprofiel",
        description="Schrijft een Excel-werkmap met verplichtingen, berekening (live formules), "
        "aannames, bronnen en grafieken voor één bedrijfsprofiel.",
    )
    add_profile_args(p)
    add_common(p, json_flag=False)
    p.add_argument("--out", required=True, type=Path, help="uitvoerbestand, bijv. rapport.xlsx")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from checker.export import firm_workbook_bytes

    out = path_arg(args.out, "--out", ".xlsx")
    result = run_check(args)
    write_bytes(out, firm_workbook_bytes(result, lang=args.lang), "--out")
    print(out)
    sys.stdout.flush()
    return 0
