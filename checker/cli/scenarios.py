"""``drempelcheck scenarios list``: the proposals in the catalogue."""

from __future__ import annotations

import argparse
import json
from typing import Any

from checker.bilingual import pick
from checker.cli.common import add_common, lang_of, load_engine


def register(sub: Any) -> None:
    scen = sub.add_parser("scenarios", help="de voorstellen").add_subparsers()
    sl = scen.add_parser("list", help="toon alle scenario's")
    add_common(sl)
    sl.set_defaults(func=cmd_list)


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
    for it, s in zip(items, cat.scenarios.values(), strict=True):
        print(f"{it['id']:<32} {s.threshold.measure} {s.threshold.describe()}  ({it['variant']})")
        print(f"    {pick(s.title, lang_of(args))}")
    return 0
