"""What every command shares: messages in the user's language, profile input, date, scenario.

The contract of the command line: exit 0 on success, 1 when the rule catalogue has problems,
2 for bad input (a profile, a file, an argument), each with a message on stderr in Dutch (or
English with ``--lang en``) and never a traceback; 3 is an internal error (a bug), also
without a traceback unless ``DREMPELCHECK_DEBUG=1``.  The helpers here raise
:class:`UsageError` (exit 2) with both texts; :mod:`checker.cli` prints the right one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.bilingual import BilingualError, Lang, Text
from checker.i18n import fmt_eur, t
from checker.i18n.vocabulary import transfer_words
from checker.measures import MEASURES
from checker.parsing.errors import InputError
from checker.parsing.numbers import parse_number
from checker.parsing.profile_text import MAX_PROFILE_BYTES, decode_text, load_profile_text
from checker.period import check_covered
from checker.profile import printable
from checker.scenario_model import DEFAULT_SCENARIO, MAX_THRESHOLD

MAX_PATH_CHARS = 1_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class UsageError(BilingualError):
    """Bad input that the user can fix; printed without a traceback, exit code 2."""


def lang_of(args: argparse.Namespace) -> Lang:
    return "en" if getattr(args, "lang", "nl") == "en" else "nl"


def say(args: argparse.Namespace, nl: str, en: str) -> str:
    return nl if lang_of(args) == "nl" else en


def terminal(text: Any) -> str:
    """Text for a terminal: control characters (escape sequences, bidi overrides) removed."""
    return _CONTROL.sub("", str(text))


def usage_from(exc: InputError, prefix: str = "") -> UsageError:
    return UsageError(f"{prefix}{exc.nl}", f"{prefix}{exc.en}")


def add_common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    """--lang (and --json) on every command, so messages follow the user's language."""
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="taal van de uitvoer")
    if json_flag:
        p.add_argument("--json", action="store_true", help="één JSON-object op stdout")


def add_scenario_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenario", default=DEFAULT_SCENARIO, help=f"scenario-id (standaard {DEFAULT_SCENARIO})"
    )
    p.add_argument("--threshold", help="zelfde scenario bij een andere drempel (bijv. 10 of 50)")
    p.add_argument("--threshold-measure", help="andere maatstaf voor de drempel (bijv. fte)")
    p.add_argument("--date", help="peildatum JJJJ-MM-DD (standaard vandaag)")


def add_profile_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("profile", help="JSON- of YAML-bestand met het profiel, of '-' voor stdin")
    add_scenario_args(p)


# ---------------------------------------------------------------------------------------------
# Values from the command line


def parse_date(text: str | None, option: str = "--date") -> dt.date:
    """The reference date (default today), within the period the catalogue covers."""
    if not text:
        return dt.date.today()
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        shown = printable(text, 40)
        raise UsageError(
            f"{option}: '{shown}' is geen datum in de vorm JJJJ-MM-DD",
            f"{option}: '{shown}' is not a date in the form YYYY-MM-DD",
        ) from None
    try:
        return check_covered(date)
    except InputError as exc:
        raise usage_from(exc, f"{option}: ") from None


def parse_threshold(text: str, option: str = "--threshold") -> float:
    """A threshold value: a finite number from 0 to the bound every proposal has
    (:data:`~checker.scenario_model.MAX_THRESHOLD`; a turnover threshold is in euros)."""
    try:
        value = float(parse_number(text, "decimal", "en").value)
    except InputError as exc:
        raise usage_from(exc, f"{option}: ") from None
    if not 0 <= value <= MAX_THRESHOLD:
        raise UsageError(
            f"{option}: {value:g} ligt niet tussen 0 en {MAX_THRESHOLD:,.0f}".replace(",", "."),
            f"{option}: {value:g} is not between 0 and {MAX_THRESHOLD:,.0f}",
        )
    return value


