"""``drempelcheck check PROFILE``: one firm, as a table or one JSON object."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from checker.assumptions import SAVED_PROFILE_KEY
from checker.bilingual import Lang, pick
from checker.cli.common import (
    UsageError,
    add_common,
    add_profile_args,
    load_engine,
    parse_date,
    parse_profile_or_exit,
    read_profile_data,
    scenario_for,
    terminal,
    transferred_line,
)
from checker.export.report_content import assumed_inputs
from checker.i18n import fmt_date, fmt_eur, fmt_number, t, treatment_label, yes_no


def register(sub: Any) -> None:
    c = sub.add_parser("check", help="toets één bedrijfsprofiel")
    add_profile_args(c)
    add_common(c)
    c.add_argument(
        "--include-pending",
        action="store_true",
        help="toon ook aangekondigde regels (wetsvoorstellen, niet-omgezette EU-richtlijnen); "
        "hun kosten staan apart en tellen nooit mee in de totalen",
    )
    c.add_argument(
        "--compare-date",
        help="vergelijk met het recht op deze datum (JJJJ-MM-DD, vanaf 2020-01-01): toen en nu",
    )
    c.set_defaults(func=cmd_check)


def run_check(args: argparse.Namespace) -> Any:
    """Profile, date, catalogue and scenario from the arguments -> the check result."""
    from checker.api import check

    data = read_profile_data(args.profile)
    changed = data.pop(SAVED_PROFILE_KEY, None)  # a profile saved by the app with its Aannames
    profile = parse_profile_or_exit(data)
    date = parse_date(args.date)
    engine = with_assumptions(load_engine(), changed)
    scenario = scenario_for(args, engine)
    pending = bool(getattr(args, "include_pending", False))
    return check(profile, scenario, date, lang=args.lang, engine=engine, include_pending=pending)


def with_assumptions(engine: Any, raw: Any) -> Any:
    """The engine with a saved profile's changed assumptions (tariffs, rates, figures) applied;
    an unusable block is bad input (exit 2) naming what is wrong."""
    if raw is None:
        return engine
    from pydantic import ValidationError

    from checker.api import with_overrides
    from checker.assumptions import OverrideError, Overrides

    try:
        return with_overrides(engine, Overrides.model_validate(raw))
    except ValidationError:
        raise UsageError(
            "assumptions: verwacht {tariffs, rates, figures} met getallen",
            "assumptions: expected {tariffs, rates, figures} with numbers",
        ) from None
    except OverrideError as exc:
        raise UsageError(f"assumptions: {exc.nl}", f"assumptions: {exc.en}") from None


def cmd_check(args: argparse.Namespace) -> int:
    then = parse_date(args.compare_date, "--compare-date") if args.compare_date else None
    result = run_check(args)
    history = None
    if then is not None:
        from checker.history import then_and_now

        history = then_and_now(load_engine(), result.profile, then, result.date, args.lang)
    if args.json:
        out = result.to_json()
        if history is not None:
            out["then_and_now"] = history.to_json()
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(render_table(result))
    if history is not None:
        print(render_history(history, args.lang))
    return 0


def render_history(history: Any, lang: Lang) -> str:
    """Then and now: obligations and yearly burden under the law of two dates."""
    then, now = fmt_date(history.then, lang), fmt_date(history.now, lang)
    rows = history.totals
    lines = ["", t("cli.history.title", lang, then=then, now=now)]
    lines.append(
        t(
            "cli.history.obligations",
            lang,
            then=fmt_number(rows.loc["obligations", "then"], lang),
            now=fmt_number(rows.loc["obligations", "now"], lang),
        )
    )
    for key in ("regulatory_eur", "financial_eur"):
        lines.append(
            t(
                f"cli.history.{key}",
                lang,
                then=fmt_eur(rows.loc[key, "then"], lang),
                now=fmt_eur(rows.loc[key, "now"], lang),
            )
        )
    for change in ("new", "ended"):
        titles = history.rules.loc[history.rules["change"] == change, "title"].tolist()
        if titles:
            lines.append(t(f"cli.history.{change}", lang))
            lines += [f"  - {terminal(title)}" for title in titles]
    return "\n".join(lines)


def render_table(result: Any) -> str:
    """The result as plain text; names from the profile are stripped of control characters."""
    lang: Lang = result.lang
    lines = []
    scen = result.scenario
    title = pick(scen.title, lang) if scen else "-"
    name = terminal(result.profile.name or t("common.unnamed_firm", lang))
    lines.append(
        t(
            "cli.check.firm",
            lang,
            name=name,
            employees=result.profile.employees,
            date=result.date.isoformat(),
        )
    )
    lines.append(t("cli.check.proposal", lang, id=scen.id if scen else "-", title=title))
    lines.append("")
    head = [
        t(f"cli.check.head.{key}", lang)
        for key in ("rule", "now", "scen", "treatment", "cost_now", "cost_scen")
    ]
    lines.append(_row(head[0], head[1:]))
    short = t("common.not_quantified_short", lang)
    for r in sorted(result.rules, key=lambda x: (not x.applies_now, -x.cost_now_eur, x.rule.id)):
        cost_now = fmt_eur(r.cost_now_eur, lang) if r.rule.activities else short
        cost_scen = fmt_eur(r.cost_scenario_eur, lang) if r.rule.activities else short
        now, under = yes_no(r.applies_now, lang), yes_no(r.applies_scenario, lang)
        effect = t("cli.check.pending", lang) if r.pending else treatment_label(r.treatment, lang)
        lines.append(
            _row(terminal(pick(r.rule.title, lang)), [now, under, effect, cost_now, cost_scen])
        )
    lines += _totals(result, lang)
    if result.pending_totals:
        lines.append(
            t(
                "cli.check.pending_total",
                lang,
                amount=fmt_eur(result.pending_totals["cost_now_eur"], lang),
            )
        )
    if result.assumptions:
        lines.append("")
        lines.append(t("cli.check.assumed", lang))
        for row in assumed_inputs(result.assumptions, lang):
            lines.append(f"  - {row.label}: {row.value} — {row.how}")
    lines.append("")
    lines.append(t("cli.check.legend", lang, short=short))
    return "\n".join(lines)


TITLE_WIDTH = 44


def _row(title: str, cells: list[str]) -> str:
    """One table row: the obligation's title, wrapped (never cut) in its column, then the
    yes/no, treatment and amount columns on the title's first line."""
    parts = textwrap.wrap(title, TITLE_WIDTH) or [""]
    now, under, effect, cost_now, cost_scen = cells
    first = (
        f"{parts[0]:<{TITLE_WIDTH}} {now:<4} {under:<5} {effect:<20} {cost_now:>12} {cost_scen:>12}"
    )
    return "\n".join([first, *(f"  {part}" for part in parts[1:])])


