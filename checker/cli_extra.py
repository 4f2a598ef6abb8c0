"""Hook for subcommands added by later features (population, sweep, batch, export)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def register(sub: Any, add_profile_args: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register extra subcommands; each feature module adds itself here."""
    return None
