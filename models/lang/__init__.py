"""Language data, kept apart from logic (one module per ISO 639-1 code).

Each module defines the same names; ``tests/unit/test_language_data.py`` sweeps them all.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import import_module
from types import ModuleType

from models.lang.patterns import GATED_FROM, PatternSet, alternation

SUPPORTED = ("en", "nl", "de", "fr", "es", "it")


@cache  # called several times per mention: import_module's lookup costs more than the rule
def data_for(language: str) -> ModuleType | None:
    if language not in SUPPORTED:
        return None
    return import_module(f"models.lang.{language}")


@cache
def patterns_of(data: ModuleType | None, name: str) -> PatternSet | re.Pattern[str] | None:
    """The regular expressions a language lists under ``name``, searched as one (None: it
    has none, or there is no language data)."""
    patterns = getattr(data, name, ())
    if not patterns:
        return None
    # Gating short lists saves less than looking up the text's words costs.
    return PatternSet.of(patterns) if len(patterns) >= GATED_FROM else alternation(patterns)
