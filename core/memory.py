"""Keeping a long-running process's resident memory close to what it holds.

glibc's malloc gives threads that allocate their own arenas (up to eight per core) and keeps
what is freed in them for reuse. A worker that has seen a million mentions has freed far more
than it holds (every batch, every thread's JSON rewritten on each message), and without these
two calls that stays resident. Elsewhere (musl, macOS) both are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

_M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h


@cache
def _glibc() -> Any | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "malloc_trim") or not hasattr(libc, "mallopt"):
        return None
    return libc


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """At most ``arenas`` malloc arenas for the whole process: call it before threads start.
    Python holds the GIL around nearly every allocation, so more arenas buy no speed."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(_M_ARENA_MAX, arenas) == 1)


def release_free_memory() -> None:
    """Hand memory malloc holds free back to the operating system."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
