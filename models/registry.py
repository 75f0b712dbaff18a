"""Versioned names for pluggable enrichment steps, e.g. ``sentiment.lexicon.v1``.

A behaviour change gets a new version, so a saved config keeps its meaning. Factories take
keyword options and return the step; ``models.factories.build`` builds one by name. This
module only holds the table, so the steps can import it without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T", bound=Callable[..., Any])

_FACTORIES: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[T], T]:
    def decorate(factory: T) -> T:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ValueError(f"enrichment step {name!r} is registered twice")
        _FACTORIES[name] = factory
        return factory

    return decorate


def registered() -> dict[str, Callable[..., Any]]:
    """The factories registered so far, by name."""
    return dict(_FACTORIES)
