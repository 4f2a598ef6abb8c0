"""``drempelcheck population | sweep | batch``: policy modelling from the command line.

Each subcommand prints a readable Dutch/English summary, or exactly one JSON object with
``--json``; ``--xlsx PATH`` writes the population workbook when :mod:`checker.export` is
available.  Exit codes follow :mod:`checker.cli`: 0 ok, 1 catalogue problem, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from checker.i18n import column_label, fmt_eur, fmt_number, t


def register(sub: Any, add_profile_args: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the population, sweep and batch subcommands (``add_profile_args`` is unused)."""

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--scenario", default="metaalunie-25", help="scenario-id (standaard metaalunie-25)"
        )
        p.add_argument("--date", help="peildatum JJJJ-MM-DD (standaard vandaag)")
        p.add_argument("--lang", choices=["nl", "en"], default="nl")
        p.add_argument("--json", action="store_true", help="één JSON-object op stdout")
        p.add_argument("--xlsx", type=Path, help="schrijf ook een Excel-werkmap naar dit pad")

    def pop_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--population", default="nl",
                       help="'nl', 'section:C', 'division:245 Metaalgieterijen' of een CBS-CSV "
                            "(81588NED/81589NED) van StatLine")  # fmt: skip
        p.add_argument("--share-20-49-le-25", type=float, dest="share25",
                       help="aandeel van de klasse 20–49 werkzame personen met ten hoogste 25 (0–1)")  # fmt: skip
        p.add_argument("--seed", type=int, help="seed van de synthetische populatie")

    p = sub.add_parser("population", help="regeldruk en besparing voor een bedrijvenpopulatie")
    pop_args(p)
    common(p)
    p.add_argument(
        "--range", action="store_true", help="ook de bandbreedte over de scenariovarianten"
    )
    p.set_defaults(func=cmd_population)

    s = sub.add_parser("sweep", help="hetzelfde voorstel bij drempels 5…50")
    pop_args(s)
    common(s)
    s.add_argument("--from", dest="t_from", type=int, default=5)
    s.add_argument("--to", dest="t_to", type=int, default=50)
    s.add_argument("--bunching", type=float, default=0.0,
                   help="what-if: aandeel bedrijven net boven de drempel dat op de drempel blijft (0–1)")  # fmt: skip
    s.add_argument(
        "--bunching-window",
        type=int,
        default=5,
        help="'net boven' = tot zoveel werknemers boven de drempel",
    )
    s.set_defaults(func=cmd_sweep)

    b = sub.add_parser("batch", help="ledenbestand (CSV/XLSX) doorrekenen",
                       description="Kolommen (NL/EN): naam/name, werknemers/employees, fte, "
                       "rechtsvorm/legal_form, sbi/sector_sbi, omzet/turnover_eur, "
                       "balanstotaal/balance_total_eur, loonsom/wage_bill_eur, en alle profielvelden.")  # fmt: skip
    b.add_argument("file", type=Path, help="CSV of XLSX met één bedrijf per rij")
    common(b)
    b.set_defaults(func=cmd_batch)


def _engine_scenario(args: argparse.Namespace) -> tuple[Any, Any]:
    from checker.api import load
    from checker.cli import UsageError

    engine = load()
    try:
        scenario = engine.catalogue.scenario(str(args.scenario))
    except KeyError as exc:
        raise UsageError(f"--scenario: {exc.args[0]}") from None
    return engine, scenario


def _population(args: argparse.Namespace, engine: Any) -> Any:
    from checker.cli import UsageError
    from checker.population import CbsFormatError, CountsError, build_population

    if args.share25 is not None and not 0 <= args.share25 <= 1:
        raise UsageError("--share-20-49-le-25 moet tussen 0 en 1 liggen")
    try:
        return build_population(
            args.population, engine, seed=args.seed, share_20_49_at_most_25=args.share25
        )
    except (CbsFormatError, CountsError, ValueError) as exc:
        raise UsageError(f"--population: {exc}") from None


