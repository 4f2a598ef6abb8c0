"""A profile file (JSON or YAML) read strictly and within limits, or refused with a message.

Why strict: a profile is what a firm owner tells us, and nothing in it may silently become
something else.  The standard readers do exactly that — JSON keeps the last of two equal keys,
accepts ``NaN`` and 5,000-digit numbers (which then crash the integer conversion), and nested
input ends in a ``RecursionError``; YAML 1.1 turns ``010`` into 8.  Here:

* size: at most :data:`MAX_PROFILE_BYTES`; text that is not UTF-8 (or UTF-16 with a byte
  order mark) is refused with an encoding hint instead of being turned into ``�``;
* JSON: duplicate keys, ``NaN``/``Infinity``, numbers with more than :data:`MAX_DIGITS`
  digits and nesting deeper than :data:`MAX_DEPTH` are refused, each with its own message;
* YAML: :func:`checker.yaml_loading.loads_profile_yaml` (YAML 1.2 scalars, no aliases);
* the result must be a mapping.

Every refusal is an :class:`~checker.parsing.errors.InputError` with Dutch and English text.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

import yaml

from checker.parsing.errors import InputError
from checker.yaml_loading import ExpansionError, ProfileYamlError, loads_profile_yaml

MAX_PROFILE_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_DIGITS = 20
MAX_KEY_CHARS = 100


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused with a hint."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"het bestand is geen UTF-8-tekst (onleesbaar teken op positie {exc.start}); "
            "sla het op als UTF-8",
            f"the file is not UTF-8 text (unreadable character at position {exc.start}); "
            "save it as UTF-8",
        ) from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            shown = key[:MAX_KEY_CHARS]
            raise InputError(
                f"veld '{shown}' staat twee keer in het bestand; laat er één staan",
                f"field '{shown}' appears twice in the file; keep one",
            )
        out[key] = value
    return out


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise InputError(
            f"getal met meer dan {MAX_DIGITS} cijfers", f"number with more than {MAX_DIGITS} digits"
        )
    return int(text)


def _bounded_float(text: str) -> float:
    if sum(c.isdigit() for c in text) > MAX_DIGITS + 10:
        raise InputError(
            f"getal met meer dan {MAX_DIGITS} cijfers", f"number with more than {MAX_DIGITS} digits"
        )
    return float(text)  # 1e999 becomes inf; the profile refuses non-finite numbers


def _no_constant(name: str) -> Any:
    raise InputError(
        f"'{name}' is geen getal; laat het veld weg of vul een getal in",
        f"'{name}' is not a number; leave the field out or enter a number",
    )


def depth(value: Any) -> int:
    """Nesting depth of lists and mappings (a flat profile has depth 1), iteratively."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in node)
    return deepest


def _too_deep() -> InputError:
    return InputError(
        f"het bestand is dieper genest dan {MAX_DEPTH} niveaus; een profiel is een lijst "
        'velden, zoals {"employees": 12}',
        f"the file is nested deeper than {MAX_DEPTH} levels; a profile is a list of fields, "
        'such as {"employees": 12}',
    )


def loads_json(text: str) -> Any:
    """Strict JSON (see the module docstring); raises InputError or json.JSONDecodeError."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
            parse_constant=_no_constant,
        )
    except RecursionError:
        raise _too_deep() from None
    if depth(data) > MAX_DEPTH:
        raise _too_deep()
    return data


def _yaml(text: str) -> Any:
    try:
        data = loads_profile_yaml(text)
    except ProfileYamlError as exc:
        raise InputError(exc.nl, exc.en) from None
    except ExpansionError:
        raise _too_deep() from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where_nl = f" (regel {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        where_en = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InputError(
            f"geen geldige JSON of YAML{where_nl}",
            f"not valid JSON or YAML{where_en}: {exc.problem or exc}",
        ) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise InputError(
            "geen geldige JSON of YAML", f"not valid JSON or YAML ({str(exc)[:120]})"
        ) from None
    if depth(data) > MAX_DEPTH:
        raise _too_deep()
    return data


def load_profile_text(text: str) -> dict[str, Any]:
    """A profile mapping from JSON or YAML text; raises :class:`InputError`."""
    if len(text) > MAX_PROFILE_BYTES:
        raise InputError(
            f"invoer is groter dan {MAX_PROFILE_BYTES // 1_000_000} MB",
            f"input is larger than {MAX_PROFILE_BYTES // 1_000_000} MB",
        )
    stripped = text.lstrip()
    try:
        data = loads_json(text)
    except json.JSONDecodeError as exc:
        if stripped.startswith(("{", "[")):
            raise InputError(
                f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})",
                f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            ) from None
        data = _yaml(text)
    if not isinstance(data, dict):
        raise InputError(
            'verwacht een object met velden, zoals {"employees": 12}',
            'expected an object with fields, such as {"employees": 12}',
        )
    for key in data:
        if not isinstance(key, str):
            raise InputError(
                f"veldnaam {str(key)[:MAX_KEY_CHARS]!r} is geen tekst",
                f"field name {str(key)[:MAX_KEY_CHARS]!r} is not text",
            )
    return data


def load_profile_bytes(data: bytes) -> dict[str, Any]:
    """As :func:`load_profile_text`, from the bytes of an upload or a file."""
    if len(data) > MAX_PROFILE_BYTES:
        raise InputError(
            f"bestand is groter dan {MAX_PROFILE_BYTES // 1_000_000} MB",
            f"file is larger than {MAX_PROFILE_BYTES // 1_000_000} MB",
        )
    return load_profile_text(decode_text(data))
