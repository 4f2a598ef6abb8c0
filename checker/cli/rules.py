"""``drempelcheck rules validate [DIR]`` and ``rules list``: the rule catalogue."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from checker.catalogue import validate
from checker.cli.common import UsageError, add_common, lang_of, load_engine, say, terminal
from checker.conditions import measures_used
from checker.i18n import t
from checker.profile import printable


def register(sub: Any) -> None:
    rules = sub.add_parser("rules", help="de regelcatalogus").add_subparsers()
    v = rules.add_parser("validate", help="controleer regel- en scenariobestanden")
    v.add_argument("dir", nargs="?", type=Path, help="map met regels (standaard: rules/)")
    add_common(v, json_flag=False)
    v.set_defaults(func=cmd_validate)
    ls = rules.add_parser("list", help="toon alle regels")
    add_common(ls)
    ls.set_defaults(func=cmd_list)


def _rule_files(directory: Path) -> list[Path]:
    return [p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 with a count line; 1 listing every problem; a directory without rules is 1."""
    directory: Path | None = args.dir
    if directory is not None:
        shown = printable(directory, 80)
        if not directory.is_dir():
            raise UsageError(f"map '{shown}' bestaat niet", f"folder '{shown}' does not exist")
        if not _rule_files(directory):
            print(
                say(
                    args,
                    f"fout: map '{shown}' bevat geen regelbestanden (*.yaml); er is "
                    "niets te controleren",
                    f"error: folder '{shown}' contains no rule files (*.yaml); there is "
                    "nothing to check",
                ),
                file=sys.stderr,
            )
            return 1
    catalogue, problems = validate(directory)
    errors = [p for p in problems if p.level == "error"]
    for problem in problems:  # warnings are listed too, but do not fail the catalogue
        print(terminal(problem), file=sys.stderr)
    if errors:
        print(
            say(
                args,
                f"{len(errors)} probleem/problemen gevonden",
                f"{len(errors)} problem(s) found",
            ),
            file=sys.stderr,
        )
        return 1
    assert catalogue is not None
    if not catalogue.rules:
        print(
            say(args, "fout: de catalogus bevat geen regels", "error: the catalogue has no rules"),
            file=sys.stderr,
        )
        return 1
    counts = catalogue.basis_counts()
    print(
        t(
            "cli.rules.valid",
            lang_of(args),
            rules=len(catalogue.rules),
            definitions=len(catalogue.definitions),
            proposals=len(catalogue.scenarios),
            omissions=len(catalogue.omissions),
            sourced=counts["sourced"],
            assumed=counts["assumption"],
            version=catalogue.version_hash,
        )
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    cat = load_engine().catalogue
    lang = lang_of(args)
    defs = {k: v.condition for k, v in cat.definitions.items()}
    items = []
    for rule in cat.rules:
        items.append(
            {
                "id": rule.id,
                "kind": rule.kind,
                "title": {"nl": rule.title.nl, "en": rule.title.en},
                "domain": rule.domain,
                "ministry": rule.ministry,
                "legal_basis": rule.legal_basis.model_dump(exclude_none=True),
                "eu_derived": rule.eu_derived,
                "valid_from": rule.valid_from.isoformat(),
                "valid_until": rule.valid_until.isoformat() if rule.valid_until else None,
                "confidence": rule.confidence.level,
                "measures": measures_used(rule.applies_when, defs),
            }
        )
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    for it in items:
        until = it["valid_until"] or "…"
        print(
            f"{it['id']:<40} {it['domain']:<18} {it['valid_from']}–{until:<10} "
            f"{', '.join(it['measures'])}"
        )
        print(
            f"    {it['title'][lang]} — {it['legal_basis']['law']} {it['legal_basis']['article']}"
        )
        print(f"    {it['legal_basis']['url']}")
    print(t("cli.rules.count", lang_of(args), count=len(items)))
    return 0
