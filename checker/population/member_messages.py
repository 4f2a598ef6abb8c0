"""Everything said about a member file, as tables the page and the downloads share.

Nothing a user typed may be lost without a word: a skipped row is named by its row *and* the
member's name as typed, with the reason; a value left out, and every number read in a
notation the file suggested ("1.000" as a thousand), is named by row and member too; and what
applies to the whole file (encoding, header row, ignored columns, mixed notation) is listed
once.  :func:`member_messages` is that list; :func:`results_with_messages` is the results
table with every row of the file (skipped rows included) and its messages, the shape of the
CSV download.  Member names and cell texts stay as typed here, for the page to show (Markdown-
escaped) as the user wrote them; they are neutralised only where a file is written, by the
CSV download (:func:`checker.ui.csv_download.csv_bytes`) and the workbook
(:func:`checker.export.workbook_common.cell_value`), so no spreadsheet can run them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import t, yes_no
from checker.population.batch import BatchInput, BatchResult, RowError
from checker.population.member_file import Notice
from checker.profile import printable

MESSAGE_COLUMNS = ("row", "name", "column", "message")
SEPARATOR = " | "  # between the messages of one row (the messages themselves use ';')


def _row_message(error: RowError, kind: str, lang: Lang) -> str:
    """What happened to the row, said before the reason: skipped, or counted with a value left
    out (the workbook's long-standing wording) or with a number read in the file's notation."""
    text = error.text(lang)
    if kind == "skipped":
        return t("members.message.skipped", lang, message=text)
    if kind == "ignored":
        return t("sheet.fouten.member_counted", lang, message=text)
    return t("members.message.read", lang, message=text)


def _kinds(inp: BatchInput) -> list[tuple[RowError, str]]:
    """Per-row messages in file order: skipped rows, values left out, numbers read."""
    listed = [
        *((e, "skipped") for e in inp.errors),
        *((w, "ignored") for w in inp.warnings),
        *((r, "read") for r in inp.readings),
    ]
    return sorted(listed, key=lambda item: item[0].row)


def rows_frame(items: list[RowError], lang: Lang) -> pd.DataFrame:
    """Row messages of one kind as a table: row, member as typed, column, reason."""
    return pd.DataFrame(
        [
            {
                "row": e.row,
                "name": e.name,
                "column": printable(e.column),
                "message": e.text(lang),
            }
            for e in items
        ],
        columns=list(MESSAGE_COLUMNS),
    )


def skipped_members(inp: BatchInput) -> list[tuple[int, str]]:
    """(row, member name as typed) of every skipped row, once each, in order."""
    seen: dict[int, str] = {}
    for e in sorted(inp.errors, key=lambda e: e.row):
        seen.setdefault(e.row, e.name)
    return list(seen.items())


def _sentence(text: str) -> str:
    """A notice starts lower-case (it is also used mid-sentence); on its own it is a sentence."""
    return text[:1].upper() + text[1:]


def notice_sentences(inp: BatchInput, lang: Lang) -> list[str]:
    """The notices about the whole file (encoding, header row, notation), each a sentence in
    ``lang``: the page shows them as they are, the downloads list them."""
    notices: list[Notice] = list(inp.notices)
    return [_sentence(n.text(lang)) for n in notices]


def file_notices(inp: BatchInput, lang: Lang) -> list[str]:
    """What applies to the whole file, in ``lang``: :func:`notice_sentences` and the columns
    the file has but the check does not read."""
    texts = notice_sentences(inp, lang)
    if inp.ignored_columns:
        columns = ", ".join(printable(c) for c in inp.ignored_columns)
        texts.append(_sentence(t("page.members.ignored_columns", lang, columns=columns)))
    return texts


def member_messages(inp: BatchInput, lang: Lang) -> pd.DataFrame:
    """One row per message: row and member (as typed), column, and what happened, in file
    order; the file's own notices last, without a row number."""
    rows: list[dict[str, object]] = [
        {
            "row": e.row,
            "name": e.name,
            "column": printable(e.column),
            "message": _row_message(e, kind, lang),
        }
        for e, kind in _kinds(inp)
    ]
    rows += [
        {
            "row": np.nan,
            "name": "",
            "column": "",
            "message": t("members.message.file", lang, message=text),
        }
        for text in file_notices(inp, lang)
    ]
    return pd.DataFrame(rows, columns=list(MESSAGE_COLUMNS))


def results_with_messages(result: BatchResult, lang: Lang) -> pd.DataFrame:
    """The results per member plus every skipped row, in file order, each with its messages;
    then one line per notice about the whole file.  Booleans are words ('ja'/'nee'), so a
    skipped row shows an empty cell instead of a made-up answer."""
    inp = result.input
    by_row: dict[int, list[str]] = {}
    for e, kind in _kinds(inp):
        by_row.setdefault(e.row, []).append(_row_message(e, kind, lang))
    members = result.per_firm.copy()
    for column in ("reached", "qualifies"):
        if column in members.columns:
            members[column] = [yes_no(bool(v), lang) for v in members[column]]
    members["counted"] = yes_no(True, lang)
    skipped_rows = skipped_members(inp)
    skipped = pd.DataFrame(
        {
            "row": [row for row, _name in skipped_rows],
            "name": [name for _row, name in skipped_rows],
            "counted": yes_no(False, lang),
        }
    )
    table = pd.concat([members, skipped], ignore_index=True) if len(skipped) else members
    table = table.sort_values("row", kind="stable").reset_index(drop=True)
    table["messages"] = [SEPARATOR.join(by_row.get(int(r), [])) for r in table["row"].tolist()]
    notices = pd.DataFrame(
        {"messages": [t("members.message.file", lang, message=n) for n in file_notices(inp, lang)]}
    )
    out = pd.concat([table, notices], ignore_index=True) if len(notices) else table
    for column in ("reached", "qualifies", "counted", "name"):
        if column in out.columns:
            out[column] = out[column].fillna("")
    return out
