"""``drempelcheck population | sweep | batch``: policy modelling from the command line.

Each subcommand prints a readable Dutch/English summary, or exactly one JSON object with
``--json``; ``--xlsx PATH`` also writes the population workbook (the path is checked before
anything is computed).  What the readers noticed — a CBS class derived from the total, a
member's legal form that was not recognised — goes to stderr, and into the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, cast

from checker.cli.common import (
    UsageError,
    add_common,
    lang_of,
    load_engine,
    parse_date,
    path_arg,
    scenario_for,
    terminal,
    transferred_line,
    write_bytes,
)
from checker.i18n import column_label, fmt_eur, fmt_number, t
from checker.profile import printable
from checker.scenario_model import DEFAULT_SCENARIO


def register(sub: Any) -> None:
    """Add the population, sweep and batch subcommands."""
    p = sub.add_parser("population", help="regeldruk en besparing voor een bedrijvenpopulatie")
    _population_args(p)
    _common(p)
    p.add_argument(
        "--range", action="store_true", help="ook de bandbreedte over de scenariovarianten"
    )
    p.set_defaults(func=cmd_population)

    s = sub.add_parser("sweep", help="hetzelfde voorstel bij drempels 5…50")
    _population_args(s)
    _common(s)
    s.add_argument("--from", dest="t_from", type=int, default=5)
    s.add_argument("--to", dest="t_to", type=int, default=50)
    s.add_argument(
        "--bunching",
        type=float,
        default=0.0,
        help="what-if: aandeel bedrijven net boven de drempel dat op de drempel blijft (0–1)",
    )
    s.add_argument(
        "--bunching-window",
        type=int,
        default=5,
        help="'net boven' = tot zoveel werknemers boven de drempel",
    )
    s.set_defaults(func=cmd_sweep)

    b = sub.add_parser(
        "batch",
        help="ledenbestand (CSV/XLSX) doorrekenen",
        description="Kolommen (NL/EN): naam/name, werknemers/employees, fte, "
        "rechtsvorm/legal_form, sbi/sector_sbi, omzet/turnover_eur, "
        "balanstotaal/balance_total_eur, loonsom/wage_bill_eur, en alle profielvelden.",
    )
    b.add_argument("file", type=Path, help="CSV of XLSX met één bedrijf per rij")
    _common(b)
    b.set_defaults(func=cmd_batch)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenario", default=DEFAULT_SCENARIO, help=f"voorstel-id (standaard {DEFAULT_SCENARIO})"
    )
    p.add_argument("--date", help="peildatum JJJJ-MM-DD (standaard vandaag)")
    add_common(p)
    p.add_argument("--xlsx", type=Path, help="schrijf ook een Excel-werkmap naar dit pad")


def _population_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--population",
        default="nl",
        help="'nl', 'metaal' (schatting), 'section:C', 'division:245 Metaalgieterijen' of een CBS-CSV "
        "(81588NED/81589NED) van StatLine",
    )
    p.add_argument(
        "--split-share",
        type=float,
        help="aandeel (0–1) van de CBS-klasse met de drempel van het voorstel dat op of onder "
        "de drempel ligt (standaard: de Pareto-verdeling binnen de klasse)",
    )
    p.add_argument(
        "--split-at",
        type=int,
        help="splits die klasse bij dit aantal werkzame personen (standaard: de drempel van "
        "het voorstel)",
    )
    p.add_argument("--seed", type=int, help="seed van de synthetische populatie")


def _population(args: argparse.Namespace, engine: Any, scenario: Any, date: Any = None) -> Any:
    """The population, with the CBS class holding the proposal's threshold split there."""
    from checker.population import CbsFormatError, CountsError, build_population, split_at_for

    if args.split_share is not None and not 0 <= args.split_share <= 1:
        raise UsageError(
            "--split-share moet tussen 0 en 1 liggen", "--split-share must be between 0 and 1"
        )
    if args.split_at is not None and not 0 <= args.split_at <= 1_000_000:
        raise UsageError(
            "--split-at moet tussen 0 en 1.000.000 liggen",
            "--split-at must be between 0 and 1,000,000",
        )
    split_at = args.split_at
    if split_at is None and scenario is not None:
        split_at = split_at_for(scenario.threshold_on(date) if date else scenario.threshold)
    if args.split_share is not None and split_at is None:
        raise UsageError(
            "--split-share: dit voorstel heeft geen drempel in personen; geef --split-at",
            "--split-share: this proposal has no headcount threshold; give --split-at",
        )
    try:
        return build_population(
            args.population,
            engine,
            seed=args.seed,
            split_at=split_at,
            split_share=args.split_share,
        )
    except (CbsFormatError, CountsError) as exc:
        raise UsageError(f"--population: {exc.nl}", f"--population: {exc.en}") from None
    except ValueError as exc:
        raise UsageError(f"--population: {printable(exc, 300)}") from None


