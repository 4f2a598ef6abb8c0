"""Subcommands added by feature modules (population, sweep, batch, export).

Each feature lives in its own ``checker.cli_<name>`` module with a
``register(subparsers, add_profile_args)`` function; a module that is absent is skipped, so
features can land independently.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

FEATURE_MODULES = ("checker.cli_population", "checker.cli_export")


def register(sub: Any, add_profile_args: Callable[[argparse.ArgumentParser], None]) -> None:
    for name in FEATURE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub, add_profile_args)
