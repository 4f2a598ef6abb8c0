"""Shared fixtures: the shipped catalogue and engine, loaded once per test session."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.api import load
from checker.catalogue import Catalogue
from checker.engine import Engine

REFERENCE_DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load()


@pytest.fixture(scope="session")
def catalogue(engine: Engine) -> Catalogue:
    return engine.catalogue
