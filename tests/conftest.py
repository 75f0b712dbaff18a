"""Shared factories (a ``mention_factory`` instead of a zoo of fixtures)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from schemas.mentions import RawMention

_ids = itertools.count(1)


def raw_mention_dict(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"m{next(_ids)}",
        "source": "twitter",
        "text": "Waarom is mijn pakket nog steeds niet bezorgd? @bol",
        "created_at": "2026-11-20T10:00:00+01:00",
        "author": {"handle": "klant1", "name": "Klant Een"},
    }
    data.update(overrides)
    return data


@pytest.fixture
def mention_dict() -> Callable[..., dict[str, Any]]:
    return raw_mention_dict


@pytest.fixture
def mention_factory() -> Callable[..., RawMention]:
    def make(**overrides: Any) -> RawMention:
        return RawMention.model_validate(raw_mention_dict(**overrides))

    return make


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The fault and poison tests' figures, whatever the verbosity: they are the result."""
    from tests.integration.conftest import FIGURES

    if FIGURES:
        terminalreporter.section("fault and poison figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
