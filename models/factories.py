"""Builds an enrichment step from its registered name (``models.registry``) and options; an
unknown name or bad options fail at load time naming the choices."""

from __future__ import annotations

from typing import Any

from core.errors import ConfigError
from models import registry


def build(name: str, options: dict[str, Any] | None = None) -> Any:
    _load_builtin_steps()
    factories = registry.registered()
    try:
        factory = factories[name]
    except KeyError:
        kind = name.split(".", 1)[0]
        choices = sorted(n for n in factories if n.startswith(kind + "."))
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
        intents_transformers,
        language,
        sentiment,
        sentiment_linear,
        sentiment_transformers,
    )