def _guard(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from checker.catalogue import CatalogueError

        try:
            return func(args)
        except CatalogueError as exc:
            print(f"fout: de regelcatalogus is ongeldig:\n{exc}", file=sys.stderr)
            return 1

    return run


def _xlsx(args: argparse.Namespace, wb_args: Any) -> None:
    """Write the workbook built from ``wb_args`` (a :class:`WorkbookArgs`) to ``--xlsx``."""
    if not args.xlsx:
        return
    try:
        import checker.export  # noqa: F401  (probe: the export module is optional)
    except ImportError:
        print(t("cli.xlsx.unavailable", args.lang), file=sys.stderr)
        return
    data = wb_args.to_bytes(args.lang)
    args.xlsx.write_bytes(data)
    if not args.json:
        print(t("cli.xlsx.written", args.lang, path=args.xlsx))


@_guard
def cmd_population(args: argparse.Namespace) -> int:
    from checker.cli import parse_date
    from checker.population import evaluate_population, scenario_range

    engine, scenario = _engine_scenario(args)
    date = parse_date(args.date)
    pop = _population(args, engine)
    res = evaluate_population(pop, engine, scenario, date)
    out = res.to_json()
    if args.range:
        out["range"] = (
            scenario_range(pop, engine, scenario, date).round(2).to_dict(orient="records")
        )
    if args.xlsx:
        from checker.population.workbook_args import population_args

        _xlsx(args, population_args(res, engine=engine))
    if args.json:
        print(json.dumps(out, ensure_ascii=False, default=str))
        return 0
    lang = args.lang
    tot = res.totals
    print(f"{pop.label} — {scenario.id}")
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
    for row in res.by_size_class.itertuples(index=False):
        firms, saved = float(cast(float, row.firms)), float(cast(float, row.saved_eur))
        print(f"  {row.size_class:>8}: {fmt_number(firms, lang):>12} {fmt_eur(saved, lang):>18}")
    if args.range:
        for r in out["range"]:
            print(f"  {r['variant']}: {fmt_eur(r['saved_eur'], lang)}")
    return 0


@_guard
def cmd_sweep(args: argparse.Namespace) -> int:
    from checker.cli import UsageError, parse_date
    from checker.population import sweep

    if args.t_from < 0 or args.t_to < args.t_from or args.t_to - args.t_from > 1000:
        raise UsageError("--from/--to: verwacht 0 ≤ from ≤ to en hoogstens 1000 stappen")
    if not 0 <= args.bunching <= 1:
        raise UsageError("--bunching moet tussen 0 en 1 liggen")
    if args.bunching_window < 1:
        raise UsageError("--bunching-window moet ten minste 1 zijn")
    engine, scenario = _engine_scenario(args)
    date = parse_date(args.date)
    pop = _population(args, engine)
    res = sweep(pop, engine, scenario, range(args.t_from, args.t_to + 1), date,
                bunching_share=args.bunching, bunching_window=args.bunching_window)  # fmt: skip
    if args.xlsx:
        from checker.population.workbook_args import sweep_args

        _xlsx(args, sweep_args(pop, engine, res, date))
    if args.json:
        print(json.dumps(res.to_json(), ensure_ascii=False, default=str))
        return 0
    lang = args.lang
    print(f"{pop.label} — {scenario.id}")
    for r in res.table.itertuples(index=False):
        mark = " ◀" if r.threshold == res.current_threshold else ""
        reached = float(cast(float, r.firms_reached))
        saved, cliff = float(cast(float, r.saved_eur)), float(cast(float, r.cliff_eur))
        print(
            f"{r.threshold:>4} {fmt_number(reached, lang):>12} "
            f"{fmt_eur(saved, lang):>18} {fmt_eur(cliff, lang):>12}{mark}"
        )
    return 0


@_guard
def cmd_batch(args: argparse.Namespace) -> int:
    from checker.cli import UsageError, parse_date
    from checker.population import BatchFileError, run_batch

    path: Path = args.file
    if not path.is_file():
        raise UsageError(f"bestand '{path}' niet gevonden")
    engine, scenario = _engine_scenario(args)
    date = parse_date(args.date)
    try:
        res = run_batch(path.read_bytes(), path.name, engine, scenario, date)
    except BatchFileError as exc:
        raise UsageError(f"{path.name}: {exc}") from None
    if args.xlsx:
        from checker.population.workbook_args import batch_args

        wb_args = batch_args(res, engine, path.name)
        if wb_args is not None:
            _xlsx(args, wb_args)
    if args.json:
        print(json.dumps(res.to_json(), ensure_ascii=False, default=str))
        return 0
    lang = args.lang
    for e in res.input.errors:
        print(
            t("cli.batch.error", lang, row=e.row, column=e.column, message=e.message),
            file=sys.stderr,
        )
    tot = res.totals
    valid = f"{len(res.input.profiles)} / {res.input.total_rows}"
    print(t("cli.line", lang, label=t("page.members.metric.valid_rows", lang), value=valid))
    reached = fmt_number(tot["firms_reached"], lang)
    print(t("cli.line", lang, label=column_label("reached", lang), value=reached))
    saved = fmt_eur(tot["saved_eur"], lang)
    print(t("cli.line", lang, label=t("metric.saved_per_year", lang), value=saved))
    return 0
