"""``core.memory``: the malloc calls the worker makes to keep its resident memory down."""

from __future__ import annotations

import platform

import pytest

from core.memory import limit_malloc_arenas, release_free_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_glibc_takes_the_arena_limit() -> None:
    assert limit_malloc_arenas(2) is True


def test_releasing_free_memory_keeps_what_is_held() -> None:
    held = [bytes(1000) for _ in range(10_000)]
    del held[::2]
    release_free_memory()
    assert len(held) == 5_000 and all(b == bytes(1000) for b in held)
