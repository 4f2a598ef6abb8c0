"""``drempelcheck check PROFILE``: one firm, as a table or one JSON object."""

from __future__ import annotations

import argparse
import json
from typing import Any

from checker.bilingual import Lang, pick
from checker.cli.common import (
    add_common,
    add_profile_args,
    load_engine,
    parse_date,
    parse_profile_or_exit,
    read_profile_data,
    scenario_for,
    terminal,
)
from checker.numbers import fmt_eur, fmt_number


def register(sub: Any) -> None:
    c = sub.add_parser("check", help="toets één bedrijfsprofiel")
    add_profile_args(c)
    add_common(c)
    c.set_defaults(func=cmd_check)


def run_check(args: argparse.Namespace) -> Any:
    """Profile, date, catalogue and scenario from the arguments -> the check result."""
    from checker.api import check

    profile = parse_profile_or_exit(read_profile_data(args.profile))
    date = parse_date(args.date)
    engine = load_engine()
    scenario = scenario_for(args, engine)
    return check(profile, scenario, date, lang=args.lang, engine=engine)


def cmd_check(args: argparse.Namespace) -> int:
    result = run_check(args)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    print(render_table(result))
    return 0


def render_table(result: Any) -> str:
    """The result as plain text; names from the profile are stripped of control characters."""
    lang: Lang = result.lang
    nl = lang == "nl"
    lines = []
    scen = result.scenario
    title = pick(scen.title, lang) if scen else "-"
    name = terminal(result.profile.name or ("(naamloos)" if nl else "(unnamed)"))
    lines.append(
        f"{'Bedrijf' if nl else 'Firm'}: {name} — {result.profile.employees} "
        f"{'werknemers' if nl else 'employees'}; {'peildatum' if nl else 'date'} "
        f"{result.date.isoformat()}"
    )
    lines.append(f"Scenario: {scen.id if scen else '-'} — {title}")
    lines.append("")
    head = (
        ("regel", "nu", "scen.", "behandeling", "€/jaar nu", "€/jaar scen.")
        if nl
        else ("rule", "now", "scen.", "treatment", "€/yr now", "€/yr scen.")
    )
    lines.append(
        f"{head[0]:<42} {head[1]:<4} {head[2]:<5} {head[3]:<15} {head[4]:>12} {head[5]:>12}"
    )
    yes, no = ("ja", "nee") if nl else ("yes", "no")
    for r in sorted(result.rules, key=lambda x: (not x.applies_now, -x.cost_now_eur, x.rule.id)):
        cost_now = fmt_eur(r.cost_now_eur, 0, lang) if r.rule.activities else "n.g."
        cost_scen = fmt_eur(r.cost_scenario_eur, 0, lang) if r.rule.activities else "n.g."
        lines.append(
            f"{r.rule.id[:42]:<42} {yes if r.applies_now else no:<4} "
            f"{yes if r.applies_scenario else no:<5} "
            f"{r.treatment:<15} {cost_now:>12} {cost_scen:>12}"
        )
    lines += _totals(result.totals, lang)
    if result.assumptions:
        lines.append("")
        lines.append("Aangenomen (niet opgegeven):" if nl else "Assumed (not given):")
        for a in result.assumptions:
            value = fmt_number(a.value, 2, lang) if isinstance(a.value, float) else a.value
            lines.append(f"  - {a.field} = {value}: {a.explanation}")
    lines.append("")
    lines.append("n.g. = niet gekwantificeerd" if nl else "n.g. = not quantified")
    return "\n".join(lines)


def _totals(t: dict[str, float], lang: Lang) -> list[str]:
    nl = lang == "nl"
    hours = "uur" if nl else "hours"
    reg_now = t["administrative_now_eur"] + t["substantive_now_eur"]
    reg_scen = t["administrative_scenario_eur"] + t["substantive_scenario_eur"]
    return [
        "",
        ("Totaal per jaar nu" if nl else "Total per year now")
        + f": {fmt_eur(t['cost_now_eur'], 0, lang)} ({fmt_number(t['hours_now'], 0, lang)} {hours})",
        ("Onder het scenario" if nl else "Under the scenario")
        + f": {fmt_eur(t['cost_scenario_eur'], 0, lang)} "
        f"({fmt_number(t['hours_scenario'], 0, lang)} {hours})",
        ("Besparing" if nl else "Saved")
        + f": {fmt_eur(t['saved_eur'], 0, lang)} per {'jaar' if nl else 'year'} "
        f"({fmt_number(t['saved_hours'], 0, lang)} {hours})",
        ("  waarvan regeldruk" if nl else "  of which regulatory burden")
        + f": {fmt_eur(reg_now, 0, lang)} → {fmt_eur(reg_scen, 0, lang)}; "
        + ("financiële lasten" if nl else "financial costs")
        + f": {fmt_eur(t['financial_now_eur'], 0, lang)} → "
        f"{fmt_eur(t['financial_scenario_eur'], 0, lang)}",
    ]
