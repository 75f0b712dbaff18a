"""The Faust app: topics, the de-duplication table and the enrichment agent, declared in one
place by ``create_app``. The agent is a few lines around ``plan_batch`` (pure) and the sink."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import faust
import orjson
from elasticsearch import AsyncElasticsearch

from models.enrich import Enricher
from pipeline.dead_letters import ErrorPolicy, UnprocessableRecord, dead_letter_headers
from pipeline.index import put_template_async
from pipeline.processing import DeadLetter, Record, plan_batch
from pipeline.sink import ElasticsearchSink
from pipeline.topics import TopicNames
from webcare.settings import Settings

log = logging.getLogger("webcare.worker")


@dataclass
class WorkerStats:
    indexed: int = 0
    duplicates: int = 0
    unmatched: int = 0
    dead_lettered: int = 0
    batches: int = 0
    last_logged: dict[str, int] = field(default_factory=dict)


def _records(events: Iterable[Any]) -> list[Record]:
    return [
        Record(
            topic=e.message.topic, partition=e.message.partition, offset=e.message.offset,
            key=e.message.key, value=e.message.value,
        )
        for e in events
    ]


def create_app(
    settings: Settings, enricher: Enricher, *, error_policy: ErrorPolicy = "dead-letter",
    partitions: int | None = None,
) -> faust.App:
    topics = TopicNames.for_settings(settings)
    partitions = partitions or settings.partitions
    alias = settings.index_name("mentions")
    app_id = settings.index_name("webcare-worker")
    datadir = settings.home.resolve() / "worker" / app_id
    datadir.parent.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        app_id,
        broker=f"kafka://{settings.resolved_kafka()}",
        store="memory://",
        web_enabled=False,
        datadir=str(datadir),
        topic_partitions=partitions,
        topic_replication_factor=1,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        broker_commit_interval=1.0,
        stream_wait_empty=True,
        table_standby_replicas=0,
    )
    raw_topic = app.topic(topics.raw, key_type=bytes, value_type=bytes, key_serializer="raw",
                          value_serializer="raw", partitions=partitions)
    enriched_topic = app.topic(topics.enriched, key_serializer="raw", value_serializer="raw")
    dlq_topic = app.topic(topics.dlq, key_serializer="raw", value_serializer="raw")
    # key -> "partition:offset" of its first delivery. Keys are partitioned like the raw
    # topic (same key bytes, same murmur2 partitioner), so a worker owns the table entries
    # of exactly the raw partitions it consumes.
    # bytes keys and values use Faust's "raw" codec: the changelog key is the very bytes
    # the ingest agents key mentions.raw with.
    first_seen = app.Table("first-delivery", default=None, key_type=bytes, value_type=bytes,
                           partitions=partitions, use_partitioner=True)

    def first_delivery(key: str) -> str | None:
        seen = first_seen.get(key.encode())
        return seen.decode() if seen else None
    es = AsyncElasticsearch(settings.resolved_es(), request_timeout=60)
    sink = ElasticsearchSink(es, alias, settings.resolved_es())
    stats = WorkerStats()
    template_ready = asyncio.Event()

    @app.task
    async def install_template() -> None:
        backoff = 1.0
        while True:
            try:
                await put_template_async(es, alias)
                template_ready.set()
                return
            except Exception as exc:  # keep trying: the worker is a long-running process
                log.warning("Elasticsearch at %s: cannot install index template (%s); "
                            "retrying in %.0fs", settings.resolved_es(), exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)

    async def dead_letter(letters: list[DeadLetter]) -> None:
        if not letters:
            return
        if error_policy == "raise":
            raise UnprocessableRecord("; ".join(f"{d.step}: {d.reason}" for d in letters))
        sends = [await dlq_topic.send(key=d.record.key, value=d.record.value or b"",
                                      headers=dead_letter_headers(d)) for d in letters]
        await asyncio.gather(*sends)
        for letter in letters:
            log.warning("dead-lettered %s[%d]@%d at %s: %s", letter.record.topic,
                        letter.record.partition, letter.record.offset, letter.step,
                        letter.reason)
        stats.dead_lettered += len(letters)

    async def handle(records: list[Record]) -> None:
        plan = plan_batch(records, enricher, first_delivery, settings.index_unmatched)
        await template_ready.wait()
        mentions = [m for _, m in plan.to_index]
        rejected = await sink.write(mentions)
        rejected_at = {r.position: r.reason for r in rejected}
        sends = []
        for pos, (record, mention) in enumerate(plan.to_index):
            if pos in rejected_at:
                plan.dead.append(DeadLetter(record, "index", rejected_at[pos]))
                continue
            first_seen[mention.doc_id.encode()] = record.delivery.encode()
            sends.append(await enriched_topic.send(
                key=mention.doc_id.encode(),
                value=orjson.dumps(mention.model_dump(mode="json", exclude_none=True)),
            ))
        await asyncio.gather(*sends)
        await dead_letter(plan.dead)
        stats.indexed += len(plan.to_index) - len(rejected)
        stats.duplicates += len(plan.duplicates)
        stats.unmatched += len(plan.unmatched)
        stats.batches += 1

    @app.agent(raw_topic)
    async def enrich_mentions(stream: Any) -> None:  # a faust.Stream; its stub lacks take_events
        async for events in stream.take_events(settings.worker_batch_size,
                                               within=settings.worker_batch_within_s):
            # take_events acks the whole batch once this body returns: only after the
            # documents are in Elasticsearch and the outputs are delivered. An exception
            # escaping here would ack an unprocessed batch, so unexpected failures retry.
            records = _records(events)
            backoff = 1.0
            while True:
                try:
                    await handle(records)
                    break
                except UnprocessableRecord:
                    raise
                except Exception:
                    log.exception("batch of %d failed; retrying in %.0fs", len(records), backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 30)

    @app.timer(10.0)
    async def report() -> None:
        now = {"indexed": stats.indexed, "duplicates": stats.duplicates,
               "unmatched": stats.unmatched, "dead_lettered": stats.dead_lettered}
        if now != stats.last_logged:
            log.info("indexed=%d duplicates=%d unmatched=%d dead_lettered=%d batches=%d",
                     stats.indexed, stats.duplicates, stats.unmatched, stats.dead_lettered,
                     stats.batches)
            stats.last_logged = now

    app.webcare_stats = stats  # type: ignore[attr-defined]
    return app
