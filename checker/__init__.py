"""Drempelcheck: size-dependent Dutch/EU obligations, their burden, and threshold proposals.

The package is the single source of truth for the app, the CLI, the population model and
the Excel export; see :mod:`checker.api` for the notebook-facing entry points.
"""

__version__ = "0.1.0"
