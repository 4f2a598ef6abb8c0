"""The message catalogue: every user-facing word of the app, exports and CLI, in one place.

The catalogue is ``messages.yaml`` plus ``messages_<area>.yaml`` files beside it (one namespace:
a key defined twice is an error), so areas can grow without editing one long file.

Why one catalogue: the same idea ("vrijgesteld", "€ per jaar nu", "regeldruk") used to be
worded up to five times in pages, tables and workbooks, and the copies drifted.  Now a word is
looked up by a key that names its meaning (``treatment.exempt``, ``column.cost_now``,
``page.firm.headline.saved``), so changing it in ``messages.yaml`` changes it everywhere.

Texts are ``str.format`` templates; placeholders (``{amount}``) are filled by :func:`t` with
values the caller has already formatted (see :mod:`checker.i18n.formatting`).  The catalogue
is validated when it is loaded: both languages present and non-empty, the same placeholders
in both, no duplicate keys.  Rule texts from ``rules/*.yaml`` are data, not vocabulary: they
stay :class:`checker.bilingual.Text`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.bilingual import LANGS, Lang
from checker.yaml_loading import load_yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yaml")
KEY_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


class MessageCatalogueError(ValueError):
    """The message file is malformed (a missing language, a placeholder in one language only…)."""


@dataclass(frozen=True)
class Message:
    """One text in both languages, and the placeholder names it expects."""

    nl: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a format template ('{{' is a literal brace, not a field)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def parse_messages(raw: object, source: str = "messages") -> dict[str, Message]:
    """Validate the loaded YAML mapping ``key: {nl: …, en: …}`` into messages."""
    if not isinstance(raw, Mapping):
        raise MessageCatalogueError(f"{source}: expected a mapping of keys to {{nl, en}}")
    out: dict[str, Message] = {}
    problems: list[str] = []
    for key, entry in raw.items():
        if not isinstance(key, str) or not KEY_RE.match(key):
            problems.append(f"{key!r}: a key is dotted lower-case words, e.g. 'treatment.exempt'")
            continue
        if not isinstance(entry, Mapping) or set(entry) != set(LANGS):
            problems.append(f"{key}: needs exactly the languages {', '.join(LANGS)}")
            continue
        texts = {lang: entry[lang] for lang in LANGS}
        bad = [
            lang for lang, text in texts.items() if not isinstance(text, str) or not text.strip()
        ]
        if bad:
            problems.append(f"{key}: empty or not text in {', '.join(bad)} (quote yes/no/on/off)")
            continue
        try:
            fields = {lang: placeholders(text) for lang, text in texts.items()}
        except ValueError as exc:  # an unbalanced brace
            problems.append(f"{key}: {exc}")
            continue
        if fields["nl"] != fields["en"]:
            problems.append(
                f"{key}: placeholders differ (nl {sorted(fields['nl'])}, en {sorted(fields['en'])})"
            )
            continue
        if any(not name.isidentifier() for name in fields["nl"]):
            problems.append(f"{key}: placeholders must be plain names, e.g. {{amount}}")
            continue
        out[key] = Message(nl=texts["nl"], en=texts["en"])
    if problems:
        raise MessageCatalogueError(f"{source}: " + "; ".join(problems))
    return out


def catalogue_files() -> list[Path]:
    """``messages.yaml`` and every ``messages_<area>.yaml`` beside it."""
    return [MESSAGES_FILE, *sorted(MESSAGES_FILE.parent.glob("messages_*.yaml"))]


@lru_cache(maxsize=1)
def messages() -> dict[str, Message]:
    """The shipped catalogue, loaded and validated once per process."""
    out: dict[str, Message] = {}
    for path in catalogue_files():
        part = parse_messages(load_yaml(path) or {}, path.name)
        twice = sorted(set(part) & set(out))
        if twice:
            raise MessageCatalogueError(f"{path.name}: keys defined twice: {', '.join(twice)}")
        out.update(part)
    return out


def t(key: str, lang: Lang, **fields: object) -> str:
    """The text for ``key`` in ``lang`` with its placeholders filled from ``fields``.

    An unknown key or a missing field is a programming error and raises (``KeyError``), so a
    typo can never reach a user as a blank label.
    """
    try:
        message = messages()[key]
    except KeyError:
        raise KeyError(f"message key '{key}' is not in messages.yaml or messages_*.yaml") from None
    text = message.get(lang)
    if not fields and "{" not in text:
        return text
    try:
        return text.format(**fields)
    except KeyError as exc:
        raise KeyError(f"message '{key}' needs the field {exc}") from None


def msg_key(key: str) -> str:
    """Mark a key that is stored now and looked up later (e.g. a form field's label).

    Checks the key exists when the module that names it is imported, and lets the catalogue
    test find the key in the source.
    """
    if key not in messages():
        raise KeyError(f"message key '{key}' is not in {MESSAGES_FILE.name}")
    return key


def has_message(key: str) -> bool:
    return key in messages()
