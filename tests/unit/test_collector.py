"""The collector settles once start-up is done: what is alive is frozen, young objects are
collected less often, and garbage in reference cycles is still collected."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from core.collector import OLDER_GENERATIONS, YOUNG_OBJECTS, settle_collector


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.mark.usefixtures("restored_collector")
def test_settling_freezes_what_lives_and_raises_the_young_threshold() -> None:
    gc.unfreeze()
    settle_collector()
    assert gc.get_threshold() == (YOUNG_OBJECTS, *OLDER_GENERATIONS)
    assert gc.get_freeze_count() > 0  # the objects alive at start-up are left out of passes
    # A cycle made afterwards is still garbage the collector frees.
    first, second = Node(), Node()
    first.other, second.other = second, first
    gone = weakref.ref(first)
    del first, second
    gc.collect()
    assert gone() is None
