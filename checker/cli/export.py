"""``drempelcheck export PROFILE --out report.xlsx|rapport.pdf``: the firm workbook or the
printable report from the CLI.

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
        help="Excel-werkmap (.xlsx) of rapport (.pdf) voor één bedrijfsprofiel",
        description="Schrijft een Excel-werkmap met verplichtingen, berekening (live formules), "
        "aannames, bronnen en grafieken voor één bedrijfsprofiel; eindigt --out op .pdf, dan "
        "een rapport van één of twee A4-pagina's.",
    )
    add_profile_args(p)
    add_common(p, json_flag=False)
    p.add_argument(
        "--out", required=True, type=Path, help="uitvoerbestand, bijv. rapport.xlsx of rapport.pdf"
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from checker.export import firm_workbook_bytes

    out = path_arg(args.out, "--out", (".xlsx", ".pdf"))
    result = run_check(args)
    if out.suffix.lower() == ".pdf":
        from checker.export.pdf_report import firm_report_pdf

        data = firm_report_pdf(result, args.lang)
    else:
        data = firm_workbook_bytes(result, lang=args.lang)
    write_bytes(out, data, "--out")
    print(out)
    sys.stdout.flush()
    return 0
