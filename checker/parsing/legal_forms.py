"""Legal forms as people write them ("B.V.", "Besloten vennootschap", "V.O.F.") -> the profile code.

Why: member files come from registers and spreadsheets where the same form is spelled a dozen
ways; rejecting "B.V." dropped a third of a real member list.  The text is folded (case,
accents, dots, spaces, hyphens) and looked up in :data:`SPELLINGS`; additions such as "i.o."
(in oprichting) and the liability suffix of a coöperatie (U.A., W.A., B.A.) are ignored.
Anything else (e.g. "Holding", which is not a legal form) is ``None``: the caller keeps the
member with the documented default and lists a warning.
"""

from __future__ import annotations

import re
import unicodedata

from checker.profile import LegalForm

SPELLINGS: dict[str, tuple[str, ...]] = {
    "eenmanszaak": (
        "eenmanszaak",
        "eenmanszaak zzp",
        "eenmansbedrijf",
        "zzp",
        "zzper",
        "zelfstandige",
        "zelfstandige zonder personeel",
        "sole proprietorship",
        "sole proprietor",
        "sole trader",
    ),
    "vof": ("vof", "vennootschap onder firma", "general partnership"),
    "cv": ("cv", "commanditaire vennootschap", "limited partnership"),
    "maatschap": ("maatschap", "professional partnership", "partnership"),
    "bv": (
        "bv",
        "besloten vennootschap",
        "besloten vennootschap met beperkte aansprakelijkheid",
        "private limited company",
        "private company",
        "ltd",
    ),
    "nv": ("nv", "naamloze vennootschap", "public limited company", "plc"),
    "cooperatie": ("cooperatie", "cooperatieve vereniging", "cooperative", "cooperation", "coop"),
    "vereniging": (
        "vereniging",
        "vereniging met volledige rechtsbevoegdheid",
        "vereniging met beperkte rechtsbevoegdheid",
        "association",
    ),
    "stichting": ("stichting", "foundation"),
}

_SUFFIXES = re.compile(r"\s+(?:i\s?o|in oprichting|u\s?a|w\s?a|b\s?a)$")
_LOOKUP: dict[str, str] = {}


def fold(text: str) -> str:
    """'Coöperatie U.A.' -> 'cooperatie u a'... folded for lookup: lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[.'’`´]", "", plain)  # B.V. -> bv, zzp'er -> zzper
    plain = re.sub(r"[^a-z0-9]+", " ", plain)
    return " ".join(plain.split())


def _build() -> None:
    for code, spellings in SPELLINGS.items():
        assert code in {f.value for f in LegalForm}, code
        for spelling in (code, *spellings):
            _LOOKUP[fold(spelling)] = code
            _LOOKUP[fold(spelling).replace(" ", "")] = code


_build()


def normalise_legal_form(text: str) -> str | None:
    """The :class:`~checker.profile.LegalForm` code for a spelling, or None if not recognised."""
    key = fold(text)
    for _ in range(2):  # "B.V. i.o.", "Coöperatie U.A."
        found = _LOOKUP.get(key) or _LOOKUP.get(key.replace(" ", ""))
        if found:
            return found
        key = _SUFFIXES.sub("", key)
    return None
