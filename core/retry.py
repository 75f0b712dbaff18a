"""The one retry policy, built on tenacity: which failures are the infrastructure's (a service
down, slow or overloaded: wait and try again, nothing is lost) and which are the record's own
(it will fail the same way every time: set it aside). Every retry loop of the project is built
here, so backoff, bounds and logging are the same everywhere."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
from aiokafka import errors as kafka_errors
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, SerializationError
from elasticsearch import ApiError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_exception_type,
    stop_never,
    wait_exponential,
)

from core.errors import ServiceUnavailable

T = TypeVar("T")

# Kafka errors that belong to one record: the broker will refuse it every time.
_KAFKA_RECORD_ERRORS: tuple[type[BaseException], ...] = (
    kafka_errors.MessageSizeTooLargeError, kafka_errors.RecordTooLargeError,
    kafka_errors.CorruptRecordException,
)


def is_infrastructure(exc: BaseException) -> bool:
    """True for failures that say nothing about the record: a service unreachable, timing out,
    overloaded (429) or failing (5xx). Trying again later is the right answer to these."""
    if isinstance(exc, (SerializationError, *_KAFKA_RECORD_ERRORS)):
        return False
    if isinstance(exc, ApiError):
        return exc.meta.status == 429 or exc.meta.status >= 500
    return isinstance(exc, TransportConnectionError | ConnectionTimeout | kafka_errors.KafkaError
                      | aiohttp.ClientConnectionError | ServiceUnavailable | TimeoutError
                      | ConnectionError | OSError)


def _log_before_sleep(log: logging.Logger, what: str) -> Callable[[RetryCallState], None]:
    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        # One line per attempt, no traceback: an outage is expected, not a bug.
        log.warning("%s failed (%s: %s); attempt %d, retrying in %.1fs", what,
                    type(exc).__name__, str(exc)[:300], state.attempt_number, wait)
    return before_sleep


def backoff(initial_s: float = 0.5, max_s: float = 5.0) -> wait_exponential:
    """Doubling waits from ``initial_s``, never longer than ``max_s``: after an outage the work
    resumes within ``max_s`` of the service's return."""
    return wait_exponential(multiplier=initial_s, min=initial_s, max=max_s)


async def retry_infrastructure(action: Callable[[], Awaitable[T]], *, what: str,
                               log: logging.Logger, max_wait_s: float = 5.0) -> T:
    """Run ``action`` until it succeeds, retrying infrastructure failures for as long as they
    last; any other failure is raised at once, for the caller's per-record policy. The waits
    are plain ``asyncio.sleep`` calls, so a shutdown cancels them."""
    async for attempt in AsyncRetrying(retry=retry_if_exception(is_infrastructure),
                                       stop=stop_never, wait=backoff(max_s=max_wait_s),
                                       reraise=True, before_sleep=_log_before_sleep(log, what)):
        with attempt:
            result = await action()
    return result


def wait_until(check: Callable[[], object], *, what: str, log: logging.Logger,
               max_wait_s: float = 30.0) -> None:
    """Block until ``check`` stops raising ``ServiceUnavailable`` (start-up waits)."""
    Retrying(retry=retry_if_exception(lambda e: isinstance(e, ServiceUnavailable)),
             stop=stop_never, wait=backoff(1.0, max_wait_s), reraise=True,
             before_sleep=_log_before_sleep(log, f"waiting for {what}"))(check)


class SessionEnded(Exception):
    """A long-lived stream closed by the other side: connect again."""


class _Reconnects:
    """Waits between reconnections: doubling from ``initial_s`` to ``max_s``, back to
    ``initial_s`` after a session that stayed up for ``healthy_s`` (a stream that ran for an
    hour and dropped is not a service that is down)."""

    def __init__(self, initial_s: float, max_s: float, healthy_s: float = 60.0) -> None:
        self.initial_s, self.max_s, self.healthy_s = initial_s, max_s, healthy_s
        self.next_s = initial_s
        self.session_started = time.monotonic()

    def started(self) -> None:
        self.session_started = time.monotonic()

    def __call__(self, _state: RetryCallState) -> float:
        if time.monotonic() - self.session_started >= self.healthy_s:
            self.next_s = self.initial_s
        wait, self.next_s = self.next_s, min(self.next_s * 2, self.max_s)
        return wait


def keep_connected(session: Callable[[], object], *, stop: threading.Event,
                   retry_on: tuple[type[BaseException], ...], what: str,
                   log: logging.Logger, max_wait_s: float = 60.0) -> None:
    """Run a streaming ``session`` until ``stop`` is set, connecting again whenever it ends or
    fails with one of ``retry_on``; ``stop`` also cuts a wait short."""
    waits = _Reconnects(1.0, max_wait_s)

    def attempt() -> None:
        waits.started()
        session()
        if not stop.is_set():
            raise SessionEnded("the stream ended")

    def sleep(seconds: float) -> None:
        stop.wait(seconds)

    with contextlib.suppress(SessionEnded, *retry_on):  # only once stop is set
        Retrying(retry=retry_if_exception_type((SessionEnded, *retry_on)),
                 stop=lambda _state: stop.is_set(), sleep=sleep, wait=waits,
                 reraise=True, before_sleep=_log_before_sleep(log, what))(attempt)


async def keep_connected_async(session: Callable[[], Awaitable[object]], *,
                               stop: asyncio.Event,
                               retry_on: tuple[type[BaseException], ...], what: str,
                               log: logging.Logger, max_wait_s: float = 60.0) -> None:
    """``keep_connected`` for a coroutine session and an ``asyncio.Event``."""
    waits = _Reconnects(1.0, max_wait_s)

    async def sleep(seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)

    with contextlib.suppress(SessionEnded, *retry_on):
        async for attempt in AsyncRetrying(
                retry=retry_if_exception_type((SessionEnded, *retry_on)),
                stop=lambda _state: stop.is_set(), sleep=sleep, wait=waits, reraise=True,
                before_sleep=_log_before_sleep(log, what)):
            with attempt:
                waits.started()
                await session()
                if not stop.is_set():
                    raise SessionEnded("the stream ended")
