"""Command line: ``python -m checker`` (installed as ``drempelcheck``).

One module per command group: :mod:`~checker.cli.rules` (validate, list),
:mod:`~checker.cli.scenarios` (list), :mod:`~checker.cli.check` (one firm),
:mod:`~checker.cli.population` (population, sweep, batch) and :mod:`~checker.cli.export`
(the firm workbook or report) and :mod:`~checker.cli.compare` (proposals side by side);
:mod:`~checker.cli.common` holds what they share.

Exit codes: 0 success; 1 the catalogue has problems; 2 bad input (profile, file, argument);
3 an internal error.  Every failure prints one message on stderr — Dutch by default, English
with ``--lang en`` — and never a traceback (set ``DREMPELCHECK_DEBUG=1`` to see one).  With
``--json`` exactly one JSON object goes to stdout.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import NoReturn

from checker import __version__
from checker.bilingual import BilingualError
from checker.catalogue import CatalogueError
from checker.cli import check, compare, export, population, rules, scenarios

MAX_PROBLEMS_SHOWN = 30

# argparse's own messages, in Dutch (the English originals are kept for --lang en).
_ARGPARSE_NL: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"deze argumenten ontbreken: \1"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"argument \1: ongeldige keuze \2 (kies uit \3)",
    ),
    (r"argument (\S+): expected one argument", r"argument \1: verwacht één waarde"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argument \1: ongeldige waarde \3"),
)


def _lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "nl"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "nl"
    return "nl"


class _Parser(argparse.ArgumentParser):
    """argparse with its error messages in the user's language (exit 2, no traceback)."""

    lang = "nl"

    def error(self, message: str) -> NoReturn:
        if self.lang == "nl":
            for pattern, dutch in _ARGPARSE_NL:
                message = re.sub(pattern, dutch, message)
        self.print_usage(sys.stderr)
        prefix = "fout" if self.lang == "nl" else "error"
        self.exit(2, f"{self.prog}: {prefix}: {message}\n")


def build_parser(lang: str = "nl") -> argparse.ArgumentParser:
    _Parser.lang = lang
    p = _Parser(prog="drempelcheck", description="Drempelcheck: regeldruk en drempels voor het mkb")
    p.add_argument("--version", action="version", version=f"drempelcheck {__version__}")
    sub = p.add_subparsers(parser_class=_Parser)
    rules.register(sub)
    scenarios.register(sub)
    check.register(sub)
    population.register(sub)
    export.register(sub)
    compare.register(sub)
    return p


def _print_catalogue_error(exc: CatalogueError, lang: str) -> None:
    head = (
        "fout: de regelcatalogus is ongeldig; er kan niet worden gerekend:"
        if lang == "nl"
        else "error: the rule catalogue is invalid; nothing can be computed:"
    )
    print(head, file=sys.stderr)
    for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
        print(f"  {problem}", file=sys.stderr)
    more = len(exc.problems) - MAX_PROBLEMS_SHOWN
    if more > 0:
        print(f"  … en nog {more}" if lang == "nl" else f"  … and {more} more", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(argv)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    return _run(args, lang)


def _run(args: argparse.Namespace, lang: str) -> int:
    """Run the command; every failure becomes one message on stderr and an exit code."""
    prefix = "fout" if lang == "nl" else "error"
    try:
        return int(args.func(args))
    except BilingualError as exc:  # usage, input, profile, date: the user can fix it
        print(f"{prefix}: {exc.text(lang)}", file=sys.stderr)
        return 2
    except CatalogueError as exc:
        _print_catalogue_error(exc, lang)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except MemoryError:
        too_big = (
            "de invoer is te groot om te verwerken"
            if lang == "nl"
            else "the input is too large to process"
        )
        print(f"{prefix}: {too_big}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: say so plainly; the details are for the maintainer
        if os.environ.get("DREMPELCHECK_DEBUG") == "1":
            raise
        _print_internal_error(exc, lang)
        return 3


def _print_internal_error(exc: Exception, lang: str) -> None:
    kind = type(exc).__name__
    print(
        f"interne fout ({kind}); meld dit met de opdracht die u gaf "
        "(DREMPELCHECK_DEBUG=1 toont de details)"
        if lang == "nl"
        else f"internal error ({kind}); please report it with the command you gave "
        "(DREMPELCHECK_DEBUG=1 shows the details)",
        file=sys.stderr,
    )


__all__ = ["build_parser", "main"]
