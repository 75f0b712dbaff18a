"""Versioned names for pluggable enrichment steps, e.g. ``sentiment.lexicon.v1``.

A behaviour change gets a new version, so a saved config keeps its meaning. Factories take
keyword options and return the step; an unknown name fails at load time naming the choices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from webcare.errors import ConfigError

T = TypeVar("T", bound=Callable[..., Any])

_FACTORIES: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[T], T]:
    def decorate(factory: T) -> T:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ValueError(f"enrichment step {name!r} is registered twice")
        _FACTORIES[name] = factory
        return factory

    return decorate


def build(name: str, options: dict[str, Any] | None = None) -> Any:
    _load_builtin_steps()
    try:
        factory = _FACTORIES[name]
    except KeyError:
        kind = name.split(".", 1)[0]
        choices = sorted(n for n in _FACTORIES if n.startswith(kind + "."))
        raise ConfigError(f"unknown step {name!r}; registered: {', '.join(choices)}") from None
    try:
        return factory(**(options or {}))
    except TypeError as exc:
        raise ConfigError(f"bad options for step {name!r}: {exc}") from None


def _load_builtin_steps() -> None:
    # Imported lazily so that importing the registry has no side effects.
    from models import (  # noqa: F401
        entities,
        intents,
        language,
        sentiment,
        sentiment_linear,
        sentiment_transformers,
    )
