"""The SBI 2008 code list with Dutch and English names, for the sector picker.

Source and coverage are documented in ``data/sbi_2008.source.md`` (CBS SBI 2008).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from checker.bilingual import Lang

SBI_CSV = Path(__file__).resolve().parents[2] / "data" / "sbi_2008.csv"


@lru_cache(maxsize=1)
def load_sbi(path: str | None = None) -> pd.DataFrame:
    """Columns code (digits, as the engine stores them), name_nl, name_en; sorted by code."""
    frame = pd.read_csv(path or SBI_CSV, dtype=str, keep_default_na=False)
    missing = {"code", "name_nl", "name_en"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path or SBI_CSV}: missing column(s) {', '.join(sorted(missing))}")
    return frame.sort_values("code", ignore_index=True)


def dotted(code: str) -> str:
    """'2562' -> '25.62'; '25' stays '25' (how codes appear on a KvK extract)."""
    return code if len(code) <= 2 else f"{code[:2]}.{code[2:]}"


@lru_cache(maxsize=2)
def _names(lang: Lang) -> dict[str, str]:
    """Code → name in one language (built once: the sector select labels every code per run)."""
    frame = load_sbi()
    return dict(zip(frame["code"], frame[f"name_{lang}"], strict=True))


def sbi_label(code: str | None, lang: Lang = "nl") -> str:
    """'25.62 – Algemene metaalbewerking'; an unknown code is shown as just the code."""
    if not code:
        return ""
    names = _names(lang)
    name = names.get(code)
    if name is None and len(code) > 2:
        name = names.get(code[:2])
    return f"{dotted(code)} – {name}" if name else dotted(code)


def sbi_codes() -> list[str]:
    return list(load_sbi()["code"])
