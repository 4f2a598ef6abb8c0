"""The Aangekondigd sheet: bills and directives not yet law, listed apart and never in a total.

When the user asks for announced rules, the workbook names them with where they stand in the
legislative process and what they would cost if they became law as written — on a sheet of
their own, because on the reference date they are no law and count in no total.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from openpyxl import Workbook

from checker.bilingual import Lang, pick
from checker.evaluation import Evaluation
from checker.export.report_content import law_reference, rule_costs
from checker.export.workbook_common import EUR0, INT, add_sheet
from checker.i18n import column_label, t


def write_pending_sheet(
    wb: Workbook, ev: Evaluation, rule_names: Mapping[str, str], lang: Lang, *, firms: bool
) -> bool:
    """The sheet, when ``ev`` holds announced rules that reach its firms; False otherwise."""
    costs = rule_costs(ev)
    listed = [
        r
        for r in range(len(ev.rules))
        if bool(ev.pending[r]) and float(costs["firms_now"].iloc[r]) > 0
    ]
    if not listed:
        return False
    w = add_sheet(wb, "pending", lang)
    w.title_row(1, t("sheet.pending", lang))
    w.note(2, t("export.pending.note", lang), 7)
    headers = [
        column_label("obligation", lang),
        t("export.pending.status", lang),
        t("export.pending.stage", lang),
        column_label("law", lang),
        t("export.pending.regulatory", lang),
        t("export.pending.financial", lang),
    ]
    if firms:
        headers.append(column_label("firms_now", lang))
    hdr = 4
    w.header(hdr, headers)
    row = hdr
    for r in listed:
        rule = ev.rules[r]
        row += 1
        ref = rule.legislative_ref
        stage = ""
        if ref is not None:
            stage = ref.reference + (f" — {pick(ref.stage, lang)}" if ref.stage else "")
        w.put(row, 1, rule_names[rule.id], wrap=True)
        w.put(row, 2, t(f"export.status.{rule.status}", lang), wrap=True)
        if ref is not None:
            w.link(row, 3, stage, ref.url)
        w.link(row, 4, law_reference(rule), rule.legal_basis.url)
        if rule.activities:
            w.put(row, 5, float(costs["regeldruk_now"].iloc[r]), EUR0)
            w.put(row, 6, float(costs["financial_now"].iloc[r]), EUR0)
        else:
            w.put(row, 5, t("common.not_quantified_short", lang))
        if firms:
            w.put(row, 7, float(np.round(costs["firms_now"].iloc[r])), INT)
    w.widths([36, 22, 60, 36, 16, 16, 12])
    w.finish(hdr)
    return True