def _prepare(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """Output path, date, engine and scenario, checked before any computing."""
    if args.xlsx is not None:
        path_arg(args.xlsx, "--xlsx", ".xlsx")
    date = parse_date(args.date)
    engine = load_engine()
    return date, engine, scenario_for(args, engine)


def _xlsx(args: argparse.Namespace, wb_args: Any) -> None:
    """Write the workbook built from ``wb_args`` (a :class:`WorkbookArgs`) to ``--xlsx``."""
    if not args.xlsx:
        return
    write_bytes(args.xlsx, wb_args.to_bytes(args.lang), "--xlsx")
    if not args.json:
        print(t("cli.xlsx.written", lang_of(args), path=args.xlsx))


def _notes(args: argparse.Namespace, notes: list[Any]) -> None:
    lang = lang_of(args)
    for note in notes:
        print(terminal(t("cli.note", lang, message=note.text(lang))), file=sys.stderr)


def cmd_population(args: argparse.Namespace) -> int:
    from checker.population import evaluate_population, scenario_range

    date, engine, scenario = _prepare(args)
    pop = _population(args, engine, scenario, date)
    res = evaluate_population(pop, engine, scenario, date)
    out = res.to_json()
    warnings = pop.extra.get("warnings", [])
    out["warnings"] = [{"nl": w.nl, "en": w.en} for w in warnings]
    if args.range:
        out["range"] = (
            scenario_range(pop, engine, scenario, date).round(2).to_dict(orient="records")
        )
    if args.xlsx:
        from checker.population.workbook_args import population_args

        _xlsx(args, population_args(res))
    _notes(args, warnings)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, default=str))
        return 0
    lang = lang_of(args)
    tot = res.totals
    print(terminal(f"{pop.label} — {scenario.id}"))
    print(t("cli.line", lang, label=t("metric.firms", lang), value=fmt_number(tot["firms"], lang)))
    reached = fmt_number(tot["firms_reached"], lang)
    print(t("cli.line", lang, label=t("metric.reached", lang), value=reached))
    cost_now, cost_scen = fmt_eur(tot["cost_now"], lang), fmt_eur(tot["cost_scen"], lang)
    print(t("cli.line", lang, label=t("cli.population.cost_now", lang), value=cost_now))
    print(t("cli.line", lang, label=t("cli.population.cost_scen", lang), value=cost_scen))
    saving = t(
        "cli.check.amount_hours",
        lang,
        amount=fmt_eur(tot["saved_eur"], lang),
        hours=fmt_number(tot["saved_hours"], lang),
    )
    print(t("cli.check.saved", lang, value=saving))
    for line in transferred_line(tot["transferred"], res.evaluation.transfer_targets(), lang):
        print(line)
    print(t("cli.population.by_class", lang))
    for row in res.by_size_class.itertuples(index=False):
        firms, saved = float(cast(float, row.firms)), float(cast(float, row.saved_eur))
        print(f"  {row.size_class:>8}: {fmt_number(firms, lang):>12} {fmt_eur(saved, lang):>18}")
    if args.range:
        for r in out["range"]:
            print(f"  {r['variant']}: {fmt_eur(r['saved_eur'], lang)}")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from checker.population import sweep

    if args.t_from < 1 or args.t_to < args.t_from or args.t_to - args.t_from > 1000:
        raise UsageError(
            "--from/--to: verwacht 1 ≤ from ≤ to en hoogstens 1000 stappen",
            "--from/--to: expected 1 ≤ from ≤ to and at most 1000 steps",
        )
    if not 0 <= args.bunching <= 1:
        raise UsageError(
            "--bunching moet tussen 0 en 1 liggen", "--bunching must be between 0 and 1"
        )
    if args.bunching_window < 1:
        raise UsageError(
            "--bunching-window moet ten minste 1 zijn", "--bunching-window must be at least 1"
        )
    date, engine, scenario = _prepare(args)
    pop = _population(args, engine, scenario, date)
    res = sweep(
        pop,
        engine,
        scenario,
        range(args.t_from, args.t_to + 1),
        date,
        bunching_share=args.bunching,
        bunching_window=args.bunching_window,
    )
    if args.xlsx:
        from checker.population.workbook_args import sweep_args

        _xlsx(args, sweep_args(pop, engine, res, date))
    _notes(args, pop.extra.get("warnings", []))
    if args.json:
        print(json.dumps(res.to_json(), ensure_ascii=False, default=str))
        return 0
    lang = lang_of(args)
    print(terminal(f"{pop.label} — {scenario.id}"))
    for r in res.table.itertuples(index=False):
        mark = " ◀" if r.threshold == res.current_threshold else ""
        reached = float(cast(float, r.firms_reached))
        saved, cliff = float(cast(float, r.saved_eur)), float(cast(float, r.cliff_eur))
        print(
            f"{r.threshold:>4} {fmt_number(reached, lang):>12} "
            f"{fmt_eur(saved, lang):>18} {fmt_eur(cliff, lang):>12}{mark}"
        )
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from checker.population import BatchFileError, run_batch

    path: Path = args.file
    shown = printable(path, 80)
    if len(str(path)) > 1000 or not path.is_file():
        raise UsageError(f"bestand '{shown}' niet gevonden", f"file '{shown}' not found")
    date, engine, scenario = _prepare(args)
    try:
        res = run_batch(path.read_bytes(), path.name, engine, scenario, date)
    except BatchFileError as exc:
        raise UsageError(f"{shown}: {exc.nl}", f"{shown}: {exc.en}") from None
    if args.xlsx:
        from checker.population.workbook_args import batch_args

        wb_args = batch_args(res, engine, path.name, lang_of(args))
        if wb_args is not None:
            _xlsx(args, wb_args)
    lang = lang_of(args)
    _notes(args, res.input.notices)
    for e in res.input.errors:
        line = t("cli.batch.error", lang, row=e.row, column=e.column, message=e.text(lang))
        print(terminal(line), file=sys.stderr)
    for w in res.input.warnings:
        line = t("cli.batch.warning", lang, row=w.row, column=w.column, message=w.text(lang))
        print(terminal(line), file=sys.stderr)
    if args.json:
        print(json.dumps(res.to_json(), ensure_ascii=False, default=str))
        return 0
    tot = res.totals
    valid = f"{len(res.input.profiles)} / {res.input.total_rows}"
    print(t("cli.line", lang, label=t("page.members.metric.valid_rows", lang), value=valid))
    reached = fmt_number(tot["firms_reached"], lang)
    print(t("cli.line", lang, label=column_label("reached", lang), value=reached))
    saved = fmt_eur(tot["saved_eur"], lang)
    print(t("cli.line", lang, label=t("metric.saved_per_year", lang), value=saved))
    return 0
