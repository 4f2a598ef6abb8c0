"""Then and now: the same firm under the law of two dates — how regulatory burden grew.

Both dates go through the same engine on the same profile; obligations are matched by their
lineage, so a duty that moved to a new act (the whistleblower procedure from the Wet Huis
voor klokkenluiders to the Wbk) counts as one obligation that continued, not as one that
ended and one that started.  The figures are today's burden estimates applied to the law of
each date: the difference is what the law added or removed, not price changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from checker.bilingual import Lang
from checker.engine import Engine
from checker.evaluation import Evaluation
from checker.profile import FirmProfile, profiles_to_frame


@dataclass(frozen=True)
class ThenAndNow:
    then: dt.date
    now: dt.date
    totals: pd.DataFrame  # rows: obligations, regulatory_eur, financial_eur, cost_eur, hours
    rules: pd.DataFrame  # one row per lineage that applies on either date

    def to_json(self) -> dict[str, Any]:
        return {
            "then": self.then.isoformat(),
            "now": self.now.isoformat(),
            "totals": {
                str(k): {"then": round(float(v["then"]), 2), "now": round(float(v["now"]), 2)}
                for k, v in self.totals.iterrows()
            },
            "rules": [
                {
                    "lineage": r["lineage"],
                    "title": r["title"],
                    "change": r["change"],
                    "cost_then_eur": round(float(r["cost_then"]), 2),
                    "cost_now_eur": round(float(r["cost_now"]), 2),
                }
                for _, r in self.rules.iterrows()
            ],
        }


def _applying(ev: Evaluation, lang: Lang) -> dict[str, dict[str, Any]]:
    values = ev.rule_values()
    out: dict[str, dict[str, Any]] = {}
    for r, rule in enumerate(ev.rules):
        if rule.kind != "obligation" or ev.pending[r] or not ev.applies_now[0, r]:
            continue
        entry = out.setdefault(
            rule.lineage_id, {"title": rule.title.get(lang), "cost": 0.0, "ids": []}
        )
        entry["cost"] += float(values["cost_now"][0, r])
        entry["ids"].append(rule.id)
    return out


def then_and_now(
    engine: Engine, profile: FirmProfile, then: dt.date, now: dt.date, lang: Lang = "nl"
) -> ThenAndNow:
    """The firm's obligations and yearly burden under the law of ``then`` and of ``now``."""
    frame = profiles_to_frame([profile])
    evs = {
        when: engine.evaluate(frame, date, None) for when, date in (("then", then), ("now", now))
    }
    totals = {when: ev.firm_totals().iloc[0] for when, ev in evs.items()}
    table = pd.DataFrame(
        {
            when: {
                "obligations": float(t["obligations_now"]),
                "regulatory_eur": float(t["regulatory_now"]),
                "financial_eur": float(t["financial_now"]),
                "cost_eur": float(t["cost_now"]),
                "hours": float(t["hours_now"]),
            }
            for when, t in totals.items()
        }
    )
    before, after = _applying(evs["then"], lang), _applying(evs["now"], lang)
    rows = []
    for lineage in sorted(set(before) | set(after)):
        b, a = before.get(lineage), after.get(lineage)
        change = "continued" if b and a else ("new" if a else "ended")
        rows.append(
            {
                "lineage": lineage,
                "title": (a or b or {}).get("title", lineage),
                "change": change,
                "cost_then": b["cost"] if b else 0.0,
                "cost_now": a["cost"] if a else 0.0,
            }
        )
    rules = pd.DataFrame(rows, columns=["lineage", "title", "change", "cost_then", "cost_now"])
    order = {"new": 0, "ended": 1, "continued": 2}
    rules = rules.sort_values(
        ["change", "cost_now"], key=lambda c: c.map(order) if c.name == "change" else -c
    )
    return ThenAndNow(then, now, table, rules.reset_index(drop=True))
