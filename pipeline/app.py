"""The Faust app: topics, the de-duplication table and the agents, declared in one place by
``create_app``. Agents are a few lines around pure logic (``plan_batch``, ``AlertMatcher``)
and the I/O helpers (the Elasticsearch sink, the deliverer).

    mentions.raw --enrich_mentions--> Elasticsearch `mentions` + mentions.enriched
    mentions.enriched --match_alerts--> Elasticsearch `alerts` + alerts
    alerts --deliver_alerts--> webhooks, Slack (delivery log in `alert-deliveries`)
        failing receivers --> alerts.retry --retry_deliveries task--> (again, with pauses)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, Literal

import faust
from aiokafka import AIOKafkaConsumer
from elasticsearch import AsyncElasticsearch

from models.alerting import AlertMatcher
from models.enrich import Enricher
from pipeline.dead_letters import ErrorPolicy, UnprocessableRecord, dead_letter_headers
from pipeline.delivery import (
    Deliverer,
    DeliveryLog,
    PendingDelivery,
    alert_json,
    parse_alert,
)
from pipeline.index import put_template_async
from pipeline.processing import DeadLetter, Record, plan_batch
from pipeline.sink import Document, ElasticsearchSink, mention_document
from pipeline.spike_store import SpikeWindowStore
from pipeline.subscription_store import SubscriptionStore
from pipeline.topics import TopicNames
from pipeline.transport import GaplessConsumer
from schemas.mentions import EnrichedMention
from webcare.settings import Settings

log = logging.getLogger("webcare.worker")


@dataclass
class WorkerStats:
    indexed: int = 0
    duplicates: int = 0
    unmatched: int = 0
    dead_lettered: int = 0
    alerts: int = 0
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


SLOW_BATCH_S = 1.0


async def send_all(topic: Any, messages: Iterable[tuple[bytes | None, bytes, Any]]) -> None:
    """Publish ``(key, value, headers)`` messages and wait for Kafka's acknowledgements. All are
    queued before any is awaited: awaiting each send in turn hands the event loop to the other
    agents between every two messages (measured: 0.7-1.7 ms a message at 500/s)."""
    sends = await asyncio.gather(*(topic.send(key=key, value=value, headers=headers)
                                   for key, value, headers in messages))
    await asyncio.gather(*sends)


async def retry_until_done(what: str, action: Callable[[], Awaitable[None]],
                           slow_after_s: float | None = SLOW_BATCH_S) -> None:
    """Run ``action`` until it succeeds. Faust acks a batch once the agent moves on, so an
    exception escaping an agent would ack unprocessed events: unexpected failures retry.
    A batch slower than ``slow_after_s`` is logged: alerts must be fast."""
    backoff = 1.0
    while True:
        started = time.monotonic()
        try:
            await action()
            took = time.monotonic() - started
            if slow_after_s is not None and took > slow_after_s:
                log.warning("slow: %s took %.1fs", what, took)
            return
        except UnprocessableRecord:
            raise
        except Exception:
            log.exception("%s failed; retrying in %.0fs", what, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 30)


Role = Literal["enrich", "alerts"]
ROLES: tuple[Role, ...] = ("enrich", "alerts")


def create_app(
    settings: Settings, enricher: Enricher, *, error_policy: ErrorPolicy = "dead-letter",
    partitions: int | None = None, team_brands: dict[str, frozenset[str] | None] | None = None,
    roles: tuple[Role, ...] = ROLES,
) -> faust.App:
    """``roles`` picks the agents: ``enrich`` (mentions.raw -> index + mentions.enriched) and
    ``alerts`` (matching and delivery). One process runs both by default; under load, run one
    process per role (``webcare worker --role enrich`` and ``--role alerts``), each its own
    consumer group, so they use a core each."""
    topics = TopicNames.for_settings(settings)
    partitions = partitions or settings.partitions
    alias = settings.index_name("mentions")
    alerts_alias = settings.index_name("alerts")
    app_id = settings.index_name("webcare-worker" if "enrich" in roles else "webcare-alerts")
    datadir = settings.home.resolve() / "worker" / app_id
    datadir.parent.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        app_id,
        broker=f"webcare-kafka://{settings.resolved_kafka()}",  # pipeline/transport.py
        store="memory://",
        web_enabled=False,
        datadir=str(datadir),
        topic_partitions=partitions,
        topic_replication_factor=1,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        producer_linger=0.005,
        broker_commit_interval=1.0,
        stream_wait_empty=True,
        table_standby_replicas=0,
    )
    raw: dict[str, Any] = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw",
                           "value_serializer": "raw"}
    raw_topic = app.topic(topics.raw, partitions=partitions, **raw)
    enriched_topic = app.topic(topics.enriched, **raw)
    dlq_topic = app.topic(topics.dlq, **raw)
    alerts_topic = app.topic(topics.alerts, **raw)
    retry_topic = app.topic(topics.alert_retries, **raw)
    # key -> "partition:offset" of its first delivery. bytes keys use the "raw" codec, so
    # the changelog is partitioned like mentions.raw (same key bytes, same murmur2
    # partitioner): a worker owns the entries of exactly the raw partitions it consumes.
    first_seen = app.Table("first-delivery", default=None, key_type=bytes, value_type=bytes,
                           partitions=partitions, use_partitioner=True
                           ) if "enrich" in roles else None

    es = AsyncElasticsearch(settings.resolved_es(), request_timeout=60)
    sink = ElasticsearchSink(es, settings.resolved_es())
    store = SubscriptionStore(es, settings.index_name("subscriptions"))
    matcher = AlertMatcher(team_brands if team_brands is not None else {"default": None})
    deliverer = Deliverer(DeliveryLog(es, settings.index_name("alert-deliveries")))
    stats = WorkerStats()
    ready = asyncio.Event()
    subscriptions_loaded = asyncio.Event()  # match nothing before the first load
    subscriptions_version: list[Any] = [None]
    spike_store = SpikeWindowStore(es, settings.index_name("spike-windows"))
    saved_spikes: list[dict[str, Any]] = [{}]

    def first_delivery(key: str) -> str | None:
        assert first_seen is not None
        seen = first_seen.get(key.encode())
        return seen.decode() if seen else None

    @app.task
    async def install_templates() -> None:
        async def install() -> None:
            await put_template_async(es, alias, "mentions")
            await put_template_async(es, alerts_alias, "alerts")
            await store.ensure()
            # Create this month's mention and alert indices and the delivery log now: creating
            # an index on first write stalls that write for seconds, and the first alert must
            # be fast.
            ignore_exists = es.options(ignore_status=400)
            month = f"{datetime.now(UTC):%Y.%m}"
            await ignore_exists.indices.create(index=f"{alerts_alias}-{month}")
            await ignore_exists.indices.create(index=f"{alias}-{month}")
            await ignore_exists.indices.create(
                index=settings.index_name("alert-deliveries"),
                settings={"number_of_shards": 1, "number_of_replicas": 0})

        await retry_until_done(f"installing index templates at {settings.resolved_es()}",
                               install)
        ready.set()

    async def refresh_subscriptions() -> None:
        if not ready.is_set():
            return
        try:
            version = await store.version()
            if version != subscriptions_version[0]:
                matcher.load(await store.list())
                if subscriptions_version[0] is None:  # first load: the saved spike windows
                    restored = matcher.restore_spikes(await spike_store.load())
                    if restored:
                        log.info("restored %d spike windows", restored)
                subscriptions_version[0] = version
                log.info("watching %d subscriptions", len(matcher.index))
        except Exception as exc:  # a timer that raises stops the worker: try next second
            log.warning("cannot read subscriptions from %s (%s); keeping the %d loaded",
                        settings.resolved_es(), exc, len(matcher.index))
            return
        subscriptions_loaded.set()

    async def save_spike_windows() -> None:
        if not subscriptions_loaded.is_set():
            return
        states = matcher.spike_states()
        changed = {sid: state for sid, state in states.items()
                   if saved_spikes[0].get(sid) != state}
        if not changed:
            return
        try:
            await spike_store.save(changed)
        except Exception as exc:  # next time, with whatever changed by then
            log.warning("cannot save spike windows (%s)", exc)
            return
        saved_spikes[0] = states

    async def dead_letter(letters: list[DeadLetter]) -> None:
        if not letters:
            return
        if error_policy == "raise":
            raise UnprocessableRecord("; ".join(f"{d.step}: {d.reason}" for d in letters))
        await send_all(dlq_topic, [(d.record.key, d.record.value or b"",
                                    dead_letter_headers(d)) for d in letters])
        for letter in letters:
            log.warning("dead-lettered %s[%d]@%d at %s: %s", letter.record.topic,
                        letter.record.partition, letter.record.offset, letter.step,
                        letter.reason)
        stats.dead_lettered += len(letters)

    async def handle_raw(records: list[Record]) -> None:
        seen_table = first_seen
        assert seen_table is not None  # handle_raw only runs with the enrich role
        plan = plan_batch(records, enricher, first_delivery, settings.index_unmatched)
        await ready.wait()
        documents = [mention_document(alias, m) for _, m in plan.to_index]
        rejected = await sink.write(documents)
        rejected_at = {r.position: r.reason for r in rejected}
        outputs = []
        for pos, ((record, mention), document) in enumerate(
                zip(plan.to_index, documents, strict=True)):
            if pos in rejected_at:
                plan.dead.append(DeadLetter(record, "index", rejected_at[pos]))
                continue
            seen_table[mention.doc_id.encode()] = record.delivery.encode()
            # The indexed JSON is the enriched event: serialised once.
            outputs.append((mention.doc_id.encode(), document.body, None))
        await send_all(enriched_topic, outputs)
        await dead_letter(plan.dead)
        stats.indexed += len(plan.to_index) - len(rejected)
        stats.duplicates += len(plan.duplicates)
        stats.unmatched += len(plan.unmatched)
        stats.batches += 1

    async def enrich_mentions(stream: Any) -> None:  # a faust.Stream; its stub lacks take_events
        async for events in stream.take_events(settings.worker_batch_size,
                                               within=settings.worker_batch_within_s):
            # take_events acks the batch once this body returns: only after the documents
            # are in Elasticsearch and the outputs are delivered.
            records = _records(events)
            await retry_until_done(f"batch of {len(records)}", partial(handle_raw, records))

    async def handle_enriched(values: list[bytes]) -> None:
        await subscriptions_loaded.wait()
        now = datetime.now(UTC)
        alerts = [alert for value in values
                  for alert in matcher.process(EnrichedMention.model_validate_json(value), now)]
        if not alerts:
            return
        await send_all(alerts_topic,
                       [(a.subscription_id.encode(), alert_json(a), None) for a in alerts])
        stats.alerts += len(alerts)

    async def match_alerts(stream: Any) -> None:
        async for events in stream.take_events(1000, within=0.02):
            values = [e.message.value for e in events]
            await retry_until_done(f"alert matching of {len(values)} mentions",
                                   partial(handle_enriched, values))

    async def handle_alerts(values: list[bytes]) -> None:
        alerts = [parse_alert(value) for value in values]
        batch = [(a, sub) for a in alerts
                 if (sub := matcher.subscription(a.subscription_id)) is not None]
        history = [Document(f"{alerts_alias}-{a.created_at:%Y.%m}", a.id, alert_json(a))
                   for a in alerts]
        # Alert history is written while the webhooks go out, not before them: it is not on
        # the path to the receiver. Deleted subscriptions have nothing to deliver to.
        pending, _ = await asyncio.gather(deliverer.deliver(batch), sink.write(history))
        await publish_retries(pending)

    async def publish_retries(pending: list[PendingDelivery]) -> None:
        await send_all(retry_topic, [(p.alert.id.encode(), p.to_json(), None) for p in pending])

    async def handle_retries(values: list[bytes]) -> None:
        await subscriptions_loaded.wait()
        pending = [PendingDelivery.from_json(value) for value in values]
        again = await deliverer.retry(
            [(p, matcher.subscription(p.alert.subscription_id)) for p in pending])
        await publish_retries(again)

    async def retry_deliveries() -> None:
        """Reads ``alerts.retry`` with a plain consumer of its own group, committing after each
        batch. Not a Faust agent: these batches sleep until their retries are due, and as an
        agent stream it made the restart-recovery stall (a Faust consumer issue that also
        occurs without it) happen more often in testing."""
        await subscriptions_loaded.wait()
        consumer = AIOKafkaConsumer(
            topics.alert_retries, bootstrap_servers=settings.resolved_kafka(),
            group_id=settings.index_name("webcare-alert-retries"), enable_auto_commit=False,
            auto_offset_reset="earliest")
        await consumer.start()
        try:
            while True:
                fetched = await consumer.getmany(timeout_ms=500, max_records=1000)
                values = [r.value for records in fetched.values() for r in records]
                if not values:
                    continue
                # Slow by design: each retry waits for its moment.
                await retry_until_done(f"retry of {len(values)} deliveries",
                                       partial(handle_retries, values), slow_after_s=None)
                await consumer.commit()
        finally:
            await consumer.stop()

    async def deliver_alerts(stream: Any) -> None:
        # Up to 1,000 at once: each batch costs two Elasticsearch round trips for the delivery
        # log, so under load bigger batches are what keeps delivery ahead of the stream.
        async for events in stream.take_events(1000, within=0.02):
            values = [e.message.value for e in events]
            await retry_until_done(f"delivery of {len(values)} alerts",
                                   partial(handle_alerts, values))

    @app.timer(10.0)
    async def report() -> None:
        now = {"indexed": stats.indexed, "duplicates": stats.duplicates,
               "unmatched": stats.unmatched, "dead_lettered": stats.dead_lettered,
               "alerts": stats.alerts}
        if now != stats.last_logged:
            log.info(" ".join(f"{k}={v}" for k, v in now.items()))
            stats.last_logged = now

    @app.timer(1.0)
    async def reread_skipped() -> None:
        consumer = app.consumer
        if isinstance(consumer, GaplessConsumer):
            for tp, offset in await consumer.reread_skipped():
                log.warning("re-reading %s[%d] from offset %d: the stream skipped a message "
                            "there", tp.topic, tp.partition, offset)

    async def close_clients(_app: Any, *_args: Any, **_kwargs: Any) -> None:
        await deliverer.close()
        await es.close()

    app.on_before_shutdown.connect(close_clients)  # type: ignore[arg-type]
    if "enrich" in roles:
        app.agent(raw_topic)(enrich_mentions)
    if "alerts" in roles:
        app.timer(1.0)(refresh_subscriptions)
        app.timer(5.0)(save_spike_windows)
        app.agent(enriched_topic)(match_alerts)
        app.agent(alerts_topic)(deliver_alerts)
        app.task(retry_deliveries)

    return app
