"""``drempelcheck scenarios list|validate FILE``: the proposals in the catalogue, and a check of
a proposal file written by a user (the same YAML format as ``rules/scenarios/*.yaml``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from checker.bilingual import Lang, pick
from checker.cli.common import add_common, lang_of, load_engine, read_proposal_file, terminal
from checker.i18n import t
from checker.measures import MEASURES


def register(sub: Any) -> None:
    scen = sub.add_parser("scenarios", help="de voorstellen").add_subparsers()
    sl = scen.add_parser("list", help="toon alle scenario's")
    add_common(sl)
    sl.set_defaults(func=cmd_list)
    sv = scen.add_parser("validate", help="controleer een voorstelbestand (YAML)")
    sv.add_argument("file", help="voorstelbestand, bijv. mijn-voorstel.yaml")
    add_common(sv)
    sv.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 with a summary line (warnings listed); 2 with every problem when it is invalid."""
    from checker.proposal_io import load_proposal_file

    engine = load_engine()
    proposal = read_proposal_file(args.file, engine, None)
    lang = lang_of(args)
    warnings = load_proposal_file(Path(args.file), engine.catalogue).warnings
    for problem in warnings:
        print(terminal(problem.text(lang)), file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                {
                    "id": proposal.id,
                    "valid": True,
                    "warnings": [p.text(lang) for p in warnings],
                    "proposal": proposal.model_dump(mode="json", by_alias=True, exclude_none=True),
                },
                ensure_ascii=False,
            )
        )
        return 0
    th = proposal.threshold
    print(
        t(
            "cli.scenarios.valid",
            lang,
            id=terminal(proposal.id),
            title=terminal(pick(proposal.title, lang)),
            threshold=f"{measure_words(th.measure, lang)} {th.describe(lang)}",
        )
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    cat = load_engine().catalogue
    items = [
        {
            "id": s.id,
            "title": {"nl": s.title.nl, "en": s.title.en},
            "variant": s.variant,
            "family": s.family,
            "threshold": s.threshold.model_dump(),
            "scope": s.scope.model_dump(),
            "default_treatment": s.default_treatment,
            "treatments": {rid: t.treatment for rid, t in s.treatments.items()},
        }
        for s in cat.scenarios.values()
    ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    lang = lang_of(args)
    for it, s in zip(items, cat.scenarios.values(), strict=True):
        threshold = f"{measure_words(s.threshold.measure, lang)} {s.threshold.describe(lang)}"
        print(f"{it['id']:<32} {threshold}  ({it['variant']})")
        print(f"    {pick(s.title, lang)}")
    return 0


def measure_words(measure: str, lang: Lang) -> str:
    """A threshold's measure as a reader says it ('werknemers (in de regel)'), not its id."""
    found = MEASURES.get(measure)
    return pick(found.label, lang) if found is not None else measure
