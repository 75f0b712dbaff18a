"""What the worker's agents share: settings, the Elasticsearch client and sink, the Faust
topics, the error policy and the counters. Built once by ``pipeline.app.create_app``; the
agents take it instead of reaching into an enclosing scope."""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import AsyncElasticsearch
from murmurhash2 import murmurhash2

from core.settings import Settings
from core.topics import TopicNames
from pipeline.errors import DeadLetters, Handler, RecordPolicy
from pipeline.packs import packs
from pipeline.records import Record
from pipeline.sink import ElasticsearchSink

Message = tuple[bytes | None, bytes | None, Any]  # key, value (None: a tombstone), headers
_KAFKA_MURMUR2_SEED = 0x9747B28C


def key_partition(key: bytes, partitions: list[int]) -> int:
    """The partition Kafka's default partitioner (Java's, aiokafka's, kafka-python's) gives
    ``key``: the positive murmur2 hash of its bytes, modulo the partition count."""
    return partitions[(murmurhash2(key, _KAFKA_MURMUR2_SEED) & 0x7FFFFFFF) % len(partitions)]


async def send_all(topic: Any, messages: Iterable[Message]) -> None:
    """Publish messages and wait for Kafka's acknowledgements: one record batch per partition
    handed to aiokafka's producer (the one under Faust's), partitioned by key as its default
    partitioner does, so keyed messages land where Faust's own sends and tables expect them.
    Sending one by one cost a future and an accumulator call per message: a fifth of the
    worker's time at full speed (``benchmarks/pipeline_speed.py``); queued sends awaited one
    by one were worse still (0.7-1.7 ms a message at 500/s)."""
    pending = list(messages)
    if not pending:
        return
    producer, name, partitions = await _destination(topic)
    by_partition: dict[int, list[Message]] = defaultdict(list)
    for message in pending:
        key = message[0]
        partition = (key_partition(key, partitions) if key is not None
                     else random.choice(partitions))
        by_partition[partition].append(message)
    await _send_batches(producer, name, by_partition)


async def send_packed(topic: Any, messages: Iterable[tuple[bytes, bytes]]) -> None:
    """Publish keyed messages in packs (``pipeline.packs``): each message goes to the
    partition its key gives, as with ``send_all``, in a record that holds the values of the
    messages bound for that partition; the records have no key."""
    pending = list(messages)
    if not pending:
        return
    producer, name, partitions = await _destination(topic)
    by_partition: dict[int, list[bytes]] = defaultdict(list)
    for key, value in pending:
        by_partition[key_partition(key, partitions)].append(value)
    await _send_batches(producer, name, {
        partition: [(None, pack, None) for pack in packs(values)]
        for partition, values in by_partition.items()})


async def _destination(topic: Any) -> tuple[Any, str, list[int]]:
    """Faust's aiokafka producer (started), the topic's name and its partitions."""
    producer = topic.app.producer._ensure_producer()
    name = topic.get_topic_name()
    return producer, name, sorted(await producer.partitions_for(name))


async def _send_batches(producer: Any, name: str, by_partition: dict[int, list[Message]]
                        ) -> None:
    acks = []
    for partition, items in by_partition.items():
        batch = producer.create_batch()
        for key, value, headers in items:
            record = {"key": key, "value": value, "timestamp": None,
                      "headers": list(headers or [])}
            if batch.append(**record) is None:  # full: send it, start the next
                acks.append(await producer.send_batch(batch, name, partition=partition))
                batch = producer.create_batch()
                if batch.append(**record) is None:  # larger than a batch: on its own
                    acks.append(await producer.send(name, value, key=key, partition=partition,
                                                    headers=record["headers"]))
                    batch = producer.create_batch()
        if batch.record_count():
            acks.append(await producer.send_batch(batch, name, partition=partition))
    await asyncio.gather(*acks)


@dataclass
class WorkerStats:
    indexed: int = 0
    duplicates: int = 0
    unmatched: int = 0
    alerts: int = 0
    deleted: int = 0  # removed because the source deleted them
    batches: int = 0


@dataclass(frozen=True)
class Topics:
    """The worker's Faust topic handles (raw bytes in and out)."""

    raw: Any
    enriched: Any
    dlq: Any
    alerts: Any
    retries: Any
    conversations: Any  # conversations.messages: packs of messages partitioned by thread


@dataclass
class WorkerContext:
    settings: Settings
    names: TopicNames
    topics: Topics
    es: AsyncElasticsearch
    sink: ElasticsearchSink
    policy: RecordPolicy
    # Keeps the commits below records whose batch was left unfinished (pipeline.transport).
    hold_back: Callable[[list[Record]], None] = lambda _records: None
    stats: WorkerStats = field(default_factory=WorkerStats)
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # templates installed

    async def process(self, records: list[Record], handle: Handler, *, step: str) -> None:
        """Run ``handle`` over a batch under the error policy. A batch left unfinished (the
        worker stopping mid-batch) is held back from the commits: Faust acknowledges it when
        its agent is cancelled, processed or not."""
        try:
            await self.policy.run(records, handle, step=step)
        except BaseException:
            self.hold_back(records)
            raise

    @property
    def dead_letters(self) -> DeadLetters:
        return self.policy.dead_letters

    def index(self, name: str) -> str:
        return self.settings.index_name(name)