def check_measure(measure: str, option: str = "--threshold-measure") -> str:
    """A measure a threshold can count in: a number measure (employees, fte, …)."""
    numeric = sorted(m for m, spec in MEASURES.items() if spec.kind == "number")
    if measure in numeric:
        return measure
    shown = printable(measure, 40)
    what_nl = "is geen getal" if measure in MEASURES else "is onbekend"
    what_en = "is not a number" if measure in MEASURES else "is unknown"
    raise UsageError(
        f"{option}: maatstaf '{shown}' {what_nl}; een drempel telt in één van: "
        + ", ".join(numeric),
        f"{option}: measure '{shown}' {what_en}; a threshold counts in one of: "
        + ", ".join(numeric),
    )


def scenario_parts(args: argparse.Namespace) -> tuple[str, float | None, str | None]:
    """(base id, threshold, measure) from --scenario id[@N[@measure]], --threshold, --threshold-measure."""
    base, _, rest = str(args.scenario).partition("@")
    value_text, _, measure = rest.partition("@")
    value = parse_threshold(value_text, "--scenario") if rest else None
    if measure:
        check_measure(measure, "--scenario")
    threshold = getattr(args, "threshold", None)
    threshold_measure = getattr(args, "threshold_measure", None)
    if threshold is not None:
        value = parse_threshold(str(threshold))
    if threshold_measure:
        if value is None:
            raise UsageError(
                "--threshold-measure gaat samen met --threshold",
                "--threshold-measure goes with --threshold",
            )
        measure = check_measure(threshold_measure)
    return base, value, measure or None


def path_arg(path: Path, option: str, suffix: str | tuple[str, ...] | None = None) -> Path:
    """An output path that can be written: sane length, existing directory, right suffix."""
    text = str(path)
    if len(text) > MAX_PATH_CHARS or any(len(part) > 255 for part in path.parts):
        raise UsageError(
            f"{option}: het pad is te lang (ten hoogste {MAX_PATH_CHARS} tekens, 255 per naam)",
            f"{option}: the path is too long (at most {MAX_PATH_CHARS} characters, 255 per name)",
        )
    shown = printable(text, 80)
    suffixes = (suffix,) if isinstance(suffix, str) else suffix
    if suffixes and path.suffix.lower() not in suffixes:
        nl = " of ".join(suffixes)
        en = " or ".join(suffixes)
        raise UsageError(
            f"{option}: '{shown}' moet eindigen op {nl}",
            f"{option}: '{shown}' must end in {en}",
        )
    if not path.parent.is_dir():
        raise UsageError(
            f"{option}: map '{printable(path.parent, 80)}' bestaat niet",
            f"{option}: folder '{printable(path.parent, 80)}' does not exist",
        )
    if path.is_dir():
        raise UsageError(f"{option}: '{shown}' is een map", f"{option}: '{shown}' is a folder")
    return path


def write_bytes(path: Path, data: bytes, option: str) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        shown = printable(path, 80)
        raise UsageError(
            f"{option}: kan '{shown}' niet schrijven ({exc.strerror})",
            f"{option}: cannot write '{shown}' ({exc.strerror})",
        ) from None


# ---------------------------------------------------------------------------------------------
# Profile input


def read_profile_data(source: str) -> dict[str, Any]:
    """The profile mapping from a file or stdin ('-'); strict JSON/YAML within the limits."""
    try:
        if source == "-":
            raw = (
                sys.stdin.buffer.read(MAX_PROFILE_BYTES + 1)
                if hasattr(sys.stdin, "buffer")
                else sys.stdin.read(MAX_PROFILE_BYTES + 1).encode()
            )
        else:
            path = Path(source)
            if len(source) > MAX_PATH_CHARS or not path.is_file():
                shown = printable(source, 80)
                raise UsageError(
                    f"profiel: bestand '{shown}' niet gevonden",
                    f"profile: file '{shown}' not found",
                )
            if path.stat().st_size > MAX_PROFILE_BYTES:
                raise UsageError(
                    f"profiel: bestand is groter dan {MAX_PROFILE_BYTES // 1_000_000} MB",
                    f"profile: file is larger than {MAX_PROFILE_BYTES // 1_000_000} MB",
                )
            raw = path.read_bytes()
        if len(raw) > MAX_PROFILE_BYTES:
            raise UsageError(
                f"profiel: invoer is groter dan {MAX_PROFILE_BYTES // 1_000_000} MB",
                f"profile: input is larger than {MAX_PROFILE_BYTES // 1_000_000} MB",
            )
        return load_profile_text(decode_text(raw))
    except InputError as exc:
        raise UsageError(f"ongeldig profiel: {exc.nl}", f"invalid profile: {exc.en}") from None


