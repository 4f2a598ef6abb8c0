"""The period the catalogue covers: dates before it are refused, not answered with nothing.

The rules are encoded as they stand from 2020-01-01; for an earlier date the catalogue would
silently return fewer obligations (those that started later are left out, those that ended
before 2020 were never encoded), which reads as "less burden" — a wrong answer.  So every
entry point (CLI ``--date``, the app's date widget and URL) refuses an earlier date with this
message.  The latest date is a sanity bound for typing errors (2036 instead of 2026).
"""

from __future__ import annotations

import datetime as dt

from checker.parsing.errors import InputError

COVERED_FROM = dt.date(2020, 1, 1)
COVERED_UNTIL = dt.date(2035, 12, 31)


def check_covered(date: dt.date) -> dt.date:
    """Return ``date`` if the catalogue covers it; raise :class:`InputError` otherwise."""
    if date < COVERED_FROM:
        raise InputError(
            f"de regels zijn opgenomen vanaf {COVERED_FROM:%d-%m-%Y}; een eerdere peildatum "
            f"({date:%d-%m-%Y}) kan niet worden doorgerekend",
            f"the rules are encoded from {COVERED_FROM.isoformat()}; an earlier reference date "
            f"({date.isoformat()}) cannot be computed",
        )
    if date > COVERED_UNTIL:
        raise InputError(
            f"peildatum {date:%d-%m-%Y} ligt na {COVERED_UNTIL:%d-%m-%Y}; zo ver vooruit "
            "rekent Drempelcheck niet",
            f"reference date {date.isoformat()} is after {COVERED_UNTIL.isoformat()}; "
            "Drempelcheck does not compute that far ahead",
        )
    return date
