"""``drempelcheck compare [PROFILE|-] --scenario A --scenario B …``: proposals side by side.

``--xlsx`` / ``--pdf`` also write the comparison documents the app offers.  With a profile the
comparison is for that firm; without one for a population
(``--population nl|section:C|FILE``, default the whole Netherlands).  Each ``--scenario`` is a
shipped id (``metaalunie-25``, ``metaalunie-25@50``) or a proposal file in the shipped YAML
format; without any, the shipped proposals of the default family.  Per proposal: the
regeldruk saving with its interval, the financial effect apart, firms reached, firms just
above the threshold, the cliff and the obligations changed (see :mod:`checker.compare`).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from checker.cli.common import (
    UsageError,
    add_common,
    is_proposal_file,
    lang_of,
    load_engine,
    parse_date,
    parse_profile_or_exit,
    path_arg,
    read_profile_data,
    read_proposal_file,
    scenario_parts,
    terminal,
    write_bytes,
)
from checker.compare import MAX_PROPOSALS, Comparison
from checker.i18n import fmt_eur, fmt_number, fmt_range, t
from checker.scenario_model import DEFAULT_SCENARIO


def register(sub: Any) -> None:
    c = sub.add_parser(
        "compare",
        help="vergelijk tot vier voorstellen voor één bedrijf of een populatie",
    )
    c.add_argument(
        "profile", nargs="?", help="profiel (JSON/YAML, of '-' voor stdin); zonder: een populatie"
    )
    c.add_argument(
        "--scenario",
        action="append",
        default=[],
        help="voorstel-id of voorstelbestand (.yaml); herhaal voor elk voorstel (ten hoogste 4)",
    )
    c.add_argument(
        "--population", default="nl", help="'nl', 'section:C' of een CBS-CSV (zonder profiel)"
    )
    c.add_argument("--date", help="peildatum JJJJ-MM-DD (standaard vandaag)")
    add_common(c)
    c.add_argument("--xlsx", type=Path, help="schrijf ook de vergelijking als Excel-werkmap")
    c.add_argument("--pdf", type=Path, help="schrijf ook de vergelijking als pdf-rapport")
    c.set_defaults(func=cmd_compare)


def _proposals(args: argparse.Namespace, engine: Any) -> list[Any]:
    cat = engine.catalogue
    given = list(args.scenario)
    if not given:
        family = cat.scenarios[DEFAULT_SCENARIO].family
        given = [s for s, p in cat.scenarios.items() if family and p.family == family]
        given = given[:MAX_PROPOSALS] or [DEFAULT_SCENARIO]
    if len(given) > MAX_PROPOSALS:
        raise UsageError(
            f"--scenario: ten hoogste {MAX_PROPOSALS} voorstellen tegelijk (nu {len(given)})",
            f"--scenario: at most {MAX_PROPOSALS} proposals at once (got {len(given)})",
        )
    out = []
    for text in given:
        if is_proposal_file(text):
            out.append(read_proposal_file(text, engine))
            continue
        base_id, value, measure = scenario_parts(argparse.Namespace(scenario=text))
        try:
            proposal = cat.scenario(base_id)
        except KeyError:
            known = ", ".join(sorted(cat.scenarios))
            shown = terminal(base_id)
            raise UsageError(
                f"--scenario: onbekend voorstel '{shown}' (bekend: {known})",
                f"--scenario: unknown proposal '{shown}' (known: {known})",
            ) from None
        out.append(proposal if value is None else proposal.at_threshold(value, measure))
    return out


def run_compare(args: argparse.Namespace) -> Any:
    """The comparison report (comparison, growth incentive, catalogue) from the arguments."""
    from checker.export.comparison import comparison_report

    for option, suffix in (("xlsx", ".xlsx"), ("pdf", ".pdf")):
        if getattr(args, option, None) is not None:
            path_arg(getattr(args, option), f"--{option}", suffix)
    date = parse_date(args.date)
    engine = load_engine()
    proposals = _proposals(args, engine)
    lang = lang_of(args)
    if args.profile:
        profile = parse_profile_or_exit(read_profile_data(args.profile))
        context = terminal(profile.name or t("common.unnamed_firm", lang))
        return comparison_report(engine, proposals, date, lang, profile=profile, context=context)
    from checker.cli.population import _population

    # One population for every proposal: its CBS class is split at the first proposal's threshold.
    options = argparse.Namespace(
        population=args.population, seed=None, split_share=None, split_at=None
    )
    pop = _population(options, engine, proposals[0], date)
    return comparison_report(engine, proposals, date, lang, frame=pop.frame, context=pop.label)


def _documents(args: argparse.Namespace, report: Any) -> None:
    from checker.export.comparison import comparison_pdf_bytes, comparison_workbook_bytes

    lang = lang_of(args)
    if args.xlsx is not None:
        write_bytes(args.xlsx, comparison_workbook_bytes(report, lang), "--xlsx")
    if args.pdf is not None:
        write_bytes(args.pdf, comparison_pdf_bytes(report, lang), "--pdf")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 2)
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return value


def cmd_compare(args: argparse.Namespace) -> int:
    report = run_compare(args)
    _documents(args, report)
    comparison: Comparison = report.comparison
    if args.json:
        rows = [
            {k: _jsonable(v) for k, v in row.items()}
            for row in comparison.table.to_dict(orient="records")
        ]
        print(
            json.dumps(
                {
                    "kind": comparison.kind,
                    "date": comparison.date.isoformat(),
                    "catalogue_version": comparison.catalogue_version,
                    "proposals": rows,
                },
                ensure_ascii=False,
            )
        )
        return 0
    lang = lang_of(args)
    for row in comparison.table.to_dict(orient="records"):
        print(terminal(f"{row['proposal']} — {row['title']}"))
        interval = fmt_range(row["regulatory_saved_low"], row["regulatory_saved_high"], lang)
        saved = fmt_eur(row["regulatory_saved"], lang)
        print("  " + t("cli.compare.regulatory", lang, amount=saved, interval=interval))
        financial = fmt_eur(row["financial_saved"], lang)
        print("  " + t("cli.compare.financial", lang, amount=financial))
        if row["transferred"] > 0.5:
            amount = fmt_eur(row["transferred"], lang)
            moved = t("cli.check.transferred", lang, amount=amount, to=row["transferred_to"])
            print("    " + moved)
        if comparison.kind == "population":
            reached = fmt_number(row["firms_reached"], lang)
            above = fmt_number(row["firms_just_above"], lang)
            print("  " + t("cli.compare.firms", lang, reached=reached, above=above))
        cliff = row["cliff_eur"]
        if not math.isnan(cliff):
            print("  " + t("cli.compare.cliff", lang, amount=fmt_eur(cliff, lang)))
        changed = fmt_number(row["obligations_changed"], lang)
        print("  " + t("cli.compare.changed", lang, count=changed))
    return 0