def parse_profile_or_exit(data: dict[str, Any]) -> Any:
    """The validated profile; a bad field is a UsageError naming it (exit 2)."""
    from checker.profile import ProfileError, parse_profile

    try:
        return parse_profile(data)
    except ProfileError as exc:
        field = printable(exc.field, 60)
        raise UsageError(
            f"ongeldig profiel: {field}: {exc.nl}",
            f"invalid profile: {field}: {exc.en}",
        ) from None


# ---------------------------------------------------------------------------------------------
# Catalogue and scenario


def load_engine() -> Any:
    """The engine of the shipped catalogue; a CatalogueError reaches main (exit 1)."""
    from checker.api import load

    return load()


def is_proposal_file(text: str) -> bool:
    return text.lower().endswith((".yaml", ".yml"))


def read_proposal_file(path_text: str, engine: Any, option: str | None = "--scenario") -> Any:
    """A proposal file (the shipped YAML format) validated against the catalogue, read by the
    same reader as the app's builder; its problems become one usage error (exit 2), headed by
    the ``option`` that named the file (none for ``scenarios validate FILE``)."""
    from checker.proposal_io import load_proposal_file

    path = Path(path_text)
    shown = printable(path_text, 80)
    head = f"{option}: " if option else ""
    if not path.is_file():
        raise UsageError(
            f"{head}bestand '{shown}' bestaat niet", f"{head}file '{shown}' does not exist"
        )
    loaded = load_proposal_file(path, engine.catalogue)
    if loaded.scenario is None:
        listed = {
            lang: "\n".join(f"{path.name}: {terminal(p.text(lang))}" for p in loaded.problems)
            for lang in ("nl", "en")
        }
        raise UsageError(
            f"{head}'{shown}' is geen geldig voorstel:\n{listed['nl']}",
            f"{head}'{shown}' is not a valid proposal:\n{listed['en']}",
        )
    return loaded.scenario


def scenario_for(args: argparse.Namespace, engine: Any) -> Any:
    """The scenario of --scenario/--threshold/--threshold-measure, titled with its threshold.

    ``--scenario`` is a shipped id (``metaalunie-25``, ``metaalunie-25@50``) or a proposal file.
    """
    if is_proposal_file(str(args.scenario)):
        proposal = read_proposal_file(str(args.scenario), engine)
        _base, value, measure = scenario_parts(
            argparse.Namespace(**{**vars(args), "scenario": "file"})
        )
        return proposal if value is None else proposal.at_threshold(value, measure)
    base_id, value, measure = scenario_parts(args)
    try:
        base = engine.catalogue.scenario(base_id)
    except KeyError:
        known = ", ".join(sorted(engine.catalogue.scenarios))
        shown = printable(base_id, 60)
        raise UsageError(
            f"--scenario: onbekend scenario '{shown}' (bekend: {known})",
            f"--scenario: unknown scenario '{shown}' (known: {known})",
        ) from None
    if value is None:
        return base
    return base.at_threshold(value, measure)


def transferred_line(amount: float, targets: Sequence[Text | None], lang: Lang) -> list[str]:
    """The part of the lower costs that only moved to someone else (no line when none did),
    worded as on the pages: a shift, not a saving."""
    if amount <= 0.5:
        return []
    to = transfer_words(targets, lang)
    return ["  " + t("cli.check.transferred", lang, amount=fmt_eur(amount, lang), to=to)]
