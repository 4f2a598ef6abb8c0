"""Proposals a user built in this session, next to the shipped ones, on every page.

The builder (``voorstel.py``) puts a finished proposal in the session store
(:func:`app_pages._shared.store`, key ``proposals``); the firm, sector and member-list pages
and the compare section list them after the shipped proposals and resolve an id through
:func:`proposal_by_id`, so a built proposal is selectable wherever a shipped one is.  They live
for the session only: saving one as a file or a link is how it is kept.
"""

from __future__ import annotations

from app_pages._shared import store
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.i18n import t
from checker.scenario_model import Scenario

BUILT = "proposals"


def built_proposals() -> dict[str, Scenario]:
    """The proposals built in this session, by id (oldest first)."""
    found = store().setdefault(BUILT, {})
    return found if isinstance(found, dict) else {}


def add_built(scenario: Scenario) -> None:
    """Keep ``scenario`` for this session (a newer version with the same id replaces it)."""
    built = built_proposals()
    built.pop(scenario.id, None)
    built[scenario.id] = scenario


def proposal_ids(catalogue: Catalogue) -> list[str]:
    """Shipped proposals (sorted), then the ones built in this session."""
    shipped = sorted(catalogue.scenarios)
    return [*shipped, *(sid for sid in built_proposals() if sid not in catalogue.scenarios)]


def proposal_by_id(catalogue: Catalogue, sid: str) -> Scenario:
    """A built proposal by its id, else a shipped one (``id@value`` variants included)."""
    built = built_proposals().get(sid)
    return built if built is not None else catalogue.scenario(sid)


def proposal_label(catalogue: Catalogue, sid: str, lang: Lang) -> str:
    """The title to show in a list; built proposals are marked as the user's own."""
    built = built_proposals().get(sid)
    if built is not None:
        return t("workbench.built_label", lang, title=pick(built.title, lang))
    scenario = catalogue.scenarios.get(sid)
    return pick(scenario.title, lang) if scenario is not None else sid
