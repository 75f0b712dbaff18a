"""The enrichment agent plans the next batch while the previous one is written: writes and
acknowledgements stay in log order, a re-delivery across the two batches is still dropped, the
de-duplication entries go out as changelog records with the batch, and a batch that fails is
never acknowledged."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
import pytest

import pipeline.enrichment_agent as enrichment_agent
from core.settings import load_settings
from core.topics import TopicNames
from models.brands import BrandConfig
from models.enrich import Enricher
from pipeline.context import Message, Topics, WorkerContext
from pipeline.dedup import delivery_of, from_changelog
from pipeline.enrichment_agent import EnrichmentAgent
from pipeline.enrichment_processes import InProcess
from pipeline.errors import DeadLetters, RecordPolicy
from pipeline.sink import Document, Rejected

ENRICHER = Enricher(BrandConfig())


@dataclass(frozen=True)
class FakeMessage:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


@dataclass(frozen=True)
class FakeEvent:
    message: FakeMessage


def event(offset: int, mention_id: str) -> FakeEvent:
    value = orjson.dumps({"id": mention_id, "source": "twitter", "text": "Pakket kwijt, help!",
                          "created_at": "2026-11-20T10:00:00Z", "author": {"handle": "anna"}})
    return FakeEvent(FakeMessage("mentions.raw", 0, offset, f"twitter:{mention_id}".encode(),
                                 value))


@dataclass
class FakeStream:
    batches: list[list[FakeEvent]]
    acked: list[int] = field(default_factory=list)

    async def noack_take(self, max_: int, within: float) -> AsyncIterator[list[FakeEvent]]:
        for batch in self.batches:
            yield batch

    async def ack(self, done: FakeEvent) -> None:
        self.acked.append(done.message.offset)


@dataclass
class FakeSink:
    fail_on: str | None = None
    written: list[list[str]] = field(default_factory=list)

    async def write(self, documents: Sequence[Document]) -> list[Rejected]:
        await asyncio.sleep(0)  # an answer that takes a while: the next batch is planned
        ids = [d.id for d in documents]
        if self.fail_on in ids:
            raise ValueError(f"cannot write {self.fail_on}")
        self.written.append(ids)
        return []


@dataclass
class FakeTable:
    changelog_topic: str = "first-delivery-changelog"
    data: dict[bytes, bytes] = field(default_factory=dict)

    def get(self, key: bytes) -> bytes | None:
        return self.data.get(key)


def agent_with(sink: FakeSink, sent: list[tuple[Any, list[Message]]]) -> EnrichmentAgent:
    settings = load_settings()
    topics = Topics(*(f"topic-{name}" for name in ("raw", "enriched", "dlq", "alerts",
                                                    "retries", "conversations")))
    letters = DeadLetters(lambda _messages: asyncio.sleep(0), max_bytes=1000, policy="raise")
    context = WorkerContext(settings, TopicNames.for_settings(settings), topics,
                            None, sink, RecordPolicy(letters))  # type: ignore[arg-type]
    context.ready.set()
    return EnrichmentAgent(context, InProcess(ENRICHER), FakeTable())


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, list[Message]]]:
    calls: list[tuple[Any, list[Message]]] = []

    async def record(topic: Any, messages: list[Message]) -> None:
        calls.append((topic, list(messages)))

    monkeypatch.setattr(enrichment_agent, "send_all", record)
    return calls


def test_batches_are_written_and_acknowledged_in_order_and_redeliveries_dropped(
        sent: list[tuple[Any, list[Message]]]) -> None:
    sink = FakeSink()
    agent = agent_with(sink, sent)
    # Offset 3 re-delivers the mention of offset 1, which is still being written when the
    # second batch is planned.
    stream = FakeStream([[event(1, "a"), event(2, "b")], [event(3, "a"), event(4, "c")]])
    asyncio.run(agent.enrich_mentions(stream))

    assert sink.written == [["twitter:a", "twitter:b"], ["twitter:c"]]
    assert stream.acked == [1, 2, 3, 4]
    assert agent.context.stats.duplicates == 1 and agent.context.stats.indexed == 3
    table = agent.first_seen
    assert {k: delivery_of(v) for k, v in table.data.items()} == {
        b"twitter:a": "0:1", b"twitter:b": "0:2", b"twitter:c": "0:4"}
    changelog = [m for topic, messages in sent if topic == table.changelog_topic
                 for m in messages]
    assert [key for key, _, _ in changelog] == [b"twitter:a", b"twitter:b", b"twitter:c"]
    assert all(value is not None and table.data[key] == from_changelog(value)
               for key, value, _ in changelog)


def test_a_failing_batch_is_not_acknowledged_and_stops_the_stream(
        sent: list[tuple[Any, list[Message]]]) -> None:
    sink = FakeSink(fail_on="twitter:c")
    agent = agent_with(sink, sent)
    stream = FakeStream([[event(1, "a"), event(2, "b")], [event(3, "c")],
                         [event(4, "d")]])
    with pytest.raises(Exception, match="cannot write twitter:c"):
        asyncio.run(agent.enrich_mentions(stream))
    assert stream.acked == [1, 2]  # the first batch only
    assert sink.written == [["twitter:a", "twitter:b"]]
    assert b"twitter:c" not in agent.first_seen.data