def _totals(result: Any, lang: Lang) -> list[str]:
    """Totals now and under the proposal; regeldruk and financial costs apart, and the part
    that only moved to someone else named as such."""
    tot = result.totals

    def amount_hours(cost: str, hours: str) -> str:
        return t(
            "cli.check.amount_hours",
            lang,
            amount=fmt_eur(tot[cost], lang),
            hours=fmt_number(tot[hours], lang),
        )

    reg_now = tot["administrative_now_eur"] + tot["substantive_now_eur"]
    reg_scen = tot["administrative_scenario_eur"] + tot["substantive_scenario_eur"]
    split = t(
        "cli.check.split",
        lang,
        regulatory=t("cost.regulatory", lang),
        regulatory_now=fmt_eur(reg_now, lang),
        regulatory_scen=fmt_eur(reg_scen, lang),
        financial=t("cost.financial", lang),
        financial_now=fmt_eur(tot["financial_now_eur"], lang),
        financial_scen=fmt_eur(tot["financial_scenario_eur"], lang),
    )
    return [
        "",
        t("cli.check.total_now", lang, value=amount_hours("cost_now_eur", "hours_now")),
        t("cli.check.total_scen", lang, value=amount_hours("cost_scenario_eur", "hours_scenario")),
        t("cli.check.saved", lang, value=amount_hours("saved_eur", "saved_hours")),
        "  " + split,
        *transferred_line(tot["transferred_eur"], result.evaluation.transfer_targets(0), lang),
    ]
