"""Announced law: a bill or an adopted act that is not yet law is shown apart ("pending"),
and only from the day it was announced — a check dated 1 January 2020 cannot know of the
Cyberbeveiligingswet bill sent to the Tweede Kamer in 2025."""

from __future__ import annotations

import datetime as dt
import re

from checker.api import check
from checker.catalogue import Catalogue
from checker.engine import Engine

FIRM = {"employees": 60, "legal_form": "bv", "sector_sbi": "25.62"}


def _pending(engine: Engine, date: dt.date) -> set[str]:
    result = check(FIRM, None, date, engine=engine, include_pending=True, draws=0)
    return {r.rule.id for r in result.rules if r.pending}


def test_a_bill_is_pending_from_the_day_it_went_to_parliament(engine: Engine) -> None:
    bill = engine.catalogue.rules_by_id["nis2_cyberbeveiligingswet"]
    assert bill.status == "bill" and bill.legislative_ref is not None
    announced = bill.legislative_ref.announced
    assert announced is not None
    day_before = announced - dt.timedelta(days=1)
    assert bill.pending_on(announced) and not bill.pending_on(day_before)


def test_nothing_announced_later_is_pending_in_2020(engine: Engine) -> None:
    assert _pending(engine, dt.date(2020, 1, 1)) == set()


def test_every_announced_eu_act_is_dated_in_its_own_year(catalogue: Catalogue) -> None:
    """An EU act's CELEX number carries its year (3 2023 L 0970 → 2023); the announced date is
    the date in the act's title, so the years agree."""
    for rule in catalogue.rules:
        ref = rule.legislative_ref
        if rule.status == "in_force" or ref is None:
            continue
        assert ref.announced is not None, rule.id
        celex = re.search(r"CELEX:3(\d{4})[LR]", ref.url)
        if celex is not None:
            assert ref.announced.year == int(celex.group(1)), rule.id
