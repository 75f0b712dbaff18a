"""A coroutine's first step run at once (``pipeline.eager``), and the consumer handing a
fetched message to the streams that way (``GaplessConsumer.wait_first``), on uvloop."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from models.brands import BrandConfig
from models.enrich import Enricher
from pipeline.app import create_app
from pipeline.eager import start_eagerly
from pipeline.transport import GaplessConsumer

pytestmark = pytest.mark.timeout(20)


async def _returns(value: int) -> int:
    return value


async def _waits_for(future: asyncio.Future[int], log: list[str]) -> int:
    log.append("started")
    try:
        value = await future
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
    log.append("resumed")
    return value + 1


def test_a_coroutine_that_never_suspends_finishes_in_its_first_step() -> None:
    assert start_eagerly(_returns(7)) == (True, 7)


def test_a_coroutine_that_suspends_goes_on_from_where_it_stopped() -> None:
    async def scenario() -> tuple[int, list[str]]:
        log: list[str] = []
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        finished, rest = start_eagerly(_waits_for(future, log))
        assert not finished and log == ["started"]  # ran once, not again
        task = asyncio.ensure_future(rest)
        await asyncio.sleep(0)
        future.set_result(41)
        return await task, log

    assert asyncio.run(scenario()) == (42, ["started", "resumed"])


def test_a_cancelled_rest_is_cancelled_inside_the_coroutine() -> None:
    async def scenario() -> list[str]:
        log: list[str] = []
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        _, rest = start_eagerly(_waits_for(future, log))
        task = asyncio.ensure_future(rest)
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return log

    assert asyncio.run(scenario()) == ["started", "cancelled"]


def test_an_exception_in_the_first_step_propagates() -> None:
    async def fails() -> None:
        raise ValueError("bad message")

    with pytest.raises(ValueError, match="bad message"):
        start_eagerly(fails())


def _consumer(tmp_path: Path) -> GaplessConsumer:
    settings = Settings(home=tmp_path, kafka_bootstrap="127.0.0.1:1", es_url="http://127.0.0.1:1")
    consumer = create_app(settings, Enricher(BrandConfig()), roles=("enrich",)).consumer
    assert isinstance(consumer, GaplessConsumer)
    return consumer


def test_a_message_handed_over_without_waiting_takes_no_task(tmp_path: Path) -> None:
    consumer = _consumer(tmp_path)
    delivered: list[str] = []

    async def callback(message: str) -> None:
        delivered.append(message)

    async def scenario() -> Any:
        tasks_before = len(asyncio.all_tasks())
        results = await consumer.wait_first(callback("m1"), consumer.suspend_flow.wait())
        assert len(asyncio.all_tasks()) == tasks_before
        return results

    results = consumer.loop.run_until_complete(scenario())  # mode's waits use its loop
    assert delivered == ["m1"] and not results.stopped


def test_a_hand_over_that_waits_ends_when_the_flow_is_suspended(tmp_path: Path) -> None:
    consumer = _consumer(tmp_path)
    log: list[str] = []

    async def scenario() -> Any:
        full_buffer: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        waiting = asyncio.ensure_future(consumer.wait_first(
            _waits_for(full_buffer, log), consumer.suspend_flow.wait()))
        await asyncio.sleep(0.05)
        assert not waiting.done() and log == ["started"]
        consumer.suspend_flow.set()  # a rebalance: the message is given up
        return await waiting

    results = consumer.loop.run_until_complete(scenario())
    assert results.results == [True] and log == ["started", "cancelled"]


def test_the_worker_runs_on_uvloop() -> None:
    import uvloop

    from pipeline.worker import use_uvloop

    before = asyncio.get_event_loop_policy()
    try:
        use_uvloop()
        assert isinstance(asyncio.get_event_loop_policy(), uvloop.EventLoopPolicy)
    finally:
        asyncio.set_event_loop_policy(before)
