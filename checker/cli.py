"""Command line: ``python -m checker`` (installed as ``drempelcheck``).

Exit codes: 0 success; 1 the catalogue has problems; 2 bad input (profile, arguments).
With ``--json`` exactly one JSON object goes to stdout; errors always go to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from checker import __version__
from checker.bilingual import Lang, pick
from checker.catalogue import validate
from checker.conditions import measures_used
from checker.i18n import fmt_eur, fmt_number, t, treatment_label, yes_no
from checker.profile import ProfileError, parse_profile
from checker.yaml_loading import loads_yaml

MAX_PROFILE_BYTES = 1_000_000


class UsageError(Exception):
    """Bad input that the user can fix; printed without a traceback, exit code 2."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 2
    except ProfileError as exc:
        print(f"ongeldig profiel: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="drempelcheck", description="Drempelcheck: regeldruk en drempels voor het mkb"
    )
    p.add_argument("--version", action="version", version=f"drempelcheck {__version__}")
    sub = p.add_subparsers()

    rules = sub.add_parser("rules", help="de regelcatalogus").add_subparsers()
    v = rules.add_parser("validate", help="controleer regel- en scenariobestanden")
    v.add_argument("dir", nargs="?", type=Path, help="map met regels (standaard: rules/)")
    v.set_defaults(func=cmd_rules_validate)
    ls = rules.add_parser("list", help="toon alle regels")
    ls.add_argument("--json", action="store_true")
    ls.add_argument("--lang", choices=["nl", "en"], default="nl")
    ls.set_defaults(func=cmd_rules_list)

    scen = sub.add_parser("scenarios", help="de voorstellen").add_subparsers()
    sl = scen.add_parser("list", help="toon alle scenario's")
    sl.add_argument("--json", action="store_true")
    sl.add_argument("--lang", choices=["nl", "en"], default="nl")
    sl.set_defaults(func=cmd_scenarios_list)

    c = sub.add_parser("check", help="toets één bedrijfsprofiel")
    _add_profile_args(c)
    c.add_argument("--json", action="store_true", help="één JSON-object op stdout")
    c.set_defaults(func=cmd_check)

    from checker import cli_extra

    cli_extra.register(sub, _add_profile_args)
    return p


def _add_profile_args(c: argparse.ArgumentParser) -> None:
    c.add_argument("profile", help="JSON- of YAML-bestand met het profiel, of '-' voor stdin")
    c.add_argument(
        "--scenario", default="metaalunie-25", help="scenario-id (standaard metaalunie-25)"
    )
    c.add_argument(
        "--threshold", type=float, help="zelfde scenario bij een andere drempel (bijv. 10 of 50)"
    )
    c.add_argument("--threshold-measure", help="andere maatstaf voor de drempel (bijv. fte)")
    c.add_argument("--date", help="peildatum JJJJ-MM-DD (standaard vandaag)")
    c.add_argument("--lang", choices=["nl", "en"], default="nl")


def parse_date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date: '{text}' is geen datum in de vorm JJJJ-MM-DD") from None


