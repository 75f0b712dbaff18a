"""Running a coroutine's first step at once, in the task at hand, as Python 3.12's eager
tasks do (``asyncio.eager_task_factory``; this project supports 3.11).

A coroutine that finishes without suspending then costs no task, no scheduling and no
cancellations; one that suspends goes on as an awaitable that a task can drive, from where it
stopped."""

from __future__ import annotations

from collections.abc import Coroutine, Generator
from typing import Any


class Resumed:
    """The rest of a coroutine that ran up to its first suspension, where it yielded
    ``pending`` (the future it waits on) to whatever drives it."""

    def __init__(self, coro: Coroutine[Any, Any, Any], pending: Any) -> None:
        self.coro, self.pending = coro, pending

    def __await__(self) -> Generator[Any, Any, Any]:
        coro, pending = self.coro, self.pending
        while True:  # what ``yield from coro`` does, with the first step already taken
            try:
                sent = yield pending
            except GeneratorExit:
                coro.close()
                raise
            except BaseException as exc:  # thrown in by the driving task: a cancellation
                try:
                    pending = coro.throw(exc)
                except StopIteration as done:
                    return done.value
            else:
                try:
                    pending = coro.send(sent)
                except StopIteration as done:
                    return done.value


def start_eagerly(coro: Coroutine[Any, Any, Any]) -> tuple[bool, Any]:
    """Run ``coro`` to its first suspension: ``(True, its result)`` when it finished there,
    else ``(False, a Resumed to await for the rest)``. Its exceptions propagate."""
    try:
        pending = coro.send(None)
    except StopIteration as done:
        return True, done.value
    return False, Resumed(coro, pending)
