"""The per-record error policy: infrastructure failures are retried, a record's own failure
sends that record alone to the dead-letter topic, and an oversized record is cut to size."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pipeline.errors import DeadLetters, RecordPolicy, UnprocessableRecord
from pipeline.records import Record

Published = list[tuple[bytes | None, bytes, list[tuple[str, bytes]]]]


def records(*values: bytes) -> list[Record]:
    return [Record("alerts", 2, 10 + i, f"k{i}".encode(), v) for i, v in enumerate(values)]


def policy(published: Published, max_bytes: int = 10_000,
           strict: bool = False) -> RecordPolicy:
    async def publish(messages: Published) -> None:
        published.extend(messages)

    return RecordPolicy(DeadLetters(publish, max_bytes=max_bytes,
                                    policy="raise" if strict else "dead-letter"))


def run(policy: RecordPolicy, batch: list[Record], handle: Any, step: str = "match") -> None:
    asyncio.run(policy.run(batch, handle, step=step))


def test_only_the_poison_record_is_dead_lettered_and_the_rest_is_processed() -> None:
    processed: list[bytes] = []

    async def handle(batch: list[Record]) -> None:
        if any(r.value == b"poison" for r in batch):
            raise ValueError("not an enriched mention")
        processed.extend(r.value or b"" for r in batch)

    published: Published = []
    batch = records(b"a", b"b", b"poison", b"c", b"d")
    run(policy(published), batch, handle)
    assert sorted(processed) == [b"a", b"b", b"c", b"d"]
    assert len(published) == 1
    key, value, headers = published[0]
    found = dict(headers)
    assert (key, value) == (b"k2", b"poison")
    assert found["webcare.reason"] == b"ValueError: not an enriched mention"
    assert found["webcare.step"] == b"match"
    assert (found["webcare.origin.topic"], found["webcare.origin.partition"],
            found["webcare.origin.offset"]) == (b"alerts", b"2", b"12")


def test_an_infrastructure_failure_is_retried_not_dead_lettered() -> None:
    calls: list[int] = []

    async def handle(batch: list[Record]) -> None:
        calls.append(len(batch))
        if len(calls) < 3:
            raise ConnectionRefusedError("Elasticsearch is down")

    published: Published = []
    run(policy(published), records(b"a", b"b"), handle)
    assert calls == [2, 2, 2] and published == []


def test_an_oversized_record_is_cut_to_the_limit_with_its_size_said() -> None:
    async def handle(_batch: list[Record]) -> None:
        raise ValueError("too large to publish")

    published: Published = []
    big = b"x" * 50_000
    run(policy(published, max_bytes=2_048), records(big), handle)
    _key, value, headers = published[0]
    assert len(value) == 2_048
    assert dict(headers)["webcare.original_size"] == str(50_000 + 2).encode()


def test_the_strict_policy_raises_instead() -> None:
    async def handle(_batch: list[Record]) -> None:
        raise ValueError("broken")

    with pytest.raises(UnprocessableRecord, match="match: ValueError: broken"):
        run(policy([], strict=True), records(b"a"), handle)