def read_profile_data(source: str) -> dict[str, Any]:
    if source == "-":
        text = sys.stdin.read(MAX_PROFILE_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise ProfileError("profile", f"bestand '{source}' niet gevonden")
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError("profile", "bestand is groter dan 1 MB")
        text = path.read_text(encoding="utf-8", errors="replace")
    if len(text) > MAX_PROFILE_BYTES:
        raise ProfileError("profile", "invoer is groter dan 1 MB")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = loads_yaml(text)
        except Exception as exc:
            raise ProfileError(
                "profile", f"geen geldige JSON of YAML ({str(exc).splitlines()[0]})"
            ) from None
    if not isinstance(data, dict):
        raise ProfileError("profile", 'verwacht een object met velden, zoals {"employees": 12}')
    return data


def scenario_id(args: argparse.Namespace) -> str:
    sid = str(args.scenario)
    if args.threshold is not None:
        if args.threshold < 0:
            raise UsageError("--threshold moet 0 of groter zijn")
        sid = f"{sid.split('@')[0]}@{args.threshold:g}"
        if args.threshold_measure:
            sid += f"@{args.threshold_measure}"
    elif args.threshold_measure:
        raise UsageError("--threshold-measure gaat samen met --threshold")
    return sid


def load_engine_and_scenario(args: argparse.Namespace) -> tuple[Any, Any]:
    from checker.api import load

    engine = load()
    try:
        scenario = engine.catalogue.scenario(scenario_id(args))
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    return engine, scenario


# ---------------------------------------------------------------------------------------------


def cmd_rules_validate(args: argparse.Namespace) -> int:
    catalogue, problems = validate(args.dir)
    errors = [p for p in problems if p.level == "error"]
    for problem in problems:
        print(problem, file=sys.stderr)
    if errors:
        print(f"{len(errors)} probleem/problemen gevonden", file=sys.stderr)
        return 1
    assert catalogue is not None
    counts = catalogue.basis_counts()
    print(
        f"OK: {len(catalogue.rules)} regels, {len(catalogue.definitions)} definities, "
        f"{len(catalogue.scenarios)} scenario's, {len(catalogue.omissions)} bewust weggelaten; "
        f"lastcijfers: {counts['sourced']} met bron, {counts['assumption']} aannames "
        f"(catalogusversie {catalogue.version_hash})"
    )
    return 0


def _catalogue() -> Any:
    from checker.api import load

    return load().catalogue


def cmd_rules_list(args: argparse.Namespace) -> int:
    cat = _catalogue()
    lang: Lang = args.lang
    defs = {k: v.condition for k, v in cat.definitions.items()}
    items = []
    for rule in cat.rules:
        items.append({
            "id": rule.id, "kind": rule.kind,
            "title": {"nl": rule.title.nl, "en": rule.title.en},
            "domain": rule.domain, "ministry": rule.ministry,
            "legal_basis": rule.legal_basis.model_dump(exclude_none=True),
            "eu_derived": rule.eu_derived,
            "valid_from": rule.valid_from.isoformat(),
            "valid_until": rule.valid_until.isoformat() if rule.valid_until else None,
            "confidence": rule.confidence.level,
            "measures": measures_used(rule.applies_when, defs),
        })  # fmt: skip
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    for it in items:
        until = it["valid_until"] or "…"
        print(
            f"{it['id']:<40} {it['domain']:<18} {it['valid_from']}–{until:<10} {', '.join(it['measures'])}"
        )
        print(
            f"    {it['title'][lang]} — {it['legal_basis']['law']} {it['legal_basis']['article']}"
        )
        print(f"    {it['legal_basis']['url']}")
    print(t("cli.rules.count", lang, count=len(items)))
    return 0


def cmd_scenarios_list(args: argparse.Namespace) -> int:
    cat = _catalogue()
    lang: Lang = args.lang
    items = [
        {
            "id": s.id,
            "title": {"nl": s.title.nl, "en": s.title.en},
            "variant": s.variant,
            "family": s.family,
            "threshold": s.threshold.model_dump(),
            "scope": s.scope.model_dump(),
            "default_treatment": s.default_treatment,
            "treatments": {rid: rt.treatment for rid, rt in s.treatments.items()},
        }
        for s in cat.scenarios.values()
    ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    for it, s in zip(items, cat.scenarios.values(), strict=True):
        print(f"{it['id']:<32} {s.threshold.measure} {s.threshold.describe()}  ({it['variant']})")
        print(f"    {pick(s.title, lang)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from checker.api import check

    profile = parse_profile(read_profile_data(args.profile))
    date = parse_date(args.date)
    engine, scenario = load_engine_and_scenario(args)
    result = check(profile, scenario, date, lang=args.lang, engine=engine)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    print(render_table(result))
    return 0


def render_table(result: Any) -> str:
    lang: Lang = result.lang
    lines = []
    scen = result.scenario
    title = pick(scen.title, lang) if scen else "-"
    name = result.profile.name or t("common.unnamed_firm", lang)
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
    lines.append(
        f"{head[0]:<42} {head[1]:<4} {head[2]:<5} {head[3]:<20} {head[4]:>12} {head[5]:>12}"
    )
    short = t("common.not_quantified_short", lang)
    for r in sorted(result.rules, key=lambda x: (not x.applies_now, -x.cost_now_eur, x.rule.id)):
        cost_now = fmt_eur(r.cost_now_eur, lang) if r.rule.activities else short
        cost_scen = fmt_eur(r.cost_scenario_eur, lang) if r.rule.activities else short
        now, under = yes_no(r.applies_now, lang), yes_no(r.applies_scenario, lang)
        lines.append(
            f"{r.rule.id[:42]:<42} {now:<4} {under:<5} "
            f"{treatment_label(r.treatment, lang):<20} {cost_now:>12} {cost_scen:>12}"
        )
    tot = result.totals

    def amount_hours(cost: str, hours: str) -> str:
        return t(
            "cli.check.amount_hours",
            lang,
            amount=fmt_eur(tot[cost], lang),
            hours=fmt_number(tot[hours], lang),
        )

    lines.append("")
    lines.append(t("cli.check.total_now", lang, value=amount_hours("cost_now_eur", "hours_now")))
    lines.append(
        t("cli.check.total_scen", lang, value=amount_hours("cost_scenario_eur", "hours_scenario"))
    )
    lines.append(t("cli.check.saved", lang, value=amount_hours("saved_eur", "saved_hours")))
    reg_now = tot["administrative_now_eur"] + tot["substantive_now_eur"]
    reg_scen = tot["administrative_scenario_eur"] + tot["substantive_scenario_eur"]
    lines.append(
        "  "
        + t(
            "cli.check.split",
            lang,
            regulatory=t("cost.regulatory", lang),
            regulatory_now=fmt_eur(reg_now, lang),
            regulatory_scen=fmt_eur(reg_scen, lang),
            financial=t("cost.financial", lang),
            financial_now=fmt_eur(tot["financial_now_eur"], lang),
            financial_scen=fmt_eur(tot["financial_scenario_eur"], lang),
        )
    )
    if result.assumptions:
        lines.append("")
        lines.append(t("cli.check.assumed", lang))
        for a in result.assumptions:
            value = fmt_number(a.value, lang, decimals=2) if isinstance(a.value, float) else a.value
            lines.append(f"  - {a.field} = {value}: {a.explanation}")
    lines.append("")
    lines.append(t("cli.check.legend", lang, short=short))
    return "\n".join(lines)
