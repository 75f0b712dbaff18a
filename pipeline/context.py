"""What the worker's agents share: settings, the Elasticsearch client and sink, the Faust
topics, the error policy and the counters. Built once by ``pipeline.app.create_app``; the
agents take it instead of reaching into an enclosing scope."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import AsyncElasticsearch

from core.settings import Settings
from core.topics import TopicNames
from pipeline.errors import DeadLetters, Handler, RecordPolicy
from pipeline.records import Record
from pipeline.sink import ElasticsearchSink

Message = tuple[bytes | None, bytes, Any]  # key, value, headers


async def send_all(topic: Any, messages: Iterable[Message]) -> None:
    """Publish messages and wait for Kafka's acknowledgements. All are queued before any is
    awaited: awaiting each send in turn hands the event loop to the other agents between every
    two messages (measured: 0.7-1.7 ms a message at 500/s)."""
    sends = await asyncio.gather(*(topic.send(key=key, value=value, headers=headers)
                                   for key, value, headers in messages))
    await asyncio.gather(*sends)


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
    conversations: Any  # conversations.messages, keyed by thread


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
