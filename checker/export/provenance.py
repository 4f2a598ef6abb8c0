"""Which catalogue a result was computed with: every export asks here, never a global engine.

A workbook or report states the catalogue's hash, rule count, sources and tariffs; if it
took them from the shipped catalogue while the result came from another rules directory,
the document would cite rules it never counted.  So the catalogue comes from the
evaluation itself (``Evaluation.catalogue``, being added to the engine) or, until every
evaluation carries it, from the engine that computed the result, passed along explicitly.
This is the one place that needs ``ev.catalogue``.
"""

from __future__ import annotations

from typing import Any

from checker.catalogue import Catalogue
from checker.engine import Engine


class CatalogueMismatchError(ValueError):
    """The engine passed along is not the one the result was computed with."""


def catalogue_of(
    evaluation: Any, engine: Engine | None = None, *, version: str | None = None
) -> Catalogue:
    """The catalogue behind ``evaluation``; ``engine`` only while evaluations lack it.

    ``version`` (a result's ``catalogue_version``) is checked against the catalogue found,
    and so are the evaluation's rules, so passing the wrong engine fails loudly instead of
    exporting another catalogue.
    """
    found = getattr(evaluation, "catalogue", None)
    catalogue = found if isinstance(found, Catalogue) else None
    if catalogue is None and engine is not None:
        catalogue = engine.catalogue
    if catalogue is None:
        raise ValueError(
            "the export needs the catalogue the result was computed with: pass engine=… "
            "(the engine that computed it)"
        )
    if version is not None and catalogue.version_hash != version:
        raise CatalogueMismatchError(
            f"the result was computed with catalogue {version}, "
            f"but the engine passed along has catalogue {catalogue.version_hash}"
        )
    by_id = catalogue.rules_by_id
    for rule in getattr(evaluation, "rules", ()):
        known = by_id.get(rule.id)
        if known is not rule and known != rule:
            raise CatalogueMismatchError(
                f"rule '{rule.id}' of the result is not in the catalogue passed along "
                f"({catalogue.version_hash})"
            )
    return catalogue


def engine_of(evaluation: Any, engine: Engine | None = None) -> Engine:
    """An engine over the evaluation's own catalogue (for extra runs such as the growth curve)."""
    if engine is not None and catalogue_of(evaluation, engine) is engine.catalogue:
        return engine
    return Engine(catalogue_of(evaluation, engine))
